package org.sciml4j.tensor.kernel;

import dev.ludovic.netlib.blas.BLAS;
import java.util.logging.Logger;

/**
 * Row-major matrix products. Small products run a direct Java loop (a BLAS call costs more than it saves below
 * {@link Thresholds#BLAS_MIN_MULADDS}); larger ones go to {@code dev.ludovic.netlib} BLAS, which is native OpenBLAS
 * when the machine has it and a Vector API implementation otherwise. The implementation in use is logged once.
 */
public final class MatMul {
    private MatMul() {
    }

    private static final class Holder {
        static final BLAS BLAS_INSTANCE = load();

        private static BLAS load() {
            BLAS b = BLAS.getInstance();
            Logger.getLogger("org.sciml4j").info("sciml4j BLAS: " + b.getClass().getName());
            return b;
        }
    }

    /**
     * Whether the small-product kernel can use the Vector API: the JVM must be started with
     * {@code --add-modules jdk.incubator.vector} (the launcher, tests and benchmarks do). Without it a plain loop runs.
     */
    static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("sciml4j.novector");

    /** Which small-product kernel is in use. */
    public static String smallKernelName() {
        return VECTOR_API ? "Vector API" : "plain Java loop";
    }

    /** Name of the BLAS implementation in use (loads it). */
    public static String blasName() {
        return Holder.BLAS_INSTANCE.getClass().getName();
    }

    /**
     * {@code C[m,n] (+)= A^T B} where A is a row-major (k, m) array and B a row-major (k, n) array: the product with
     * a transposed left operand, without copying the transpose (e.g. a weight gradient h^T g summed over points).
     */
    public static void gemmTransA(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k,
                                  int n, boolean accumulate) {
        if (VECTOR_API && n > 1) {
            VectorGemm.gemm(a, aOff, 1, m, b, bOff, c, cOff, m, k, n, accumulate);
            return;
        }
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0.0);
        }
        for (int p = 0; p < k; p++) {
            for (int i = 0; i < m; i++) {
                double api = a[aOff + p * m + i];
                int ci = cOff + i * n;
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += api * b[bp + j];
                }
            }
        }
    }

    /**
     * {@code C[m,n] (+)= A[m,k] * B[k,n]}, all row-major at the given offsets. When {@code accumulate} is false C is
     * overwritten.
     */
    public static void gemm(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                            boolean accumulate) {
        if ((long) m * k * n >= Thresholds.BLAS_MIN_MULADDS) {
            // column-major view: C^T (n x m) = B^T (n x k) * A^T (k x m)
            Holder.BLAS_INSTANCE.dgemm("N", "N", n, m, k, 1.0, b, bOff, n, a, aOff, k, accumulate ? 1.0 : 0.0,
                    c, cOff, n);
            return;
        }
        if (VECTOR_API) {
            VectorGemm.gemm(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
            return;
        }
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0.0);
        }
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            int ai = aOff + i * k;
            for (int p = 0; p < k; p++) {
                double aip = a[ai + p];
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }
}
