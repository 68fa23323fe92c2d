package org.sciml4j.discovery.sindy;

import dev.ludovic.netlib.blas.BLAS;

/**
 * A sparse-regression problem Y ~ Theta Xi: the library evaluated at the samples and the targets (derivatives, or
 * their weak forms).
 *
 * @param theta the features, shape (n, p) row-major
 * @param n     the number of rows
 * @param p     the number of features
 * @param y     the targets, shape (n, m) row-major
 * @param m     the number of targets
 */
public record Design(double[] theta, int n, int p, double[] y, int m) {

    /** Checks the shapes and that every value is finite. */
    public Design {
        if (theta.length != (long) n * p || y.length != (long) n * m) {
            throw new IllegalArgumentException("design shapes disagree: theta has " + theta.length + " values for ("
                    + n + ", " + p + "), y has " + y.length + " for (" + n + ", " + m + ")");
        }
        for (int i = 0; i < theta.length; i++) {
            if (!Double.isFinite(theta[i])) {
                throw new IllegalArgumentException("feature " + (i % p) + " is not finite at row " + (i / p) + " ("
                        + theta[i] + ")");
            }
        }
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("target " + (i % m) + " is not finite at row " + (i / m));
            }
        }
    }

    /** The rows at these indices (repeats allowed), as a new design. */
    public Design rows(int[] index) {
        double[] t = new double[index.length * p];
        double[] yy = new double[index.length * m];
        for (int r = 0; r < index.length; r++) {
            System.arraycopy(theta, index[r] * p, t, r * p, p);
            System.arraycopy(y, index[r] * m, yy, r * m, m);
        }
        return new Design(t, index.length, p, yy, m);
    }

    /**
     * The normal equations: G = Theta^T Theta and B = Theta^T Y by BLAS dgemm (row-major Theta is the column-major
     * Theta^T, so no copy is needed). dgemm computes both triangles of G, twice dsyrk's work, yet measured 10x faster
     * than dsyrk with netlib's Java BLAS (0.3 s against 3 s for 100k x 56), whose dsyrk is not vectorised.
     */
    public NormalEquations normal() {
        BLAS blas = BLAS.getInstance();
        double[] g = new double[p * p];
        if (n > 0) {
            blas.dgemm("N", "T", p, p, n, 1.0, theta, p, theta, p, 0.0, g, p);
        }
        // make G exactly symmetric (the two triangles may differ in the last bit)
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < j; i++) {
                g[i * p + j] = g[j * p + i];
            }
        }
        double[] bc = new double[p * m];
        if (n > 0) {
            blas.dgemm("N", "T", p, m, n, 1.0, theta, p, y, m, 0.0, bc, p);
        }
        double[] b = new double[p * m];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < m; j++) {
                b[i * m + j] = bc[j * p + i];
            }
        }
        return new NormalEquations(g, b, p, m, n);
    }
}
