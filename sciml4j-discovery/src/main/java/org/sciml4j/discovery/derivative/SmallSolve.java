package org.sciml4j.discovery.derivative;

/** Dense solves of small symmetric positive definite systems (a few dozen unknowns) by Cholesky, in plain Java. */
final class SmallSolve {
    private SmallSolve() {
    }

    /**
     * Solves A x = b for a symmetric positive definite row-major (n, n) matrix A.
     *
     * @throws IllegalArgumentException if A is not positive definite to working precision
     */
    // numerical kernel
    static double[] spd(double[] a, double[] b, int n) {
        double[] l = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    s -= l[i * n + k] * l[j * n + k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalArgumentException("the local least-squares system is singular"
                                + " (repeated times or too few distinct samples in a window)");
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
}
