package org.sciml4j.optim;

import java.util.Locale;
import java.util.Objects;

/**
 * The driver shared by {@link Lbfgs} and {@link Bfgs}: quasi-Newton directions from an inverse-Hessian
 * approximation, steps from a {@link StrongWolfe} line search, the stopping tests, and the bookkeeping of the best
 * point seen. The approximation is per-run state, made fresh by {@link #approximation(int)} for every call.
 */
abstract class QuasiNewton implements Minimizer {
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
    }

    @Override
    public final Result minimize(Objective f, double[] x0, IterationListener listener) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(x0, "x0");
        int n = x0.length;
        Tracker tracker = new Tracker(f, n);
        double[] x = x0.clone();
        double[] g = new double[n];
        double fx = tracker.valueAndGradient(x, g);
        if (!Double.isFinite(fx) || !allFinite(g)) {
            throw new IllegalArgumentException(name() + ": the objective is not finite at the starting point (value "
                    + fx + (allFinite(g) ? "" : ", gradient has non-finite entries") + ")");
        }
        double gnorm = normInf(g);
        int iterations = 0;
        if (listener != null && !listener.iteration(0, fx, gnorm)) {
            return finish(tracker, x, fx, g, 0, Termination.STOPPED_BY_LISTENER, "stopped by the listener");
        }
        if (gnorm <= stopping.gradientTolerance()) {
            return finish(tracker, x, fx, g, 0, Termination.GRADIENT_TOLERANCE, gradientMessage(gnorm));
        }
        InverseHessian h = approximation(n);
        double[] d = new double[n];
        double[] s = new double[n];
        double[] y = new double[n];
        while (true) {
            if (iterations >= stopping.maxIterations()) {
                return finish(tracker, x, fx, g, iterations, Termination.MAX_ITERATIONS,
                        "reached the limit of " + stopping.maxIterations() + " iterations");
            }
            int budget = stopping.maxEvaluations() - tracker.evaluations;
            if (budget <= 0) {
                return finish(tracker, x, fx, g, iterations, Termination.MAX_EVALUATIONS,
                        "reached the limit of " + stopping.maxEvaluations() + " evaluations");
            }
            boolean steepest = h.isEmpty();
            if (!steepest) {
                h.direction(g, d);
                double gd = dot(g, d);
                if (!(gd < 0) || Double.isInfinite(gd)) {
                    h.reset();
                    steepest = true;
                }
            }
            if (steepest) {
                for (int i = 0; i < n; i++) {
                    d[i] = -g[i];
                }
            }
            double initialStep = steepest ? Math.min(1, 1 / GradientClipping.norm2(g)) : 1;
            StrongWolfe.Step step = lineSearch.search(tracker, x, fx, g, d, initialStep,
                    Math.min(budget, lineSearch.maxEvaluations()));
            if (!step.status().isAcceptable()) {
                if (tracker.evaluations >= stopping.maxEvaluations()) {
                    return finish(tracker, x, fx, g, iterations, Termination.MAX_EVALUATIONS,
                            "reached the limit of " + stopping.maxEvaluations() + " evaluations");
                }
                if (!steepest) {
                    h.reset(); // retry once along the steepest descent
                    continue;
                }
                return finish(tracker, x, fx, g, iterations, Termination.LINE_SEARCH_FAILED,
                        "the line search found no lower value along the steepest descent after " + iterations
                                + " iterations (value " + fx + ", gradient norm " + gnorm
                                + "): rounding level reached, or the gradient does not match the function");
            }
            double[] xNew = step.point();
            double[] gNew = step.gradient();
            for (int i = 0; i < n; i++) {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
            }
            h.update(s, y);
            double fPrev = fx;
            x = xNew;
            g = gNew;
            fx = step.value();
            iterations++;
            gnorm = normInf(g);
            if (listener != null && !listener.iteration(iterations, fx, gnorm)) {
                return finish(tracker, x, fx, g, iterations, Termination.STOPPED_BY_LISTENER,
                        "stopped by the listener after " + iterations + " iterations");
            }
            if (gnorm <= stopping.gradientTolerance()) {
                return finish(tracker, x, fx, g, iterations, Termination.GRADIENT_TOLERANCE, gradientMessage(gnorm));
            }
            double change = Math.abs(fPrev - fx);
            if (change <= stopping.functionTolerance() * Math.max(Math.abs(fPrev), Math.abs(fx))) {
                return finish(tracker, x, fx, g, iterations, Termination.FUNCTION_TOLERANCE,
                        String.format(Locale.ROOT, "relative change of the value %.3e <= tolerance %.3e",
                                change / Math.max(Math.abs(fPrev), Math.abs(fx)), stopping.functionTolerance()));
            }
            double stepNorm = normInf(s);
            if (stepNorm <= stopping.stepTolerance() * normInf(x)) {
                return finish(tracker, x, fx, g, iterations, Termination.STEP_TOLERANCE,
                        String.format(Locale.ROOT, "step %.3e <= tolerance %.3e relative to |x| = %.3e",
                                stepNorm, stopping.stepTolerance(), normInf(x)));
            }
        }
    }

    private String gradientMessage(double gnorm) {
        return String.format(Locale.ROOT, "gradient norm %.3e <= tolerance %.3e", gnorm,
                stopping.gradientTolerance());
    }

    /** The result at the best point seen: the current iterate unless some trial point was lower. */
    private Result finish(Tracker t, double[] x, double fx, double[] g, int iterations, Termination why,
            String message) {
        double[] bx = x;
        double bf = fx;
        double[] bg = g;
        if (t.bestValue < fx) {
            bx = t.bestX;
            bf = t.bestValue;
            bg = t.bestG;
            message += "; returning a lower trial point seen during a line search";
        }
        return new Result(bx, bf, normInf(bg), iterations, t.evaluations, why,
                name() + ": " + message + " (" + iterations + " iterations, " + t.evaluations + " evaluations)");
    }

    /** Counts evaluations and remembers the lowest finite point evaluated. */
    private static final class Tracker implements Objective {
        final Objective f;
        final int n;
        int evaluations;
        double bestValue = Double.POSITIVE_INFINITY;
        double[] bestX;
        double[] bestG;

        Tracker(Objective f, int n) {
            this.f = f;
            this.n = n;
        }

        @Override
        public double valueAndGradient(double[] x, double[] gradientOut) {
            double v = f.valueAndGradient(x, gradientOut);
            evaluations++;
            if (v < bestValue && allFinite(gradientOut)) {
                if (bestX == null) {
                    bestX = new double[n];
                    bestG = new double[n];
                }
                System.arraycopy(x, 0, bestX, 0, n);
                System.arraycopy(gradientOut, 0, bestG, 0, n);
                bestValue = v;
            }
            return v;
        }
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
