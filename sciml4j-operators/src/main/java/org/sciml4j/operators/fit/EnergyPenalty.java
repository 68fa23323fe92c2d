package org.sciml4j.operators.fit;

import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * The Hamiltonian penalty of operator learning for an energy-conserving flow: the map from a state at t = 0 to the
 * state at t = T keeps the energy, so a prediction should too. The term is the mean over a batch of the squared
 * relative energy change {@code ((E[pred_i] - E[in_i]) / E[in_i])^2}; normalising by {@code E[in_i]^2} makes the
 * weight dimensionless and independent of the amplitude of the data. It needs no output data.
 *
 * @param energy the conserved energy of a state {@code (B, 2, n)}
 * @param weight the term's weight in the total loss (0: the term is not trained, {@link #drift} is still reported)
 */
public record EnergyPenalty(SineGordonEnergy energy, double weight) {

    /** The loss-history column of the term. */
    public static final String TERM = "energy";

    public EnergyPenalty {
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new IllegalArgumentException("energy penalty: the weight must be finite and >= 0, got " + weight);
        }
    }

    /**
     * The penalty of a batch.
     *
     * @param inputEnergy {@code (B,)} the energies of the input states (constants)
     * @param predicted   {@code (B, 2, n)} the predicted states
     * @return a scalar, recorded when {@code predicted} is tracked
     */
    public Tensor term(Tensor inputEnergy, Tensor predicted) {
        return energy.of(predicted).sub(inputEnergy).div(inputEnergy).square().mean();
    }

    /** The energies of states {@code (N, 2, n)}, {@code (N,)}, not recorded. */
    public Tensor energies(Tensor states) {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return energy.of(states);
        }
    }

    /**
     * Per state, the relative energy change {@code |E[pred_i] - E[in_i]| / E[in_i]}.
     *
     * @param inputs    {@code (N, 2, n)}
     * @param predicted {@code (N, 2, n)}
     */
    public double[] drift(Tensor inputs, Tensor predicted) {
        double[] e0 = energies(inputs).toArray();
        double[] e1 = energies(predicted).toArray();
        double[] d = new double[e0.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.abs(e1[i] - e0[i]) / e0[i];
        }
        return d;
    }
}
