package org.sciml4j.inference.mcmc;

/**
 * How {@link SliceSampler} runs.
 *
 * @param chains       independent chains, advanced together (their points are evaluated in one batch)
 * @param warmup       sweeps per chain discarded at the start (the bracket widths are tuned during them)
 * @param thin         one state kept every {@code thin} sweeps after warmup
 * @param initialWidth the bracket width before tuning, in units of each parameter's prior sd (a box: its width)
 * @param maxStepOut   at most this many width steps when stepping out (Neal's m)
 * @param candidates   prior draws the chains' starting points are resampled from, weighted by the likelihood
 */
public record McmcSettings(int chains, int warmup, int thin, double initialWidth, int maxStepOut, int candidates) {

    /** Checks every value; the message names the field. */
    public McmcSettings {
        check(chains >= 1, "chains must be >= 1, got " + chains);
        check(warmup >= 0, "warmup must be >= 0, got " + warmup);
        check(thin >= 1, "thin must be >= 1, got " + thin);
        check(initialWidth > 0 && Double.isFinite(initialWidth), "width must be finite and > 0, got "
                + initialWidth);
        check(maxStepOut >= 1, "max_step_out must be >= 1, got " + maxStepOut);
        check(candidates >= chains, "init_candidates must be >= chains, got " + candidates);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** 20 chains, 200 warmup sweeps, thin 5, width 0.5 prior sd, 20 steps out, 2000 candidates. */
    public static McmcSettings defaults() {
        return new McmcSettings(20, 200, 5, 0.5, 20, 2000);
    }

    /** The same with another number of chains (candidates raised to match). */
    public McmcSettings withChains(int n) {
        return new McmcSettings(n, warmup, thin, initialWidth, maxStepOut, Math.max(candidates, n));
    }
}
