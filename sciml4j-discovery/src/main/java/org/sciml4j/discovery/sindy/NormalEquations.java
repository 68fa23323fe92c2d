package org.sciml4j.discovery.sindy;

/**
 * The normal equations of a {@link Design}: Gram matrix G = Theta^T Theta, shape (p, p), and B = Theta^T Y, shape
 * (p, m), both row-major; every optimiser here works on them alone (the cost per fit is then independent of the
 * number of samples). {@link #scale} gives the columns' root-mean-square values for normalised thresholds.
 */
public final class NormalEquations {
    private final double[] g;
    private final double[] b;
    private final int p;
    private final int m;
    private final int rows;

    NormalEquations(double[] g, double[] b, int p, int m, int rows) {
        this.g = g;
        this.b = b;
        this.p = p;
        this.m = m;
        this.rows = rows;
    }

    /** The Gram matrix, shape (p, p) row-major (shared, do not modify). */
    public double[] gram() {
        return g;
    }

    /** Theta^T Y, shape (p, m) row-major (shared, do not modify). */
    public double[] rhs() {
        return b;
    }

    /** The number of features p. */
    public int features() {
        return p;
    }

    /** The number of targets m. */
    public int targets() {
        return m;
    }

    /** The root-mean-square of each feature column, shape (p); 1 for an all-zero column. */
    public double[] scale() {
        double[] s = new double[p];
        for (int i = 0; i < p; i++) {
            double v = Math.sqrt(g[i * p + i] / Math.max(rows, 1));
            s[i] = v > 0 ? v : 1;
        }
        return s;
    }

    /**
     * Least squares with ridge on a subset of the features for one target: solves (G_S + alpha I) w = B_S.
     *
     * @param active which features take part, shape (p)
     * @param target the target column
     * @param alpha  the ridge weight (0 for plain least squares)
     * @param scale  column scales to normalise by (the ridge then acts on normalised coefficients), or null
     * @return the coefficients, shape (p), zero outside {@code active}
     */
    public double[] solve(boolean[] active, int target, double alpha, double[] scale) {
        int k = 0;
        int[] idx = new int[p];
        for (int i = 0; i < p; i++) {
            if (active[i]) {
                idx[k++] = i;
            }
        }
        double[] w = new double[p];
        if (k == 0) {
            return w;
        }
        double[] a = new double[k * k];
        double[] r = new double[k];
        for (int u = 0; u < k; u++) {
            double su = scale == null ? 1 : scale[idx[u]];
            for (int v = 0; v < k; v++) {
                double sv = scale == null ? 1 : scale[idx[v]];
                a[u * k + v] = g[idx[u] * p + idx[v]] / (su * sv);
            }
            a[u * k + u] += alpha;
            r[u] = b[idx[u] * m + target] / su;
        }
        double[] x = Dense.solveSymmetric(a, r, k);
        for (int u = 0; u < k; u++) {
            w[idx[u]] = x[u] / (scale == null ? 1 : scale[idx[u]]);
        }
        return w;
    }
}
