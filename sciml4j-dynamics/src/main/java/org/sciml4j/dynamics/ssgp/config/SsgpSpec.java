package org.sciml4j.dynamics.ssgp.config;

/** A checked {@code kind: ssgp} file (see docs/DYNAMICS.md section 6 for the keys and defaults). */
record SsgpSpec(String system, long seed, int trajectories, double[] timeSpan, double rate, double noise,
        int features, double lengthscale, double amplitude, int epochs, double learningRate, double step,
        int segment, int printEvery, int testTrajectories, double duration, int points, int samples,
        boolean baselineHnn, boolean learn, boolean dissipative, int batch, int klWarmup, int averagedSamples,
        boolean correctStarts, int validation, int validateEvery, TrainingExtras extras) {

    /**
     * The paper's training options (docs/DYNAMICS.md section 6): sampled start states with their KL, the KL weighed
     * per batch, the training integrator (rk4 with the file's step, or dopri5 at rtol = atol = tolerance), the
     * fine-tuning phase, and {@code lbfgs} full-batch L-BFGS iterations after the Adam phases (0: none).
     */
    record TrainingExtras(boolean sampledStarts, double startSd, boolean klPerBatch, double klWeight,
            String integrator, double tolerance, FineTune fineTune, int lbfgs) {
    }

    /**
     * A second Adam phase on longer segments (training.fine_tune; null when absent): {@code epochs} steps at
     * {@code learningRate} of {@code batch} segments (0: all) of {@code segment} observation intervals, for the SSGP
     * and its HNN baseline alike; each SSGP training sample then averages {@code averagedSamples} posterior draws.
     */
    record FineTune(int segment, int epochs, double learningRate, int batch, int averagedSamples) {
    }
}
