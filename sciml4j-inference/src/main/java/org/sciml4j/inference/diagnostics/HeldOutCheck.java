package org.sciml4j.inference.diagnostics;

import org.sciml4j.inference.mcmc.LogDensity;
import org.sciml4j.tensor.Tensor;

/**
 * The check on held-out observations with known true parameters: for each, whether the posterior mean of every
 * parameter lies within one posterior sd of the truth, and the truth's density rank f (the share of posterior samples
 * with a higher density than the truth), so that the truth lies in the alpha highest-density region when f < alpha.
 * For a calibrated posterior about 68 % of the means lie within one sd per parameter (for a Gaussian posterior), and
 * the truths fall in the 68 % and 95 % regions about 68 % and 95 % of the time (expected coverage).
 */
public final class HeldOutCheck {
    private int observations;
    private int allWithin;
    private int[] within;
    private int in68;
    private int in95;

    /** Adds one observation. */
    public void add(Observation o) {
        if (within == null) {
            within = new int[o.mean.length];
        }
        boolean all = true;
        for (int j = 0; j < within.length; j++) {
            boolean w = Math.abs(o.mean[j] - o.truth[j]) <= o.sd[j];
            within[j] += w ? 1 : 0;
            all &= w;
        }
        allWithin += all ? 1 : 0;
        in68 += o.densityRank < 0.68 ? 1 : 0;
        in95 += o.densityRank < 0.95 ? 1 : 0;
        observations++;
    }

    /** Observations added. */
    public int observations() {
        return observations;
    }

    /** Per parameter: how many posterior means lie within one posterior sd of the truth. */
    public int[] withinOneSd() {
        return within == null ? new int[0] : within.clone();
    }

    /** How many observations have every parameter's mean within one sd. */
    public int allWithinOneSd() {
        return allWithin;
    }

    /** Share of truths inside the 68 % highest-density region. */
    public double coverage68() {
        return (double) in68 / Math.max(1, observations);
    }

    /** Share of truths inside the 95 % highest-density region. */
    public double coverage95() {
        return (double) in95 / Math.max(1, observations);
    }

    /**
     * One observation's summary.
     *
     * @param mean        posterior mean per parameter
     * @param sd          posterior sd per parameter
     * @param truth       the true parameters
     * @param densityRank share of samples with a higher (unnormalised) posterior density than the truth
     */
    public record Observation(double[] mean, double[] sd, double[] truth, double densityRank) {

        /**
         * From posterior samples (n, D), the truth, and a log-density of the posterior up to a constant.
         */
        public static Observation of(Tensor samples, double[] truth, LogDensity logDensity) {
            int n = samples.size(0);
            int d = samples.size(1);
            double[] s = samples.data();
            double[] mean = new double[d];
            double[] sd = new double[d];
            double[][] rows = new double[n + 1][];
            for (int i = 0; i < n; i++) {
                rows[i] = java.util.Arrays.copyOfRange(s, i * d, (i + 1) * d);
                for (int j = 0; j < d; j++) {
                    mean[j] += rows[i][j] / n;
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    sd[j] += (rows[i][j] - mean[j]) * (rows[i][j] - mean[j]) / (n - 1);
                }
            }
            for (int j = 0; j < d; j++) {
                sd[j] = Math.sqrt(sd[j]);
            }
            rows[n] = truth.clone();
            double[] lp = logDensity.evaluate(rows);
            int higher = 0;
            for (int i = 0; i < n; i++) {
                higher += lp[i] > lp[n] ? 1 : 0;
            }
            return new Observation(mean, sd, truth.clone(), (double) higher / n);
        }
    }
}
