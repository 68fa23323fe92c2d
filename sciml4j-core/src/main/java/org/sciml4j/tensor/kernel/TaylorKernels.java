package org.sciml4j.tensor.kernel;

/**
 * Loops of Taylor-mode (jet) propagation through an activation, for fused PINN kernels such as
 * {@code org.sciml4j.nn.jet.MlpJet} and for the generic Taylor path's activation rule ({@code FusedActivationJet}:
 * the series terms and the order-1 and order-2 rows below). A jet of m values is stored as three stacked rows of one
 * array: the values z at
 * [0, m), the first derivatives z' at [m, 2m) and the second derivatives z'' at [2m, 3m). An activation f maps it to
 * (f(z), f'(z) z', f'(z) z'' + f''(z) z'^2); the reverse rules give the cotangents of (z, z', z'') from those of the
 * result. Third derivatives, where asked for, follow in further blocks (see
 * {@link #tanhMultiJet(double[], double[], int, int, int[], int[])}). {@link #gateMultiJet} is the product rule of a modified MLP's gate on such jets. With
 * {@code jdk.incubator.vector} the tanh loops and the bias and column-sum loops are vectorised ({@code VectorJet}); the
 * arithmetic is the same, element by element, as the scalar loops here.
 */
public final class TaylorKernels {
    private TaylorKernels() {
    }

    /** {@code a[r * cols + c] += b[c]} for rows r in [0, rows): adds a bias to the value row of a jet. */
    public static void addBias(double[] a, int rows, int cols, double[] b) {
        // rows narrower than a vector (a one-output layer) take the plain loop, the vector kernel's own tail: called
        // with both widths the kernel's loop predicates failed and C2 deoptimised and recompiled it 4-6 times in
        // the tutorial's forward run
        if (MatMul.VECTOR_API && cols >= Lanes.L) {
            VectorJet.addBias(a, rows, cols, b);
            return;
        }
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            for (int c = 0; c < cols; c++) {
                a[off + c] += b[c];
            }
        }
    }

    /** {@code out[c] = sum over r in [0, rows) of a[r * cols + c]}, summed in row order. */
    public static void columnSums(double[] a, int rows, int cols, double[] out) {
        columnSums(a, 0, rows, cols, out);
    }

    /** {@code out[c] = sum over r in [0, rows) of a[from + r * cols + c]}, summed in row order. */
    public static void columnSums(double[] a, int from, int rows, int cols, double[] out) {
        if (MatMul.VECTOR_API) {
            VectorJet.columnSums(a, from, rows, cols, out);
            return;
        }
        java.util.Arrays.fill(out, 0, cols, 0.0);
        for (int r = 0; r < rows; r++) {
            int off = from + r * cols;
            for (int c = 0; c < cols; c++) {
                out[c] += a[off + c];
            }
        }
    }

    /**
     * tanh of a multi-direction jet of m values in blocks of m: the values z at block 0, the first derivatives along
     * {@code firsts} directions at blocks 1..firsts, then second derivatives at blocks 1 + firsts + s, the one of
     * block s along the direction {@code seconds[s]} (an index into the first-derivative blocks, from 0). Maps them
     * to y = f(z), y'_k = f'(z) z'_k, y''_s = f'(z) z''_s + f''(z) (z'_seconds[s])^2 element by element,
     * with f' = 1 - f^2 and f'' = -2 f f'. {@code y} must not be {@code z}. Third derivatives (an empty
     * {@code thirds} for none) come after the second ones:
     * block 1 + firsts + S + t (S = seconds.length) along the direction of second-derivative block {@code thirds[t]}
     * (an index into {@code seconds}); with z1, z2, z3 that direction's blocks,
     * y'''_t = f'(z) z3 + 3 f''(z) z1 z2 + f'''(z) z1^3, f''' = f' (4 f^2 - 2 f').
     */
    public static void tanhMultiJet(double[] z, double[] y, int m, int firsts, int[] seconds, int[] thirds) {
        tanhMultiJet(z, y, m, firsts, seconds, thirds, NONE);
    }

    /**
     * {@link #tanhMultiJet(double[], double[], int, int, int[], int[])} with fourth derivatives after the third ones:
     * block 1 + firsts + S + T + q along the direction of third-derivative block {@code fourths[q]} (an index into
     * {@code thirds}); with z1 .. z4 that direction's blocks, y''''_q = f' z4 + f'' (4 z1 z3 + 3 z2^2)
     * + 6 f''' z1^2 z2 + f'''' z1^4 (plates, beams, Kuramoto-Sivashinsky).
     */
    public static void tanhMultiJet(double[] z, double[] y, int m, int firsts, int[] seconds, int[] thirds,
                                    int[] fourths) {
        Elementwise.tanh(z, 0, m, y, 0);
        if (firsts == 0 && seconds.length == 0) {
            return; // values only
        }
        int from = 0;
        if (MatMul.VECTOR_API) {
            from = thirds.length == 0 ? VectorJet.tanhMultiJetTailFused(z, y, m, firsts, seconds) : -1;
            if (from < 0) {
                from = VectorJet.tanhMultiJetTail(z, y, m, firsts, seconds, thirds, fourths);
            }
        }
        for (int j = from; j < m; j++) {
            double f = y[j];
            double d1 = 1 - f * f;
            double d2 = -2 * f * d1;
            for (int k = 1; k <= firsts; k++) {
                y[k * m + j] = d1 * z[k * m + j];
            }
            for (int s = 0; s < seconds.length; s++) {
                double z1 = z[(1 + seconds[s]) * m + j];
                int b = (1 + firsts + s) * m + j;
                y[b] = d1 * z[b] + d2 * z1 * z1;
            }
            if (thirds.length > 0) {
                double d3 = d1 * (4 * f * f - 2 * d1);
                thirdsForward(z, y, m, firsts, seconds, thirds, j, d1, d2, d3);
                if (fourths.length > 0) {
                    fourthsForward(z, y, m, firsts, seconds, thirds, fourths, j, d1, d2, d3, -2 * f * d3 - 6 * d1 * d2);
                }
            }
        }
    }

    /** No blocks of an order: the jets without fourth derivatives. */
    private static final int[] NONE = new int[0];

    /** The fourth-derivative blocks of element j of a multi-direction jet, given f' .. f'''' there. */
    private static void fourthsForward(double[] z, double[] y, int m, int firsts, int[] seconds, int[] thirds,
                                       int[] fourths, int j, double d1, double d2, double d3, double d4) {
        int third = 1 + firsts + seconds.length;
        for (int q = 0; q < fourths.length; q++) {
            int t = fourths[q];
            double z1 = z[(1 + seconds[thirds[t]]) * m + j];
            double z2 = z[(1 + firsts + thirds[t]) * m + j];
            double z3 = z[(third + t) * m + j];
            int e = (third + thirds.length + q) * m + j;
            y[e] = d1 * z[e] + d2 * (4 * z1 * z3 + 3 * z2 * z2) + 6 * d3 * z1 * z1 * z2 + d4 * z1 * z1 * z1 * z1;
        }
    }

    /** The third-derivative blocks of element j of a multi-direction jet, given f', f'', f''' there. */
    private static void thirdsForward(double[] z, double[] y, int m, int firsts, int[] seconds, int[] thirds, int j,
                                      double d1, double d2, double d3) {
        for (int t = 0; t < thirds.length; t++) {
            double z1 = z[(1 + seconds[thirds[t]]) * m + j];
            double z2 = z[(1 + firsts + thirds[t]) * m + j];
            int c = (1 + firsts + seconds.length + t) * m + j;
            y[c] = d1 * z[c] + 3 * d2 * z1 * z2 + d3 * z1 * z1 * z1;
        }
    }

    /**
     * Reverse rule of {@link #tanhMultiJet}, in place: {@code g} holds the cotangents of y's blocks and receives those
     * of z's. Needs the derivative blocks of {@code z} and f (block 0 of {@code y}); with third-derivative blocks
     * the value's cotangent needs f'''' = -2 f f''' - 6 f' f''.
     */
    public static void tanhMultiJetBackward(double[] g, double[] z, double[] y, int m, int firsts, int[] seconds,
                                            int[] thirds) {
        tanhMultiJetBackward(g, z, y, m, firsts, seconds, thirds, NONE);
    }

    /** Reverse rule of the fourth-order {@link #tanhMultiJet}; f''''' = -8 f' f''' - 2 f f'''' - 6 f''^2. */
    public static void tanhMultiJetBackward(double[] g, double[] z, double[] y, int m, int firsts, int[] seconds,
                                            int[] thirds, int[] fourths) {
        int from = 0;
        if (MatMul.VECTOR_API) {
            from = thirds.length == 0 ? VectorJet.tanhMultiJetBackwardFused(g, z, y, m, firsts, seconds) : -1;
            if (from < 0) {
                from = VectorJet.tanhMultiJetBackward(g, z, y, m, firsts, seconds, thirds, fourths);
            }
        }
        for (int j = from; j < m; j++) {
            double f = y[j];
            double d1 = 1 - f * f;
            double d2 = -2 * f * d1;
            double d3 = d1 * (4 * f * f - 2 * d1);
            double d4 = -2 * f * d3 - 6 * d1 * d2;
            multiBackward(g, z, m, firsts, seconds, thirds, j, d1, d2, d3, d4);
            if (fourths.length > 0) {
                fourthsBackward(g, z, m, firsts, seconds, thirds, fourths, j, d1, d2, d3, d4,
                        -8 * d1 * d3 - 2 * f * d4 - 6 * d2 * d2);
            }
        }
    }

    /**
     * One element of a multi-direction jet's reverse rule, given f', f'', f''', f'''' there. The third-derivative
     * terms come after all others, so jets without them get the arithmetic of the order-2 rule, bit for bit.
     */
    private static void multiBackward(double[] g, double[] z, int m, int firsts, int[] seconds, int[] thirds, int j,
                                      double d1, double d2, double d3, double d4) {
        double g0 = g[j] * d1;
        for (int k = 1; k <= firsts; k++) {
            g0 += g[k * m + j] * d2 * z[k * m + j];
        }
        for (int s = 0; s < seconds.length; s++) {
            double z1 = z[(1 + seconds[s]) * m + j];
            int b = (1 + firsts + s) * m + j;
            g0 += g[b] * (d2 * z[b] + d3 * z1 * z1);
        }
        int third = (1 + firsts + seconds.length) * m + j;
        for (int t = 0; t < thirds.length; t++) {
            double z1 = z[(1 + seconds[thirds[t]]) * m + j];
            double z2 = z[(1 + firsts + thirds[t]) * m + j];
            int c = third + t * m;
            g0 += g[c] * (d2 * z[c] + 3 * d3 * z1 * z2 + d4 * z1 * z1 * z1);
        }
        g[j] = g0;
        for (int k = 1; k <= firsts; k++) {
            g[k * m + j] = g[k * m + j] * d1;
        }
        for (int s = 0; s < seconds.length; s++) {
            int a = (1 + seconds[s]) * m + j;
            int b = (1 + firsts + s) * m + j;
            double g2 = g[b];
            g[a] = g[a] + 2 * g2 * d2 * z[a];
            g[b] = g2 * d1;
        }
        for (int t = 0; t < thirds.length; t++) { // z1 and z2 enter y''' through 3 f'' z1 z2 + f''' z1^3
            int a = (1 + seconds[thirds[t]]) * m + j;
            int b = (1 + firsts + thirds[t]) * m + j;
            int c = third + t * m;
            double z1 = z[a];
            double g3 = g[c];
            g[a] = g[a] + g3 * (3 * d2 * z[b] + 3 * d3 * z1 * z1);
            g[b] = g[b] + 3 * g3 * d2 * z1;
            g[c] = g3 * d1;
        }
    }

    /**
     * The fourth-derivative terms of element j's reverse rule, after {@link #multiBackward} (which has set the lower
     * blocks' cotangents and the value's from the lower orders): the value's cotangent gains g4 d y''''/d z, and z1 ..
     * z3 theirs through y''''; z4's is g4 f'.
     */
    private static void fourthsBackward(double[] g, double[] z, int m, int firsts, int[] seconds, int[] thirds,
                                        int[] fourths, int j, double d1, double d2, double d3, double d4, double d5) {
        int third = 1 + firsts + seconds.length;
        double g0 = g[j];
        for (int q = 0; q < fourths.length; q++) {
            int t = fourths[q];
            int a = (1 + seconds[thirds[t]]) * m + j;
            int b = (1 + firsts + thirds[t]) * m + j;
            int c = (third + t) * m + j;
            int e = (third + thirds.length + q) * m + j;
            double z1 = z[a];
            double z2 = z[b];
            double z3 = z[c];
            double g4 = g[e];
            g0 += g4 * (d2 * z[e] + d3 * (4 * z1 * z3 + 3 * z2 * z2) + 6 * d4 * z1 * z1 * z2 + d5 * z1 * z1 * z1 * z1);
            g[a] = g[a] + g4 * (4 * d2 * z3 + 12 * d3 * z1 * z2 + 4 * d4 * z1 * z1 * z1);
            g[b] = g[b] + g4 * (6 * d2 * z2 + 6 * d3 * z1 * z1);
            g[c] = g[c] + g4 * 4 * d2 * z1;
            g[e] = g4 * d1;
        }
        g[j] = g0;
    }

    /**
     * sin of a multi-direction jet (blocks as {@link #tanhMultiJet}); f' = cos(z) goes to {@code d1} (m values) for
     * the reverse rule. {@code y} must not be {@code z}. Third derivatives (an empty {@code thirds} for none) as
     * {@link #tanhMultiJet}'s; f''' = -f'.
     */
    public static void sinMultiJet(double[] z, double[] y, double[] d1, int m, int firsts, int[] seconds,
                                   int[] thirds) {
        sinMultiJet(z, y, d1, m, firsts, seconds, thirds, NONE);
    }

    /** {@link #sinMultiJet} with fourth derivatives as the fourth-order {@link #tanhMultiJet}'s; f'''' = f. */
    public static void sinMultiJet(double[] z, double[] y, double[] d1, int m, int firsts, int[] seconds,
                                   int[] thirds, int[] fourths) {
        for (int j = 0; j < m; j++) {
            double f = Math.sin(z[j]);
            double c = Math.cos(z[j]);
            double d2 = -f;
            d1[j] = c;
            y[j] = f;
            for (int k = 1; k <= firsts; k++) {
                y[k * m + j] = c * z[k * m + j];
            }
            for (int s = 0; s < seconds.length; s++) {
                double z1 = z[(1 + seconds[s]) * m + j];
                int b = (1 + firsts + s) * m + j;
                y[b] = c * z[b] + d2 * z1 * z1;
            }
            if (thirds.length > 0) {
                thirdsForward(z, y, m, firsts, seconds, thirds, j, c, d2, -c);
                if (fourths.length > 0) {
                    fourthsForward(z, y, m, firsts, seconds, thirds, fourths, j, c, d2, -c, f);
                }
            }
        }
    }

    /**
     * Reverse rule of {@link #sinMultiJet}, in place (as {@link #tanhMultiJetBackward}); f''' = -f', f'''' = f.
     */
    public static void sinMultiJetBackward(double[] g, double[] z, double[] y, double[] d1s, int m, int firsts,
                                           int[] seconds, int[] thirds) {
        sinMultiJetBackward(g, z, y, d1s, m, firsts, seconds, thirds, NONE);
    }

    /** Reverse rule of the fourth-order {@link #sinMultiJet}; f''''' = f'. */
    public static void sinMultiJetBackward(double[] g, double[] z, double[] y, double[] d1s, int m, int firsts,
                                           int[] seconds, int[] thirds, int[] fourths) {
        for (int j = 0; j < m; j++) {
            double d1 = d1s[j];
            multiBackward(g, z, m, firsts, seconds, thirds, j, d1, -y[j], -d1, y[j]);
            if (fourths.length > 0) {
                fourthsBackward(g, z, m, firsts, seconds, thirds, fourths, j, d1, -y[j], -d1, y[j], d1);
            }
        }
    }

    /**
     * The gate of a modified MLP on multi-direction jets (blocks as {@link #tanhMultiJet}), h = v + a d element by
     * element, by the product rule in derivative form: h'_k = v'_k + a'_k d + a d'_k and
     * h''_s = v''_s + a''_s d + 2 a'_q d'_q + a d''_s with q = {@code seconds[s]}. {@code h} must be none of the
     * others.
     */
    public static void gateMultiJet(double[] v, double[] a, double[] d, double[] h, int m, int firsts,
                                    int[] seconds) {
        // block by block, each a flat loop over m values (the compiler vectorises them; one loop over j touching
        // every block strides through 4 R arrays at once)
        for (int j = 0; j < m; j++) {
            h[j] = v[j] + a[j] * d[j];
        }
        for (int k = 1; k <= firsts; k++) {
            int b = k * m;
            for (int j = 0; j < m; j++) {
                h[b + j] = v[b + j] + a[b + j] * d[j] + a[j] * d[b + j];
            }
        }
        for (int s = 0; s < seconds.length; s++) {
            int q = (1 + seconds[s]) * m;
            int b = (1 + firsts + s) * m;
            for (int j = 0; j < m; j++) {
                h[b + j] = v[b + j] + a[b + j] * d[j] + 2 * a[q + j] * d[q + j] + a[j] * d[b + j];
            }
        }
    }

    /**
     * Reverse rule of {@link #gateMultiJet}: {@code g} holds the cotangents of h's blocks and receives, in place,
     * those of a's; those of v and d are added to {@code gv} and {@code gd}. Block by block, as the forward loops;
     * every read of g's original values comes before the write that replaces them.
     */
    public static void gateMultiJetBackward(double[] g, double[] a, double[] d, double[] gv, double[] gd, int m,
                                            int firsts, int[] seconds) {
        int blocks = 1 + firsts + seconds.length;
        for (int j = 0; j < blocks * m; j++) { // v enters every block of h with weight 1
            gv[j] += g[j];
        }
        for (int k = 0; k < blocks; k++) { // d0 enters block k times a_k
            int b = k * m;
            for (int j = 0; j < m; j++) {
                gd[j] += g[b + j] * a[b + j];
            }
        }
        for (int k = 1; k < blocks; k++) { // d_k enters block k times a0
            int b = k * m;
            for (int j = 0; j < m; j++) {
                gd[b + j] += g[b + j] * a[j];
            }
        }
        for (int s = 0; s < seconds.length; s++) { // d'_q enters h''_s times 2 a'_q
            int q = (1 + seconds[s]) * m;
            int b = (1 + firsts + s) * m;
            for (int j = 0; j < m; j++) {
                gd[q + j] += 2 * g[b + j] * a[q + j];
            }
        }
        for (int j = 0; j < m; j++) { // a0 enters h0 times d0 and block k times d_k
            g[j] *= d[j];
        }
        for (int k = 1; k < blocks; k++) {
            int b = k * m;
            for (int j = 0; j < m; j++) {
                g[j] += g[b + j] * d[b + j];
            }
        }
        for (int k = 1; k <= firsts; k++) { // a'_k enters h'_k times d0, and h''_s (q = k) times 2 d'_k
            int b = k * m;
            int s = indexOf(seconds, k - 1);
            if (s < 0) {
                for (int j = 0; j < m; j++) {
                    g[b + j] *= d[j];
                }
                continue;
            }
            int c = (1 + firsts + s) * m;
            for (int j = 0; j < m; j++) {
                g[b + j] = g[b + j] * d[j] + 2 * g[c + j] * d[b + j];
            }
        }
        for (int s = 0; s < seconds.length; s++) { // a''_s enters h''_s times d0
            int b = (1 + firsts + s) * m;
            for (int j = 0; j < m; j++) {
                g[b + j] *= d[j];
            }
        }
    }

    /** The index of {@code value} in {@code a}, or -1. */
    private static int indexOf(int[] a, int value) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] == value) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code out[oo + i] += w * x[xo + i] * y[yo + i]} for i in [0, len), rounded as written ((w x) y, then the sum):
     * one term of a Taylor series recurrence (the generic-order activation rules in {@code FusedActivationJet}).
     */
    public static void addScaledProduct(double w, double[] x, int xo, double[] y, int yo, double[] out, int oo,
                                        int len) {
        int i = MatMul.VECTOR_API ? VectorJet.addScaledProduct(w, x, xo, y, yo, out, oo, len) : 0;
        for (; i < len; i++) {
            out[oo + i] += w * x[xo + i] * y[yo + i];
        }
    }

    /**
     * The reverse rule of one {@link #addScaledProduct} term out += w x y with cotangent {@code g} of out: with
     * c = w g[go + i], {@code gx[gxo + i] += c * y[yo + i]} and {@code gy[gyo + i] += c * x[xo + i]} for i in
     * [0, len), each element's gx update before its gy update. {@code gx} and {@code gy} are either disjoint or the
     * same elements (a square term x = y: the row gets both updates, in that order, as in the scalar loop).
     */
    public static void addScaledProductAdjoint(double w, double[] g, int go, double[] x, int xo, double[] y, int yo,
                                               double[] gx, int gxo, double[] gy, int gyo, int len) {
        int i = MatMul.VECTOR_API ? VectorJet.addScaledProductAdjoint(w, g, go, x, xo, y, yo, gx, gxo, gy, gyo, len)
                : 0;
        for (; i < len; i++) {
            double c = w * g[go + i];
            gx[gxo + i] += c * y[yo + i];
            gy[gyo + i] += c * x[xo + i];
        }
    }

    /**
     * A first-order row through an activation, y_1 = f' x_1: {@code y[o + i] = d1[i] * x[o + i]} for i in [0, len)
     * ({@code d1}: f' on a block of elements, x and y stacks at the same offset).
     */
    public static void firstOrderRow(double[] d1, double[] x, int o, double[] y, int len) {
        int i = MatMul.VECTOR_API ? VectorJet.firstOrderRow(d1, x, o, y, len) : 0;
        for (; i < len; i++) {
            y[o + i] = d1[i] * x[o + i];
        }
    }

    /**
     * A second-order row through an activation, y_2 = f' x_2 + f''/2 x_1^2, from the rows of x at {@code o1}
     * (x_1) and {@code o2} (x_2) into y at {@code o2}; d1, d2: f', f'' on a block of elements.
     */
    public static void secondOrderRow(double[] d1, double[] d2, double[] x, int o1, int o2, double[] y, int len) {
        int i = MatMul.VECTOR_API ? VectorJet.secondOrderRow(d1, d2, x, o1, o2, y, len) : 0;
        for (; i < len; i++) {
            double x1 = x[o1 + i];
            y[o2 + i] = d1[i] * x[o2 + i] + 0.5 * d2[i] * x1 * x1;
        }
    }

    /**
     * The reverse rule of {@link #firstOrderRow} with f' depending on x_0: {@code gx[o + i] = g[o + i] d1[i]},
     * {@code gx0[g0 + i] += g[o + i] d2[i] x[o + i]}.
     */
    public static void firstOrderRowAdjoint(double[] d1, double[] d2, double[] g, double[] x, int o, double[] gx,
                                            double[] gx0, int g0, int len) {
        int i = MatMul.VECTOR_API ? VectorJet.firstOrderRowAdjoint(d1, d2, g, x, o, gx, gx0, g0, len) : 0;
        for (; i < len; i++) {
            gx[o + i] = g[o + i] * d1[i];
            gx0[g0 + i] += g[o + i] * d2[i] * x[o + i];
        }
    }

    /**
     * The reverse rule of {@link #secondOrderRow} (d3: f'''): adds into the x_1 row of {@code gx}, sets its x_2 row
     * and adds into x_0's cotangent {@code gx0} at {@code g0}.
     */
    public static void secondOrderRowAdjoint(double[] d1, double[] d2, double[] d3, double[] g, double[] x, int o1,
                                             int o2, double[] gx, double[] gx0, int g0, int len) {
        int i = MatMul.VECTOR_API ? VectorJet.secondOrderRowAdjoint(d1, d2, d3, g, x, o1, o2, gx, gx0, g0, len) : 0;
        for (; i < len; i++) {
            double g2 = g[o2 + i];
            double x1 = x[o1 + i];
            gx[o1 + i] += g2 * d2[i] * x1;
            gx[o2 + i] = g2 * d1[i];
            gx0[g0 + i] += g2 * (d2[i] * x[o2 + i] + 0.5 * d3[i] * x1 * x1);
        }
    }
}
