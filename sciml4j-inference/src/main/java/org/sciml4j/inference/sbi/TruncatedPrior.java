package org.sciml4j.inference.sbi;

import org.sciml4j.inference.flow.Flow;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * The prior truncated to a highest-density region of a posterior estimate q(theta | x_o): the set where
 * log q(theta | x_o) >= a threshold (TSNPE's proposal). Draws are made by rejection from the prior in batches of
 * 10^4, each batch scored by one pass of the flow.
 */
final class TruncatedPrior {
    private final Prior prior;
    private final Flow flow;
    private final double[] observed;
    private final double threshold;
    private double acceptance = Double.NaN;

    /**
     * @param flow      q(theta | x): D features, C context features
     * @param observed  x_o, length C
     * @param threshold the region is log q(theta | x_o) >= threshold
     */
    TruncatedPrior(Prior prior, Flow flow, double[] observed, double threshold) {
        this.prior = prior;
        this.flow = flow;
        this.observed = observed.clone();
        this.threshold = threshold;
    }

    /**
     * n draws, shape [n][D].
     *
     * @throws IllegalStateException when fewer than 1 in 10^5 prior draws fall in the region after 10^6 draws
     */
    double[][] sample(int n, Rng rng) {
        int d = prior.dim();
        int c = observed.length;
        int batch = 10_000;
        double[][] out = new double[n][];
        int got = 0;
        long drawn = 0;
        long inside = 0;
        double[] xs = new double[batch * c];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(observed, 0, xs, i * c, c);
        }
        Tensor context = Tensor.of(xs, batch, c);
        while (got < n) {
            double[][] cand = new double[batch][];
            double[] flat = new double[batch * d];
            for (int i = 0; i < batch; i++) {
                cand[i] = prior.sample(rng);
                System.arraycopy(cand[i], 0, flat, i * d, d);
            }
            double[] lq = flow.logProbValues(Tensor.of(flat, batch, d), context);
            drawn += batch;
            for (int i = 0; i < batch; i++) {
                if (lq[i] >= threshold) {
                    inside++;
                    if (got < n) {
                        out[got++] = cand[i];
                    }
                }
            }
            if (drawn >= 1_000_000 && inside < drawn * 1e-5) {
                throw new IllegalStateException("TSNPE: only " + got + " of " + drawn + " prior draws fell in the"
                        + " posterior's highest-density region; the region is too small for rejection sampling");
            }
        }
        acceptance = (double) inside / drawn;
        return out;
    }

    /** The share of prior draws inside the region in the last {@link #sample} call (all batches' draws counted). */
    double acceptance() {
        return acceptance;
    }
}
