package org.sciml4j.solvers.grf;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;
import org.sciml4j.tensor.Rng;

/**
 * DeepONet's 1-D Gaussian random field on [0, 1]: mean zero, RBF covariance
 * {@code k(x, y) = sigma^2 exp(-(x - y)^2 / (2 l^2))}, sampled on {@code points} equispaced nodes
 * {@code t_i = i / (points - 1)} by the Cholesky factor of the kernel matrix (LAPACK dpotrf; {@code jitter} on the
 * diagonal keeps the factorisation defined when the matrix is numerically singular), then read at any x by linear
 * interpolation between nodes. The factor is computed once, in the constructor: O(points^3).
 */
public final class RbfGrf1d {
    private final int points;
    private final double[] factor; // (points, points) row-major, the Cholesky factor L in its lower triangle

    /**
     * @param sigma       amplitude (> 0)
     * @param lengthScale l (> 0)
     * @param points      nodes on [0, 1] (>= 2)
     * @param jitter      added to the diagonal (>= 0)
     */
    public RbfGrf1d(double sigma, double lengthScale, int points, double jitter) {
        if (!(sigma > 0) || !(lengthScale > 0) || points < 2 || !(jitter >= 0)) {
            throw new IllegalArgumentException("rbf grf needs sigma > 0, length_scale > 0, points >= 2, jitter >= 0;"
                    + " got " + sigma + ", " + lengthScale + ", " + points + ", " + jitter);
        }
        this.points = points;
        double[] k = new double[points * points];
        for (int i = 0; i < points; i++) {
            for (int j = 0; j < points; j++) {
                double d = (double) (i - j) / (points - 1);
                k[i * points + j] = sigma * sigma * Math.exp(-d * d / (2 * lengthScale * lengthScale));
            }
            k[i * points + i] += jitter;
        }
        // the matrix is symmetric, so its row-major array is also its column-major one; LAPACK's upper factor U
        // (A = U^T U) read row-major is the lower factor L (A = L L^T) in the lower triangle
        intW info = new intW(0);
        LAPACK.getInstance().dpotrf("U", points, k, points, info);
        if (info.val != 0) {
            throw new IllegalArgumentException("rbf grf: the kernel matrix of " + points + " nodes with length scale "
                    + lengthScale + " is not positive definite in floating point; raise 'jitter' (now " + jitter
                    + ") or use fewer points");
        }
        this.factor = k; // only the lower triangle is read
    }

    /** The node positions {@code t_i = i / (points - 1)}, shape (points,). */
    public double[] nodes() {
        double[] t = new double[points];
        for (int i = 0; i < points; i++) {
            t[i] = (double) i / (points - 1);
        }
        return t;
    }

    /** One sample at the nodes, shape (points,). */
    public double[] sampleNodes(Rng rng) {
        double[] z = new double[points];
        for (int i = 0; i < points; i++) {
            z[i] = rng.normal();
        }
        double[] v = new double[points];
        for (int i = 0; i < points; i++) {
            double sum = 0;
            int row = i * points;
            for (int j = 0; j <= i; j++) {
                sum += factor[row + j] * z[j];
            }
            v[i] = sum;
        }
        return v;
    }

    /** Node values read at x in [0, 1] by linear interpolation; shape of {@code x}. */
    public static double[] interpolate(double[] nodeValues, double[] x) {
        int n = nodeValues.length;
        double[] out = new double[x.length];
        for (int q = 0; q < x.length; q++) {
            double p = Math.min(Math.max(x[q], 0), 1) * (n - 1);
            int i = Math.min((int) p, n - 2);
            double w = p - i;
            out[q] = (1 - w) * nodeValues[i] + w * nodeValues[i + 1];
        }
        return out;
    }
}
