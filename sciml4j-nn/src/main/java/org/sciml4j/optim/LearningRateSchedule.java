package org.sciml4j.optim;

/**
 * A learning-rate schedule: the rate at a step as a function of the step and the base rate. Steps count from 0
 * (the first optimiser step uses {@code rate(0, base)}), and schedules advance once per optimiser step (PyTorch's
 * schedulers are usually stepped per epoch: to reproduce one, count its steps the same way).
 * <p>
 * The factories return small immutable schedules whose {@code toString()} names their parameters. Integer powers
 * are rounded correctly; real powers and cosines use {@link StrictMath}; so rates are the same on every JVM.
 */
@FunctionalInterface
public interface LearningRateSchedule {

    /**
     * The learning rate at a step.
     *
     * @param step     the step, counting from 0
     * @param baseRate the optimiser's base learning rate
     * @return the rate to use at that step
     * @throws IllegalArgumentException if {@code step < 0}
     */
    double rate(int step, double baseRate);

    /** The base rate at every step. */
    static LearningRateSchedule constant() {
        return Schedules.Constant.INSTANCE;
    }

    /**
     * Multiplies the rate by {@code gamma} every {@code stepSize} steps: {@code base * gamma^floor(step / stepSize)}
     * (PyTorch's {@code StepLR}).
     */
    static LearningRateSchedule step(int stepSize, double gamma) {
        return new Schedules.StepDecay(stepSize, gamma);
    }

    /** {@code base * gamma^step} (PyTorch's {@code ExponentialLR}). */
    static LearningRateSchedule exponential(double gamma) {
        return new Schedules.Exponential(gamma, 1, false);
    }

    /**
     * {@code base * gamma^(step / decaySteps)} with a real exponent (TensorFlow's {@code ExponentialDecay}, as
     * DeepXDE uses it).
     */
    static LearningRateSchedule exponential(double gamma, int decaySteps) {
        return new Schedules.Exponential(gamma, decaySteps, false);
    }

    /**
     * {@code base * gamma^(step / decaySteps)}; with {@code staircase} the exponent is rounded down to an integer
     * (TensorFlow's {@code ExponentialDecay(staircase=True)}).
     */
    static LearningRateSchedule exponential(double gamma, int decaySteps, boolean staircase) {
        return new Schedules.Exponential(gamma, decaySteps, staircase);
    }

    /**
     * {@code base / (1 + decayRate * step / decaySteps)} (TensorFlow's {@code InverseTimeDecay}, DeepXDE's
     * {@code ("inverse time", decay_steps, decay_rate)}).
     */
    static LearningRateSchedule inverseTime(int decaySteps, double decayRate) {
        return new Schedules.InverseTime(decaySteps, decayRate);
    }

    /**
     * Cosine annealing from the base rate down to {@code minRate} over {@code totalSteps} steps, then
     * {@code minRate}: {@code minRate + (base - minRate) * (1 + cos(pi * step / totalSteps)) / 2} (the closed form of
     * PyTorch's {@code CosineAnnealingLR}, without its restart after {@code T_max}).
     */
    static LearningRateSchedule cosine(int totalSteps, double minRate) {
        return new Schedules.Cosine(totalSteps, minRate);
    }

    /**
     * Linear warm-up over {@code warmupSteps} steps, {@code base * (step + 1) / warmupSteps} (so the first step uses
     * {@code base / warmupSteps} and the last warm-up step the full base rate), then {@code then} with its step
     * counted from the end of the warm-up: {@code then.rate(step - warmupSteps, base)}.
     */
    static LearningRateSchedule warmup(int warmupSteps, LearningRateSchedule then) {
        return new Schedules.Warmup(warmupSteps, then);
    }
}
