package org.sciml4j.inference.generative;

/** Gaussian elimination with partial pivoting for the tiny (m, m) systems J J^T of a projection (m constraints). */
final class SmallSolve {
    private SmallSolve() {
    }

    /**
     * Solves A x = b; A (row-major, m by m) is destroyed, b is overwritten with x.
     *
     * @throws IllegalStateException if A is singular to working precision
     */
    // numerical kernel
    static void solveInPlace(double[] a, double[] b, int m) {
        double scale = 0;
        for (double v : a) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int c = 0; c < m; c++) {
            int piv = c;
            for (int r = c + 1; r < m; r++) {
                if (Math.abs(a[r * m + c]) > Math.abs(a[piv * m + c])) {
                    piv = r;
                }
            }
            if (!(Math.abs(a[piv * m + c]) > 1e-14 * scale)) {
                throw new IllegalStateException("the constraint Jacobian has dependent rows at this field (J J^T is"
                        + " singular): the constraints cannot be projected onto here");
            }
            if (piv != c) {
                for (int k = 0; k < m; k++) {
                    double t = a[c * m + k];
                    a[c * m + k] = a[piv * m + k];
                    a[piv * m + k] = t;
                }
                double t = b[c];
                b[c] = b[piv];
                b[piv] = t;
            }
            for (int r = c + 1; r < m; r++) {
                double f = a[r * m + c] / a[c * m + c];
                for (int k = c; k < m; k++) {
                    a[r * m + k] -= f * a[c * m + k];
                }
                b[r] -= f * b[c];
            }
        }
        for (int c = m - 1; c >= 0; c--) {
            double s = b[c];
            for (int k = c + 1; k < m; k++) {
                s -= a[c * m + k] * b[k];
            }
            b[c] = s / a[c * m + c];
        }
    }
}
