package org.sciml4j.discovery.sindy;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Small dense solves through LAPACK ({@code dev.ludovic.netlib}: native when installed, its Java translation
 * otherwise): Cholesky (dposv) for the normal equations, LU with partial pivoting (dgesv) for the indefinite KKT
 * systems of constrained SR3. Symmetric matrices need no transposition; general ones are passed transposed.
 */
final class Dense {
    private Dense() {
    }

    private static final class Holder {
        static final LAPACK INSTANCE = LAPACK.getInstance();
    }

    /**
     * Solves A x = b for a symmetric positive definite (n, n) matrix; if Cholesky breaks down (a singular or
     * indefinite matrix, such as collinear features) falls back to {@link #solve}.
     */
    static double[] solveSymmetric(double[] a, double[] b, int n) {
        double[] f = a.clone();
        double[] x = b.clone();
        intW info = new intW(0);
        Holder.INSTANCE.dposv("U", n, 1, f, n, x, n, info);
        if (info.val < 0) {
            throw new IllegalStateException("LAPACK dposv rejected argument " + (-info.val));
        }
        return info.val == 0 ? x : solve(a, b, n);
    }

    /**
     * Solves A X = B for a general row-major (n, n) matrix and row-major (n, nrhs) right-hand sides.
     *
     * @throws IllegalArgumentException if the matrix is singular
     */
    static double[] solve(double[] a, double[] b, int n, int nrhs) {
        double[] f = transpose(a, n, n);
        double[] x = transpose(b, n, nrhs);
        intW info = new intW(0);
        Holder.INSTANCE.dgesv(n, nrhs, f, n, new int[n], x, n, info);
        if (info.val < 0) {
            throw new IllegalStateException("LAPACK dgesv rejected argument " + (-info.val));
        }
        if (info.val > 0) {
            throw new IllegalArgumentException("the least-squares system is singular (a feature is a combination of"
                    + " others, or a constraint repeats another)");
        }
        return transpose(x, nrhs, n);
    }

    /** Solves A x = b for a general (n, n) matrix. */
    static double[] solve(double[] a, double[] b, int n) {
        return solve(a, b, n, 1);
    }

    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }
}
