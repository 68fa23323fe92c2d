package org.sciml4j.dynamics.hybrid.vae.config;

/** A checked {@code kind: hybrid_vae} file (see docs/HYBRID.md for the keys and defaults). */
record VaeSpec(long seed, int trajectories, int testTrajectories, int points, double dt, double[] omega,
        double damping, double noise, int latent, double regularizer, boolean compare, int[] encoderHidden,
        int[] correctionHidden, int epochs, double learningRate, double step, int printEvery) {
}
