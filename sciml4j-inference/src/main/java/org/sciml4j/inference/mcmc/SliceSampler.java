package org.sciml4j.inference.mcmc;

import org.sciml4j.inference.sbi.Prior;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * Slice sampling (Neal 2003, section 4) one coordinate at a time, with stepping out and shrinkage, for several chains
 * advanced in lockstep: in each stage (step left, step right, shrink) the points of all chains still busy are
 * evaluated in one call of the {@link LogDensity}, so that a neural likelihood costs one batched pass per stage.
 * <p>
 * Each update of coordinate j of a chain at x with log-density l: the slice level is {@code y = l - Exp(1)}; a
 * bracket of width w_j placed at random around x_j is stepped out by w_j at most m times in total while its ends
 * lie above the slice; a point drawn uniformly in the bracket is accepted when above the slice, otherwise the
 * bracket shrinks to it. This leaves the target invariant for any w_j, so tuning the widths during warmup (to 3
 * times the spread of the chains' second-half warmup states in each coordinate) is safe. Points outside the
 * support (log-density negative infinity) are never above the slice, so the prior's support is respected.
 * <p>
 * Chains start at prior draws resampled in proportion to their likelihood (sampling-importance-resampling, as
 * sbi's "resample" initialisation). Deterministic under the seed.
 */
public final class SliceSampler {
    private final McmcSettings settings;

    /** A sampler with these settings. */
    public SliceSampler(McmcSettings settings) {
        this.settings = settings;
    }

    /**
     * What a run gave.
     *
     * @param samples     kept states, chain after chain in sweep order interleaved: shape (n, D)
     * @param rhat        Gelman-Rubin's potential scale reduction per coordinate over the kept states (1 when
     *                    mixed); NaN with one chain
     * @param evaluations points evaluated in total
     * @param widths      the tuned bracket width per coordinate
     */
    public record Result(Tensor samples, double[] rhat, long evaluations, double[] widths) {
    }

    /**
     * Samples the posterior prior x likelihood.
     *
     * @param prior         p(theta): starting points and the scale of the initial widths; its support is respected
     * @param logLikelihood log L(theta) up to a constant (e.g. a flow's log q(x_o | theta))
     * @param n             samples wanted
     */
    public Result sample(Prior prior, LogDensity logLikelihood, int n, Rng rng) {
        return sample(prior, logLikelihood, n, rng, null);
    }

    /**
     * As {@link #sample(Prior, LogDensity, int, Rng)}, with given starting points (one row per chain) instead of the
     * resampled prior draws when {@code start} is not null.
     */
    public Result sample(Prior prior, LogDensity logLikelihood, int n, Rng rng, double[][] start) {
        if (n < 1) {
            throw new IllegalArgumentException("MCMC: the number of samples must be >= 1, got " + n);
        }
        LogDensity target = LogDensity.posterior(prior, logLikelihood);
        Chains c = start != null ? Chains.at(start, prior, target, rng) : Chains.resampled(prior, logLikelihood, target, settings,
                rng);
        int d = prior.dim();
        double[] w = c.scale.clone();
        for (int j = 0; j < d; j++) {
            w[j] *= settings.initialWidth();
        }
        int k = settings.chains();
        int half = settings.warmup() / 2;
        double[] sum = new double[d];
        double[] sumSq = new double[d];
        long count = 0;
        for (int s = 0; s < settings.warmup(); s++) {
            sweep(c, target, w, rng);
            if (s >= half) {
                count += k;
                for (double[] x : c.x) {
                    for (int j = 0; j < d; j++) {
                        sum[j] += x[j];
                        sumSq[j] += x[j] * x[j];
                    }
                }
            }
        }
        for (int j = 0; j < d && count > 1; j++) {
            double var = (sumSq[j] - sum[j] * sum[j] / count) / (count - 1);
            if (var > 0) {
                w[j] = 3 * Math.sqrt(var);
            }
        }
        int perChain = (n + k - 1) / k;
        double[][][] kept = new double[k][perChain][];
        for (int s = 0; s < perChain; s++) {
            for (int t = 0; t < settings.thin(); t++) {
                sweep(c, target, w, rng);
            }
            for (int i = 0; i < k; i++) {
                kept[i][s] = c.x[i].clone();
            }
        }
        double[] out = new double[n * d];
        for (int r = 0; r < n; r++) {
            System.arraycopy(kept[r % k][r / k], 0, out, r * d, d);
        }
        return new Result(Tensor.of(out, n, d), Rhat.of(kept), c.evaluations, w);
    }

    /** One pass over the coordinates for every chain. */
    private void sweep(Chains c, LogDensity target, double[] w, Rng rng) {
        for (int j = 0; j < w.length; j++) {
            updateCoordinate(c, target, j, w[j], rng);
        }
    }

    // numerical kernel: stepping out and shrinkage for all chains at once, one batched evaluation per stage
    private void updateCoordinate(Chains c, LogDensity target, int j, double w, Rng rng) {
        int k = c.x.length;
        double[] level = new double[k];
        double[] lo = new double[k];
        double[] hi = new double[k];
        int[] leftSteps = new int[k];
        int[] rightSteps = new int[k];
        int m = settings.maxStepOut();
        for (int i = 0; i < k; i++) {
            level[i] = c.logp[i] + Math.log(rng.uniform() + Double.MIN_VALUE);
            lo[i] = c.x[i][j] - w * rng.uniform();
            hi[i] = lo[i] + w;
            leftSteps[i] = (int) Math.floor(m * rng.uniform());
            rightSteps[i] = m - 1 - leftSteps[i];
        }
        stepOut(c, target, j, w, level, lo, leftSteps, -1);
        stepOut(c, target, j, w, level, hi, rightSteps, +1);
        boolean[] busy = new boolean[k];
        java.util.Arrays.fill(busy, true);
        int left = k;
        double[] proposal = new double[k];
        while (left > 0) {
            double[][] pts = new double[left][];
            int[] who = new int[left];
            for (int i = 0, q = 0; i < k; i++) {
                if (busy[i]) {
                    proposal[i] = lo[i] + (hi[i] - lo[i]) * rng.uniform();
                    pts[q] = c.x[i].clone();
                    pts[q][j] = proposal[i];
                    who[q++] = i;
                }
            }
            double[] lp = c.count(target.evaluate(pts));
            for (int q = 0; q < who.length; q++) {
                int i = who[q];
                if (lp[q] > level[i]) {
                    c.x[i][j] = proposal[i];
                    c.logp[i] = lp[q];
                    busy[i] = false;
                    left--;
                } else if (proposal[i] < c.x[i][j]) {
                    lo[i] = proposal[i];
                } else {
                    hi[i] = proposal[i];
                }
                if (busy[i] && hi[i] - lo[i] < 1e-14 * Math.max(1, Math.abs(c.x[i][j]))) {
                    // the bracket collapsed onto the current point (a log-density that is not above its own slice,
                    // only possible through rounding): keep the point
                    busy[i] = false;
                    left--;
                }
            }
        }
    }

    /** Moves one end of every chain's bracket outwards by w while it lies above the slice and steps remain. */
    private static void stepOut(Chains c, LogDensity target, int j, double w, double[] level, double[] end,
            int[] steps, int direction) {
        int k = c.x.length;
        boolean[] busy = new boolean[k];
        for (int i = 0; i < k; i++) {
            busy[i] = steps[i] > 0;
        }
        while (true) {
            int left = 0;
            for (boolean b : busy) {
                left += b ? 1 : 0;
            }
            if (left == 0) {
                return;
            }
            double[][] pts = new double[left][];
            int[] who = new int[left];
            for (int i = 0, q = 0; i < k; i++) {
                if (busy[i]) {
                    pts[q] = c.x[i].clone();
                    pts[q][j] = end[i];
                    who[q++] = i;
                }
            }
            double[] lp = c.count(target.evaluate(pts));
            for (int q = 0; q < who.length; q++) {
                int i = who[q];
                if (lp[q] > level[i]) {
                    end[i] += direction * w;
                    steps[i]--;
                    busy[i] = steps[i] > 0;
                } else {
                    busy[i] = false;
                }
            }
        }
    }
}
