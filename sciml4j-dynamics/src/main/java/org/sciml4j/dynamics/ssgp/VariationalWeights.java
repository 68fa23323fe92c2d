package org.sciml4j.dynamics.ssgp;

import java.util.List;
import java.util.SplittableRandom;

import org.sciml4j.tensor.Tensor;

/**
 * The variational posterior over the 2M feature weights, q(w) = N(mu, diag(s^2)) with s = exp(log_s), against the
 * prior N(0, (a^2 / M) I) (a the GP's amplitude: H then has prior variance a^2). Sampling is reparameterised, w = mu +
 * s * eps, so the ELBO's gradient reaches mu and log_s.
 */
public final class VariationalWeights {
    private final Tensor mu;
    private final Tensor logStd;
    private final double priorVar;
    private final int n;

    /**
     * @param weights   2M
     * @param amplitude a
     */
    public VariationalWeights(int weights, double amplitude) {
        this.n = weights;
        this.priorVar = amplitude * amplitude / (weights / 2.0);
        this.mu = Tensor.of(new double[weights], weights).requireGrad();
        double[] ls = new double[weights];
        java.util.Arrays.fill(ls, Math.log(0.1 * Math.sqrt(priorVar)));
        this.logStd = Tensor.of(ls, weights).requireGrad();
    }

    /** mu and log_s, each (2M,). */
    public List<Tensor> parameters() {
        return List.of(mu, logStd);
    }

    /** The posterior mean, (2M,). */
    public Tensor mean() {
        return mu;
    }

    /** b reparameterised samples, (b, 2M). */
    public Tensor sample(int b, SplittableRandom rng) {
        double[] eps = new double[b * n];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = SymplecticFeatures.gaussian(rng);
        }
        Tensor e = Tensor.of(eps, b, n);
        return e.mul(logStd.exp().reshape(1, n)).add(mu.reshape(1, n));
    }

    /** The posterior mean repeated for b rows, (b, 2M). */
    public Tensor meanRows(int b) {
        return Tensor.of(new double[b * n], b, n).add(mu.reshape(1, n));
    }

    /** KL(q || prior) = sum_i (s_i^2 + mu_i^2) / (2 p) - 1/2 - log s_i + log(p) / 2, a scalar tensor. */
    public Tensor kl() {
        Tensor var = logStd.mul(2).exp();
        return var.add(mu.square()).mul(0.5 / priorVar).sub(logStd).sum().add(n * (0.5 * Math.log(priorVar) - 0.5));
    }
}
