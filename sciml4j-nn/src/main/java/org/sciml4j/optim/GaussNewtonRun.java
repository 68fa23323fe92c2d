package org.sciml4j.optim;

import java.util.Locale;
import java.util.Objects;

import org.sciml4j.optim.Minimizer.Result;
import org.sciml4j.optim.Minimizer.Termination;

/**
 * What a run of a Gauss-Newton-type minimiser of a sum of squares keeps and reports, whatever its step
 * ({@link LevenbergMarquardt}'s damping, {@link NaturalGradient}'s line search): the point, the value, J^T J and
 * J^T r there, the counters, the end tests and their messages. A subclass writes {@link #advance()} (one taken
 * step) and may add to {@link #take}, {@link #describe} and {@link #detail()}.
 */
abstract class GaussNewtonRun implements SteppingMinimizer.Run {
    private final String name;
    final StoppingCriteria stopping;
    final LeastSquares f;
    final int n;
    double[] x;
    double value;
    /** J^T J, column-major (the same row-major: it is symmetric), upper triangle filled. */
    double[] normal;
    /** J^T r. */
    double[] g;
    int iterations;
    int evaluations;
    /** The value before the last taken step (the value at the start before any). */
    double previous;
    private Termination termination;
    private String message;

    GaussNewtonRun(String name, StoppingCriteria stopping, LeastSquares f, double[] x, int iterations) {
        this.name = name;
        this.stopping = stopping;
        this.f = Objects.requireNonNull(f, "f");
        this.n = x.length;
        this.x = x;
        this.iterations = iterations;
    }

    /**
     * Evaluates the starting point (a subclass calls it at the end of its constructor, once its own fields are
     * set).
     *
     * @param previousValue the value before the last taken step of a restored run; NaN for a fresh one
     */
    final void start(double previousValue) {
        LeastSquares.Residuals at = f.evaluate(x, true);
        if (!QuasiNewton.allFinite(at.values()) || at.jacobian() == null || !QuasiNewton.allFinite(at.jacobian())) {
            throw new IllegalArgumentException(name + ": the residuals or their Jacobian are not finite at the"
                    + " starting point");
        }
        take(at);
        previous = Double.isNaN(previousValue) ? value : previousValue;
    }

    /** Makes {@code at} (with its Jacobian) the current point's residuals: the value, J^T J, J^T r. */
    void take(LeastSquares.Residuals at) {
        double[] r = at.values();
        if (at.jacobian().length != r.length * n) {
            throw new IllegalArgumentException(name + ": a Jacobian of " + at.jacobian().length + " entries for "
                    + r.length + " residuals and " + n + " parameters");
        }
        value = at.sumOfSquares();
        normal = NormalEquations.gramian(at.jacobian(), r.length, n);
        g = NormalEquations.transposeTimes(at.jacobian(), r, n);
    }

    @Override
    public final boolean step() {
        if (termination != null) {
            return false;
        }
        Termination met = endTest();
        if (met != null) {
            end(met);
            return false;
        }
        return advance();
    }

    /** Takes one step from a point no end test stopped at; false (after {@link #end}) when none can be taken. */
    abstract boolean advance();

    /** The first test that ends the run at the current point, or null. */
    private Termination endTest() {
        if (gradientNorm() <= stopping.gradientTolerance()) {
            return Termination.GRADIENT_TOLERANCE;
        }
        if (iterations > 0 && previous - value <= stopping.functionTolerance() * previous) {
            return Termination.FUNCTION_TOLERANCE;
        }
        return iterations >= stopping.maxIterations() ? Termination.MAX_ITERATIONS : null;
    }

    final void end(Termination why) {
        termination = why;
        message = describe(why);
    }

    /** The reason in words; a subclass words its own terminations and leaves the others here. */
    String describe(Termination why) {
        return switch (why) {
            case GRADIENT_TOLERANCE -> String.format(Locale.ROOT, "gradient norm %.3e <= tolerance %.3e",
                    gradientNorm(), stopping.gradientTolerance());
            case FUNCTION_TOLERANCE -> String.format(Locale.ROOT, "relative decrease of the value %.3e <="
                    + " tolerance %.3e", (previous - value) / previous, stopping.functionTolerance());
            case MAX_ITERATIONS -> "reached the limit of " + stopping.maxIterations() + " iterations";
            case MAX_EVALUATIONS -> "reached the limit of " + stopping.maxEvaluations() + " evaluations";
            case STOPPED_BY_LISTENER -> iterations == 0 ? "stopped by the listener"
                    : "stopped by the listener after " + iterations + " iterations";
            default -> "no lower value found";
        };
    }

    /** Extra words after the counters in the result's message, e.g. {@code ", last step size 0.5"}. */
    String detail() {
        return "";
    }

    @Override
    public final void stop(Termination why) {
        Objects.requireNonNull(why, "why");
        if (termination == null) {
            end(why);
        }
    }

    @Override
    public final int iterations() {
        return iterations;
    }

    @Override
    public final int evaluations() {
        return evaluations;
    }

    /** The sum of squares at the current point. */
    @Override
    public final double value() {
        return value;
    }

    /** The largest component of the gradient {@code 2 J^T r}. */
    @Override
    public final double gradientNorm() {
        return 2 * QuasiNewton.normInf(g);
    }

    @Override
    public final double[] x() {
        return x.clone();
    }

    @Override
    public final Termination termination() {
        return termination;
    }

    /** The current point (every taken step lowers the value); while running, as if stopped now. */
    @Override
    public final Result result() {
        Termination why = termination != null ? termination : Termination.STOPPED_BY_LISTENER;
        String text = termination != null ? message : describe(why);
        return new Result(x, value, gradientNorm(), iterations, evaluations, why, name + ": " + text + " ("
                + iterations + " iterations, " + evaluations + " evaluations" + detail() + ")");
    }
}
