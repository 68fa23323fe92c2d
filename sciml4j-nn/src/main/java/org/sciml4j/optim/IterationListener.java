package org.sciml4j.optim;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Objects;

/**
 * Called by a {@link Minimizer} with the starting point (iteration 0) and after each iteration, for progress
 * reports; returning {@code false} stops the run, which then ends with
 * {@link Minimizer.Termination#STOPPED_BY_LISTENER} and the best point seen so far.
 */
@FunctionalInterface
public interface IterationListener {

    /**
     * @param iteration    the number of completed iterations (0 for the starting point)
     * @param value        the objective value at the current iterate
     * @param gradientNorm the largest absolute gradient component at the current iterate
     * @return {@code true} to continue, {@code false} to stop
     */
    boolean iteration(int iteration, double value, double gradientNorm);

    /**
     * A listener that prints a line such as {@code iter    100  f = 1.234567e-05  |g| = 4.56e-03} for iteration 0
     * and every {@code every}-th iteration, and never stops the run.
     */
    static IterationListener printing(PrintStream out, int every) {
        Objects.requireNonNull(out, "out");
        if (every <= 0) {
            throw new IllegalArgumentException("printing: every must be > 0, got " + every);
        }
        return (k, f, g) -> {
            if (k % every == 0) {
                out.println(String.format(Locale.ROOT, "iter %6d  f = %.6e  |g| = %.2e", k, f, g));
            }
            return true;
        };
    }
}
