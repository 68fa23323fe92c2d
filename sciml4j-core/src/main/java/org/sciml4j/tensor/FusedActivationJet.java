package org.sciml4j.tensor;

import java.util.List;

/**
 * The Taylor rule of tanh, sin and cos as one node with flat loops: the hot path of a PINN's Taylor pass (every
 * hidden layer of an MLP, Fourier features). Each is a pair of coupled series a (the output) and b, with the
 * recurrences of the differential equations a' = b x' and tanh's b = 1 - a^2 (b_k = -sum_j a_j a_{k-j}), or sin's
 * and cos's b' = -a x' (a' = -b x' for cos), one direction at a time in loops over the elements; its reverse rule is
 * the adjoint of the same recurrences, recomputed on the fly. Orders 1 and 2 (most PINNs) have loops of their own:
 * y_1 = f' x_1, y_2 = f' x_2 + f''/2 x_1^2. Inputs: x_0 (shape S) and the stack of x (R, *S);
 * output: the stack of f(x).
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
    /** a_0 = f(x_0) and b_0 (tanh: 1 - a_0^2; sin: cos x_0; cos: sin x_0), per element of S. */
    private final double[] a0;
    private final double[] b0;

    /** For plans of order at most 2 (the common case, with loops of its own): f', f'', f''' at x_0. */
    private final double[] d1;
    private final double[] d2;
    private final double[] d3;

    private FusedActivationJet(Kind kind, TaylorPlan plan, double[] a0, double[] b0) {
        this.kind = kind;
        this.plan = plan;
        this.a0 = a0;
        this.b0 = b0;
        if (plan.order <= 2) {
            int m = a0.length;
            d1 = new double[m];
            d2 = new double[m];
            d3 = new double[m];
            for (int e = 0; e < m; e++) {
                double a = a0[e];
                double b = b0[e];
                switch (kind) {
                    case TANH -> {
                        d1[e] = b;
                        d2[e] = -2 * a * b;
                        d3[e] = b * (4 * a * a - 2 * b);
                    }
                    case SIN -> {
                        d1[e] = b;
                        d2[e] = -a;
                        d3[e] = -b;
                    }
                    case COS -> {
                        d1[e] = -b;
                        d2[e] = -a;
                        d3[e] = b;
                    }
                    default -> throw new IllegalStateException(kind.toString());
                }
            }
        } else {
            d1 = null;
            d2 = null;
            d3 = null;
        }
    }

    /**
     * The stack of f(x) from the stack of x.
     *
     * @param x     the primal input x_0, shape S
     * @param out   the primal output f(x_0), shape S
     * @param stack the stack of x, shape (R, *S)
     */
    static Tensor apply(Kind kind, TaylorPlan plan, Tensor x, Tensor out, Tensor stack) {
        int m = x.data.length;
        double[] b0 = new double[m];
        for (int e = 0; e < m; e++) {
            b0[e] = switch (kind) {
                case TANH -> 1 - out.data[e] * out.data[e];
                case SIN -> Math.cos(x.data[e]);
                case COS -> Math.sin(x.data[e]);
            };
        }
        FusedActivationJet op = new FusedActivationJet(kind, plan, out.data, b0);
        return Tensor.record(op, op.forward(stack.data, m), stack.shape, x, stack);
    }

    /** The order of direction d (rows of the plan that belong to it). */
    private int order(int d) {
        int k = 1;
        while (k < plan.order && plan.rows[k + 1] > d) {
            k++;
        }
        return k;
    }

    /** The sign of a's recurrence (a_k = sa sum (j/k) x_j b_{k-j}) and of b's for sin and cos. */
    private double signA() {
        return kind == Kind.COS ? -1 : 1;
    }

    private double signB() {
        return kind == Kind.SIN ? -1 : 1;
    }

    // numerical kernel
    private double[] forward(double[] xs, int m) {
        if (d1 != null) {
            return forward2(xs, m);
        }
        double[] ys = new double[xs.length];
        for (int d = 0; d < plan.rows[1]; d++) {
            double[][] a = series(xs, m, d)[0];
            for (int n = 1; n < a.length; n++) {
                System.arraycopy(a[n], 0, ys, (plan.start[n] + d) * m, m);
            }
        }
        return ys;
    }

    /**
     * The recurrences for direction d, vectorised over the elements: {a[0..k], b[0..k-1]}, each of m elements, from
     * the x coefficients in the stack {@code xs}.
     */
    // numerical kernel
    private double[][][] series(double[] xs, int m, int d) {
        int k = order(d);
        double sa = signA();
        double sb = signB();
        double[][] a = new double[k + 1][];
        double[][] b = new double[k][];
        a[0] = a0;
        b[0] = b0;
        for (int n = 1; n <= k; n++) {
            double[] an = new double[m];
            for (int j = 1; j <= n; j++) {
                double w = sa * j / n;
                int xo = (plan.start[j] + d) * m;
                double[] bj = b[n - j];
                for (int e = 0; e < m; e++) {
                    an[e] += w * xs[xo + e] * bj[e];
                }
            }
            a[n] = an;
            if (n == k) {
                break;
            }
            double[] bn = new double[m];
            for (int j = kind == Kind.TANH ? 0 : 1; j <= n; j++) {
                double[] aj = a[n - j];
                if (kind == Kind.TANH) {
                    double[] other = a[j];
                    for (int e = 0; e < m; e++) {
                        bn[e] -= other[e] * aj[e];
                    }
                } else {
                    double w = sb * j / n;
                    int xo = (plan.start[j] + d) * m;
                    for (int e = 0; e < m; e++) {
                        bn[e] += w * xs[xo + e] * aj[e];
                    }
                }
            }
            b[n] = bn;
        }
        return new double[][][] {a, b};
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
        if (d1 != null) {
            return vjp2(g, in, need);
        }
        int m = a0.length;
        double[] xs = in[1].data;
        double[] gx0 = new double[m];
        double[] gx = new double[xs.length];
        for (int d = 0; d < plan.rows[1]; d++) {
            adjoint(g.data, xs, gx, gx0, d, m);
        }
        return new Tensor[] {need[0] ? Tensor.wrap(gx0, in[0].shape) : null,
            need[1] ? Tensor.wrap(gx, in[1].shape) : null};
    }

    /**
     * The adjoint of {@link #series} for direction d: adds the x coefficients' cotangents into {@code gx} and x_0's
     * into {@code gx0}.
     */
    // numerical kernel
    private void adjoint(double[] gs, double[] xs, double[] gx, double[] gx0, int d, int m) {
        double[][][] ab = series(xs, m, d);
        double[][] a = ab[0];
        double[][] b = ab[1];
        int k = a.length - 1;
        double sa = signA();
        double sb = signB();
        double[][] abar = new double[k + 1][m];
        double[][] bbar = new double[k][m];
        for (int n = 1; n <= k; n++) {
            System.arraycopy(gs, (plan.start[n] + d) * m, abar[n], 0, m);
        }
        for (int n = k; n >= 1; n--) {
            if (n < k) {                                    // b_n, computed after a_n
                double[] bn = bbar[n];
                for (int j = kind == Kind.TANH ? 0 : 1; j <= n; j++) {
                    if (kind == Kind.TANH) {
                        double[] aj = a[j];
                        double[] anj = a[n - j];
                        double[] abj = abar[j];
                        double[] abnj = abar[n - j];
                        for (int e = 0; e < m; e++) {
                            abj[e] -= bn[e] * anj[e];
                            abnj[e] -= bn[e] * aj[e];
                        }
                    } else {
                        double w = sb * j / n;
                        int xo = (plan.start[j] + d) * m;
                        double[] anj = a[n - j];
                        double[] abnj = abar[n - j];
                        for (int e = 0; e < m; e++) {
                            double c = w * bn[e];
                            gx[xo + e] += c * anj[e];
                            abnj[e] += c * xs[xo + e];
                        }
                    }
                }
            }
            double[] an = abar[n];
            for (int j = 1; j <= n; j++) {
                double w = sa * j / n;
                int xo = (plan.start[j] + d) * m;
                double[] bnj = b[n - j];
                double[] bbnj = bbar[n - j];
                for (int e = 0; e < m; e++) {
                    double c = w * an[e];
                    gx[xo + e] += c * bnj[e];
                    bbnj[e] += c * xs[xo + e];
                }
            }
        }
        for (int e = 0; e < m; e++) {
            gx0[e] += switch (kind) {
                case TANH -> (abar[0][e] - 2 * a0[e] * bbar[0][e]) * b0[e];    // a_0 = tanh x_0, b_0 = 1 - a_0^2
                case SIN -> abar[0][e] * b0[e] - bbar[0][e] * a0[e];            // a_0 = sin, b_0 = cos
                case COS -> -abar[0][e] * b0[e] + bbar[0][e] * a0[e];           // a_0 = cos, b_0 = sin
            };
        }
    }

    /** Orders 1 and 2: y_1 = f' x_1, y_2 = f' x_2 + f''/2 x_1^2 per direction row. */
    // numerical kernel
    private double[] forward2(double[] xs, int m) {
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

    /** The reverse rule of {@link #forward2}. */
    // numerical kernel
    private Tensor[] vjp2(Tensor g, Tensor[] in, boolean[] need) {
        int m = d1.length;
        double[] xs = in[1].data;
        double[] gs = g.data;
        double[] gx0 = new double[m];
        double[] gx = new double[xs.length];
        for (int d = 0; d < plan.rows[1]; d++) {
            int o = (plan.start[1] + d) * m;
            for (int e = 0; e < m; e++) {
                gx[o + e] = gs[o + e] * d1[e];
                gx0[e] += gs[o + e] * d2[e] * xs[o + e];
            }
        }
        for (int d = 0; plan.order >= 2 && d < plan.rows[2]; d++) {
            int o1 = (plan.start[1] + d) * m;
            int o2 = (plan.start[2] + d) * m;
            for (int e = 0; e < m; e++) {
                double g2 = gs[o2 + e];
                double x1 = xs[o1 + e];
                gx[o1 + e] += g2 * d2[e] * x1;
                gx[o2 + e] = g2 * d1[e];
                gx0[e] += g2 * (d2[e] * xs[o2 + e] + 0.5 * d3[e] * x1 * x1);
            }
        }
        return new Tensor[] {need[0] ? Tensor.wrap(gx0, in[0].shape) : null,
            need[1] ? Tensor.wrap(gx, in[1].shape) : null};
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
