package org.sciml4j.discovery.dmd;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Dense real linear algebra on flat <b>column-major</b> {@code double[]} arrays (entry (i, j) of an (m, n) matrix at
 * {@code i + j * m}), the layout of LAPACK, so no call copies to transpose. Matrix products go to
 * {@code dev.ludovic.netlib} BLAS (vectorised Java or native), decompositions to its LAPACK. A snapshot matrix (features
 * x snapshots) stored this way keeps each snapshot contiguous.
 */
public final class Dense {
    private Dense() {
    }

    private static final class Holder {
        static final LAPACK LAPACK_INSTANCE = LAPACK.getInstance();
        static final BLAS BLAS_INSTANCE = BLAS.getInstance();
    }

    static LAPACK lapack() {
        return Holder.LAPACK_INSTANCE;
    }

    static BLAS blas() {
        return Holder.BLAS_INSTANCE;
    }

    /**
     * An economy SVD A = U diag(s) V^T of an (m, n) matrix: s (k) descending, Vt (k, n), U (m, k) or, from
     * {@link #svdBySnapshots}, only its leading columns (m, u.length / m).
     */
    public record Svd(double[] u, double[] s, double[] vt, int m, int n) {
        /** The number k = min(m, n) of singular values. */
        public int k() {
            return s.length;
        }
    }

    /**
     * C = op(A) op(B), column-major, op = transpose when asked.
     *
     * @param m rows of op(A) and C; n columns of op(B) and C; k the inner dimension
     */
    public static double[] multiply(boolean transA, boolean transB, int m, int n, int k, double[] a, double[] b) {
        double[] c = new double[m * n];
        if (m == 0 || n == 0) {
            return c;
        }
        if (k == 0) {
            return c;
        }
        blas().dgemm(transA ? "T" : "N", transB ? "T" : "N", m, n, k, 1.0, a, transA ? k : m, b, transB ? n : k,
                0.0, c, m);
        return c;
    }

    /** The transpose of an (m, n) column-major matrix: (n, m). */
    public static double[] transpose(double[] a, int m, int n) {
        double[] t = new double[a.length];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                t[j + i * n] = a[i + j * m];
            }
        }
        return t;
    }

    /** Economy SVD of an (m, n) matrix by LAPACK dgesdd (divide and conquer); {@code a} is not modified. */
    public static Svd svd(double[] a, int m, int n) {
        int k = Math.min(m, n);
        double[] f = a.clone();
        double[] s = new double[k];
        double[] u = new double[m * k];
        double[] vt = new double[k * n];
        int[] iwork = new int[8 * Math.max(1, k)];
        intW info = new intW(0);
        double[] query = new double[1];
        lapack().dgesdd("S", m, n, f, Math.max(1, m), s, u, Math.max(1, m), vt, Math.max(1, k), query, -1, iwork,
                info);
        double[] work = new double[Math.max(1, (int) query[0])];
        lapack().dgesdd("S", m, n, f, Math.max(1, m), s, u, Math.max(1, m), vt, Math.max(1, k), work, work.length,
                iwork, info);
        check("svd (dgesdd)", info);
        return new Svd(u, s, vt, m, n);
    }

    /**
     * Economy SVD of a tall (m, n) matrix, m much larger than n, by the method of snapshots: the Gram matrix A^T A
     * (one BLAS product, the cost that matters), its symmetric eigen-decomposition, then U = A V diag(1/s) for only
     * the leading columns that {@code rule} keeps (U is (m, rank); computing all of it would cost a second product as
     * large as the Gram matrix). Singular values at or below {@code relativeFloor * s_max} are dropped: the Gram
     * matrix squares the condition number, so values below about 1e-8 s_max are not resolved.
     */
    public static Svd svdBySnapshots(double[] a, int m, int n, double relativeFloor, RankRule rule) {
        double[] gram = gram(a, m, n);
        double[][] eig = eigh(gram, n); // ascending
        double top = Math.sqrt(Math.max(eig[0][n - 1], 0));
        int k = 0;
        while (k < n && Math.sqrt(Math.max(eig[0][n - 1 - k], 0)) > relativeFloor * top && top > 0) {
            k++;
        }
        double[] s = new double[k];
        double[] v = new double[n * k]; // (n, k)
        for (int j = 0; j < k; j++) {
            s[j] = Math.sqrt(eig[0][n - 1 - j]);
            System.arraycopy(eig[1], (n - 1 - j) * n, v, j * n, n);
        }
        int r = k == 0 ? 0 : rule.rank(s, m, n);
        double[] u = multiply(false, false, m, r, n, a, v);
        for (int j = 0; j < r; j++) {
            double inv = 1.0 / s[j];
            for (int i = 0; i < m; i++) {
                u[i + j * m] *= inv;
            }
        }
        return new Svd(u, s, transpose(v, n, k), m, n);
    }

    /**
     * A^T A (n, n) for A (m, n): the two halves of its columns on two threads when the product is large (the cost of
     * a tall SVD by snapshots is this product).
     */
    static double[] gram(double[] a, int m, int n) {
        if ((double) m * n * n < 5e7 || n < 8) {
            return multiply(true, false, n, n, m, a, a);
        }
        int half = n / 2;
        double[] right = new double[m * (n - half)];
        System.arraycopy(a, m * half, right, 0, right.length);
        java.util.concurrent.CompletableFuture<double[]> second = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> multiply(true, false, n, n - half, m, a, right));
        double[] leftHalf = multiply(true, false, n, half, m, a, a);
        double[] g = new double[n * n];
        System.arraycopy(leftHalf, 0, g, 0, n * half);
        System.arraycopy(second.join(), 0, g, n * half, n * (n - half));
        return g;
    }

    /**
     * Eigen-decomposition of a symmetric (n, n) matrix by LAPACK dsyevd: {w (n) ascending, V (n, n) with eigenvector
     * i in column i}.
     */
    public static double[][] eigh(double[] s, int n) {
        double[] f = s.clone();
        double[] w = new double[n];
        intW info = new intW(0);
        double[] query = new double[1];
        int[] iquery = new int[1];
        lapack().dsyevd("V", "L", n, f, Math.max(1, n), w, query, -1, iquery, -1, info);
        double[] work = new double[Math.max(1, (int) query[0])];
        int[] iwork = new int[Math.max(1, iquery[0])];
        lapack().dsyevd("V", "L", n, f, Math.max(1, n), w, work, work.length, iwork, iwork.length, info);
        check("eigh (dsyevd)", info);
        return new double[][] {w, f};
    }

    /**
     * Eigen-decomposition of a general real (n, n) matrix by LAPACK dgeev: complex eigenvalues and right
     * eigenvectors (each of unit 2-norm).
     */
    public static ComplexEigen eig(double[] a, int n) {
        double[] f = a.clone();
        double[] wr = new double[n];
        double[] wi = new double[n];
        double[] vr = new double[n * n];
        double[] vl = new double[1];
        intW info = new intW(0);
        double[] query = new double[1];
        lapack().dgeev("N", "V", n, f, Math.max(1, n), wr, wi, vl, 1, vr, Math.max(1, n), query, -1, info);
        double[] work = new double[Math.max(1, (int) query[0])];
        lapack().dgeev("N", "V", n, f, Math.max(1, n), wr, wi, vl, 1, vr, Math.max(1, n), work, work.length, info);
        check("eig (dgeev)", info);
        ComplexMatrix vectors = new ComplexMatrix(n, n);
        for (int j = 0; j < n; j++) {
            if (wi[j] == 0) {
                System.arraycopy(vr, j * n, vectors.re(), j * n, n);
            } else if (wi[j] > 0 && j + 1 < n) { // a conjugate pair: columns j, j+1 hold re and im of v_j
                for (int i = 0; i < n; i++) {
                    double re = vr[i + j * n];
                    double im = vr[i + (j + 1) * n];
                    vectors.re()[i + j * n] = re;
                    vectors.im()[i + j * n] = im;
                    vectors.re()[i + (j + 1) * n] = re;
                    vectors.im()[i + (j + 1) * n] = -im;
                }
                j++;
            }
        }
        return new ComplexEigen(wr, wi, vectors);
    }

    /**
     * Least squares X = argmin ||A X - B||_F for A (m, n) and B (m, nrhs), minimum norm when A is rank deficient, by
     * LAPACK dgelsd (SVD based; singular values below {@code rcond * s_max} count as zero, rcond < 0 for machine
     * precision). Returns X (n, nrhs).
     */
    public static double[] leastSquares(double[] a, int m, int n, double[] b, int nrhs, double rcond) {
        int ld = Math.max(1, Math.max(m, n));
        double[] f = a.clone();
        double[] x = new double[ld * nrhs];
        for (int j = 0; j < nrhs; j++) {
            System.arraycopy(b, j * m, x, j * ld, m);
        }
        double[] s = new double[Math.max(1, Math.min(m, n))];
        intW rank = new intW(0);
        intW info = new intW(0);
        double[] query = new double[1];
        int[] iquery = new int[1];
        lapack().dgelsd(m, n, nrhs, f, Math.max(1, m), x, ld, s, rcond, rank, query, -1, iquery, info);
        double[] work = new double[Math.max(1, (int) query[0])];
        // the reference LAPACK's iwork formula: the pure-Java translation's query does not return it
        int minmn = Math.max(1, Math.min(m, n));
        int nlvl = Math.max(0, (int) (Math.log(minmn / 26.0) / Math.log(2)) + 1);
        int[] iwork = new int[Math.max(Math.max(1, iquery[0]), 3 * minmn * nlvl + 11 * minmn)];
        lapack().dgelsd(m, n, nrhs, f, Math.max(1, m), x, ld, s, rcond, rank, work, work.length, iwork, info);
        check("least squares (dgelsd)", info);
        double[] out = new double[n * nrhs];
        for (int j = 0; j < nrhs; j++) {
            System.arraycopy(x, j * ld, out, j * n, n);
        }
        return out;
    }

    /** X = A^-1 B for a square A (n, n) and B (n, nrhs), by LU (dgesv). */
    public static double[] solve(double[] a, int n, double[] b, int nrhs) {
        double[] f = a.clone();
        double[] x = b.clone();
        int[] piv = new int[n];
        intW info = new intW(0);
        lapack().dgesv(n, nrhs, f, Math.max(1, n), piv, x, Math.max(1, n), info);
        check("solve (dgesv)", info);
        return x;
    }

    /** The Frobenius norm of a flat array. */
    public static double norm(double[] a) {
        double sum = 0;
        for (double v : a) {
            sum += v * v;
        }
        return Math.sqrt(sum);
    }

    private static void check(String op, intW info) {
        if (info.val < 0) {
            throw new IllegalStateException(op + ": LAPACK rejected argument " + (-info.val));
        }
        if (info.val > 0) {
            throw new ArithmeticException(op + ": the iteration did not converge (LAPACK info " + info.val
                    + "); is there a NaN or infinity in the data?");
        }
    }
}
