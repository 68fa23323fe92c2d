package org.sciml4j.tensor;

import java.util.List;

/**
 * The Taylor rule of tanh, sin and cos as one node with flat loops: the hot path of a PINN's Taylor pass (every
 * hidden layer of an MLP, Fourier features). Each is a pair of coupled series a (the output) and b, with the
 * recurrences of the differential equations a' = b x' and tanh's b = 1 - a^2 (b_k = -sum_j a_j a_{k-j}), or sin's
 * and cos's b' = -a x' (a' = -b x' for cos), run per element and direction in scalar registers; its reverse rule is
 * the adjoint of the same recurrences, recomputed on the fly. Inputs: x_0 (shape S) and the stack of x (R, *S);
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

    /**
     * Runs the recurrences for one element and direction: {@code a[0..k]}, {@code b[0..k-1]} from {@code x[1..k]}.
     */
    // numerical kernel
    private void series(double[] x, double[] a, double[] b, int k) {
        double sa = signA();
        double sb = signB();
        for (int n = 1; n <= k; n++) {
            double s = 0;
            for (int j = 1; j <= n; j++) {
                s += j * x[j] * b[n - j];
            }
            a[n] = sa * s / n;
            if (n == k) {
                break;
            }
            double t = 0;
            if (kind == Kind.TANH) {
                for (int j = 0; j <= n; j++) {
                    t -= a[j] * a[n - j];
                }
            } else {
                for (int j = 1; j <= n; j++) {
                    t += j * x[j] * a[n - j];
                }
                t = sb * t / n;
            }
            b[n] = t;
        }
    }

    // numerical kernel
    private double[] forward(double[] xs, int m) {
        if (d1 != null) {
            return forward2(xs, m);
        }
        double[] ys = new double[xs.length];
        double[] x = new double[plan.order + 1];
        double[] a = new double[plan.order + 1];
        double[] b = new double[plan.order + 1];
        for (int d = 0; d < plan.rows[1]; d++) {
            int k = order(d);
            for (int e = 0; e < m; e++) {
                for (int j = 1; j <= k; j++) {
                    x[j] = xs[(plan.start[j] + d) * m + e];
                }
                a[0] = a0[e];
                b[0] = b0[e];
                series(x, a, b, k);
                for (int j = 1; j <= k; j++) {
                    ys[(plan.start[j] + d) * m + e] = a[j];
                }
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
        if (d1 != null) {
            return vjp2(g, in, need);
        }
        int m = a0.length;
        double[] xs = in[1].data;
        double[] gx0 = new double[m];
        double[] gx = new double[xs.length];
        int size = plan.order + 1;
        double[][] w = new double[6][size]; // x, a, b and their adjoints
        for (int d = 0; d < plan.rows[1]; d++) {
            int k = order(d);
            for (int e = 0; e < m; e++) {
                gx0[e] += adjoint(g.data, xs, gx, d, k, e, m, w);
            }
        }
        return new Tensor[] {need[0] ? Tensor.wrap(gx0, in[0].shape) : null,
            need[1] ? Tensor.wrap(gx, in[1].shape) : null};
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

    /**
     * The adjoint of {@link #series} for one element and direction: adds x's cotangents into {@code gx} and returns
     * x_0's. {@code w} is scratch: x, a, b, and the adjoints of x, a, b.
     */
    // numerical kernel
    private double adjoint(double[] gs, double[] xs, double[] gx, int d, int k, int e, int m, double[][] w) {
        double[] x = w[0];
        double[] a = w[1];
        double[] b = w[2];
        double[] xb = w[3];
        double[] ab = w[4];
        double[] bb = w[5];
        for (int j = 1; j <= k; j++) {
            x[j] = xs[(plan.start[j] + d) * m + e];
            ab[j] = gs[(plan.start[j] + d) * m + e];
            xb[j] = 0;
            bb[j] = 0;
        }
        ab[0] = 0;
        bb[0] = 0;
        a[0] = a0[e];
        b[0] = b0[e];
        series(x, a, b, k);
        double sa = signA();
        double sb = signB();
        for (int n = k; n >= 1; n--) {
            if (n < k) {                                    // b_n, computed after a_n
                if (kind == Kind.TANH) {
                    for (int j = 0; j <= n; j++) {
                        ab[j] -= bb[n] * a[n - j];
                        ab[n - j] -= bb[n] * a[j];
                    }
                } else {
                    double c = sb * bb[n] / n;
                    for (int j = 1; j <= n; j++) {
                        xb[j] += c * j * a[n - j];
                        ab[n - j] += c * j * x[j];
                    }
                }
            }
            double c = sa * ab[n] / n;
            for (int j = 1; j <= n; j++) {
                xb[j] += c * j * b[n - j];
                bb[n - j] += c * j * x[j];
            }
        }
        for (int j = 1; j <= k; j++) {
            gx[(plan.start[j] + d) * m + e] = xb[j];
        }
        return switch (kind) {
            case TANH -> (ab[0] - 2 * a[0] * bb[0]) * b[0];    // a_0 = tanh x_0, b_0 = 1 - a_0^2
            case SIN -> ab[0] * b[0] - bb[0] * a[0];            // a_0 = sin, b_0 = cos
            case COS -> -ab[0] * b[0] + bb[0] * a[0];           // a_0 = cos, b_0 = sin
        };
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
