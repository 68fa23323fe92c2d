package org.sciml4j.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Small row-major matrix products with the Vector API, for the shapes PINNs live on (a few hundred rows, tens of
 * columns) where a BLAS call costs more than it saves and the JIT does not vectorise the plain loop (it cannot
 * prove that the output and input arrays do not alias). Loaded only when {@code jdk.incubator.vector} is present.
 */
final class VectorGemm {
    private VectorGemm() {
    }

    private static final VectorSpecies<Double> S = Lanes.S;
    private static final int L = Lanes.L;
    /** Five vectors of columns: the width of {@link #block2x5}. */
    static final int W = 5 * L;

    /** {@code C[m,n] (+)= A[m,k] B[k,n]}. */
    static void gemm(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                     boolean accumulate) {
        if (n == 1) {
            VectorGemv.gemv(a, aOff, b, bOff, c, cOff, m, k, accumulate);
            return;
        }
        gemm(a, aOff, k, 1, b, bOff, c, cOff, m, k, n, accumulate);
    }

    /**
     * {@code C[m,n] (+)= A B} where element (i, p) of A is {@code a[aOff + i * ars + p * acs]}: (k, 1) for a
     * row-major A, (1, m) for the transpose of a row-major (k, m) array. A is read one element at a time
     * (broadcast), but the strides are not free: an index with a variable scale of the loop index (p * acs, p * n)
     * keeps the JIT's range check inside the innermost loop. So from {@link GemmPanels#PACK_MIN_ROWS} rows (row-major
     * A) or {@link GemmPanels#PACK_T_MIN_ROWS} rows (transposed A) the blocks of five vectors of columns run on copies
     * with constant strides ({@link #block2x5Packed}, {@link #block2x5Groups}); the copies move values only (same
     * bits). Where the blocks have four rows ({@link Lanes#GEMM_ROWS}) they read A and B in place.
     */
    static void gemm(double[] a, int aOff, int ars, int acs, double[] b, int bOff, double[] c, int cOff, int m, int k,
                     int n, boolean accumulate) {
        boolean pack = Lanes.GEMM_ROWS == 2 && S.loopBound(n) >= W
                && (acs == 1 ? m >= GemmPanels.PACK_MIN_ROWS : ars == 1 && m >= GemmPanels.PACK_T_MIN_ROWS);
        double[] panel = pack ? GemmPanels.PANEL.get() : null;
        if (k > K_BLOCK && m > 2) {
            // long inner dimension (a weight gradient summed over many rows): blocks of K_BLOCK rows of B and A, so
            // that each block stays in the L1 cache while every row of C passes over it. C holds the running sums
            // between blocks, so every element is added in the same order as without blocking (same bits)
            for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
                gemmPanel(a, aOff + p0 * acs, ars, acs, b, bOff + p0 * n, c, cOff, m, Math.min(K_BLOCK, k - p0), n,
                        accumulate || p0 > 0, panel);
            }
            return;
        }
        gemmPanel(a, aOff, ars, acs, b, bOff, c, cOff, m, k, n, accumulate, panel);
    }

    /**
     * Rows of B per block of the inner dimension: blocks of A and B of 20 columns take 2 x 10 KiB, within L1 (64 was
     * the best of 32, 48, 64, 128 for a 20 x 1024 x 20 weight gradient, about 1.3x faster than no blocking).
     */
    static final int K_BLOCK = Integer.getInteger("sciml4j.gemm.kblock", 64);

    /**
     * {@link #gemm} on at most {@link #K_BLOCK} rows of B; {@code panel} (k x W values, or null) to copy B's blocks of
     * columns into for the packed kernel.
     */
    private static void gemmPanel(double[] a, int aOff, int ars, int acs, double[] b, int bOff, double[] c, int cOff,
                                  int m, int k, int n, boolean accumulate, double[] panel) {
        int full = S.loopBound(n); // whole vectors: unmasked loads and stores (masked ones are not intrinsic on
                                   // every JDK and fall back to slow code); the tail columns run scalar
        // blocks of five vectors of columns, two rows at a time: ten independent FMA chains, and each broadcast
        // of A serves five vectors (measured 1.4x faster than vectorColumns' 4 x 2 blocks for 306 x 20 x 20)
        int j0 = full / W * W;
        if (j0 > 0) {
            wideColumns(a, aOff, ars, acs, b, bOff, c, cOff, m, k, n, j0, accumulate, panel);
        }
        if (j0 < full) {
            vectorColumns(a, aOff, ars, acs, b, bOff, c, cOff, m, k, n, j0, full, accumulate);
        }
        if (full < n) {
            tailColumns(a, aOff, ars, acs, b, bOff, c, cOff, m, k, n, full, accumulate);
        }
    }

    /**
     * Columns [0, j0) of C, j0 a multiple of W, in blocks of five vectors: packed (see {@link #gemm}) when
     * {@code panel} is given. Kept out of {@link #gemmPanel}, as are the other column ranges, so that each hot loop
     * nest is compiled on its own (with all of them in one method, a change to one path moved the speed of the
     * unchanged others by up to 10 % in the interleaved probe).
     */
    private static void wideColumns(double[] a, int aOff, int ars, int acs, double[] b, int bOff, double[] c,
                                    int cOff, int m, int k, int n, int j0, boolean accumulate, double[] panel) {
        if (panel != null && acs == 1) {
            for (int j = 0; j < j0; j += W) {
                GemmPanels.packPanel(b, bOff + j, n, k, panel);
                block2x5Packed(a, aOff, ars, panel, c, cOff + j, m, k, n, accumulate);
            }
        } else if (panel != null) {
            double[] groups = GemmPanels.packGroups(a, aOff, acs, m, k);
            for (int j = 0; j < j0; j += W) {
                GemmPanels.packPanel(b, bOff + j, n, k, panel);
                block2x5Groups(groups, panel, c, cOff + j, m, k, n, accumulate);
            }
        } else {
            int m4 = Lanes.GEMM_ROWS == 4 ? m / 4 * 4 : 0;
            for (int j = 0; j < j0; j += W) {
                if (m4 > 0) {
                    FourRowBlocks.block4x5(a, aOff, ars, acs, b, bOff, c, cOff, m4, k, n, j, accumulate);
                }
                if (m4 < m) {
                    block2x5(a, aOff + m4 * ars, ars, acs, b, bOff, c, cOff + m4 * n, m - m4, k, n, j, accumulate);
                }
            }
        }
    }

    /** Vector columns [j0, full) of C, fewer than W: four rows at a time, then the rows left one at a time. */
    private static void vectorColumns(double[] a, int aOff, int ars, int acs, double[] b, int bOff, double[] c,
                                      int cOff, int m, int k, int n, int j0, int full, boolean accumulate) {
        double[] init = initial(c, accumulate);
        int i = 0;
        // four rows at a time share each load of B; two vectors of columns give eight independent FMA chains,
        // enough to keep two FMA units busy through their latency
        for (; i + 4 <= m; i += 4) {
            int a0 = aOff + i * ars;
            int c0 = cOff + i * n;
            int j = j0;
            for (; j + 2 * L <= full; j += 2 * L) {
                DoubleVector s0 = DoubleVector.fromArray(S, init, accumulate ? c0 + j : 0);
                DoubleVector s1 = DoubleVector.fromArray(S, init, accumulate ? c0 + n + j : 0);
                DoubleVector s2 = DoubleVector.fromArray(S, init, accumulate ? c0 + 2 * n + j : 0);
                DoubleVector s3 = DoubleVector.fromArray(S, init, accumulate ? c0 + 3 * n + j : 0);
                DoubleVector t0 = DoubleVector.fromArray(S, init, accumulate ? c0 + j + L : 0);
                DoubleVector t1 = DoubleVector.fromArray(S, init, accumulate ? c0 + n + j + L : 0);
                DoubleVector t2 = DoubleVector.fromArray(S, init, accumulate ? c0 + 2 * n + j + L : 0);
                DoubleVector t3 = DoubleVector.fromArray(S, init, accumulate ? c0 + 3 * n + j + L : 0);
                for (int p = 0; p < k; p++) {
                    int bp = bOff + p * n + j;
                    DoubleVector bv = DoubleVector.fromArray(S, b, bp);
                    DoubleVector bw = DoubleVector.fromArray(S, b, bp + L);
                    int ap = a0 + p * acs;
                    DoubleVector x0 = DoubleVector.broadcast(S, a[ap]);
                    DoubleVector x1 = DoubleVector.broadcast(S, a[ap + ars]);
                    DoubleVector x2 = DoubleVector.broadcast(S, a[ap + 2 * ars]);
                    DoubleVector x3 = DoubleVector.broadcast(S, a[ap + 3 * ars]);
                    s0 = bv.fma(x0, s0);
                    s1 = bv.fma(x1, s1);
                    s2 = bv.fma(x2, s2);
                    s3 = bv.fma(x3, s3);
                    t0 = bw.fma(x0, t0);
                    t1 = bw.fma(x1, t1);
                    t2 = bw.fma(x2, t2);
                    t3 = bw.fma(x3, t3);
                }
                s0.intoArray(c, c0 + j);
                s1.intoArray(c, c0 + n + j);
                s2.intoArray(c, c0 + 2 * n + j);
                s3.intoArray(c, c0 + 3 * n + j);
                t0.intoArray(c, c0 + j + L);
                t1.intoArray(c, c0 + n + j + L);
                t2.intoArray(c, c0 + 2 * n + j + L);
                t3.intoArray(c, c0 + 3 * n + j + L);
            }
            for (; j < full; j += L) {
                DoubleVector s0 = DoubleVector.fromArray(S, init, accumulate ? c0 + j : 0);
                DoubleVector s1 = DoubleVector.fromArray(S, init, accumulate ? c0 + n + j : 0);
                DoubleVector s2 = DoubleVector.fromArray(S, init, accumulate ? c0 + 2 * n + j : 0);
                DoubleVector s3 = DoubleVector.fromArray(S, init, accumulate ? c0 + 3 * n + j : 0);
                for (int p = 0; p < k; p++) {
                    DoubleVector bv = DoubleVector.fromArray(S, b, bOff + p * n + j);
                    int ap = a0 + p * acs;
                    s0 = bv.fma(DoubleVector.broadcast(S, a[ap]), s0);
                    s1 = bv.fma(DoubleVector.broadcast(S, a[ap + ars]), s1);
                    s2 = bv.fma(DoubleVector.broadcast(S, a[ap + 2 * ars]), s2);
                    s3 = bv.fma(DoubleVector.broadcast(S, a[ap + 3 * ars]), s3);
                }
                s0.intoArray(c, c0 + j);
                s1.intoArray(c, c0 + n + j);
                s2.intoArray(c, c0 + 2 * n + j);
                s3.intoArray(c, c0 + 3 * n + j);
            }
        }
        for (; i < m; i++) {
            int ai = aOff + i * ars;
            int ci = cOff + i * n;
            for (int j = j0; j < full; j += L) {
                DoubleVector s0 = DoubleVector.fromArray(S, init, accumulate ? ci + j : 0);
                for (int p = 0; p < k; p++) {
                    DoubleVector bv = DoubleVector.fromArray(S, b, bOff + p * n + j);
                    s0 = bv.fma(DoubleVector.broadcast(S, a[ai + p * acs]), s0);
                }
                s0.intoArray(c, ci + j);
            }
        }
    }

    /**
     * Columns [from, n) of C, fewer than one vector of the kernels' width, scalar. Every element is the same chain of
     * fused multiply-adds over p as in the vector tiles, so the result does not depend on the width. (Narrower vectors
     * for these columns, 128-bit ones after 256-bit tiles, made a 1040 x 50 x 50 product 15 times slower on JDK 17:
     * C2 would not inline their methods into the product and boxed the vectors.)
     */
    private static void tailColumns(double[] a, int aOff, int ars, int acs, double[] b, int bOff, double[] c, int cOff,
                                    int m, int k, int n, int from, boolean accumulate) {
        int i = 0;
        // four rows at a time: four independent multiply-add chains per column instead of one, which a chain's
        // latency otherwise leaves idle (a 64 x 50 x 2 product, a neural ODE's output layer, ran 3 times slower)
        for (; i + 4 <= m; i += 4) {
            int a0 = aOff + i * ars;
            int c0 = cOff + i * n;
            int j = from;
            for (; j + 2 <= n; j += 2) { // two columns: eight chains
                tailBlock4x2(a, a0, ars, acs, b, bOff, c, c0, k, n, j, accumulate);
            }
            for (; j < n; j++) {
                double s0 = accumulate ? c[c0 + j] : 0;
                double s1 = accumulate ? c[c0 + n + j] : 0;
                double s2 = accumulate ? c[c0 + 2 * n + j] : 0;
                double s3 = accumulate ? c[c0 + 3 * n + j] : 0;
                for (int p = 0; p < k; p++) {
                    double bv = b[bOff + p * n + j];
                    int ap = a0 + p * acs;
                    s0 = Math.fma(a[ap], bv, s0);
                    s1 = Math.fma(a[ap + ars], bv, s1);
                    s2 = Math.fma(a[ap + 2 * ars], bv, s2);
                    s3 = Math.fma(a[ap + 3 * ars], bv, s3);
                }
                c[c0 + j] = s0;
                c[c0 + n + j] = s1;
                c[c0 + 2 * n + j] = s2;
                c[c0 + 3 * n + j] = s3;
            }
        }
        for (; i < m; i++) {
            scalarTail(a, aOff + i * ars, acs, b, bOff, c, cOff + i * n, k, n, from, accumulate);
        }
    }

    /** Columns [j, j + 5L) of C, two rows at a time (a last odd row alone). */
    private static void block2x5(double[] a, int aOff, int ars, int acs, double[] b, int bOff, double[] c, int cOff,
                                 int m, int k, int n, int j, boolean accumulate) {
        double[] init = initial(c, accumulate);
        int i = 0;
        for (; i + 2 <= m; i += 2) {
            int a0 = aOff + i * ars;
            int c0 = cOff + i * n + j;
            int c1 = c0 + n;
            DoubleVector s0 = DoubleVector.fromArray(S, init, accumulate ? c0 : 0);
            DoubleVector s1 = DoubleVector.fromArray(S, init, accumulate ? c0 + L : 0);
            DoubleVector s2 = DoubleVector.fromArray(S, init, accumulate ? c0 + 2 * L : 0);
            DoubleVector s3 = DoubleVector.fromArray(S, init, accumulate ? c0 + 3 * L : 0);
            DoubleVector s4 = DoubleVector.fromArray(S, init, accumulate ? c0 + 4 * L : 0);
            DoubleVector t0 = DoubleVector.fromArray(S, init, accumulate ? c1 : 0);
            DoubleVector t1 = DoubleVector.fromArray(S, init, accumulate ? c1 + L : 0);
            DoubleVector t2 = DoubleVector.fromArray(S, init, accumulate ? c1 + 2 * L : 0);
            DoubleVector t3 = DoubleVector.fromArray(S, init, accumulate ? c1 + 3 * L : 0);
            DoubleVector t4 = DoubleVector.fromArray(S, init, accumulate ? c1 + 4 * L : 0);
            for (int p = 0; p < k; p++) {
                int bp = bOff + p * n + j;
                int ap = a0 + p * acs;
                DoubleVector x0 = DoubleVector.broadcast(S, a[ap]);
                DoubleVector x1 = DoubleVector.broadcast(S, a[ap + ars]);
                DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
                s0 = b0.fma(x0, s0);
                t0 = b0.fma(x1, t0);
                DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
                s1 = b1.fma(x0, s1);
                t1 = b1.fma(x1, t1);
                DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
                s2 = b2.fma(x0, s2);
                t2 = b2.fma(x1, t2);
                DoubleVector b3 = DoubleVector.fromArray(S, b, bp + 3 * L);
                s3 = b3.fma(x0, s3);
                t3 = b3.fma(x1, t3);
                DoubleVector b4 = DoubleVector.fromArray(S, b, bp + 4 * L);
                s4 = b4.fma(x0, s4);
                t4 = b4.fma(x1, t4);
            }
            s0.intoArray(c, c0);
            s1.intoArray(c, c0 + L);
            s2.intoArray(c, c0 + 2 * L);
            s3.intoArray(c, c0 + 3 * L);
            s4.intoArray(c, c0 + 4 * L);
            t0.intoArray(c, c1);
            t1.intoArray(c, c1 + L);
            t2.intoArray(c, c1 + 2 * L);
            t3.intoArray(c, c1 + 3 * L);
            t4.intoArray(c, c1 + 4 * L);
        }
        if (i < m) {
            block1x5(a, aOff + i * ars, acs, b, bOff + j, n, c, cOff + i * n + j, k, accumulate);
        }
    }

    /**
     * {@link #block2x5Packed} for a transposed A packed by {@link GemmPanels#packGroups} (rows i, i + 1 at
     * {@code q[(g * k + p) * L + r]}, g = i / L, r = i mod L: L is even, so a pair never straddles two groups).
     */
    private static void block2x5Groups(double[] q, double[] b, double[] c, int cOff, int m, int k, int n,
                                       boolean accumulate) {
        double[] init = initial(c, accumulate);
        int i = 0;
        for (; i + 2 <= m; i += 2) {
            int a0 = (i / L) * k * L + i % L;
            int c0 = cOff + i * n;
            int c1 = c0 + n;
            DoubleVector s0 = DoubleVector.fromArray(S, init, accumulate ? c0 : 0);
            DoubleVector s1 = DoubleVector.fromArray(S, init, accumulate ? c0 + L : 0);
            DoubleVector s2 = DoubleVector.fromArray(S, init, accumulate ? c0 + 2 * L : 0);
            DoubleVector s3 = DoubleVector.fromArray(S, init, accumulate ? c0 + 3 * L : 0);
            DoubleVector s4 = DoubleVector.fromArray(S, init, accumulate ? c0 + 4 * L : 0);
            DoubleVector t0 = DoubleVector.fromArray(S, init, accumulate ? c1 : 0);
            DoubleVector t1 = DoubleVector.fromArray(S, init, accumulate ? c1 + L : 0);
            DoubleVector t2 = DoubleVector.fromArray(S, init, accumulate ? c1 + 2 * L : 0);
            DoubleVector t3 = DoubleVector.fromArray(S, init, accumulate ? c1 + 3 * L : 0);
            DoubleVector t4 = DoubleVector.fromArray(S, init, accumulate ? c1 + 4 * L : 0);
            for (int p = 0; p < k; p++) {
                int bp = p * W;
                int ap = a0 + p * L;
                DoubleVector x0 = DoubleVector.broadcast(S, q[ap]);
                DoubleVector x1 = DoubleVector.broadcast(S, q[ap + 1]);
                DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
                s0 = b0.fma(x0, s0);
                t0 = b0.fma(x1, t0);
                DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
                s1 = b1.fma(x0, s1);
                t1 = b1.fma(x1, t1);
                DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
                s2 = b2.fma(x0, s2);
                t2 = b2.fma(x1, t2);
                DoubleVector b3 = DoubleVector.fromArray(S, b, bp + 3 * L);
                s3 = b3.fma(x0, s3);
                t3 = b3.fma(x1, t3);
                DoubleVector b4 = DoubleVector.fromArray(S, b, bp + 4 * L);
                s4 = b4.fma(x0, s4);
                t4 = b4.fma(x1, t4);
            }
            s0.intoArray(c, c0);
            s1.intoArray(c, c0 + L);
            s2.intoArray(c, c0 + 2 * L);
            s3.intoArray(c, c0 + 3 * L);
            s4.intoArray(c, c0 + 4 * L);
            t0.intoArray(c, c1);
            t1.intoArray(c, c1 + L);
            t2.intoArray(c, c1 + 2 * L);
            t3.intoArray(c, c1 + 3 * L);
            t4.intoArray(c, c1 + 4 * L);
        }
        if (i < m) {
            block1x5(q, (i / L) * k * L + i % L, L, b, 0, W, c, cOff + i * n, k, accumulate);
        }
    }

    /**
     * {@link #block2x5} for a row-major A (column stride 1) and B's five vectors of columns packed by
     * {@link GemmPanels#packPanel} (rows W apart), C's columns from {@code cOff}. Every array index in the loop over p
     * is then the loop index times a constant plus an invariant, so the JIT moves all range checks out of the loop (with
     * the variable strides of {@link #block2x5} it keeps them inside).
     */
    private static void block2x5Packed(double[] a, int aOff, int ars, double[] b, double[] c, int cOff, int m, int k,
                                       int n, boolean accumulate) {
        double[] init = initial(c, accumulate);
        int i = 0;
        for (; i + 2 <= m; i += 2) {
            int a0 = aOff + i * ars;
            int a1 = a0 + ars;
            int c0 = cOff + i * n;
            int c1 = c0 + n;
            DoubleVector s0 = DoubleVector.fromArray(S, init, accumulate ? c0 : 0);
            DoubleVector s1 = DoubleVector.fromArray(S, init, accumulate ? c0 + L : 0);
            DoubleVector s2 = DoubleVector.fromArray(S, init, accumulate ? c0 + 2 * L : 0);
            DoubleVector s3 = DoubleVector.fromArray(S, init, accumulate ? c0 + 3 * L : 0);
            DoubleVector s4 = DoubleVector.fromArray(S, init, accumulate ? c0 + 4 * L : 0);
            DoubleVector t0 = DoubleVector.fromArray(S, init, accumulate ? c1 : 0);
            DoubleVector t1 = DoubleVector.fromArray(S, init, accumulate ? c1 + L : 0);
            DoubleVector t2 = DoubleVector.fromArray(S, init, accumulate ? c1 + 2 * L : 0);
            DoubleVector t3 = DoubleVector.fromArray(S, init, accumulate ? c1 + 3 * L : 0);
            DoubleVector t4 = DoubleVector.fromArray(S, init, accumulate ? c1 + 4 * L : 0);
            int p = 0;
            // p two at a time, each chain still in order of p: 1.06-1.08x for k = 20, 1.2x for k = 2 (the first
            // layer), no change for k = 50 or 100 (interleaved rounds in one JVM)
            for (; p + 2 <= k; p += 2) {
                int bp = p * W;
                DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + p]);
                DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
                DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
                s0 = b0.fma(x0, s0);
                t0 = b0.fma(x1, t0);
                DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
                s1 = b1.fma(x0, s1);
                t1 = b1.fma(x1, t1);
                DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
                s2 = b2.fma(x0, s2);
                t2 = b2.fma(x1, t2);
                DoubleVector b3 = DoubleVector.fromArray(S, b, bp + 3 * L);
                s3 = b3.fma(x0, s3);
                t3 = b3.fma(x1, t3);
                DoubleVector b4 = DoubleVector.fromArray(S, b, bp + 4 * L);
                s4 = b4.fma(x0, s4);
                t4 = b4.fma(x1, t4);
                bp += W;
                x0 = DoubleVector.broadcast(S, a[a0 + p + 1]);
                x1 = DoubleVector.broadcast(S, a[a1 + p + 1]);
                b0 = DoubleVector.fromArray(S, b, bp);
                s0 = b0.fma(x0, s0);
                t0 = b0.fma(x1, t0);
                b1 = DoubleVector.fromArray(S, b, bp + L);
                s1 = b1.fma(x0, s1);
                t1 = b1.fma(x1, t1);
                b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
                s2 = b2.fma(x0, s2);
                t2 = b2.fma(x1, t2);
                b3 = DoubleVector.fromArray(S, b, bp + 3 * L);
                s3 = b3.fma(x0, s3);
                t3 = b3.fma(x1, t3);
                b4 = DoubleVector.fromArray(S, b, bp + 4 * L);
                s4 = b4.fma(x0, s4);
                t4 = b4.fma(x1, t4);
            }
            for (; p < k; p++) {
                int bp = p * W;
                DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + p]);
                DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
                DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
                s0 = b0.fma(x0, s0);
                t0 = b0.fma(x1, t0);
                DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
                s1 = b1.fma(x0, s1);
                t1 = b1.fma(x1, t1);
                DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
                s2 = b2.fma(x0, s2);
                t2 = b2.fma(x1, t2);
                DoubleVector b3 = DoubleVector.fromArray(S, b, bp + 3 * L);
                s3 = b3.fma(x0, s3);
                t3 = b3.fma(x1, t3);
                DoubleVector b4 = DoubleVector.fromArray(S, b, bp + 4 * L);
                s4 = b4.fma(x0, s4);
                t4 = b4.fma(x1, t4);
            }
            s0.intoArray(c, c0);
            s1.intoArray(c, c0 + L);
            s2.intoArray(c, c0 + 2 * L);
            s3.intoArray(c, c0 + 3 * L);
            s4.intoArray(c, c0 + 4 * L);
            t0.intoArray(c, c1);
            t1.intoArray(c, c1 + L);
            t2.intoArray(c, c1 + 2 * L);
            t3.intoArray(c, c1 + 3 * L);
            t4.intoArray(c, c1 + 4 * L);
        }
        if (i < m) {
            block1x5(a, aOff + i * ars, 1, b, 0, W, c, cOff + i * n, k, accumulate);
        }
    }

    /**
     * The last row of an odd m in every 2 x 5 kernel: five vectors of C's columns from {@code c0}, each element the
     * same fused chain over p, with A's values at {@code a[a0 + p * aStep]} and B's rows at {@code b[b0 + p * bStep]}.
     * One row per product, so its variable strides (range checks kept in the loop) cost too little to copy it into
     * each kernel with that kernel's constant strides.
     */
    private static void block1x5(double[] a, int a0, int aStep, double[] b, int b0, int bStep, double[] c, int c0,
                                 int k, boolean accumulate) {
        double[] init = initial(c, accumulate);
        DoubleVector s0 = DoubleVector.fromArray(S, init, accumulate ? c0 : 0);
        DoubleVector s1 = DoubleVector.fromArray(S, init, accumulate ? c0 + L : 0);
        DoubleVector s2 = DoubleVector.fromArray(S, init, accumulate ? c0 + 2 * L : 0);
        DoubleVector s3 = DoubleVector.fromArray(S, init, accumulate ? c0 + 3 * L : 0);
        DoubleVector s4 = DoubleVector.fromArray(S, init, accumulate ? c0 + 4 * L : 0);
        for (int p = 0; p < k; p++) {
            int bp = b0 + p * bStep;
            DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + p * aStep]);
            s0 = DoubleVector.fromArray(S, b, bp).fma(x0, s0);
            s1 = DoubleVector.fromArray(S, b, bp + L).fma(x0, s1);
            s2 = DoubleVector.fromArray(S, b, bp + 2 * L).fma(x0, s2);
            s3 = DoubleVector.fromArray(S, b, bp + 3 * L).fma(x0, s3);
            s4 = DoubleVector.fromArray(S, b, bp + 4 * L).fma(x0, s4);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + L);
        s2.intoArray(c, c0 + 2 * L);
        s3.intoArray(c, c0 + 3 * L);
        s4.intoArray(c, c0 + 4 * L);
    }

    /** Columns j and j + 1 of four output rows from row {@code a0} of A, scalar: eight fused multiply-add chains. */
    private static void tailBlock4x2(double[] a, int a0, int ars, int acs, double[] b, int bOff, double[] c, int c0,
                                     int k, int n, int j, boolean accumulate) {
        double s0 = accumulate ? c[c0 + j] : 0;
        double s1 = accumulate ? c[c0 + n + j] : 0;
        double s2 = accumulate ? c[c0 + 2 * n + j] : 0;
        double s3 = accumulate ? c[c0 + 3 * n + j] : 0;
        double t0 = accumulate ? c[c0 + j + 1] : 0;
        double t1 = accumulate ? c[c0 + n + j + 1] : 0;
        double t2 = accumulate ? c[c0 + 2 * n + j + 1] : 0;
        double t3 = accumulate ? c[c0 + 3 * n + j + 1] : 0;
        for (int p = 0; p < k; p++) {
            int bp = bOff + p * n + j;
            double bv = b[bp];
            double bw = b[bp + 1];
            int ap = a0 + p * acs;
            double x0 = a[ap];
            double x1 = a[ap + ars];
            double x2 = a[ap + 2 * ars];
            double x3 = a[ap + 3 * ars];
            s0 = Math.fma(x0, bv, s0);
            s1 = Math.fma(x1, bv, s1);
            s2 = Math.fma(x2, bv, s2);
            s3 = Math.fma(x3, bv, s3);
            t0 = Math.fma(x0, bw, t0);
            t1 = Math.fma(x1, bw, t1);
            t2 = Math.fma(x2, bw, t2);
            t3 = Math.fma(x3, bw, t3);
        }
        c[c0 + j] = s0;
        c[c0 + n + j] = s1;
        c[c0 + 2 * n + j] = s2;
        c[c0 + 3 * n + j] = s3;
        c[c0 + j + 1] = t0;
        c[c0 + n + j + 1] = t1;
        c[c0 + 2 * n + j + 1] = t2;
        c[c0 + 3 * n + j + 1] = t3;
    }

    /** Columns [from, n) of one output row, scalar: fused multiply-adds, as the vector lanes do. */
    private static void scalarTail(double[] a, int ai, int acs, double[] b, int bOff, double[] c, int ci, int k,
                                   int n, int from, boolean accumulate) {
        for (int j = from; j < n; j++) {
            double s = accumulate ? c[ci + j] : 0;
            for (int p = 0; p < k; p++) {
                s = Math.fma(a[ai + p * acs], b[bOff + p * n + j], s);
            }
            c[ci + j] = s;
        }
    }

    /** L zeros, where an accumulator that does not add to C starts. */
    private static final double[] ZEROS = new double[L];

    /**
     * Where the accumulators start, each read as {@code DoubleVector.fromArray(S, init, accumulate ? off : 0)}: C's
     * lanes, or zeros. One load from one of two arrays, not a choice between two vectors: C2 joins two vectors with a
     * phi, which it could not always take apart again, and the accumulators were then allocated as objects
     * (kovasznay, PinnSuiteStep: 8.16 MB allocated per epoch before, 3.90 after, in every run; in some runs 274 MB,
     * the boxes inside the loop over p, 25-37 ms per epoch instead of 8-10). Nor a method that returns the vector:
     * C2 stops inlining a method's calls once its graph has 18000 nodes ({@code NodeCountInliningCutoff}), and
     * {@link FourRowBlocks#block4x5} reached that after three of its twenty accumulators, each of the other seventeen
     * then a call returning a new vector object (allen-cahn-hard: 3.1 MB allocated per epoch, a quarter of it those).
     * The array and the offset are computed in place, so nothing is left to inline.
     */
    static double[] initial(double[] c, boolean accumulate) {
        return accumulate ? c : ZEROS;
    }
}
