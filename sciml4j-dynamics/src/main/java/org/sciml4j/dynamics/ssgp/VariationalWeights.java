package org.sciml4j.dynamics.ssgp;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.sciml4j.tensor.Tensor;

/**
 * The variational posterior over the 2M feature weights w = (w_c, w_s), as in Tanaka et al. 2022: q(w) = N(b, C (x)
 * I_2), the cosine and the sine block sharing one full M x M covariance C = L L^T (L lower triangular with a positive
 * diagonal, stored as a (M, M) matrix whose strict lower part and log diagonal are trained), against the prior
 * N(0, (a^2 / M) I) (a the GP's amplitude: H then has prior variance a^2). Sampling is reparameterised, w = b + L
 * eps per block, so the ELBO's gradient reaches b, L and (when learned) a.
 */
public final class VariationalWeights {
    private final Tensor mu;
    private final Tensor lower;
    private final Tensor logDiag;
    private final Tensor logAmplitude;
    private final Tensor mask;
    private final boolean learnAmplitude;
    private final int m;

    /**
     * Fixed prior amplitude.
     *
     * @param weights   2M
     * @param amplitude a
     */
    public VariationalWeights(int weights, double amplitude) {
        this(weights, amplitude, false);
    }

    private VariationalWeights(int weights, double amplitude, boolean learn) {
        if (weights < 2 || weights % 2 != 0 || !(amplitude > 0)) {
            throw new IllegalArgumentException("need an even number of weights >= 2 and amplitude > 0, got "
                    + weights + ", " + amplitude);
        }
        this.m = weights / 2;
        double priorVar = amplitude * amplitude / m;
        this.mu = Tensor.of(new double[weights], weights).requireGrad();
        this.lower = Tensor.of(new double[m * m], m, m).requireGrad();
        double[] ld = new double[m];
        java.util.Arrays.fill(ld, Math.log(0.1 * Math.sqrt(priorVar)));
        this.logDiag = Tensor.of(ld, m).requireGrad();
        Tensor a = Tensor.of(new double[] {Math.log(amplitude)}, 1);
        this.logAmplitude = learn ? a.requireGrad() : a;
        this.learnAmplitude = learn;
        double[] k = new double[m * m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < i; j++) {
                k[i * m + j] = 1;
            }
        }
        this.mask = Tensor.of(k, m, m);
    }

    /** The prior amplitude a learned in the ELBO (starting at {@code amplitude}). */
    public static VariationalWeights learned(int weights, double amplitude) {
        return new VariationalWeights(weights, amplitude, true);
    }

    /** b (2M), the strict lower part of L and log diag L ((M, M), (M)), then log a when learned. */
    public List<Tensor> parameters() {
        List<Tensor> p = new ArrayList<>(List.of(mu, lower, logDiag));
        if (learnAmplitude) {
            p.add(logAmplitude);
        }
        return p;
    }

    /** The posterior mean b, (2M,). */
    public Tensor mean() {
        return mu;
    }

    /** The current prior amplitude a. */
    public double amplitude() {
        return Math.exp(logAmplitude.data()[0]);
    }

    /** L, (M, M). */
    private Tensor factor() {
        return lower.mul(mask).add(Tensor.eye(m).mul(logDiag.exp().reshape(1, m)));
    }

    /** b reparameterised samples, (b, 2M). */
    public Tensor sample(int b, SplittableRandom rng) {
        return sample(b, rng, 1);
    }

    /**
     * b reparameterised samples, each the average of {@code averaged} draws (w = b + L mean(eps_1..eps_S), i.e. eps
     * scaled by 1 / sqrt(S)): the paper's training estimator (its code averages 100 draws), which evaluates the
     * likelihood under a posterior S times narrower than the one the KL sees; S = 1 is the plain ELBO sample.
     */
    public Tensor sample(int b, SplittableRandom rng, int averaged) {
        if (averaged < 1) {
            throw new IllegalArgumentException("averaged samples must be >= 1, got " + averaged);
        }
        double scale = 1 / Math.sqrt(averaged);
        double[] eps = new double[2 * b * m];
        for (int i = 0; i < eps.length; i++) {
            eps[i] = scale * SymplecticFeatures.gaussian(rng);
        }
        Tensor e = Tensor.of(eps, 2 * b, m).matmul(factor().transpose()).reshape(b, 2 * m);
        return e.add(mu.reshape(1, 2 * m));
    }

    /** The posterior mean repeated for b rows, (b, 2M). */
    public Tensor meanRows(int b) {
        return Tensor.of(new double[b * 2 * m], b, 2 * m).add(mu.reshape(1, 2 * m));
    }

    /**
     * KL(q || prior) with prior variance p = a^2 / M per weight: (2 tr C + |b|^2) / (2 p) - M + M log p - log det C,
     * log det C = 2 sum log diag L; a scalar tensor.
     */
    public Tensor kl() {
        Tensor logP = logAmplitude.mul(2).sub(Math.log(m)).sum();
        Tensor trace = lower.mul(mask).square().sum().add(logDiag.mul(2).exp().sum());
        Tensor quad = trace.mul(2).add(mu.square().sum()).mul(logP.neg().exp()).mul(0.5);
        return quad.sub(m).add(logP.mul(m)).sub(logDiag.sum().mul(2));
    }
}
