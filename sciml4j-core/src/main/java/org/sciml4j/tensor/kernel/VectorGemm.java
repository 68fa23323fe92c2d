package org.sciml4j.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Small row-major matrix products with the Vector API, for the shapes PINNs live on (a few hundred rows, tens of
 * columns) where a BLAS call costs more than it saves and the JIT does not vectorise the plain loop (it cannot
 * prove that the output and input arrays do not alias). Loaded only when {@code jdk.incubator.vector} is present.
 */
final class VectorGemm {
    private VectorGemm() {
    }

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** {@code C[m,n] (+)= A[m,k] B[k,n]}. */
    static void gemm(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                     boolean accumulate) {
        if (n == 1) {
            gemv(a, aOff, b, bOff, c, cOff, m, k, accumulate);
            return;
        }
        int i = 0;
        // four rows at a time share each load of B
        for (; i + 4 <= m; i += 4) {
            int a0 = aOff + i * k;
            int c0 = cOff + i * n;
            for (int j = 0; j < n; j += L) {
                VectorMask<Double> mask = S.indexInRange(j, n);
                DoubleVector s0 = start(c, c0 + j, mask, accumulate);
                DoubleVector s1 = start(c, c0 + n + j, mask, accumulate);
                DoubleVector s2 = start(c, c0 + 2 * n + j, mask, accumulate);
                DoubleVector s3 = start(c, c0 + 3 * n + j, mask, accumulate);
                for (int p = 0; p < k; p++) {
                    DoubleVector bv = DoubleVector.fromArray(S, b, bOff + p * n + j, mask);
                    s0 = bv.fma(DoubleVector.broadcast(S, a[a0 + p]), s0);
                    s1 = bv.fma(DoubleVector.broadcast(S, a[a0 + k + p]), s1);
                    s2 = bv.fma(DoubleVector.broadcast(S, a[a0 + 2 * k + p]), s2);
                    s3 = bv.fma(DoubleVector.broadcast(S, a[a0 + 3 * k + p]), s3);
                }
                s0.intoArray(c, c0 + j, mask);
                s1.intoArray(c, c0 + n + j, mask);
                s2.intoArray(c, c0 + 2 * n + j, mask);
                s3.intoArray(c, c0 + 3 * n + j, mask);
            }
        }
        for (; i < m; i++) {
            int ai = aOff + i * k;
            int ci = cOff + i * n;
            for (int j = 0; j < n; j += L) {
                VectorMask<Double> mask = S.indexInRange(j, n);
                DoubleVector s0 = start(c, ci + j, mask, accumulate);
                for (int p = 0; p < k; p++) {
                    DoubleVector bv = DoubleVector.fromArray(S, b, bOff + p * n + j, mask);
                    s0 = bv.fma(DoubleVector.broadcast(S, a[ai + p]), s0);
                }
                s0.intoArray(c, ci + j, mask);
            }
        }
    }

    private static DoubleVector start(double[] c, int off, VectorMask<Double> mask, boolean accumulate) {
        return accumulate ? DoubleVector.fromArray(S, c, off, mask) : DoubleVector.zero(S);
    }

    /** Matrix-vector: {@code c[i] (+)= sum_p A[i,p] b[p]}, vectorised along the contiguous rows of A. */
    private static void gemv(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k,
                             boolean accumulate) {
        int bound = S.loopBound(k);
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * k;
            DoubleVector acc = DoubleVector.zero(S);
            int p = 0;
            for (; p < bound; p += L) {
                acc = DoubleVector.fromArray(S, a, ai + p).fma(DoubleVector.fromArray(S, b, bOff + p), acc);
            }
            double s = acc.reduceLanes(VectorOperators.ADD);
            for (; p < k; p++) {
                s += a[ai + p] * b[bOff + p];
            }
            c[cOff + i] = accumulate ? c[cOff + i] + s : s;
        }
    }
}
