package org.sciml4j.optim;

import java.util.Objects;

/** The schedules behind the factories of {@link LearningRateSchedule}. */
final class Schedules {
    private Schedules() {
    }

    static int checkStep(int step) {
        if (step < 0) {
            throw new IllegalArgumentException("learning-rate schedule: step must be >= 0, got " + step);
        }
        return step;
    }

    static int positive(String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException("learning-rate schedule: " + what + " must be > 0, got " + v);
        }
        return v;
    }

    static double positiveFinite(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("learning-rate schedule: " + what + " must be finite and > 0, got "
                    + v);
        }
        return v;
    }

    /** The base rate. */
    enum Constant implements LearningRateSchedule {
        INSTANCE;

        @Override
        public double rate(int step, double baseRate) {
            checkStep(step);
            return baseRate;
        }

        @Override
        public String toString() {
            return "constant";
        }
    }

    /** {@code base * gamma^floor(step / stepSize)}. */
    record StepDecay(int stepSize, double gamma) implements LearningRateSchedule {
        StepDecay {
            positive("stepSize", stepSize);
            positiveFinite("gamma", gamma);
        }

        @Override
        public double rate(int step, double baseRate) {
            return baseRate * Powers.powInt(gamma, checkStep(step) / stepSize);
        }

        @Override
        public String toString() {
            return "step(stepSize=" + stepSize + ", gamma=" + gamma + ")";
        }
    }

    /** {@code base * gamma^(step / decaySteps)}. */
    record Exponential(double gamma, int decaySteps, boolean staircase) implements LearningRateSchedule {
        Exponential {
            positiveFinite("gamma", gamma);
            positive("decaySteps", decaySteps);
        }

        @Override
        public double rate(int step, double baseRate) {
            checkStep(step);
            if (staircase || decaySteps == 1) {
                return baseRate * Powers.powInt(gamma, step / decaySteps);
            }
            return baseRate * StrictMath.pow(gamma, (double) step / decaySteps);
        }

        @Override
        public String toString() {
            return "exponential(gamma=" + gamma + ", decaySteps=" + decaySteps + (staircase ? ", staircase" : "")
                    + ")";
        }
    }

    /** {@code base / (1 + decayRate * step / decaySteps)}. */
    record InverseTime(int decaySteps, double decayRate) implements LearningRateSchedule {
        InverseTime {
            positive("decaySteps", decaySteps);
            if (!(decayRate >= 0) || Double.isInfinite(decayRate)) {
                throw new IllegalArgumentException("learning-rate schedule: decayRate must be finite and >= 0, got "
                        + decayRate);
            }
        }

        @Override
        public double rate(int step, double baseRate) {
            return baseRate / (1 + decayRate * checkStep(step) / decaySteps);
        }

        @Override
        public String toString() {
            return "inverseTime(decaySteps=" + decaySteps + ", decayRate=" + decayRate + ")";
        }
    }

    /** Cosine annealing to {@code minRate} over {@code totalSteps}, then {@code minRate}. */
    record Cosine(int totalSteps, double minRate) implements LearningRateSchedule {
        Cosine {
            positive("totalSteps", totalSteps);
            if (!(minRate >= 0) || Double.isInfinite(minRate)) {
                throw new IllegalArgumentException("learning-rate schedule: minRate must be finite and >= 0, got "
                        + minRate);
            }
        }

        @Override
        public double rate(int step, double baseRate) {
            if (checkStep(step) >= totalSteps) {
                return minRate;
            }
            return minRate + (baseRate - minRate) * (1 + StrictMath.cos(Math.PI * step / totalSteps)) / 2;
        }

        @Override
        public String toString() {
            return "cosine(totalSteps=" + totalSteps + ", minRate=" + minRate + ")";
        }
    }

    /** Linear warm-up, then another schedule. */
    record Warmup(int warmupSteps, LearningRateSchedule then) implements LearningRateSchedule {
        Warmup {
            if (warmupSteps < 0) {
                throw new IllegalArgumentException("learning-rate schedule: warmupSteps must be >= 0, got "
                        + warmupSteps);
            }
            Objects.requireNonNull(then, "then");
        }

        @Override
        public double rate(int step, double baseRate) {
            if (checkStep(step) < warmupSteps) {
                return baseRate * (step + 1) / warmupSteps;
            }
            return then.rate(step - warmupSteps, baseRate);
        }

        @Override
        public String toString() {
            return "warmup(" + warmupSteps + ", then " + then + ")";
        }
    }
}
