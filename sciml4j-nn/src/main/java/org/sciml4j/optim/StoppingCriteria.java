package org.sciml4j.optim;

import org.sciml4j.optim.Minimizer.Termination;

/**
 * When a {@link Minimizer} stops; the first test met ends the run. Immutable; the {@code with...} methods return
 * modified copies.
 *
 * @param gradientTolerance stop when the largest absolute gradient component is at most this (the infinity norm,
 *                          as {@code torch.optim.LBFGS} and SciPy's L-BFGS-B test it); default 1e-8
 * @param functionTolerance stop when one iteration changes the value by at most this times
 *                          {@code max(|f_old|, |f_new|)}; default 1e-12 (only progress at rounding level stops a
 *                          run); 0 stops only when the value does not change at all
 * @param stepTolerance     stop when the largest step component is at most this times the largest component of
 *                          the new point; default 1e-12
 * @param maxIterations     iteration limit; default 1000
 * @param maxEvaluations    limit on objective evaluations; default {@link Integer#MAX_VALUE} (none)
 */
public record StoppingCriteria(double gradientTolerance, double functionTolerance, double stepTolerance,
        int maxIterations, int maxEvaluations) {

    /** Checks the arguments: tolerances finite and >= 0, limits >= 1 (iterations >= 0). */
    public StoppingCriteria {
        check("gradientTolerance", gradientTolerance);
        check("functionTolerance", functionTolerance);
        check("stepTolerance", stepTolerance);
        if (maxIterations < 0) {
            throw new IllegalArgumentException("StoppingCriteria: maxIterations must be >= 0, got " + maxIterations);
        }
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("StoppingCriteria: maxEvaluations must be >= 1, got "
                    + maxEvaluations);
        }
    }

    private static void check(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("StoppingCriteria: " + what + " must be finite and >= 0, got " + v);
        }
    }

    /** The defaults: gradient 1e-8, function 1e-12, step 1e-12, 1000 iterations, no evaluation limit. */
    public static StoppingCriteria defaults() {
        return new StoppingCriteria(1e-8, 1e-12, 1e-12, 1000, Integer.MAX_VALUE);
    }

    /** A copy with another gradient tolerance. */
    public StoppingCriteria withGradientTolerance(double tol) {
        return new StoppingCriteria(tol, functionTolerance, stepTolerance, maxIterations, maxEvaluations);
    }

    /** A copy with another relative function-change tolerance. */
    public StoppingCriteria withFunctionTolerance(double tol) {
        return new StoppingCriteria(gradientTolerance, tol, stepTolerance, maxIterations, maxEvaluations);
    }

    /** A copy with another relative step tolerance. */
    public StoppingCriteria withStepTolerance(double tol) {
        return new StoppingCriteria(gradientTolerance, functionTolerance, tol, maxIterations, maxEvaluations);
    }

    /** A copy with another iteration limit. */
    public StoppingCriteria withMaxIterations(int max) {
        return new StoppingCriteria(gradientTolerance, functionTolerance, stepTolerance, max, maxEvaluations);
    }

    /** A copy with another evaluation limit. */
    public StoppingCriteria withMaxEvaluations(int max) {
        return new StoppingCriteria(gradientTolerance, functionTolerance, stepTolerance, maxIterations, max);
    }

    /**
     * The first of these criteria met at the current point of a descent, or null (the iteration and evaluation
     * limits' other half, {@code maxEvaluations}, is the line search's or trust region's to check).
     *
     * @param iterations    iterations taken so far (the value and step tests need at least one)
     * @param gradientNorm  the largest absolute gradient component at the current point
     * @param previousValue the value before the last iteration
     * @param value         the value now
     * @param stepNorm      the largest component of the last step
     * @param pointNorm     the largest absolute component of the current point
     */
    public Termination firstMet(int iterations, double gradientNorm, double previousValue, double value,
            double stepNorm, double pointNorm) {
        if (gradientNorm <= gradientTolerance) {
            return Termination.GRADIENT_TOLERANCE;
        }
        if (iterations > 0) {
            double change = Math.abs(previousValue - value);
            if (change <= functionTolerance * Math.max(Math.abs(previousValue), Math.abs(value))) {
                return Termination.FUNCTION_TOLERANCE;
            }
            if (stepNorm <= stepTolerance * pointNorm) {
                return Termination.STEP_TOLERANCE;
            }
        }
        return iterations >= maxIterations ? Termination.MAX_ITERATIONS : null;
    }
}
