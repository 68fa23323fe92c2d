package org.sciml4j.dynamics.hybrid.config;

import org.sciml4j.nn.NetworkSpec;

/**
 * A checked {@code kind: hybrid} file.
 *
 * @param physics  {@code pendulum} or {@code seir}
 * @param minNorm  APHYNITY's min-norm objective (pendulum only)
 * @param samRho   sharpness-aware minimisation's radius over the network; 0 for plain Adam
 * @param initial  the physical parameters' starting values (pendulum: omega0_sq, alpha)
 * @param friction whether the pendulum's known form has the damping term
 */
record HybridSpec(String physics, long seed, boolean minNorm, double samRho, double[] initial, boolean friction,
        Data data, NetworkSpec network, Training training) {

    /** Pendulum: trajectories over a span at a rate; SEIR: days and population. Noise for both. */
    record Data(int trajectories, double[] timeSpan, double rate, double noise, int days, double population) {
    }

    record Training(int epochs, double learningRate, double step, int segment, double lambda0, double tau2,
            int niter, int printEvery) {
    }
}
