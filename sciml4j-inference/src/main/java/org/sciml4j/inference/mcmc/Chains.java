package org.sciml4j.inference.mcmc;

import org.sciml4j.inference.sbi.Prior;
import org.sciml4j.tensor.Rng;

/** The chains' current states and log-densities, the prior's spread per coordinate, and the evaluation count. */
final class Chains {
    final double[][] x;
    final double[] logp;
    final double[] scale;
    long evaluations;

    private Chains(double[][] x, double[] logp, double[] scale, long evaluations) {
        this.x = x;
        this.logp = logp;
        this.scale = scale;
        this.evaluations = evaluations;
    }

    /** Counts a batch of evaluations and returns it. */
    double[] count(double[] lp) {
        evaluations += lp.length;
        return lp;
    }

    /**
     * Chains started at {@code settings.candidates()} prior draws resampled with weights proportional to the
     * likelihood (multinomial, with replacement).
     *
     * @throws IllegalStateException when the likelihood is zero at every candidate
     */
    static Chains resampled(Prior prior, LogDensity logLikelihood, LogDensity target, McmcSettings settings,
            Rng rng) {
        int n = settings.candidates();
        double[][] cand = new double[n][];
        for (int i = 0; i < n; i++) {
            cand[i] = prior.sample(rng);
        }
        double[] ll = logLikelihood.evaluate(cand);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : ll) {
            max = Double.isNaN(v) ? max : Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalStateException("MCMC: the likelihood is zero (or NaN) at all " + n
                    + " prior draws tried as starting points");
        }
        double[] cum = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += Double.isNaN(ll[i]) ? 0 : Math.exp(ll[i] - max);
            cum[i] = total;
        }
        int k = settings.chains();
        double[][] x = new double[k][];
        for (int c = 0; c < k; c++) {
            double u = rng.uniform() * total;
            int lo = 0;
            int hi = n - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cum[mid] > u) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            x[c] = cand[lo].clone();
        }
        double[] logp = target.evaluate(x);
        return new Chains(x, logp, spread(cand), n + k);
    }

    /** Chains started at given points (rows of length D), which must lie in the target's support. */
    static Chains at(double[][] start, Prior prior, LogDensity target, Rng rng) {
        double[][] x = new double[start.length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = start[i].clone();
        }
        double[] logp = target.evaluate(x);
        for (int i = 0; i < x.length; i++) {
            if (logp[i] == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("MCMC: starting point " + (i + 1) + " lies outside the support");
            }
        }
        double[][] draws = new double[1000][];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = prior.sample(rng);
        }
        return new Chains(x, logp, spread(draws), x.length);
    }

    /** The sd of each coordinate over the rows. */
    private static double[] spread(double[][] rows) {
        int d = rows[0].length;
        double[] sd = new double[d];
        for (int j = 0; j < d; j++) {
            double s = 0;
            double s2 = 0;
            for (double[] r : rows) {
                s += r[j];
                s2 += r[j] * r[j];
            }
            double var = (s2 - s * s / rows.length) / (rows.length - 1);
            sd[j] = var > 0 ? Math.sqrt(var) : 1;
        }
        return sd;
    }
}
