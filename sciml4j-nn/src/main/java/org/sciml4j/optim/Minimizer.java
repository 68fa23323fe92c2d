package org.sciml4j.optim;

import java.util.Arrays;
import java.util.Objects;

/**
 * Minimises a smooth {@link Objective} over all of R^n from a starting point (whole-problem, deterministic,
 * full-batch optimisers such as {@link Lbfgs} and {@link Bfgs}).
 * <p>
 * Implementations are immutable and may be shared; every call to {@code minimize} keeps its own state.
 */
public interface Minimizer {

    /**
     * Minimises {@code f} from {@code x0} (which is not modified).
     *
     * @return the best point seen, never worse than any point evaluated
     * @throws IllegalArgumentException if the value or gradient is not finite at {@code x0}
     */
    default Result minimize(Objective f, double[] x0) {
        return minimize(f, x0, null);
    }

    /**
     * Minimises {@code f} from {@code x0}, reporting progress to {@code listener} (which may be null, and may stop
     * the run by returning false).
     *
     * @return the best point seen, never worse than any point evaluated
     * @throws IllegalArgumentException if the value or gradient is not finite at {@code x0}
     */
    Result minimize(Objective f, double[] x0, IterationListener listener);

    /** Why a minimisation ended. */
    enum Termination {
        /** The largest absolute gradient component fell to the gradient tolerance. */
        GRADIENT_TOLERANCE(true),
        /** The relative change of the value in one iteration fell to the function tolerance. */
        FUNCTION_TOLERANCE(true),
        /** The largest step component, relative to the largest component of x, fell to the step tolerance. */
        STEP_TOLERANCE(true),
        /** The iteration limit was reached. */
        MAX_ITERATIONS(false),
        /** The evaluation limit was reached. */
        MAX_EVALUATIONS(false),
        /**
         * The line search found no lower value even along the steepest-descent direction: usually the value has
         * reached rounding level, or the gradient does not match the function.
         */
        LINE_SEARCH_FAILED(false),
        /** The {@link IterationListener} asked to stop. */
        STOPPED_BY_LISTENER(false);

        private final boolean convergence;

        Termination(boolean convergence) {
            this.convergence = convergence;
        }

        /** Whether this ending is a convergence test being met (as opposed to a limit, a failure or a stop). */
        public boolean isConvergence() {
            return convergence;
        }
    }

    /**
     * The outcome of a minimisation.
     *
     * @param x            the best point found (a copy; the accessor returns a copy as well)
     * @param value        the objective value at {@code x}
     * @param gradientNorm the largest absolute gradient component at {@code x}
     * @param iterations   completed iterations (accepted steps)
     * @param evaluations  objective evaluations, the one at the starting point included
     * @param termination  why the run ended
     * @param message      a readable account of the ending
     */
    record Result(double[] x, double value, double gradientNorm, int iterations, int evaluations,
            Termination termination, String message) {

        /** Copies {@code x}. */
        public Result {
            x = x.clone();
            Objects.requireNonNull(termination, "termination");
            Objects.requireNonNull(message, "message");
        }

        /** A copy of the best point found. */
        @Override
        public double[] x() {
            return x.clone();
        }

        /** Whether a convergence test ended the run ({@link Termination#isConvergence()}). */
        public boolean converged() {
            return termination.isConvergence();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && Arrays.equals(x, r.x) && Double.compare(value, r.value) == 0
                    && Double.compare(gradientNorm, r.gradientNorm) == 0 && iterations == r.iterations
                    && evaluations == r.evaluations && termination == r.termination && message.equals(r.message);
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(x), value, gradientNorm, iterations, evaluations, termination,
                    message);
        }

        @Override
        public String toString() {
            return "Result[" + termination + ", value=" + value + ", gradientNorm=" + gradientNorm + ", iterations="
                    + iterations + ", evaluations=" + evaluations + ", n=" + x.length + ": " + message + "]";
        }
    }
}
