package org.sciml4j.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The products of {@link VectorGemm}'s family with one row or one column: matrix-vector (and on a transposed array),
 * one row of C as a combination of B's rows, and outer products, each with the bits its comment states. Loaded only
 * when {@code jdk.incubator.vector} is present.
 */
final class VectorGemv {
    private VectorGemv() {
    }

    private static final VectorSpecies<Double> S = Lanes.S;
    private static final int L = Lanes.L;
    private static final int K_BLOCK = VectorGemm.K_BLOCK;

    /**
     * {@link #gemv} on the transpose of a row-major (k, m) array A, {@code c[i] (+)= sum_p A[p,i] b[p]}, without
     * copying the transpose and with gemv's bits: its lane l sums the terms p = l mod L below the vector bound in one
     * fused chain, the lanes are added in order, then the tail terms unfused. Here the chains of lane l run for all
     * i at once, vectorised along the contiguous rows of A. Overwrites {@code c[cOff, cOff + m)}.
     */
    static void gemvTransA(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k) {
        int bound = S.loopBound(k);
        int full = S.loopBound(m);
        java.util.Arrays.fill(c, cOff, cOff + m, 0.0);
        double[] acc = new double[m];
        for (int l = 0; l < L; l++) {
            java.util.Arrays.fill(acc, 0.0);
            for (int p = l; p < bound; p += L) {
                double bp = b[bOff + p];
                DoubleVector bv = DoubleVector.broadcast(S, bp);
                int row = aOff + p * m;
                int i = 0;
                for (; i < full; i += L) {
                    DoubleVector.fromArray(S, a, row + i).fma(bv, DoubleVector.fromArray(S, acc, i)).intoArray(acc, i);
                }
                for (; i < m; i++) {
                    acc[i] = Math.fma(a[row + i], bp, acc[i]);
                }
            }
            for (int i = 0; i < m; i++) {
                c[cOff + i] += acc[i];
            }
        }
        for (int p = bound; p < k; p++) {
            for (int i = 0; i < m; i++) {
                c[cOff + i] += a[aOff + p * m + i] * b[bOff + p];
            }
        }
    }

    /** Matrix-vector: {@code c[i] (+)= sum_p A[i,p] b[p]}, vectorised along the contiguous rows of A. */
    static void gemv(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k,
                             boolean accumulate) {
        int bound = S.loopBound(k);
        int i = 0;
        // four rows at a time: four independent chains where one row's chain leaves the FMA units waiting on its
        // latency (a one-output layer's forward pass over thousands of points); each row's arithmetic is unchanged
        for (; i + 4 <= m; i += 4) {
            int a0 = aOff + i * k;
            DoubleVector acc0 = DoubleVector.zero(S);
            DoubleVector acc1 = DoubleVector.zero(S);
            DoubleVector acc2 = DoubleVector.zero(S);
            DoubleVector acc3 = DoubleVector.zero(S);
            int p = 0;
            for (; p < bound; p += L) {
                DoubleVector bv = DoubleVector.fromArray(S, b, bOff + p);
                acc0 = DoubleVector.fromArray(S, a, a0 + p).fma(bv, acc0);
                acc1 = DoubleVector.fromArray(S, a, a0 + k + p).fma(bv, acc1);
                acc2 = DoubleVector.fromArray(S, a, a0 + 2 * k + p).fma(bv, acc2);
                acc3 = DoubleVector.fromArray(S, a, a0 + 3 * k + p).fma(bv, acc3);
            }
            gemvFinish(acc0, a, a0, b, bOff, c, cOff + i, k, bound, accumulate);
            gemvFinish(acc1, a, a0 + k, b, bOff, c, cOff + i + 1, k, bound, accumulate);
            gemvFinish(acc2, a, a0 + 2 * k, b, bOff, c, cOff + i + 2, k, bound, accumulate);
            gemvFinish(acc3, a, a0 + 3 * k, b, bOff, c, cOff + i + 3, k, bound, accumulate);
        }
        for (; i < m; i++) {
            int ai = aOff + i * k;
            DoubleVector acc = DoubleVector.zero(S);
            int p = 0;
            for (; p < bound; p += L) {
                acc = DoubleVector.fromArray(S, a, ai + p).fma(DoubleVector.fromArray(S, b, bOff + p), acc);
            }
            gemvFinish(acc, a, ai, b, bOff, c, cOff + i, k, bound, accumulate);
        }
    }

    /** One row of {@link #gemv} after its vector part: lanes in order, the scalar tail, the store. */
    private static void gemvFinish(DoubleVector acc, double[] a, int ai, double[] b, int bOff, double[] c, int ci,
                                   int k, int bound, boolean accumulate) {
        // lanes added in a fixed order: reduceLanes(ADD) on doubles is unordered by specification, and JDK 25's C2
        // adds them in another order than the interpreter, which made training depend on JIT timing
        double s = 0;
        for (int l = 0; l < L; l++) {
            s += acc.lane(l);
        }
        for (int p = bound; p < k; p++) {
            s += a[ai + p] * b[bOff + p];
        }
        c[ci] = accumulate ? c[ci] + s : s;
    }

    /**
     * {@code c[0, n) (+)= sum_p a[aOff + p] b[p, :]} over the k rows of the row-major (k, n) B, p in order: each
     * element the same chain of fused multiply-adds as the scalar loop of {@code MatMul} (same bits), four vectors of
     * columns held in registers at a time (a weight gradient of a one-output layer: k = the points, n = the hidden
     * width). The rows of B pass in blocks of {@link #K_BLOCK} that stay in the L1 cache while every column block
     * reads them; C keeps the running sums between blocks.
     */
    static void rowCombination(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int k, int n,
                               boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff, cOff + n, 0.0);
        }
        int full = S.loopBound(n);
        for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
            int p1 = Math.min(k, p0 + K_BLOCK);
            int j = 0;
            for (; j + 4 * L <= full; j += 4 * L) {
                DoubleVector s0 = DoubleVector.fromArray(S, c, cOff + j);
                DoubleVector s1 = DoubleVector.fromArray(S, c, cOff + j + L);
                DoubleVector s2 = DoubleVector.fromArray(S, c, cOff + j + 2 * L);
                DoubleVector s3 = DoubleVector.fromArray(S, c, cOff + j + 3 * L);
                for (int p = p0; p < p1; p++) {
                    DoubleVector ap = DoubleVector.broadcast(S, a[aOff + p]);
                    int bp = bOff + p * n + j;
                    s0 = ap.fma(DoubleVector.fromArray(S, b, bp), s0);
                    s1 = ap.fma(DoubleVector.fromArray(S, b, bp + L), s1);
                    s2 = ap.fma(DoubleVector.fromArray(S, b, bp + 2 * L), s2);
                    s3 = ap.fma(DoubleVector.fromArray(S, b, bp + 3 * L), s3);
                }
                s0.intoArray(c, cOff + j);
                s1.intoArray(c, cOff + j + L);
                s2.intoArray(c, cOff + j + 2 * L);
                s3.intoArray(c, cOff + j + 3 * L);
            }
            for (; j < full; j += L) {
                DoubleVector s0 = DoubleVector.fromArray(S, c, cOff + j);
                for (int p = p0; p < p1; p++) {
                    s0 = DoubleVector.broadcast(S, a[aOff + p]).fma(DoubleVector.fromArray(S, b, bOff + p * n + j), s0);
                }
                s0.intoArray(c, cOff + j);
            }
            for (int p = p0; p < p1; p++) {
                double ap = a[aOff + p];
                int bp = bOff + p * n;
                for (int t = full; t < n; t++) {
                    c[cOff + t] = Math.fma(ap, b[bp + t], c[cOff + t]);
                }
            }
        }
    }

    /**
     * The outer product {@code C[m,n] (+)= a[m] b[n]} (a product with k = 1: the backward pass of a one-output layer):
     * each element one fused multiply-add onto C or onto zero, as the scalar loop of {@code MatMul} (same bits, the
     * sign of a zero product included).
     */
    static void outer(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int n,
                      boolean accumulate) {
        double[] init = VectorGemm.initial(c, accumulate);
        int full = S.loopBound(n);
        for (int i = 0; i < m; i++) {
            double ai = a[aOff + i];
            DoubleVector av = DoubleVector.broadcast(S, ai);
            int ci = cOff + i * n;
            int j = 0;
            for (; j < full; j += L) {
                av.fma(DoubleVector.fromArray(S, b, bOff + j), DoubleVector.fromArray(S, init, accumulate ? ci + j : 0))
                        .intoArray(c, ci + j);
            }
            for (; j < n; j++) {
                c[ci + j] = Math.fma(ai, b[bOff + j], accumulate ? c[ci + j] : 0.0);
            }
        }
    }
}
