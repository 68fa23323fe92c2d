package org.sciml4j.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API loops of {@link TaylorKernels}, with the same arithmetic element by element (no fused multiply-adds
 * where the scalar loop has none). Loaded only when {@code jdk.incubator.vector} is present.
 */
final class VectorJet {
    private VectorJet() {
    }

    private static final VectorSpecies<Double> S = Lanes.S;
    private static final int L = Lanes.L;

    static void addBias(double[] a, int rows, int cols, double[] b) {
        int bound = S.loopBound(cols);
        for (int r = 0; r < rows; r++) {
            int off = r * cols;
            int c = 0;
            for (; c < bound; c += L) {
                DoubleVector.fromArray(S, a, off + c).add(DoubleVector.fromArray(S, b, c)).intoArray(a, off + c);
            }
            for (; c < cols; c++) {
                a[off + c] += b[c];
            }
        }
    }

    static void columnSums(double[] a, int from, int rows, int cols, double[] out) {
        int bound = S.loopBound(cols);
        int c = 0;
        for (; c + 2 * L <= bound; c += 2 * L) {
            DoubleVector s0 = DoubleVector.zero(S);
            DoubleVector s1 = DoubleVector.zero(S);
            for (int r = 0; r < rows; r++) {
                s0 = s0.add(DoubleVector.fromArray(S, a, from + r * cols + c));
                s1 = s1.add(DoubleVector.fromArray(S, a, from + r * cols + c + L));
            }
            s0.intoArray(out, c);
            s1.intoArray(out, c + L);
        }
        for (; c < bound; c += L) {
            DoubleVector s0 = DoubleVector.zero(S);
            for (int r = 0; r < rows; r++) {
                s0 = s0.add(DoubleVector.fromArray(S, a, from + r * cols + c));
            }
            s0.intoArray(out, c);
        }
        for (; c < cols; c++) {
            double s = 0;
            for (int r = 0; r < rows; r++) {
                s += a[from + r * cols + c];
            }
            out[c] = s;
        }
    }

    /**
     * The derivative blocks of a tanh multi-direction jet over whole vectors, fourth-derivative blocks along
     * {@code fourths} included (the scalar rule's arithmetic, operation by operation); returns where the scalar tail
     * starts.
     */
    static int tanhMultiJetTail(double[] z, double[] y, int m, int firsts, int[] seconds, int[] thirds,
                                int[] fourths) {
        int bound = S.loopBound(m);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        int j = 0;
        for (; j < bound; j += L) {
            DoubleVector f = DoubleVector.fromArray(S, y, j);
            DoubleVector d1 = one.sub(f.mul(f));
            DoubleVector d2 = f.mul(-2.0).mul(d1);
            for (int k = 1; k <= firsts; k++) {
                d1.mul(DoubleVector.fromArray(S, z, k * m + j)).intoArray(y, k * m + j);
            }
            for (int s = 0; s < seconds.length; s++) {
                DoubleVector z1 = DoubleVector.fromArray(S, z, (1 + seconds[s]) * m + j);
                int b = (1 + firsts + s) * m + j;
                d1.mul(DoubleVector.fromArray(S, z, b)).add(d2.mul(z1).mul(z1)).intoArray(y, b);
            }
            if (thirds.length > 0) {
                DoubleVector d3 = d1.mul(f.mul(4.0).mul(f).sub(d1.mul(2.0)));
                for (int t = 0; t < thirds.length; t++) {
                    DoubleVector z1 = DoubleVector.fromArray(S, z, (1 + seconds[thirds[t]]) * m + j);
                    DoubleVector z2 = DoubleVector.fromArray(S, z, (1 + firsts + thirds[t]) * m + j);
                    int c = (1 + firsts + seconds.length + t) * m + j;
                    d1.mul(DoubleVector.fromArray(S, z, c)).add(d2.mul(3.0).mul(z1).mul(z2))
                            .add(d3.mul(z1).mul(z1).mul(z1)).intoArray(y, c);
                }
                if (fourths.length > 0) {
                    fourthsTail(z, y, m, firsts, seconds, thirds, fourths, j, d1, d2, d3,
                            f.mul(-2.0).mul(d3).sub(d1.mul(6.0).mul(d2)));
                }
            }
        }
        return j;
    }

    /** The fourth-derivative blocks at the vector from j, given f' .. f'''' there (as the scalar rule). */
    private static void fourthsTail(double[] z, double[] y, int m, int firsts, int[] seconds, int[] thirds,
                                    int[] fourths, int j, DoubleVector d1, DoubleVector d2, DoubleVector d3,
                                    DoubleVector d4) {
        int third = 1 + firsts + seconds.length;
        for (int q = 0; q < fourths.length; q++) {
            int t = fourths[q];
            DoubleVector z1 = DoubleVector.fromArray(S, z, (1 + seconds[thirds[t]]) * m + j);
            DoubleVector z2 = DoubleVector.fromArray(S, z, (1 + firsts + thirds[t]) * m + j);
            DoubleVector z3 = DoubleVector.fromArray(S, z, (third + t) * m + j);
            int e = (third + thirds.length + q) * m + j;
            d1.mul(DoubleVector.fromArray(S, z, e)).add(d2.mul(z1.mul(4.0).mul(z3).add(z2.mul(3.0).mul(z2))))
                    .add(d3.mul(6.0).mul(z1).mul(z1).mul(z2)).add(d4.mul(z1).mul(z1).mul(z1).mul(z1)).intoArray(y, e);
        }
    }

    /**
     * Reverse rule of a tanh multi-direction jet over whole vectors, fourth-derivative blocks included (the scalar
     * rule's arithmetic); returns where the scalar tail starts.
     */
    static int tanhMultiJetBackward(double[] g, double[] z, double[] y, int m, int firsts, int[] seconds,
                                    int[] thirds, int[] fourths) {
        int bound = S.loopBound(m);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        int j = 0;
        for (; j < bound; j += L) {
            DoubleVector f = DoubleVector.fromArray(S, y, j);
            DoubleVector d1 = one.sub(f.mul(f));
            DoubleVector d2 = f.mul(-2.0).mul(d1);
            DoubleVector d3 = d1.mul(f.mul(4.0).mul(f).sub(d1.mul(2.0)));
            DoubleVector g0 = DoubleVector.fromArray(S, g, j).mul(d1);
            for (int k = 1; k <= firsts; k++) {
                DoubleVector zk = DoubleVector.fromArray(S, z, k * m + j);
                g0 = g0.add(DoubleVector.fromArray(S, g, k * m + j).mul(d2).mul(zk));
            }
            for (int s = 0; s < seconds.length; s++) {
                DoubleVector z1 = DoubleVector.fromArray(S, z, (1 + seconds[s]) * m + j);
                int b = (1 + firsts + s) * m + j;
                DoubleVector z2 = DoubleVector.fromArray(S, z, b);
                g0 = g0.add(DoubleVector.fromArray(S, g, b).mul(d2.mul(z2).add(d3.mul(z1).mul(z1))));
            }
            int third = (1 + firsts + seconds.length) * m + j;
            // always computed: a vector or null would be a phi that C2 can only keep as a boxed object
            DoubleVector d4 = f.mul(-2.0).mul(d3).sub(d1.mul(6.0).mul(d2));
            for (int t = 0; t < thirds.length; t++) {
                DoubleVector z1 = DoubleVector.fromArray(S, z, (1 + seconds[thirds[t]]) * m + j);
                DoubleVector z2 = DoubleVector.fromArray(S, z, (1 + firsts + thirds[t]) * m + j);
                int c = third + t * m;
                DoubleVector z3 = DoubleVector.fromArray(S, z, c);
                g0 = g0.add(DoubleVector.fromArray(S, g, c).mul(d2.mul(z3).add(d3.mul(3.0).mul(z1).mul(z2))
                        .add(d4.mul(z1).mul(z1).mul(z1))));
            }
            g0.intoArray(g, j);
            for (int k = 1; k <= firsts; k++) {
                DoubleVector.fromArray(S, g, k * m + j).mul(d1).intoArray(g, k * m + j);
            }
            for (int s = 0; s < seconds.length; s++) {
                int a = (1 + seconds[s]) * m + j;
                int b = (1 + firsts + s) * m + j;
                DoubleVector g2 = DoubleVector.fromArray(S, g, b);
                DoubleVector za = DoubleVector.fromArray(S, z, a);
                DoubleVector.fromArray(S, g, a).add(g2.mul(2.0).mul(d2).mul(za)).intoArray(g, a);
                g2.mul(d1).intoArray(g, b);
            }
            for (int t = 0; t < thirds.length; t++) {
                int a = (1 + seconds[thirds[t]]) * m + j;
                int b = (1 + firsts + thirds[t]) * m + j;
                int c = third + t * m;
                DoubleVector z1 = DoubleVector.fromArray(S, z, a);
                DoubleVector g3 = DoubleVector.fromArray(S, g, c);
                DoubleVector da = d2.mul(3.0).mul(DoubleVector.fromArray(S, z, b)).add(d3.mul(3.0).mul(z1).mul(z1));
                DoubleVector.fromArray(S, g, a).add(g3.mul(da)).intoArray(g, a);
                DoubleVector.fromArray(S, g, b).add(g3.mul(3.0).mul(d2).mul(z1)).intoArray(g, b);
                g3.mul(d1).intoArray(g, c);
            }
            if (fourths.length > 0) {
                DoubleVector d5 = d1.mul(-8.0).mul(d3).sub(f.mul(2.0).mul(d4)).sub(d2.mul(6.0).mul(d2));
                fourthsBackward(g, z, m, firsts, seconds, thirds, fourths, j, d1, d2, d3, d4, d5);
            }
        }
        return j;
    }

    /** The fourth-derivative terms of the reverse rule at the vector from j, after the lower orders' (as the scalar rule). */
    private static void fourthsBackward(double[] g, double[] z, int m, int firsts, int[] seconds, int[] thirds,
                                        int[] fourths, int j, DoubleVector d1, DoubleVector d2, DoubleVector d3,
                                        DoubleVector d4, DoubleVector d5) {
        int third = 1 + firsts + seconds.length;
        DoubleVector g0 = DoubleVector.fromArray(S, g, j);
        for (int q = 0; q < fourths.length; q++) {
            int t = fourths[q];
            int a = (1 + seconds[thirds[t]]) * m + j;
            int b = (1 + firsts + thirds[t]) * m + j;
            int c = (third + t) * m + j;
            int e = (third + thirds.length + q) * m + j;
            DoubleVector z1 = DoubleVector.fromArray(S, z, a);
            DoubleVector z2 = DoubleVector.fromArray(S, z, b);
            DoubleVector z3 = DoubleVector.fromArray(S, z, c);
            DoubleVector g4 = DoubleVector.fromArray(S, g, e);
            g0 = g0.add(g4.mul(d2.mul(DoubleVector.fromArray(S, z, e))
                    .add(d3.mul(z1.mul(4.0).mul(z3).add(z2.mul(3.0).mul(z2))))
                    .add(d4.mul(6.0).mul(z1).mul(z1).mul(z2)).add(d5.mul(z1).mul(z1).mul(z1).mul(z1))));
            DoubleVector.fromArray(S, g, a).add(g4.mul(d2.mul(4.0).mul(z3).add(d3.mul(12.0).mul(z1).mul(z2))
                    .add(d4.mul(4.0).mul(z1).mul(z1).mul(z1)))).intoArray(g, a);
            DoubleVector.fromArray(S, g, b).add(g4.mul(d2.mul(6.0).mul(z2).add(d3.mul(6.0).mul(z1).mul(z1))))
                    .intoArray(g, b);
            DoubleVector.fromArray(S, g, c).add(g4.mul(4.0).mul(d2).mul(z1)).intoArray(g, c);
            g4.mul(d1).intoArray(g, e);
        }
        g0.intoArray(g, j);
    }

    /**
     * Whether {@link #tanhMultiJetTailFused} and {@link #tanhMultiJetBackwardFused} handle a shape: one or two
     * first-derivative blocks and at most one second-derivative block (Burgers' u_x, u_t, u_xx), or two of each in
     * the order of their directions, seconds = {0, 1} (the 2-D Laplacian's u_x, u_y, u_xx, u_yy, as the fused jets
     * lay them out).
     */
    private static boolean specialised(int firsts, int[] seconds) {
        return firsts >= 1 && firsts <= 2 && seconds.length <= 1
                || firsts == 2 && seconds.length == 2 && seconds[0] == 0 && seconds[1] == 1;
    }

    /**
     * {@link #tanhMultiJetTail} written out for the common shapes ({@link #specialised}), given f = tanh(z) in block 0
     * of y. Returns where the scalar tail starts, or -1 when the
     * shape is not one of these (nothing done). Same arithmetic element by element; without the generic loops over
     * blocks (and their index arithmetic and bounds checks) each block's vectors stay in registers.
     */
    static int tanhMultiJetTailFused(double[] z, double[] y, int m, int firsts, int[] seconds) {
        if (!specialised(firsts, seconds)) {
            return -1;
        }
        if (seconds.length == 2) {
            return laplacianTail(z, y, m);
        }
        int bound = S.loopBound(m);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        boolean two = firsts == 2;
        boolean sec = seconds.length == 1;
        int a = sec ? (1 + seconds[0]) * m : 0; // the first-derivative block the second one goes along
        int b = (1 + firsts) * m;               // the second-derivative block
        int j = 0;
        if (two && sec) {
            for (; j < bound; j += L) {
                DoubleVector f = DoubleVector.fromArray(S, y, j);
                DoubleVector d1 = one.sub(f.mul(f));
                DoubleVector d2 = f.mul(-2.0).mul(d1);
                d1.mul(DoubleVector.fromArray(S, z, m + j)).intoArray(y, m + j);
                d1.mul(DoubleVector.fromArray(S, z, 2 * m + j)).intoArray(y, 2 * m + j);
                DoubleVector z1 = DoubleVector.fromArray(S, z, a + j);
                d1.mul(DoubleVector.fromArray(S, z, b + j)).add(d2.mul(z1).mul(z1)).intoArray(y, b + j);
            }
        } else if (sec) {
            for (; j < bound; j += L) {
                DoubleVector f = DoubleVector.fromArray(S, y, j);
                DoubleVector d1 = one.sub(f.mul(f));
                DoubleVector d2 = f.mul(-2.0).mul(d1);
                DoubleVector z1 = DoubleVector.fromArray(S, z, m + j);
                d1.mul(z1).intoArray(y, m + j);
                d1.mul(DoubleVector.fromArray(S, z, b + j)).add(d2.mul(z1).mul(z1)).intoArray(y, b + j);
            }
        } else {
            for (; j < bound; j += L) {
                DoubleVector f = DoubleVector.fromArray(S, y, j);
                DoubleVector d1 = one.sub(f.mul(f));
                d1.mul(DoubleVector.fromArray(S, z, m + j)).intoArray(y, m + j);
                if (two) {
                    d1.mul(DoubleVector.fromArray(S, z, 2 * m + j)).intoArray(y, 2 * m + j);
                }
            }
        }
        return j;
    }

    /**
     * The reverse rule of a tanh multi-direction jet for the shapes of {@link #tanhMultiJetTailFused}, with the
     * arithmetic of {@link #tanhMultiJetBackward}; returns where the scalar tail starts, or -1 for other shapes
     * (nothing done).
     */
    static int tanhMultiJetBackwardFused(double[] g, double[] z, double[] y, int m, int firsts, int[] seconds) {
        if (!specialised(firsts, seconds)) {
            return -1;
        }
        if (seconds.length == 2) {
            return laplacianBackward(g, z, y, m);
        }
        int bound = S.loopBound(m);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        boolean two = firsts == 2;
        boolean sec = seconds.length == 1;
        int a = sec ? (1 + seconds[0]) * m : 0;
        int b = (1 + firsts) * m;
        int j = 0;
        if (two && sec) {
            boolean along1 = a == m;
            for (; j < bound; j += L) {
                DoubleVector f = DoubleVector.fromArray(S, y, j);
                DoubleVector d1 = one.sub(f.mul(f));
                DoubleVector d2 = f.mul(-2.0).mul(d1);
                DoubleVector d3 = d1.mul(f.mul(4.0).mul(f).sub(d1.mul(2.0)));
                DoubleVector z1 = DoubleVector.fromArray(S, z, m + j);
                DoubleVector z2 = DoubleVector.fromArray(S, z, 2 * m + j);
                DoubleVector zb = DoubleVector.fromArray(S, z, b + j);
                DoubleVector g1 = DoubleVector.fromArray(S, g, m + j);
                DoubleVector g2 = DoubleVector.fromArray(S, g, 2 * m + j);
                DoubleVector gb = DoubleVector.fromArray(S, g, b + j);
                DoubleVector za = along1 ? z1 : z2;
                DoubleVector g0 = DoubleVector.fromArray(S, g, j).mul(d1);
                g0 = g0.add(g1.mul(d2).mul(z1));
                g0 = g0.add(g2.mul(d2).mul(z2));
                g0 = g0.add(gb.mul(d2.mul(zb).add(d3.mul(za).mul(za))));
                g0.intoArray(g, j);
                DoubleVector t = gb.mul(2.0).mul(d2).mul(za);
                DoubleVector h1 = g1.mul(d1);
                DoubleVector h2 = g2.mul(d1);
                (along1 ? h1.add(t) : h1).intoArray(g, m + j);
                (along1 ? h2 : h2.add(t)).intoArray(g, 2 * m + j);
                gb.mul(d1).intoArray(g, b + j);
            }
        } else if (sec) {
            for (; j < bound; j += L) {
                DoubleVector f = DoubleVector.fromArray(S, y, j);
                DoubleVector d1 = one.sub(f.mul(f));
                DoubleVector d2 = f.mul(-2.0).mul(d1);
                DoubleVector d3 = d1.mul(f.mul(4.0).mul(f).sub(d1.mul(2.0)));
                DoubleVector z1 = DoubleVector.fromArray(S, z, m + j);
                DoubleVector zb = DoubleVector.fromArray(S, z, b + j);
                DoubleVector g1 = DoubleVector.fromArray(S, g, m + j);
                DoubleVector gb = DoubleVector.fromArray(S, g, b + j);
                DoubleVector g0 = DoubleVector.fromArray(S, g, j).mul(d1);
                g0 = g0.add(g1.mul(d2).mul(z1));
                g0 = g0.add(gb.mul(d2.mul(zb).add(d3.mul(z1).mul(z1))));
                g0.intoArray(g, j);
                g1.mul(d1).add(gb.mul(2.0).mul(d2).mul(z1)).intoArray(g, m + j);
                gb.mul(d1).intoArray(g, b + j);
            }
        } else {
            for (; j < bound; j += L) {
                DoubleVector f = DoubleVector.fromArray(S, y, j);
                DoubleVector d1 = one.sub(f.mul(f));
                DoubleVector d2 = f.mul(-2.0).mul(d1);
                DoubleVector g1 = DoubleVector.fromArray(S, g, m + j);
                DoubleVector g0 = DoubleVector.fromArray(S, g, j).mul(d1);
                g0 = g0.add(g1.mul(d2).mul(DoubleVector.fromArray(S, z, m + j)));
                g1.mul(d1).intoArray(g, m + j);
                if (two) {
                    DoubleVector g2 = DoubleVector.fromArray(S, g, 2 * m + j);
                    g0 = g0.add(g2.mul(d2).mul(DoubleVector.fromArray(S, z, 2 * m + j)));
                    g2.mul(d1).intoArray(g, 2 * m + j);
                }
                g0.intoArray(g, j);
            }
        }
        return j;
    }

    /**
     * {@link #tanhMultiJetTailFused} for the 2-D Laplacian's blocks u, u_x, u_y, u_xx, u_yy (seconds = {0, 1}), in a
     * method of its own so that the other shapes' method, which C2 compiles as one unit with every Vector API call
     * inlined, stays the size it was.
     */
    private static int laplacianTail(double[] z, double[] y, int m) {
        int bound = S.loopBound(m);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        int j = 0;
        for (; j < bound; j += L) {
            DoubleVector f = DoubleVector.fromArray(S, y, j);
            DoubleVector d1 = one.sub(f.mul(f));
            DoubleVector d2 = f.mul(-2.0).mul(d1);
            DoubleVector z1 = DoubleVector.fromArray(S, z, m + j);
            DoubleVector z2 = DoubleVector.fromArray(S, z, 2 * m + j);
            d1.mul(z1).intoArray(y, m + j);
            d1.mul(z2).intoArray(y, 2 * m + j);
            d1.mul(DoubleVector.fromArray(S, z, 3 * m + j)).add(d2.mul(z1).mul(z1)).intoArray(y, 3 * m + j);
            d1.mul(DoubleVector.fromArray(S, z, 4 * m + j)).add(d2.mul(z2).mul(z2)).intoArray(y, 4 * m + j);
        }
        return j;
    }

    /**
     * {@link #tanhMultiJetBackwardFused} for the blocks of {@link #laplacianTail}, with the generic loop's arithmetic.
     */
    private static int laplacianBackward(double[] g, double[] z, double[] y, int m) {
        int bound = S.loopBound(m);
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        int j = 0;
        for (; j < bound; j += L) {
            DoubleVector f = DoubleVector.fromArray(S, y, j);
            DoubleVector d1 = one.sub(f.mul(f));
            DoubleVector d2 = f.mul(-2.0).mul(d1);
            DoubleVector d3 = d1.mul(f.mul(4.0).mul(f).sub(d1.mul(2.0)));
            DoubleVector z1 = DoubleVector.fromArray(S, z, m + j);
            DoubleVector z2 = DoubleVector.fromArray(S, z, 2 * m + j);
            DoubleVector z3 = DoubleVector.fromArray(S, z, 3 * m + j);
            DoubleVector z4 = DoubleVector.fromArray(S, z, 4 * m + j);
            DoubleVector g1 = DoubleVector.fromArray(S, g, m + j);
            DoubleVector g2 = DoubleVector.fromArray(S, g, 2 * m + j);
            DoubleVector g3 = DoubleVector.fromArray(S, g, 3 * m + j);
            DoubleVector g4 = DoubleVector.fromArray(S, g, 4 * m + j);
            DoubleVector g0 = DoubleVector.fromArray(S, g, j).mul(d1);
            g0 = g0.add(g1.mul(d2).mul(z1));
            g0 = g0.add(g2.mul(d2).mul(z2));
            g0 = g0.add(g3.mul(d2.mul(z3).add(d3.mul(z1).mul(z1))));
            g0 = g0.add(g4.mul(d2.mul(z4).add(d3.mul(z2).mul(z2))));
            g0.intoArray(g, j);
            g1.mul(d1).add(g3.mul(2.0).mul(d2).mul(z1)).intoArray(g, m + j);
            g2.mul(d1).add(g4.mul(2.0).mul(d2).mul(z2)).intoArray(g, 2 * m + j);
            g3.mul(d1).intoArray(g, 3 * m + j);
            g4.mul(d1).intoArray(g, 4 * m + j);
        }
        return j;
    }

    /** {@link TaylorKernels#addScaledProduct} over whole vectors; returns where the scalar tail starts. */
    static int addScaledProduct(double w, double[] x, int xo, double[] y, int yo, double[] out, int oo, int len) {
        int bound = S.loopBound(len);
        DoubleVector wv = DoubleVector.broadcast(S, w);
        int i = 0;
        for (; i < bound; i += L) {
            DoubleVector p = wv.mul(DoubleVector.fromArray(S, x, xo + i)).mul(DoubleVector.fromArray(S, y, yo + i));
            DoubleVector.fromArray(S, out, oo + i).add(p).intoArray(out, oo + i);
        }
        return i;
    }

    /** {@link TaylorKernels#addScaledProductAdjoint} over whole vectors; returns where the scalar tail starts. */
    static int addScaledProductAdjoint(double w, double[] g, int go, double[] x, int xo, double[] y, int yo,
                                       double[] gx, int gxo, double[] gy, int gyo, int len) {
        int bound = S.loopBound(len);
        DoubleVector wv = DoubleVector.broadcast(S, w);
        int i = 0;
        for (; i < bound; i += L) {
            DoubleVector c = wv.mul(DoubleVector.fromArray(S, g, go + i));
            DoubleVector.fromArray(S, gx, gxo + i).add(c.mul(DoubleVector.fromArray(S, y, yo + i)))
                    .intoArray(gx, gxo + i);
            DoubleVector.fromArray(S, gy, gyo + i).add(c.mul(DoubleVector.fromArray(S, x, xo + i)))
                    .intoArray(gy, gyo + i);
        }
        return i;
    }

    /** {@link TaylorKernels#firstOrderRow} over whole vectors; returns where the scalar tail starts. */
    static int firstOrderRow(double[] d1, double[] x, int o, double[] y, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            DoubleVector.fromArray(S, d1, i).mul(DoubleVector.fromArray(S, x, o + i)).intoArray(y, o + i);
        }
        return i;
    }

    /** {@link TaylorKernels#secondOrderRow} over whole vectors; returns where the scalar tail starts. */
    static int secondOrderRow(double[] d1, double[] d2, double[] x, int o1, int o2, double[] y, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            DoubleVector x1 = DoubleVector.fromArray(S, x, o1 + i);
            DoubleVector half = DoubleVector.fromArray(S, d2, i).mul(0.5).mul(x1).mul(x1);
            DoubleVector.fromArray(S, d1, i).mul(DoubleVector.fromArray(S, x, o2 + i)).add(half).intoArray(y, o2 + i);
        }
        return i;
    }

    /** {@link TaylorKernels#firstOrderRowAdjoint} over whole vectors; returns where the scalar tail starts. */
    static int firstOrderRowAdjoint(double[] d1, double[] d2, double[] g, double[] x, int o, double[] gx,
                                    double[] gx0, int g0, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            DoubleVector gv = DoubleVector.fromArray(S, g, o + i);
            gv.mul(DoubleVector.fromArray(S, d1, i)).intoArray(gx, o + i);
            DoubleVector t = gv.mul(DoubleVector.fromArray(S, d2, i)).mul(DoubleVector.fromArray(S, x, o + i));
            DoubleVector.fromArray(S, gx0, g0 + i).add(t).intoArray(gx0, g0 + i);
        }
        return i;
    }

    /** {@link TaylorKernels#secondOrderRowAdjoint} over whole vectors; returns where the scalar tail starts. */
    static int secondOrderRowAdjoint(double[] d1, double[] d2, double[] d3, double[] g, double[] x, int o1, int o2,
                                     double[] gx, double[] gx0, int g0, int len) {
        int bound = S.loopBound(len);
        int i = 0;
        for (; i < bound; i += L) {
            DoubleVector g2 = DoubleVector.fromArray(S, g, o2 + i);
            DoubleVector x1 = DoubleVector.fromArray(S, x, o1 + i);
            DoubleVector d2v = DoubleVector.fromArray(S, d2, i);
            DoubleVector.fromArray(S, gx, o1 + i).add(g2.mul(d2v).mul(x1)).intoArray(gx, o1 + i);
            g2.mul(DoubleVector.fromArray(S, d1, i)).intoArray(gx, o2 + i);
            DoubleVector inner = d2v.mul(DoubleVector.fromArray(S, x, o2 + i))
                    .add(DoubleVector.fromArray(S, d3, i).mul(0.5).mul(x1).mul(x1));
            DoubleVector.fromArray(S, gx0, g0 + i).add(g2.mul(inner)).intoArray(gx0, g0 + i);
        }
        return i;
    }
}
