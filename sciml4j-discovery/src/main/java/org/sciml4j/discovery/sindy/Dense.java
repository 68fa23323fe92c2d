package org.sciml4j.discovery.sindy;

/** Small dense solves (up to a few hundred unknowns) in plain Java; the large products go through BLAS elsewhere. */
final class Dense {
    private Dense() {
    }

    /**
     * Solves a symmetric positive (semi)definite system by Cholesky; if the factorisation breaks down (a singular
     * or indefinite matrix) falls back to {@link #solve} with pivoting.
     */
    // numerical kernel
    static double[] solveSymmetric(double[] a, double[] b, int n) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                if (i == j) {
                    if (!(s > 1e-300)) {
                        return solve(a.clone(), b.clone(), n);
                    }
                    l[i * n + i] = Math.sqrt(s);
                } else {
                    l[i * n + j] = s / l[j * n + j];
                }
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) {
                s -= l[i * n + k] * y[k];
            }
            y[i] = s / l[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < n; k++) {
                s -= l[k * n + i] * y[k];
            }
            y[i] = s / l[i * n + i];
        }
        return y;
    }

    /**
     * Solves a general square system by Gaussian elimination with partial pivoting (overwrites a and b).
     *
     * @throws IllegalArgumentException if the matrix is singular
     */
    // numerical kernel
    static double[] solve(double[] a, double[] b, int n) {
        for (int c = 0; c < n; c++) {
            int piv = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r * n + c]) > Math.abs(a[piv * n + c])) {
                    piv = r;
                }
            }
            if (a[piv * n + c] == 0) {
                throw new IllegalArgumentException("the least-squares system is singular (a feature is a"
                        + " combination of others, or a constraint repeats another)");
            }
            if (piv != c) {
                for (int k = 0; k < n; k++) {
                    double t = a[c * n + k];
                    a[c * n + k] = a[piv * n + k];
                    a[piv * n + k] = t;
                }
                double t = b[c];
                b[c] = b[piv];
                b[piv] = t;
            }
            for (int r = c + 1; r < n; r++) {
                double f = a[r * n + c] / a[c * n + c];
                if (f != 0) {
                    for (int k = c; k < n; k++) {
                        a[r * n + k] -= f * a[c * n + k];
                    }
                    b[r] -= f * b[c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int k = r + 1; k < n; k++) {
                s -= a[r * n + k] * x[k];
            }
            x[r] = s / a[r * n + r];
        }
        return x;
    }
}
