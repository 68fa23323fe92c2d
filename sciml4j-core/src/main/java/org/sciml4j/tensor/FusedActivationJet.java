package org.sciml4j.tensor;

import java.util.List;

/**
 * The Taylor rule of tanh, sin and cos to order 2 as one node with flat loops: the hot path of a PINN's Taylor pass
 * (every hidden layer of an MLP, Fourier features). With f', f'', f''' at the primal x_0 (per element), coefficients
 * y_1 = f' x_1 and y_2 = f' x_2 + f''/2 x_1^2 for every direction row, in one pass over the stack; its reverse rule is
 * the matching loop. Inputs: x_0 (shape S) and the stack of x (R, *S); output: the stack of y.
 * <p>
 * The node differentiates to any order: when its rules run recorded (a gradient to be differentiated again, or a
 * tangent) they differentiate the same rule written in tensor operations ({@link TaylorRules}) instead of running the
 * loops, so the results agree to rounding and higher derivatives stay exact.
 */
final class FusedActivationJet extends Primitive {
    /** The activations with a fused rule. */
    enum Kind { TANH, SIN, COS }

    private final Kind kind;
    private final TaylorPlan plan;
    /** f', f'', f''' at x_0, per element of S. */
    private final double[] d1;
    private final double[] d2;
    private final double[] d3;

    private FusedActivationJet(Kind kind, TaylorPlan plan, double[] d1, double[] d2, double[] d3) {
        this.kind = kind;
        this.plan = plan;
        this.d1 = d1;
        this.d2 = d2;
        this.d3 = d3;
    }

    /**
     * The stack of f(x) from the stack of x, for plans of order at most 2.
     *
     * @param x     the primal input x_0, shape S
     * @param out   the primal output f(x_0), shape S
     * @param stack the stack of x, shape (R, *S)
     */
    static Tensor apply(Kind kind, TaylorPlan plan, Tensor x, Tensor out, Tensor stack) {
        int m = x.data.length;
        double[] d1 = new double[m];
        double[] d2 = new double[m];
        double[] d3 = new double[m];
        derivatives(kind, x.data, out.data, d1, d2, d3);
        FusedActivationJet op = new FusedActivationJet(kind, plan, d1, d2, d3);
        return Tensor.record(op, op.forward(stack.data, m), stack.shape, x, stack);
    }

    /** f', f'', f''' at x from x and f(x). */
    private static void derivatives(Kind kind, double[] x, double[] y, double[] d1, double[] d2, double[] d3) {
        for (int e = 0; e < x.length; e++) {
            switch (kind) {
                case TANH -> {
                    double z = 1 - y[e] * y[e];
                    d1[e] = z;
                    d2[e] = -2 * y[e] * z;
                    d3[e] = z * (4 * y[e] * y[e] - 2 * z);
                }
                case SIN -> {
                    double c = Math.cos(x[e]);
                    d1[e] = c;
                    d2[e] = -y[e];
                    d3[e] = -c;
                }
                case COS -> {
                    double s = Math.sin(x[e]);
                    d1[e] = -s;
                    d2[e] = -y[e];
                    d3[e] = s;
                }
                default -> throw new IllegalStateException(kind.toString());
            }
        }
    }

    private double[] forward(double[] xs, int m) {
        double[] ys = new double[xs.length];
        for (int d = 0; d < plan.rows[1]; d++) {
            int o = (plan.start[1] + d) * m;
            for (int e = 0; e < m; e++) {
                ys[o + e] = d1[e] * xs[o + e];
            }
        }
        for (int d = 0; plan.order >= 2 && d < plan.rows[2]; d++) {
            int o1 = (plan.start[1] + d) * m;
            int o2 = (plan.start[2] + d) * m;
            for (int e = 0; e < m; e++) {
                double x1 = xs[o1 + e];
                ys[o2 + e] = d1[e] * xs[o2 + e] + 0.5 * d2[e] * x1 * x1;
            }
        }
        return ys;
    }

    @Override
    String name() {
        return kind.name().toLowerCase() + " (Taylor)";
    }

    @Override
    Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
        if (Autodiff.isRecording()) {
            Tensor[] h = handles(in);
            List<Tensor> r = Autodiff.grad(rule(h), List.of(h[0], h[1]), g, true);
            return new Tensor[] {need[0] ? r.get(0) : null, need[1] ? r.get(1) : null};
        }
        int m = d1.length;
        double[] xs = in[1].data;
        double[] gs = g.data;
        double[] gx0 = need[0] ? new double[m] : null;
        double[] gx = need[1] ? new double[xs.length] : null;
        for (int d = 0; d < plan.rows[1]; d++) {
            int o = (plan.start[1] + d) * m;
            for (int e = 0; e < m; e++) {
                if (gx != null) {
                    gx[o + e] = gs[o + e] * d1[e];
                }
                if (gx0 != null) {
                    gx0[e] += gs[o + e] * d2[e] * xs[o + e];
                }
            }
        }
        for (int d = 0; plan.order >= 2 && d < plan.rows[2]; d++) {
            int o1 = (plan.start[1] + d) * m;
            int o2 = (plan.start[2] + d) * m;
            for (int e = 0; e < m; e++) {
                double g2 = gs[o2 + e];
                double x1 = xs[o1 + e];
                if (gx != null) {
                    gx[o1 + e] += g2 * d2[e] * x1;
                    gx[o2 + e] = g2 * d1[e];
                }
                if (gx0 != null) {
                    gx0[e] += g2 * (d2[e] * xs[o2 + e] + 0.5 * d3[e] * x1 * x1);
                }
            }
        }
        return new Tensor[] {gx0 == null ? null : Tensor.wrap(gx0, in[0].shape),
            gx == null ? null : Tensor.wrap(gx, in[1].shape)};
    }

    @Override
    Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
        try (Autodiff.Scope s = Autodiff.enableGrad()) {
            Tensor[] h = handles(in);
            Tensor t0 = t[0] != null ? t[0] : Tensor.zeros(in[0].shape);
            Tensor t1 = t[1] != null ? t[1] : Tensor.zeros(in[1].shape);
            return Autodiff.jvp(rule(h), List.of(h[0], h[1]), List.of(t0, t1));
        }
    }

    @Override
    Tensor taylor(TaylorPlan p, Tensor[] c, Tensor out, Tensor[] in) {
        return TaylorByDirection.byForwardMode(this, p, c, out, in);
    }

    /** Recorded handles on the inputs, so the tensor-operation rule can be differentiated at them. */
    private static Tensor[] handles(Tensor[] in) {
        try (Autodiff.Scope s = Autodiff.enableGrad()) {
            return new Tensor[] {Autodiff.asInput(in[0]), Autodiff.asInput(in[1])};
        }
    }

    /** The same rule in tensor operations, at the handles. */
    private Tensor rule(Tensor[] h) {
        try (Autodiff.Scope s = Autodiff.enableGrad()) {
            Tensor x = h[0];
            return switch (kind) {
                case TANH -> TaylorRules.tanh(plan, h[1], x.tanh(), x);
                case SIN -> TaylorRules.sinCos(plan, h[1], x, x.sin(), x.cos(), true);
                case COS -> TaylorRules.sinCos(plan, h[1], x, x.sin(), x.cos(), false);
            };
        }
    }
}
