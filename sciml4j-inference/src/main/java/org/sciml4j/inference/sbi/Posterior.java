package org.sciml4j.inference.sbi;

import org.sciml4j.inference.flow.Flow;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * The amortised posterior q(theta | x) of a trained conditional flow, restricted to the prior's support: samples
 * outside it are rejected and drawn again (sbi's default), so the samples follow q truncated to the support.
 */
public final class Posterior implements PosteriorEstimate {
    private final Flow flow;
    private final Prior prior;
    private double lastAcceptance = 1;

    /** The flow's D must equal the prior's. */
    public Posterior(Flow flow, Prior prior) {
        if (flow.features() != prior.dim()) {
            throw new IllegalArgumentException("the flow has " + flow.features() + " parameters, the prior "
                    + prior.dim());
        }
        this.flow = flow;
        this.prior = prior;
    }

    /** The flow. */
    public Flow flow() {
        return flow;
    }

    /**
     * Draws n samples given one observation.
     *
     * @param x the observation, length C
     * @return samples inside the prior's support, shape (n, D)
     * @throws IllegalStateException when fewer than 1 in 10^5 draws lands inside the support
     */
    @Override
    public Tensor sample(int n, double[] x, Rng rng) {
        int d = flow.features();
        double[] out = new double[n * d];
        int accepted = 0;
        long drawn = 0;
        long examined = 0;
        while (accepted < n) {
            int want = (int) Math.min(1_000_000, Math.max(64, (long) ((n - accepted) * 1.2 / Math.max(1e-3,
                    drawn == 0 ? 1 : (double) accepted / drawn))));
            double[] s = flow.sample(want, x, rng).data();
            drawn += want;
            double[] row = new double[d];
            for (int i = 0; i < want && accepted < n; i++) {
                examined++;
                System.arraycopy(s, i * d, row, 0, d);
                if (prior.inSupport(row)) {
                    System.arraycopy(row, 0, out, accepted * d, d);
                    accepted++;
                }
            }
            if (drawn > 100_000 && accepted < drawn * 1e-5) {
                throw new IllegalStateException("posterior sampling: only " + accepted + " of " + drawn
                        + " draws fell inside the prior's support; the estimator does not fit this observation");
            }
        }
        lastAcceptance = (double) accepted / examined;
        return Tensor.of(out, n, d);
    }

    /** The share of the examined draws that fell inside the support in the last {@link #sample} call. */
    public double lastAcceptance() {
        return lastAcceptance;
    }

    /** log q(theta | x) of the untruncated flow, per row: theta (N, D), x (N, C), result length N. */
    @Override
    public double[] logProb(Tensor theta, Tensor x) {
        return flow.logProbValues(theta, x);
    }
}
