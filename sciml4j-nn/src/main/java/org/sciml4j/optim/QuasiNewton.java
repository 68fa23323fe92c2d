package org.sciml4j.optim;

import java.util.Map;
import java.util.Objects;

import org.sciml4j.tensor.Tensor;

/**
 * The driver shared by {@link Lbfgs} and {@link Bfgs}: quasi-Newton directions from an inverse-Hessian
 * approximation, steps from a {@link StrongWolfe} line search, the stopping tests, and the bookkeeping of the best
 * point seen. The approximation is per-run state, made fresh by {@link #approximation(int)} for every run; a run
 * ({@link QuasiNewtonRun}) goes one iteration per step and can be saved and restored between two steps.
 */
abstract class QuasiNewton implements SteppingMinimizer {
    /** Curvature pairs with {@code s.y <= CURVATURE_EPS * y.y} are skipped (as L-BFGS-B). */
    static final double CURVATURE_EPS = 0x1.0p-52;

    private final StoppingCriteria stopping;
    private final StrongWolfe lineSearch;

    QuasiNewton(Builder<?, ?> b) {
        this.stopping = Objects.requireNonNull(b.stopping, "stopping");
        this.lineSearch = Objects.requireNonNull(b.lineSearch, "lineSearch");
    }

    /** Name for messages. */
    abstract String name();

    /** A fresh inverse-Hessian approximation for {@code n} unknowns. */
    abstract InverseHessian approximation(int n);

    /** The stopping tests. */
    public final StoppingCriteria stopping() {
        return stopping;
    }

    /** The line search. */
    public final StrongWolfe lineSearch() {
        return lineSearch;
    }

    /**
     * The settings shared by the builders of {@link Lbfgs} and {@link Bfgs}: the stopping tests and the line search,
     * starting from {@link StoppingCriteria#defaults()} and {@link StrongWolfe#defaults()}.
     *
     * @param <B> the concrete builder (for chaining)
     * @param <M> the minimiser it builds
     */
    abstract static class Builder<B extends Builder<B, M>, M> {
        private StoppingCriteria stopping = StoppingCriteria.defaults();
        private StrongWolfe lineSearch = StrongWolfe.defaults();

        Builder() {
        }

        /** This builder, as its concrete type. */
        abstract B self();

        /** All stopping tests at once. */
        public B stopping(StoppingCriteria s) {
            this.stopping = Objects.requireNonNull(s, "stopping");
            return self();
        }

        /** Gradient tolerance (infinity norm); see {@link StoppingCriteria}. */
        public B gradientTolerance(double tol) {
            this.stopping = stopping.withGradientTolerance(tol);
            return self();
        }

        /** Relative function-change tolerance; see {@link StoppingCriteria}. */
        public B functionTolerance(double tol) {
            this.stopping = stopping.withFunctionTolerance(tol);
            return self();
        }

        /** Relative step tolerance; see {@link StoppingCriteria}. */
        public B stepTolerance(double tol) {
            this.stopping = stopping.withStepTolerance(tol);
            return self();
        }

        /** Iteration limit. */
        public B maxIterations(int max) {
            this.stopping = stopping.withMaxIterations(max);
            return self();
        }

        /** Evaluation limit. */
        public B maxEvaluations(int max) {
            this.stopping = stopping.withMaxEvaluations(max);
            return self();
        }

        /** The line search (default {@link StrongWolfe#defaults()}). */
        public B lineSearch(StrongWolfe ls) {
            this.lineSearch = Objects.requireNonNull(ls, "lineSearch");
            return self();
        }

        /** The minimiser. */
        public abstract M build();
    }

    /** Per-run inverse-Hessian approximation. */
    interface InverseHessian {
        /** Whether no curvature pair is held (the approximation is the identity). */
        boolean isEmpty();

        /** Forgets all curvature information. */
        void reset();

        /** {@code d = -H g}. */
        void direction(double[] g, double[] d);

        /** Takes the pair {@code s = x+ - x, y = g+ - g}; returns false when it was skipped. */
        boolean update(double[] s, double[] y);

        /**
         * Takes the pair {@code s = x+ - x = alpha d, y = g+ - g}, knowing the gradient {@code g} before the step and
         * the line search's step size {@code alpha} (the self-scaled updates need them); by default
         * {@link #update(double[], double[])}.
         */
        default boolean update(double[] s, double[] y, double[] g, double alpha) {
            return update(s, y);
        }

        /** Adds the entries that {@link #load} reads to a run's state. */
        void save(Map<String, Tensor> state);

        /** Replaces this approximation by a saved one; refuses a missing or misshapen entry, naming it. */
        void load(SavedState state);
    }

    /** Starts a run at {@code x0}; see {@link SteppingMinimizer#start} and {@link QuasiNewtonRun}. */
    @Override
    public final Run start(Objective f, double[] x0) {
        return QuasiNewtonRun.start(this, f, x0);
    }

    /**
     * Restores a run from its {@link Run#state()}. The state's entries, n the number of unknowns, scalars of shape
     * {@code ()}: {@code x} and {@code gradient} (n); {@code value}; {@code iterations}; {@code evaluations};
     * {@code previous_value}, the value before the last accepted step, and {@code step_norm}, that step's largest
     * component (both NaN before the first step; the tests that may end the run after a step are made at the start
     * of the next); {@code best.x}, {@code best.gradient} (n) and {@code best.value}, the lowest point evaluated;
     * {@code termination}, -1 while running or after {@link Run#stop} (a stopped run resumes), else the ordinal of
     * the {@link Termination} that ended the run by itself (the restored run has ended too); and the entries of the
     * inverse-Hessian approximation listed by {@link Lbfgs} and {@link Bfgs}.
     */
    @Override
    public final Run restore(Objective f, Map<String, Tensor> state) {
        return QuasiNewtonRun.restore(this, f, state);
    }

    @Override
    public final Result minimize(Objective f, double[] x0, IterationListener listener) {
        Run run = start(f, x0);
        if (listener != null && !listener.iteration(0, run.value(), run.gradientNorm())) {
            run.stop(Termination.STOPPED_BY_LISTENER);
        }
        while (run.step()) {
            if (listener != null && !listener.iteration(run.iterations(), run.value(), run.gradientNorm())) {
                run.stop(Termination.STOPPED_BY_LISTENER);
            }
        }
        return run.result();
    }

    // ------------------------------------------------------------------ small vector kernels

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double normInf(double[] a) {
        double m = 0;
        for (double v : a) {
            double x = Math.abs(v);
            if (x > m || Double.isNaN(x)) {
                m = x;
            }
        }
        return m;
    }

    static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
