package org.sciml4j.inference.sbi;

import org.sciml4j.inference.flow.Flow;
import org.sciml4j.inference.mcmc.LogDensity;
import org.sciml4j.inference.mcmc.McmcSettings;
import org.sciml4j.inference.mcmc.SliceSampler;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * The posterior of neural likelihood estimation: p(theta | x_o) proportional to q(x_o | theta) p(theta), sampled by
 * {@link SliceSampler}; all chains' points are scored in one pass of the flow.
 */
public final class NlePosterior implements PosteriorEstimate {
    private final Flow likelihood;
    private final Prior prior;
    private final McmcSettings mcmc;
    private SliceSampler.Result last;

    /**
     * @param likelihood q(x | theta): C features, D context features
     * @param prior      p(theta), D parameters
     * @param mcmc       how the posterior is sampled
     */
    public NlePosterior(Flow likelihood, Prior prior, McmcSettings mcmc) {
        if (likelihood.contextFeatures() != prior.dim()) {
            throw new IllegalArgumentException("the likelihood flow takes " + likelihood.contextFeatures()
                    + " parameters, the prior has " + prior.dim());
        }
        this.likelihood = likelihood;
        this.prior = prior;
        this.mcmc = mcmc;
    }

    /** log q(x_o | theta) as a batched function of theta. */
    public LogDensity logLikelihood(double[] x) {
        int c = likelihood.features();
        if (x.length != c) {
            throw new IllegalArgumentException("the observation must have " + c + " values, got " + x.length);
        }
        int d = prior.dim();
        return points -> {
            int n = points.length;
            double[] th = new double[n * d];
            double[] xs = new double[n * c];
            for (int i = 0; i < n; i++) {
                System.arraycopy(points[i], 0, th, i * d, d);
                System.arraycopy(x, 0, xs, i * c, c);
            }
            return likelihood.logProbValues(Tensor.of(xs, n, c), Tensor.of(th, n, d));
        };
    }

    /** n posterior samples for the observation x (length C) by MCMC, shape (n, D). */
    @Override
    public Tensor sample(int n, double[] x, Rng rng) {
        last = new SliceSampler(mcmc).sample(prior, logLikelihood(x), n, rng);
        return last.samples();
    }

    /** The last MCMC run's outcome (R-hat, evaluations), or null before the first. */
    public SliceSampler.Result lastRun() {
        return last;
    }

    /** The unnormalised log posterior log q(x_i | theta_i) + log p(theta_i): theta (N, D), x (N, C), length N. */
    @Override
    public double[] logProb(Tensor theta, Tensor x) {
        double[] lq = likelihood.logProbValues(x, theta);
        int d = prior.dim();
        double[] t = theta.data();
        double[] row = new double[d];
        for (int i = 0; i < lq.length; i++) {
            System.arraycopy(t, i * d, row, 0, d);
            lq[i] += prior.logProb(row);
        }
        return lq;
    }
}
