package org.sciml4j.tensor;

import org.sciml4j.tensor.kernel.Elementwise;
import org.sciml4j.tensor.kernel.TaylorKernels;

import java.util.Arrays;
import java.util.List;

/**
 * The Taylor rule of tanh, sin and cos as one node with flat loops: the hot path of a PINN's Taylor pass (every
 * hidden layer of an MLP, Fourier features). Each is a pair of coupled series a (the output) and b, with the
 * recurrences of the differential equations a' = b x' and tanh's b = 1 - a^2 (b_k = -sum_j a_j a_{k-j}), or sin's
 * and cos's b' = -a x' (a' = -b x' for cos), one direction at a time in loops over a block of elements (the
 * terms in {@link TaylorKernels#addScaledProduct}); its reverse rule is the adjoint of the same recurrences,
 * recomputed on the fly block by block. Orders 1 and 2 (most PINNs) have loops of their own:
 * y_1 = f' x_1, y_2 = f' x_2 + f''/2 x_1^2. Inputs: x_0 (shape S) and the stack of x (R, *S);
 * output: the stack of f(x).
 * <p>
 * The node differentiates to any order: when its rules run recorded (a gradient to be differentiated again, or a
 * tangent) they differentiate the same rule written in tensor operations ({@link TaylorRules}) instead of running the
 * loops, so the results agree to rounding and higher derivatives stay exact.
 */
final class FusedActivationJet extends ReplayablePrimitive {
    /** The activations with a fused rule, each with the kernel of its values. */
    enum Kind {
        TANH(Elementwise.Unary.TANH), SIN(Elementwise.Unary.SIN), COS(Elementwise.Unary.COS);

        final Elementwise.Unary values;

        Kind(Elementwise.Unary values) {
            this.values = values;
        }
    }

    private final Kind kind;
    private final TaylorPlan plan;
    /** a_0 = f(x_0) and b_0 (tanh: 1 - a_0^2; sin: cos x_0; cos: sin x_0), per element of S. */
    private final double[] a0;
    private final double[] b0;

    private FusedActivationJet(Kind kind, TaylorPlan plan, double[] a0, double[] b0) {
        this.kind = kind;
        this.plan = plan;
        this.a0 = a0;
        this.b0 = b0;
    }

    /**
     * For plans of order at most 2 (the common case, with loops of its own): f', f'', f''' at x_0 on the elements
     * [e0, e0 + len), from a_0 and b_0, into rows of a block. Made per block where they are used rather than stored
     * for the layer: three more layer-sized arrays, written in the forward pass and read back cold in the reverse one.
     */
    // numerical kernel
    private void derivatives(int e0, int len, double[] d1, double[] d2, double[] d3) {
        for (int i = 0; i < len; i++) {
            double a = a0[e0 + i];
            double b = b0[e0 + i];
            switch (kind) {
                case TANH -> {
                    d1[i] = b;
                    d2[i] = -2 * a * b;
                    d3[i] = b * (4 * a * a - 2 * b);
                }
                case SIN -> {
                    d1[i] = b;
                    d2[i] = -a;
                    d3[i] = -b;
                }
                case COS -> {
                    d1[i] = -b;
                    d2[i] = -a;
                    d3[i] = b;
                }
                default -> throw new IllegalStateException(kind.toString());
            }
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
        FusedActivationJet op = new FusedActivationJet(kind, plan, out.data, new double[x.data.length]);
        op.seriesStart(x.data);
        return Tensor.record(op, op.forward(stack.data, x.data.length, new double[stack.data.length]), stack.shape,
                x, stack);
    }

    /** b_0 from x_0 and a_0 = f(x_0). */
    private void seriesStart(double[] x) {
        for (int e = 0; e < b0.length; e++) {
            b0[e] = switch (kind) {
                case TANH -> 1 - a0[e] * a0[e];
                case SIN -> Math.cos(x[e]);
                case COS -> Math.sin(x[e]);
            };
        }
    }

    /**
     * The replay rule: a_0 = f(x_0) again into the primal output's array (which a_0 is: the same kernel as the
     * primal node's, so the same values whichever of the two a replay computes first), b_0, then the stack.
     */
    @Override
    void recompute(Tensor out, Tensor[] in) {
        Elementwise.unary(kind.values, in[0].data, a0);
        seriesStart(in[0].data);
        forward(in[1].data, a0.length, out.data);
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
     * Elements per block of the loops: all orders of a block are computed before the next block, so
     * the block's series (2K + 1 rows, twice that in the adjoint) stay in the L1 cache instead of streaming a whole
     * layer's rows through memory once per term of the recurrences (a KdV layer's row is 48000 elements, 375 KiB).
     * Each element's arithmetic is the same in any block, so the bits do not depend on the block size.
     */
    private static final int BLOCK = 256;

    /** Per-call scratch rows of one block: the series a, b and, in the adjoint, their cotangents. */
    private static final class Scratch {
        final double[][] a;
        final double[][] b;
        final double[][] abar;
        final double[][] bbar;

        Scratch(int order, boolean adjoint) {
            a = new double[order + 1][BLOCK];
            b = new double[order][BLOCK];
            abar = adjoint ? new double[order + 1][BLOCK] : null;
            bbar = adjoint ? new double[order][BLOCK] : null;
        }
    }

    /**
     * The stack of f(x) into {@code ys} (xs's length; zeros where a direction's order leaves rows unwritten, which a
     * replay into the same array keeps), from the stack {@code xs}.
     */
    // numerical kernel
    private double[] forward(double[] xs, int m, double[] ys) {
        if (plan.order <= 2) {
            return forward2(xs, m, ys);
        }
        Scratch s = new Scratch(plan.order, false);
        for (int e0 = 0; e0 < m; e0 += BLOCK) {
            int len = Math.min(BLOCK, m - e0);
            for (int d = 0; d < plan.rows[1]; d++) {
                int k = series(xs, m, d, e0, len, s);
                for (int n = 1; n <= k; n++) {
                    System.arraycopy(s.a[n], 0, ys, (plan.start[n] + d) * m + e0, len);
                }
            }
        }
        return ys;
    }

    /**
     * The recurrences for direction d on the elements [e0, e0 + len), vectorised over them: a[0..k] and b[0..k-1]
     * into the scratch rows, from the x coefficients in the stack {@code xs}; returns k, the order of d.
     */
    // numerical kernel
    private int series(double[] xs, int m, int d, int e0, int len, Scratch s) {
        int k = order(d);
        double sa = signA();
        double sb = signB();
        double[][] a = s.a;
        double[][] b = s.b;
        System.arraycopy(a0, e0, a[0], 0, len);
        System.arraycopy(b0, e0, b[0], 0, len);
        for (int n = 1; n <= k; n++) {
            double[] an = a[n];
            Arrays.fill(an, 0, len, 0.0);
            for (int j = 1; j <= n; j++) {
                TaylorKernels.addScaledProduct(sa * j / n, xs, (plan.start[j] + d) * m + e0, b[n - j], 0, an, 0, len);
            }
            if (n == k) {
                break;
            }
            double[] bn = b[n];
            Arrays.fill(bn, 0, len, 0.0);
            for (int j = kind == Kind.TANH ? 0 : 1; j <= n; j++) {
                if (kind == Kind.TANH) {     // b_n -= a_j a_{n-j}, written with the weight -1 (same bits)
                    TaylorKernels.addScaledProduct(-1, a[j], 0, a[n - j], 0, bn, 0, len);
                } else {
                    TaylorKernels.addScaledProduct(sb * j / n, xs, (plan.start[j] + d) * m + e0, a[n - j], 0, bn, 0,
                            len);
                }
            }
        }
        return k;
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
        if (plan.order <= 2) {
            return vjp2(g, in, need);
        }
        int m = a0.length;
        double[] xs = in[1].data;
        double[] gx0 = new double[m];
        double[] gx = new double[xs.length];
        Scratch s = new Scratch(plan.order, true);
        for (int e0 = 0; e0 < m; e0 += BLOCK) {
            int len = Math.min(BLOCK, m - e0);
            for (int d = 0; d < plan.rows[1]; d++) {     // directions in order: gx0 sums them in the same order
                adjoint(g.data, xs, gx, gx0, d, m, e0, len, s);
            }
        }
        return new Tensor[] {need[0] ? Tensor.wrap(gx0, in[0].shape) : null,
            need[1] ? Tensor.wrap(gx, in[1].shape) : null};
    }

    /**
     * The adjoint of {@link #series} for direction d on the elements [e0, e0 + len): adds the x coefficients'
     * cotangents into {@code gx} and x_0's into {@code gx0}.
     */
    // numerical kernel
    private void adjoint(double[] gs, double[] xs, double[] gx, double[] gx0, int d, int m, int e0, int len,
                         Scratch s) {
        int k = series(xs, m, d, e0, len, s);
        double[][] a = s.a;
        double[][] b = s.b;
        double sa = signA();
        double sb = signB();
        double[][] abar = s.abar;
        double[][] bbar = s.bbar;
        Arrays.fill(abar[0], 0, len, 0.0);
        for (int n = 1; n <= k; n++) {
            System.arraycopy(gs, (plan.start[n] + d) * m + e0, abar[n], 0, len);
        }
        for (int n = 0; n < k; n++) {
            Arrays.fill(bbar[n], 0, len, 0.0);
        }
        for (int n = k; n >= 1; n--) {
            if (n < k) {                                    // b_n, computed after a_n
                double[] bn = bbar[n];
                for (int j = kind == Kind.TANH ? 0 : 1; j <= n; j++) {
                    if (kind == Kind.TANH) {     // j = n - j updates one row twice, as the term has a_j twice
                        TaylorKernels.addScaledProductAdjoint(-1, bn, 0, a[j], 0, a[n - j], 0, abar[j], 0,
                                abar[n - j], 0, len);
                    } else {
                        int xo = (plan.start[j] + d) * m + e0;
                        TaylorKernels.addScaledProductAdjoint(sb * j / n, bn, 0, xs, xo, a[n - j], 0, gx, xo,
                                abar[n - j], 0, len);
                    }
                }
            }
            for (int j = 1; j <= n; j++) {
                int xo = (plan.start[j] + d) * m + e0;
                TaylorKernels.addScaledProductAdjoint(sa * j / n, abar[n], 0, xs, xo, b[n - j], 0, gx, xo,
                        bbar[n - j], 0, len);
            }
        }
        double[] ab0 = abar[0];
        double[] bb0 = bbar[0];
        for (int i = 0; i < len; i++) {
            int e = e0 + i;
            gx0[e] += switch (kind) {
                case TANH -> (ab0[i] - 2 * a0[e] * bb0[i]) * b0[e];    // a_0 = tanh x_0, b_0 = 1 - a_0^2
                case SIN -> ab0[i] * b0[e] - bb0[i] * a0[e];            // a_0 = sin, b_0 = cos
                case COS -> -ab0[i] * b0[e] + bb0[i] * a0[e];           // a_0 = cos, b_0 = sin
            };
        }
    }

    /**
     * Orders 1 and 2: y_1 = f' x_1, y_2 = f' x_2 + f''/2 x_1^2 per direction row, block by block of elements (as
     * {@link #BLOCK}: the derivatives of a block stay in the L1 cache for all its rows).
     */
    // numerical kernel
    private double[] forward2(double[] xs, int m, double[] ys) {
        double[][] d = new double[3][BLOCK];
        double[] d1 = d[0];
        double[] d2 = d[1];
        for (int e0 = 0; e0 < m; e0 += BLOCK) {
            int len = Math.min(BLOCK, m - e0);
            derivatives(e0, len, d1, d2, d[2]);
            for (int r = 0; r < plan.rows[1]; r++) {
                TaylorKernels.firstOrderRow(d1, xs, (plan.start[1] + r) * m + e0, ys, len);
            }
            for (int r = 0; plan.order >= 2 && r < plan.rows[2]; r++) {
                TaylorKernels.secondOrderRow(d1, d2, xs, (plan.start[1] + r) * m + e0, (plan.start[2] + r) * m + e0,
                        ys, len);
            }
        }
        return ys;
    }

    /** The reverse rule of {@link #forward2}, block by block as there (x_0's cotangent sums the rows in order). */
    // numerical kernel
    private Tensor[] vjp2(Tensor g, Tensor[] in, boolean[] need) {
        int m = a0.length;
        double[] xs = in[1].data;
        double[] gs = g.data;
        double[] gx0 = new double[m];
        double[] gx = new double[xs.length];
        double[][] d = new double[3][BLOCK];
        double[] d1 = d[0];
        double[] d2 = d[1];
        double[] d3 = d[2];
        for (int e0 = 0; e0 < m; e0 += BLOCK) {
            int len = Math.min(BLOCK, m - e0);
            derivatives(e0, len, d1, d2, d3);
            for (int r = 0; r < plan.rows[1]; r++) {
                TaylorKernels.firstOrderRowAdjoint(d1, d2, gs, xs, (plan.start[1] + r) * m + e0, gx, gx0, e0, len);
            }
            for (int r = 0; plan.order >= 2 && r < plan.rows[2]; r++) {
                TaylorKernels.secondOrderRowAdjoint(d1, d2, d3, gs, xs, (plan.start[1] + r) * m + e0,
                        (plan.start[2] + r) * m + e0, gx, gx0, e0, len);
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
