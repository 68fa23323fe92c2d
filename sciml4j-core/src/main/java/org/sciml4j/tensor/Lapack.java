package org.sciml4j.tensor;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

import java.util.logging.Logger;

/**
 * The forward computations of the linear-algebra primitives on raw row-major arrays, by {@code dev.ludovic.netlib}
 * LAPACK (the system's native LAPACK when installed, its pure-Java translation otherwise; the one in use is logged
 * once). LAPACK stores matrices column-major, so every call works on a transposed copy. Decompositions are
 * normalised to a unique form (positive diagonal of R; the largest component of each eigenvector and left singular
 * vector positive) so that they are continuous functions of the matrix, as their derivative rules assume.
 */
final class Lapack {
    private Lapack() {
    }

    private static final class Holder {
        static final LAPACK INSTANCE = load();

        private static LAPACK load() {
            LAPACK l = LAPACK.getInstance();
            Logger.getLogger("org.sciml4j").info("sciml4j LAPACK: " + l.getClass().getName());
            return l;
        }
    }

    private static LAPACK lapack() {
        return Holder.INSTANCE;
    }

    /** The transpose of a row-major (rows, cols) matrix: its column-major copy, or back. */
    static double[] transposed(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    private static void check(String op, intW info, String what) {
        if (info.val < 0) {
            throw new IllegalStateException(op + ": LAPACK rejected argument " + (-info.val));
        }
        if (info.val > 0) {
            throw new IllegalArgumentException(op + ": " + what.replace("#", Integer.toString(info.val)));
        }
    }

    /** LU factorisation of a square matrix in place (column-major), with its pivots. */
    private static int[] lu(String op, double[] colMajor, int n) {
        int[] pivots = new int[n];
        intW info = new intW(0);
        lapack().dgetrf(n, n, colMajor, n, pivots, info);
        check(op, info, "the matrix is singular (pivot # of its LU factorisation is exactly zero)");
        return pivots;
    }

    /** X = A^-1 B for A (n, n) and B (n, k), row-major. */
    static double[] solve(double[] a, double[] b, int n, int k) {
        double[] f = transposed(a, n, n);
        int[] pivots = lu("solve", f, n);
        double[] x = transposed(b, n, k);
        intW info = new intW(0);
        lapack().dgetrs("N", n, k, f, n, pivots, x, n, info);
        check("solve", info, "dgetrs failed at #");
        return transposed(x, k, n);
    }

    /** log |det A| for A (n, n): the sum of log |u_ii| of its LU factorisation. */
    static double logAbsDet(double[] a, int n) {
        double[] f = a.clone(); // the LU of A^T has the same determinant
        lu("logdet", f, n);
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += Math.log(Math.abs(f[i * n + i]));
        }
        return s;
    }

    /** The lower Cholesky factor L of a symmetric positive definite S (n, n): S = L L^T, row-major. */
    static double[] cholesky(double[] s, int n) {
        double[] f = s.clone(); // S symmetric: its column-major copy is itself
        intW info = new intW(0);
        lapack().dpotrf("L", n, f, n, info);
        check("cholesky", info, "the matrix is not positive definite (its leading minor of order # is not)");
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                l[i * n + j] = f[j * n + i];
            }
        }
        return l;
    }

    /** Reduced QR of A (m, n), m >= n: {Q (m, n), R (n, n)}, row-major, R with a positive diagonal. */
    static double[][] qr(double[] a, int m, int n) {
        double[] f = transposed(a, m, n);
        double[] tau = new double[n];
        intW info = new intW(0);
        double[] query = new double[1];
        lapack().dgeqrf(m, n, f, m, tau, query, -1, info);
        double[] work = new double[Math.max(1, (int) query[0])];
        lapack().dgeqrf(m, n, f, m, tau, work, work.length, info);
        check("qr", info, "dgeqrf failed at #");
        double[] r = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                r[i * n + j] = f[j * m + i];
            }
        }
        lapack().dorgqr(m, n, n, f, m, tau, query, -1, info);
        work = new double[Math.max(1, (int) query[0])];
        lapack().dorgqr(m, n, n, f, m, tau, work, work.length, info);
        check("qr", info, "dorgqr failed at #");
        double[] q = transposed(f, n, m);
        for (int i = 0; i < n; i++) {
            if (r[i * n + i] < 0) { // flip row i of R and column i of Q
                for (int j = i; j < n; j++) {
                    r[i * n + j] = -r[i * n + j];
                }
                for (int k = 0; k < m; k++) {
                    q[k * n + i] = -q[k * n + i];
                }
            } else if (r[i * n + i] == 0) {
                throw new IllegalArgumentException("qr: the matrix has rank below its " + n + " columns (R[" + i
                        + ", " + i + "] = 0); the derivative of its QR is not defined");
            }
        }
        return new double[][] {q, r};
    }

    /** Thin SVD of A (m, n), m >= n: {U (m, n), s (n) descending, V^T (n, n)}, row-major. */
    static double[][] svd(double[] a, int m, int n) {
        double[] f = transposed(a, m, n);
        double[] s = new double[n];
        double[] u = new double[m * n];
        double[] vt = new double[n * n];
        int[] iwork = new int[8 * n];
        intW info = new intW(0);
        double[] query = new double[1];
        lapack().dgesdd("S", m, n, f, m, s, u, m, vt, n, query, -1, iwork, info);
        double[] work = new double[Math.max(1, (int) query[0])];
        lapack().dgesdd("S", m, n, f, m, s, u, m, vt, n, work, work.length, iwork, info);
        check("svd", info, "the iteration did not converge (dgesdd info #)");
        double[] ur = transposed(u, n, m);
        double[] vtr = transposed(vt, n, n);
        for (int i = 0; i < n; i++) {
            if (flipColumn(ur, m, n, i)) {
                for (int j = 0; j < n; j++) {
                    vtr[i * n + j] = -vtr[i * n + j];
                }
            }
        }
        return new double[][] {ur, s, vtr};
    }

    /** Eigen-decomposition of a symmetric S (n, n): {w (n) ascending, V (n, n) with eigenvector i in column i}. */
    static double[][] eigh(double[] s, int n) {
        double[] f = s.clone();
        double[] w = new double[n];
        intW info = new intW(0);
        double[] query = new double[1];
        int[] iquery = new int[1];
        lapack().dsyevd("V", "L", n, f, n, w, query, -1, iquery, -1, info);
        double[] work = new double[Math.max(1, (int) query[0])];
        int[] iwork = new int[Math.max(1, iquery[0])];
        lapack().dsyevd("V", "L", n, f, n, w, work, work.length, iwork, iwork.length, info);
        check("eigh", info, "the iteration did not converge (dsyevd info #)");
        double[] v = transposed(f, n, n);
        for (int i = 0; i < n; i++) {
            flipColumn(v, n, n, i);
        }
        return new double[][] {w, v};
    }

    /** Negates column j of a row-major (rows, cols) matrix if its component of largest magnitude is negative. */
    private static boolean flipColumn(double[] a, int rows, int cols, int j) {
        double largest = 0;
        for (int i = 0; i < rows; i++) {
            double x = a[i * cols + j];
            if (Math.abs(x) > Math.abs(largest)) {
                largest = x;
            }
        }
        if (largest >= 0) {
            return false;
        }
        for (int i = 0; i < rows; i++) {
            a[i * cols + j] = -a[i * cols + j];
        }
        return true;
    }
}
