package org.sciml4j.dynamics.hybrid;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

import org.sciml4j.dynamics.ode.VectorField;
import org.sciml4j.nn.Module;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * SEIR with a transmission rate driven by a covariate: on population fractions (S, E, I, R, C),
 * <pre>
 *   S' = -beta(t) S I,  E' = beta(t) S I - sigma E,  I' = sigma E - gamma I,  R' = gamma I,  C' = sigma E,
 * </pre>
 * C counting the cumulative infections that became infectious (daily cases are differences of C). The rate is
 * either a known function of the covariate m(t) (the truth that makes data) or a network {@code beta(t) =
 * softplus(net(m(t)))} (1 -> 1, the hybrid's learned part; softplus keeps it positive). sigma and gamma are known.
 */
public final class SeirModel implements VectorField {
    private final double sigma;
    private final double gamma;
    private final CovariateSeries covariate;
    private final Module rateNet;
    private final DoubleUnaryOperator knownRate;
    private final java.util.Map<Long, Integer> cachedIndex = new java.util.HashMap<>();
    private Tensor cachedRates;

    private SeirModel(double sigma, double gamma, CovariateSeries covariate, Module rateNet,
            DoubleUnaryOperator knownRate) {
        this.sigma = sigma;
        this.gamma = gamma;
        this.covariate = covariate;
        this.rateNet = rateNet;
        this.knownRate = knownRate;
    }

    /** The model with beta = rate(m(t)) known (data generation). */
    public static SeirModel known(double sigma, double gamma, CovariateSeries m, DoubleUnaryOperator rate) {
        return new SeirModel(sigma, gamma, m, null, rate);
    }

    /** The hybrid: beta = softplus(net(m(t))), net (B, 1) -> (B, 1). */
    public static SeirModel learned(double sigma, double gamma, CovariateSeries m, Module net) {
        return new SeirModel(sigma, gamma, m, net, null);
    }

    /**
     * Evaluates the rate network once, as one batch, at all the given times (a solver's stage times), so that the
     * field reads rows of that batch instead of running the network at every stage; {@link #clearCache} after the
     * solve. The rows stay in the recorded graph, so gradients are the same.
     */
    public void cacheRates(double[] times) {
        clearCache();
        double[] m = new double[times.length];
        for (int k = 0; k < times.length; k++) {
            m[k] = covariate.at(times[k]);
            cachedIndex.put(key(times[k]), k);
        }
        cachedRates = rateNet == null ? null : rateNet.forward(Tensor.of(m, times.length, 1)).softplus();
    }

    /** Drops the cached rates. */
    public void clearCache() {
        cachedIndex.clear();
        cachedRates = null;
    }

    private static long key(double t) {
        return Math.round(t * 1e6);
    }

    /** The rate at time t as a (1, 1) tensor. */
    public Tensor rate(double t) {
        Integer row = cachedRates == null ? null : cachedIndex.get(key(t));
        if (row != null) {
            return cachedRates.slice(0, row, row + 1);
        }
        double m = covariate.at(t);
        if (rateNet == null) {
            return Tensor.of(new double[] {knownRate.applyAsDouble(m)}, 1, 1);
        }
        return rateNet.forward(Tensor.of(new double[] {m}, 1, 1)).softplus();
    }

    /** The rate on days 0 .. n-1 as plain numbers. */
    public double[] rateCurve(int days) {
        double[] b = new double[days];
        try (var s = Autodiff.noGrad()) {
            for (int k = 0; k < days; k++) {
                b[k] = rate(k).item();
            }
        }
        return b;
    }

    /** @param x states (B, 5) as (S, E, I, R, C); returns (B, 5) */
    @Override
    public Tensor apply(double t, Tensor x) {
        Tensor s = x.slice(1, 0, 1);
        Tensor e = x.slice(1, 1, 2);
        Tensor i = x.slice(1, 2, 3);
        Tensor infection = s.mul(i).mul(rate(t));
        Tensor onset = e.mul(sigma);
        Tensor recovery = i.mul(gamma);
        return Tensor.concat(1, infection.neg(), infection.sub(onset), onset.sub(recovery), recovery, onset);
    }

    @Override
    public List<Tensor> parameters() {
        return rateNet == null ? List.of() : rateNet.parameters().trainable();
    }
}
