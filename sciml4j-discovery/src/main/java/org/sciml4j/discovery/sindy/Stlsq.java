package org.sciml4j.discovery.sindy;

import java.util.Arrays;

/**
 * Sequentially thresholded least squares (Brunton, Proctor and Kutz, PNAS 2016; PySINDy's STLSQ): fit by (ridge)
 * least squares, zero every coefficient below the threshold, refit on the rest, until the support stops changing;
 * then a last plain least-squares fit on the support removes the ridge's bias. With {@code normalize} the threshold
 * and ridge apply to the coefficients of features scaled to unit root-mean-square; otherwise to the raw
 * coefficients. Works on the normal equations, so a fit costs one pass over the data.
 */
public final class Stlsq implements SparseRegressor {
    private final double threshold;
    private final double alpha;
    private final int maxIterations;
    private final boolean normalize;

    /**
     * @param threshold     the smallest coefficient kept, non-negative
     * @param alpha         the ridge weight, non-negative
     * @param maxIterations the most thresholding rounds, at least 1
     * @param normalize     whether thresholds apply to normalised columns
     */
    public Stlsq(double threshold, double alpha, int maxIterations, boolean normalize) {
        if (!(threshold >= 0) || !(alpha >= 0) || maxIterations < 1) {
            throw new IllegalArgumentException("STLSQ needs threshold >= 0, alpha >= 0, max_iterations >= 1; got "
                    + threshold + ", " + alpha + ", " + maxIterations);
        }
        this.threshold = threshold;
        this.alpha = alpha;
        this.maxIterations = maxIterations;
        this.normalize = normalize;
    }

    /** PySINDy's defaults with this threshold: ridge 0.05, 20 iterations, raw columns. */
    public Stlsq(double threshold) {
        this(threshold, 0.05, 20, false);
    }

    @Override
    public double[] fit(Design design) {
        return fit(design.normal());
    }

    /** Fits from the normal equations; the result as in {@link #fit(Design)}. */
    public double[] fit(NormalEquations ne) {
        int p = ne.features();
        int m = ne.targets();
        double[] scale = normalize ? ne.scale() : null;
        double[] xi = new double[p * m];
        for (int j = 0; j < m; j++) {
            boolean[] active = new boolean[p];
            Arrays.fill(active, true);
            double[] w = ne.solve(active, j, alpha, scale);
            for (int it = 0; it < maxIterations; it++) {
                boolean[] next = new boolean[p];
                boolean changed = false;
                for (int i = 0; i < p; i++) {
                    double c = Math.abs(w[i]) * (scale == null ? 1 : scale[i]);
                    next[i] = active[i] && c >= threshold;
                    changed |= next[i] != active[i];
                }
                active = next;
                if (!changed) {
                    break;
                }
                w = ne.solve(active, j, alpha, scale);
            }
            w = ne.solve(active, j, 0, scale);
            for (int i = 0; i < p; i++) {
                xi[i * m + j] = w[i];
            }
        }
        return xi;
    }

    @Override
    public String describe() {
        return "stlsq(threshold " + threshold + ", alpha " + alpha + (normalize ? ", normalized" : "") + ")";
    }
}
