package org.sciml4j.pinn.uncertainty;

import java.util.Arrays;

/**
 * The spread of S draws (ensemble members or posterior samples) of N values: per value the mean, the sample standard
 * deviation (divisor S - 1), the normal 95 % interval mean +- 1.96 sd and the empirical 2.5 % and 97.5 % quantiles
 * (linear interpolation between order statistics, NumPy's default).
 *
 * @param mean        length N
 * @param sd          length N
 * @param normalLower mean - 1.96 sd
 * @param normalUpper mean + 1.96 sd
 * @param q025        the 2.5 % quantile
 * @param q975        the 97.5 % quantile
 * @param draws       S
 */
public record Band(double[] mean, double[] sd, double[] normalLower, double[] normalUpper, double[] q025,
        double[] q975, int draws) {

    /** The two-sided 95 % quantile of the standard normal. */
    public static final double Z95 = 1.959963984540054;

    /**
     * The spread of {@code draws[s][i]}: S draws of N values each.
     *
     * @throws IllegalArgumentException with fewer than 2 draws or draws of different lengths
     */
    public static Band of(double[][] draws) {
        int s = draws.length;
        if (s < 2) {
            throw new IllegalArgumentException("a spread needs at least 2 draws, got " + s);
        }
        int n = draws[0].length;
        double[] mean = new double[n];
        double[] sd = new double[n];
        double[] lo = new double[n];
        double[] hi = new double[n];
        double[] q025 = new double[n];
        double[] q975 = new double[n];
        double[] column = new double[s];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = 0; k < s; k++) {
                if (draws[k].length != n) {
                    throw new IllegalArgumentException("draw " + k + " has " + draws[k].length + " values, draw 0 " + n);
                }
                column[k] = draws[k][i];
                sum += column[k];
            }
            mean[i] = sum / s;
            double sq = 0;
            for (int k = 0; k < s; k++) {
                sq += (column[k] - mean[i]) * (column[k] - mean[i]);
            }
            sd[i] = Math.sqrt(sq / (s - 1));
            lo[i] = mean[i] - Z95 * sd[i];
            hi[i] = mean[i] + Z95 * sd[i];
            Arrays.sort(column);
            q025[i] = quantile(column, 0.025);
            q975[i] = quantile(column, 0.975);
        }
        return new Band(mean, sd, lo, hi, q025, q975, s);
    }

    /** The spread of S draws of one value each. */
    public static Band ofScalars(double[] values) {
        double[][] d = new double[values.length][];
        for (int k = 0; k < values.length; k++) {
            d[k] = new double[] {values[k]};
        }
        return of(d);
    }

    /** The q-quantile of sorted values, interpolating linearly between order statistics at (S - 1) q. */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The fraction of {@code truth} (length N) inside [normalLower, normalUpper]. */
    public double normalCoverage(double[] truth) {
        return coverage(truth, normalLower, normalUpper);
    }

    /** The fraction of {@code truth} (length N) inside [q025, q975]. */
    public double quantileCoverage(double[] truth) {
        return coverage(truth, q025, q975);
    }

    private static double coverage(double[] truth, double[] lo, double[] hi) {
        if (truth.length != lo.length) {
            throw new IllegalArgumentException(truth.length + " reference values for a band of " + lo.length);
        }
        int in = 0;
        for (int i = 0; i < truth.length; i++) {
            in += truth[i] >= lo[i] && truth[i] <= hi[i] ? 1 : 0;
        }
        return (double) in / truth.length;
    }
}
