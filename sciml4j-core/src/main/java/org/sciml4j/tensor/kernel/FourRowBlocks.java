package org.sciml4j.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorGemm}'s blocks of four rows by five vectors of columns, for machines with 32 vector registers
 * ({@link Lanes#GEMM_ROWS} = 4): twenty accumulators, five vectors of B and the broadcasts of A fit in the registers,
 * and each load of B serves four rows instead of two. With A's and B's strides as arguments the range checks stay in
 * the loop over p, but so few loads per multiply-add leave them hidden: B and a transposed A are read in place, not
 * copied into panels. One core of an AVX-512 AMD EPYC (Zen 4), the same kernels compiled twice in one JVM and timed
 * in alternating rounds (GFLOP/s, 2 x 5 packed against 4 x 5 in place): a weight gradient 20 x 1024 x 20 (A
 * transposed) 33.5 -> 48.2, 50 x 1024 x 50 21.7-25.7 -> 27.1-30.5, 100 x 1024 x 100 36.5 -> 47.2; row-major 1024 x
 * 20 x 20 within 5 % (44.7 -> 46.9), 256 x 20 x 20 26.2-42.1 -> 31.1-47.5; 1024 x 2 x 20 within 2 %. With 16
 * registers (AVX2, or {@code -XX:UseAVX=2} on the same machine) the four-row block spills: 20 x 1024 x 20 33 -> 22.
 * Every element of C is the same chain of fused multiply-adds over p as in the two-row blocks (same bits).
 */
final class FourRowBlocks {
    private FourRowBlocks() {
    }

    private static final VectorSpecies<Double> S = Lanes.S;
    private static final int L = Lanes.L;

    /**
     * Columns [j, j + 5L) of rows [0, m) of C, m a multiple of 4; element (i, p) of A at
     * {@code a[aOff + i * ars + p * acs]}, B and C row-major with n columns.
     */
    static void block4x5(double[] a, int aOff, int ars, int acs, double[] b, int bOff, double[] c, int cOff,
                         int m, int k, int n, int j, boolean accumulate) {
        double[] init = VectorGemm.initial(c, accumulate);
        for (int i = 0; i + 4 <= m; i += 4) {
            int a0 = aOff + i * ars;
            int c0 = cOff + i * n + j;
            int c1 = c0 + n;
            int c2 = c1 + n;
            int c3 = c2 + n;
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
            DoubleVector u0 = DoubleVector.fromArray(S, init, accumulate ? c2 : 0);
            DoubleVector u1 = DoubleVector.fromArray(S, init, accumulate ? c2 + L : 0);
            DoubleVector u2 = DoubleVector.fromArray(S, init, accumulate ? c2 + 2 * L : 0);
            DoubleVector u3 = DoubleVector.fromArray(S, init, accumulate ? c2 + 3 * L : 0);
            DoubleVector u4 = DoubleVector.fromArray(S, init, accumulate ? c2 + 4 * L : 0);
            DoubleVector v0 = DoubleVector.fromArray(S, init, accumulate ? c3 : 0);
            DoubleVector v1 = DoubleVector.fromArray(S, init, accumulate ? c3 + L : 0);
            DoubleVector v2 = DoubleVector.fromArray(S, init, accumulate ? c3 + 2 * L : 0);
            DoubleVector v3 = DoubleVector.fromArray(S, init, accumulate ? c3 + 3 * L : 0);
            DoubleVector v4 = DoubleVector.fromArray(S, init, accumulate ? c3 + 4 * L : 0);
            for (int p = 0; p < k; p++) {
                int bp = bOff + p * n + j;
                int ap = a0 + p * acs;
                DoubleVector x0 = DoubleVector.broadcast(S, a[ap]);
                DoubleVector x1 = DoubleVector.broadcast(S, a[ap + ars]);
                DoubleVector x2 = DoubleVector.broadcast(S, a[ap + 2 * ars]);
                DoubleVector x3 = DoubleVector.broadcast(S, a[ap + 3 * ars]);
                DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
                s0 = b0.fma(x0, s0);
                t0 = b0.fma(x1, t0);
                u0 = b0.fma(x2, u0);
                v0 = b0.fma(x3, v0);
                DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
                s1 = b1.fma(x0, s1);
                t1 = b1.fma(x1, t1);
                u1 = b1.fma(x2, u1);
                v1 = b1.fma(x3, v1);
                DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
                s2 = b2.fma(x0, s2);
                t2 = b2.fma(x1, t2);
                u2 = b2.fma(x2, u2);
                v2 = b2.fma(x3, v2);
                DoubleVector b3 = DoubleVector.fromArray(S, b, bp + 3 * L);
                s3 = b3.fma(x0, s3);
                t3 = b3.fma(x1, t3);
                u3 = b3.fma(x2, u3);
                v3 = b3.fma(x3, v3);
                DoubleVector b4 = DoubleVector.fromArray(S, b, bp + 4 * L);
                s4 = b4.fma(x0, s4);
                t4 = b4.fma(x1, t4);
                u4 = b4.fma(x2, u4);
                v4 = b4.fma(x3, v4);
            }
            // the stores written out, not in a helper: vectors passed to a method that C2 does not inline are boxed
            // (a helper with five vectors as arguments: 261 MB allocated per Burgers epoch)
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
            u0.intoArray(c, c2);
            u1.intoArray(c, c2 + L);
            u2.intoArray(c, c2 + 2 * L);
            u3.intoArray(c, c2 + 3 * L);
            u4.intoArray(c, c2 + 4 * L);
            v0.intoArray(c, c3);
            v1.intoArray(c, c3 + L);
            v2.intoArray(c, c3 + 2 * L);
            v3.intoArray(c, c3 + 3 * L);
            v4.intoArray(c, c3 + 4 * L);
        }
    }
}
