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

    /** The derivative blocks of a tanh multi-direction jet over whole vectors; returns where the scalar tail starts. */
    static int tanhMultiJetTail(double[] z, double[] y, int m, int firsts, int[] seconds, int[] thirds) {
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
            }
        }
        return j;
    }

    /**
     * Reverse rule of a tanh multi-direction jet over whole vectors, in place; returns where the scalar tail starts.
     */
    static int tanhMultiJetBackward(double[] g, double[] z, double[] y, int m, int firsts, int[] seconds,
                                    int[] thirds) {
        return tanhMultiJetBackward(g, null, null, g, z, y, m, firsts, seconds, thirds);
    }

    /**
     * Reverse rule of a tanh multi-direction jet over whole vectors, the cotangents of z into {@code out}: in place
     * ({@code out == g}, {@code gz} null), returns where the scalar tail starts; or from the outer product g = gz w
     * ({@code g} null, see {@link #outerStep}) over every element of rows of w.length columns, returns m (0, nothing
     * done, for rows narrower than a vector). See {@link #steps} for the order of the vectors.
     */
    static int tanhMultiJetBackward(double[] g, double[] gz, double[] w, double[] out, double[] z, double[] y, int m,
                                    int firsts, int[] seconds, int[] thirds) {
        int cols = columns(gz, w, m);
        int n = gz == null ? 1 : m / cols;
        int steps = steps(gz, m, cols);
        int blocks = 1 + firsts + seconds.length + thirds.length;
        double[] ga = gz == null ? g : new double[blocks * L]; // the cotangents of y, or one step's of them
        int gs = gz == null ? m : L;
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        for (int q = 0, r = 0, c0 = 0; q < steps; q++) {
            int c = Math.min(c0, cols - L);
            int j = r * cols + c;
            int go = gz == null ? j : 0; // where block 0's cotangent is in ga, the others gs apart
            if (gz != null) {
                outerStep(gz, w, n, r, c, blocks, ga);
            }
            DoubleVector f = DoubleVector.fromArray(S, y, j);
            DoubleVector d1 = one.sub(f.mul(f));
            DoubleVector d2 = f.mul(-2.0).mul(d1);
            DoubleVector d3 = d1.mul(f.mul(4.0).mul(f).sub(d1.mul(2.0)));
            DoubleVector g0 = DoubleVector.fromArray(S, ga, go).mul(d1);
            for (int k = 1; k <= firsts; k++) {
                DoubleVector zk = DoubleVector.fromArray(S, z, k * m + j);
                g0 = g0.add(DoubleVector.fromArray(S, ga, go + k * gs).mul(d2).mul(zk));
            }
            for (int s = 0; s < seconds.length; s++) {
                DoubleVector z1 = DoubleVector.fromArray(S, z, (1 + seconds[s]) * m + j);
                int bb = 1 + firsts + s;
                DoubleVector z2 = DoubleVector.fromArray(S, z, bb * m + j);
                g0 = g0.add(DoubleVector.fromArray(S, ga, go + bb * gs).mul(d2.mul(z2).add(d3.mul(z1).mul(z1))));
            }
            int tb = 1 + firsts + seconds.length; // the first third-derivative block
            int third = tb * m + j;
            DoubleVector d4 = thirds.length > 0 ? f.mul(-2.0).mul(d3).sub(d1.mul(6.0).mul(d2)) : null;
            for (int t = 0; t < thirds.length; t++) {
                DoubleVector z1 = DoubleVector.fromArray(S, z, (1 + seconds[thirds[t]]) * m + j);
                DoubleVector z2 = DoubleVector.fromArray(S, z, (1 + firsts + thirds[t]) * m + j);
                DoubleVector z3 = DoubleVector.fromArray(S, z, third + t * m);
                DoubleVector gt = DoubleVector.fromArray(S, ga, go + (tb + t) * gs);
                g0 = g0.add(gt.mul(d2.mul(z3).add(d3.mul(3.0).mul(z1).mul(z2)).add(d4.mul(z1).mul(z1).mul(z1))));
            }
            g0.intoArray(out, j);
            for (int k = 1; k <= firsts; k++) {
                DoubleVector.fromArray(S, ga, go + k * gs).mul(d1).intoArray(out, k * m + j);
            }
            for (int s = 0; s < seconds.length; s++) { // out's first-derivative blocks as just written
                int a = (1 + seconds[s]) * m + j;
                int b = (1 + firsts + s) * m + j;
                DoubleVector g2 = DoubleVector.fromArray(S, ga, go + (1 + firsts + s) * gs);
                DoubleVector za = DoubleVector.fromArray(S, z, a);
                DoubleVector.fromArray(S, out, a).add(g2.mul(2.0).mul(d2).mul(za)).intoArray(out, a);
                g2.mul(d1).intoArray(out, b);
            }
            for (int t = 0; t < thirds.length; t++) {
                int a = (1 + seconds[thirds[t]]) * m + j;
                int b = (1 + firsts + thirds[t]) * m + j;
                int cc = third + t * m;
                DoubleVector z1 = DoubleVector.fromArray(S, z, a);
                DoubleVector g3 = DoubleVector.fromArray(S, ga, go + (tb + t) * gs);
                DoubleVector da = d2.mul(3.0).mul(DoubleVector.fromArray(S, z, b)).add(d3.mul(3.0).mul(z1).mul(z1));
                DoubleVector.fromArray(S, out, a).add(g3.mul(da)).intoArray(out, a);
                DoubleVector.fromArray(S, out, b).add(g3.mul(3.0).mul(d2).mul(z1)).intoArray(out, b);
                g3.mul(d1).intoArray(out, cc);
            }
            c0 += L;
            if (c0 >= cols) {
                c0 = 0;
                r++;
            }
        }
        return scalarFrom(gz, m, cols, steps);
    }

    /**
     * One vector step's cotangents of y from an outer product g = gz w, into {@code ga} (block b's at b L): at row r
     * and columns [c, c + L) of each block, gz[b n + r] w[c..], rounded as {@link VectorGemm#outer} rounds them (a
     * fused multiply-add onto zero: the same bits, the sign of a zero included). They are made here, a few values
     * that stay in the L1 cache, and read back as the in-place loops read g; vectors never cross a method boundary
     * (one that is not inlined would box them).
     */
    private static void outerStep(double[] gz, double[] w, int n, int r, int c, int blocks, double[] ga) {
        DoubleVector wv = DoubleVector.fromArray(S, w, c);
        DoubleVector zero = DoubleVector.zero(S);
        for (int b = 0; b < blocks; b++) {
            DoubleVector.broadcast(S, gz[b * n + r]).fma(wv, zero).intoArray(ga, b * L);
        }
    }

    /** The columns of a row the vectors go along: the whole vectors of a flat block, or the width of w's rows. */
    private static int columns(double[] gz, double[] w, int m) {
        return gz == null ? S.loopBound(m) : w.length;
    }

    /**
     * The vectors of a reverse rule: in place ({@code gz} null) the whole vectors of the flat block of m elements;
     * from an outer product, ceil(cols / L) per row of cols columns, the last one of a row ending at its end and
     * overlapping the one before where L does not divide cols (the output is not an input there, so those lanes are
     * recomputed to the same values), none when cols is under L (the scalar loop then does it all). Step q is row
     * r = q / ceil(cols / L), column min((q mod ceil(cols / L)) L, cols - L).
     */
    private static int steps(double[] gz, int m, int cols) {
        if (gz == null) {
            return cols / L;
        }
        return cols < L ? 0 : m / cols * ((cols + L - 1) / L);
    }

    /** Where the scalar loop starts after {@link #steps} vectors: the tail of a flat block, else m, or 0 for none. */
    private static int scalarFrom(double[] gz, int m, int cols, int steps) {
        return gz == null ? cols : steps == 0 ? 0 : m;
    }

    /**
     * {@link #tanhMultiJetTail} written out for the common shapes: one or two first-derivative blocks and at most one
     * second-derivative block, given f = tanh(z) in block 0 of y. Returns where the scalar tail starts, or -1 when the
     * shape is not one of these (nothing done). Same arithmetic element by element; without the generic loops over
     * blocks (and their index arithmetic and bounds checks) each block's vectors stay in registers.
     */
    static int tanhMultiJetTailFused(double[] z, double[] y, int m, int firsts, int[] seconds) {
        if (firsts < 1 || firsts > 2 || seconds.length > 1) {
            return -1;
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
     * The reverse rule of a tanh multi-direction jet for the shapes of {@link #tanhMultiJetTailFused}, in place, with
     * the arithmetic of {@link #tanhMultiJetBackward}; returns where the scalar tail starts, or -1 for other shapes
     * (nothing done).
     */
    static int tanhMultiJetBackwardFused(double[] g, double[] z, double[] y, int m, int firsts, int[] seconds) {
        return tanhMultiJetBackwardFused(g, null, null, g, z, y, m, firsts, seconds);
    }

    /**
     * As the one above, the cotangents of z into {@code out}, in place or from an outer product as
     * {@link #tanhMultiJetBackward(double[], double[], double[], double[], double[], double[], int, int, int[], int[])}
     * (and returning what it returns, or -1 for other shapes).
     */
    static int tanhMultiJetBackwardFused(double[] g, double[] gz, double[] w, double[] out, double[] z, double[] y,
                                         int m, int firsts, int[] seconds) {
        if (firsts < 1 || firsts > 2 || seconds.length > 1) {
            return -1;
        }
        int cols = columns(gz, w, m);
        int n = gz == null ? 1 : m / cols;
        int steps = steps(gz, m, cols);
        int blocks = 1 + firsts + seconds.length;
        double[] ga = gz == null ? g : new double[blocks * L]; // the cotangents of y, or one step's of them
        int gs = gz == null ? m : L;
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        boolean two = firsts == 2;
        boolean sec = seconds.length == 1;
        int a = sec ? (1 + seconds[0]) * m : 0;
        int bb = 1 + firsts; // the second-derivative block
        int b = bb * m;
        if (two && sec) {
            boolean along1 = a == m;
            for (int q = 0, r = 0, c0 = 0; q < steps; q++) {
                int c = Math.min(c0, cols - L);
                int j = r * cols + c;
                int go = gz == null ? j : 0;
                if (gz != null) {
                    outerStep(gz, w, n, r, c, blocks, ga);
                }
                DoubleVector f = DoubleVector.fromArray(S, y, j);
                DoubleVector d1 = one.sub(f.mul(f));
                DoubleVector d2 = f.mul(-2.0).mul(d1);
                DoubleVector d3 = d1.mul(f.mul(4.0).mul(f).sub(d1.mul(2.0)));
                DoubleVector z1 = DoubleVector.fromArray(S, z, m + j);
                DoubleVector z2 = DoubleVector.fromArray(S, z, 2 * m + j);
                DoubleVector zb = DoubleVector.fromArray(S, z, b + j);
                DoubleVector g1 = DoubleVector.fromArray(S, ga, go + gs);
                DoubleVector g2 = DoubleVector.fromArray(S, ga, go + 2 * gs);
                DoubleVector gb = DoubleVector.fromArray(S, ga, go + bb * gs);
                DoubleVector za = along1 ? z1 : z2;
                DoubleVector g0 = DoubleVector.fromArray(S, ga, go).mul(d1);
                g0 = g0.add(g1.mul(d2).mul(z1));
                g0 = g0.add(g2.mul(d2).mul(z2));
                g0 = g0.add(gb.mul(d2.mul(zb).add(d3.mul(za).mul(za))));
                g0.intoArray(out, j);
                DoubleVector t = gb.mul(2.0).mul(d2).mul(za);
                DoubleVector h1 = g1.mul(d1);
                DoubleVector h2 = g2.mul(d1);
                (along1 ? h1.add(t) : h1).intoArray(out, m + j);
                (along1 ? h2 : h2.add(t)).intoArray(out, 2 * m + j);
                gb.mul(d1).intoArray(out, b + j);
                c0 += L;
                if (c0 >= cols) {
                    c0 = 0;
                    r++;
                }
            }
        } else if (sec) {
            for (int q = 0, r = 0, c0 = 0; q < steps; q++) {
                int c = Math.min(c0, cols - L);
                int j = r * cols + c;
                int go = gz == null ? j : 0;
                if (gz != null) {
                    outerStep(gz, w, n, r, c, blocks, ga);
                }
                DoubleVector f = DoubleVector.fromArray(S, y, j);
                DoubleVector d1 = one.sub(f.mul(f));
                DoubleVector d2 = f.mul(-2.0).mul(d1);
                DoubleVector d3 = d1.mul(f.mul(4.0).mul(f).sub(d1.mul(2.0)));
                DoubleVector z1 = DoubleVector.fromArray(S, z, m + j);
                DoubleVector zb = DoubleVector.fromArray(S, z, b + j);
                DoubleVector g1 = DoubleVector.fromArray(S, ga, go + gs);
                DoubleVector gb = DoubleVector.fromArray(S, ga, go + bb * gs);
                DoubleVector g0 = DoubleVector.fromArray(S, ga, go).mul(d1);
                g0 = g0.add(g1.mul(d2).mul(z1));
                g0 = g0.add(gb.mul(d2.mul(zb).add(d3.mul(z1).mul(z1))));
                g0.intoArray(out, j);
                g1.mul(d1).add(gb.mul(2.0).mul(d2).mul(z1)).intoArray(out, m + j);
                gb.mul(d1).intoArray(out, b + j);
                c0 += L;
                if (c0 >= cols) {
                    c0 = 0;
                    r++;
                }
            }
        } else {
            for (int q = 0, r = 0, c0 = 0; q < steps; q++) {
                int c = Math.min(c0, cols - L);
                int j = r * cols + c;
                int go = gz == null ? j : 0;
                if (gz != null) {
                    outerStep(gz, w, n, r, c, blocks, ga);
                }
                DoubleVector f = DoubleVector.fromArray(S, y, j);
                DoubleVector d1 = one.sub(f.mul(f));
                DoubleVector d2 = f.mul(-2.0).mul(d1);
                DoubleVector g1 = DoubleVector.fromArray(S, ga, go + gs);
                DoubleVector g0 = DoubleVector.fromArray(S, ga, go).mul(d1);
                g0 = g0.add(g1.mul(d2).mul(DoubleVector.fromArray(S, z, m + j)));
                g1.mul(d1).intoArray(out, m + j);
                if (two) {
                    DoubleVector g2 = DoubleVector.fromArray(S, ga, go + 2 * gs);
                    g0 = g0.add(g2.mul(d2).mul(DoubleVector.fromArray(S, z, 2 * m + j)));
                    g2.mul(d1).intoArray(out, 2 * m + j);
                }
                g0.intoArray(out, j);
                c0 += L;
                if (c0 >= cols) {
                    c0 = 0;
                    r++;
                }
            }
        }
        return scalarFrom(gz, m, cols, steps);
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
