package org.sciml4j.train;

import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import org.sciml4j.optim.Adam;
import org.sciml4j.optim.Lbfgs;
import org.sciml4j.optim.LeastSquaresMinimizer;
import org.sciml4j.optim.LevenbergMarquardt;
import org.sciml4j.optim.NaturalGradient;
import org.sciml4j.optim.SelfScaledBfgs;
import org.sciml4j.optim.SelfScaledBroyden;
import org.sciml4j.optim.Optimizer;
import org.sciml4j.optim.SteppingMinimizer;

/** One phase of a {@link Trainer}'s schedule. */
public sealed interface Phase {

    /** The name logged in {@link Progress#phase()}, e.g. {@code "adam"} or {@code "lbfgs"}. */
    String name();

    /** Epochs (first-order steps) or iterations this phase runs at most. */
    int length();

    /**
     * L-BFGS (history 100, strong-Wolfe line search) for at most {@code iterations} iterations in rounds of
     * {@code roundLength}, named {@code "lbfgs"}: each round stops only at its iteration limit or when the line
     * search fails (every tolerance 0), with at most {@code 5/4} evaluations per iteration plus 20.
     */
    static QuasiNewton lbfgs(int iterations, int roundLength) {
        return new QuasiNewton("lbfgs", n -> Lbfgs.builder().maxIterations(n).maxEvaluations(n * 5 / 4 + 20)
                .gradientTolerance(0).functionTolerance(0).stepTolerance(0).build(), iterations, roundLength);
    }

    /**
     * {@code epochs} steps of Adam (PyTorch's defaults) at learning rate {@code lr}, named {@code "adam"}.
     *
     * @throws IllegalArgumentException if {@code lr} is not finite and above 0, or {@code epochs} is negative
     */
    static FirstOrder adam(double lr, int epochs) {
        if (!(lr > 0) || !Double.isFinite(lr)) {
            throw new IllegalArgumentException("the learning rate must be finite and > 0, got " + lr);
        }
        return new FirstOrder("adam", () -> Adam.of(lr), epochs);
    }

    /**
     * Levenberg-Marquardt with the default settings ({@link LevenbergMarquardt#builder()}) for at most
     * {@code iterations} taken steps, named {@code "lm"}; it ends earlier when progress reaches rounding level.
     */
    static GaussNewton levenbergMarquardt(int iterations) {
        return new GaussNewton("lm", n -> LevenbergMarquardt.builder().maxIterations(n).build(), iterations);
    }

    /**
     * Gauss-Newton / energy natural gradient ({@link NaturalGradient}) for at most {@code iterations} taken steps,
     * named {@code "natural_gradient"}: the pseudo-inverse of {@code J^T J} drops eigenvalues below {@code cutoff}
     * times the largest, adds {@code damping} to the others, and a backtracking or grid search picks the step.
     */
    static GaussNewton naturalGradient(int iterations, double cutoff, double damping,
            NaturalGradient.LineSearch search, int steps) {
        NaturalGradient.builder().cutoff(cutoff).damping(damping).lineSearch(search, steps); // checks the knobs now
        return new GaussNewton("natural_gradient", n -> NaturalGradient.builder().maxIterations(n).cutoff(cutoff)
                .damping(damping).lineSearch(search, steps).build(), iterations);
    }

    /**
     * Self-scaled BFGS ({@link SelfScaledBfgs}, strong-Wolfe search) for at most {@code iterations} iterations in
     * one round, named {@code "ssbfgs"}; like {@link #lbfgs} it stops only at the limit or when the line search fails.
     */
    static QuasiNewton ssbfgs(int iterations) {
        return new QuasiNewton("ssbfgs", n -> SelfScaledBfgs.builder().maxIterations(n)
                .maxEvaluations(n * 2 + 20).gradientTolerance(0).functionTolerance(0).stepTolerance(0).build(),
                iterations, Math.max(1, iterations));
    }

    /** Self-scaled Broyden ({@link SelfScaledBroyden}), named {@code "ssbroyden"}; otherwise as {@link #ssbfgs}. */
    static QuasiNewton ssbroyden(int iterations) {
        return new QuasiNewton("ssbroyden", n -> SelfScaledBroyden.builder().maxIterations(n)
                .maxEvaluations(n * 2 + 20).gradientTolerance(0).functionTolerance(0).stepTolerance(0).build(),
                iterations, Math.max(1, iterations));
    }

    /**
     * At most {@code iterations} iterations of a least-squares minimiser on the residuals and Jacobian of a
     * {@link LeastSquaresObjective}, on all points (after {@link Objective#fullBatch}), one taken step at a time so
     * that a checkpoint can hold its state between two; {@code minimizer.apply(iterations)} makes it.
     */
    record GaussNewton(String name, IntFunction<? extends LeastSquaresMinimizer> minimizer, int iterations) implements Phase {
        /** Checks the arguments. */
        public GaussNewton {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(minimizer, "minimizer");
            if (iterations < 0) {
                throw new IllegalArgumentException("phase " + name + ": iterations must be >= 0, got " + iterations);
            }
        }

        @Override
        public int length() {
            return iterations;
        }
    }

    /**
     * {@code epochs} steps of a first-order optimiser, each after {@link Objective#beforeEpoch}; the optimiser is made
     * fresh for every run by {@code optimizer}.
     */
    record FirstOrder(String name, Supplier<Optimizer> optimizer, int epochs) implements Phase {
        /** Checks the arguments. */
        public FirstOrder {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(optimizer, "optimizer");
            if (epochs < 0) {
                throw new IllegalArgumentException("phase " + name + ": epochs must be >= 0, got " + epochs);
            }
        }

        @Override
        public int length() {
            return epochs;
        }
    }

    /**
     * At most {@code iterations} iterations of a full-batch minimiser (L-BFGS, BFGS, ...) in rounds of
     * {@code roundLength} iterations: each round is a fresh minimiser {@code minimizer.apply(iterations of the
     * round)} (so a fresh curvature memory), started after {@link Objective#beforeRound} placed the points again.
     * The minimiser runs one iteration at a time, so that a checkpoint can hold its state between two.
     */
    record QuasiNewton(String name, IntFunction<? extends SteppingMinimizer> minimizer, int iterations,
            int roundLength)
            implements Phase {
        /** Checks the arguments. */
        public QuasiNewton {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(minimizer, "minimizer");
            if (iterations < 0) {
                throw new IllegalArgumentException("phase " + name + ": iterations must be >= 0, got " + iterations);
            }
            if (roundLength < 1) {
                throw new IllegalArgumentException("phase " + name + ": round length must be >= 1, got "
                        + roundLength);
            }
        }

        /** The rounds the phase runs when no round ends early. */
        public int rounds() {
            return (iterations + roundLength - 1) / roundLength;
        }

        @Override
        public int length() {
            return iterations;
        }
    }
}
