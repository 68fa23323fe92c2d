package org.sciml4j.optim;

import static org.sciml4j.optim.QuasiNewton.allFinite;
import static org.sciml4j.optim.QuasiNewton.dot;
import static org.sciml4j.optim.QuasiNewton.normInf;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.sciml4j.optim.Minimizer.Result;
import org.sciml4j.optim.Minimizer.Termination;
import org.sciml4j.tensor.Tensor;

/**
 * One run of a {@link QuasiNewton} minimiser, one iteration per {@link #step()}: a direction from the
 * inverse-Hessian approximation, a {@link StrongWolfe} line search, the update.
 * <p>
 * The tests that end a run after an accepted iteration (gradient, change of the value, step size, then the limits)
 * are made at the start of the next {@code step()}, so that a caller sees every accepted iteration, and may stop
 * there, before the run ends: the order in which {@code minimize} has always called its listener and made the
 * tests. The state therefore holds what those tests read: the value before the last step and that step's size
 * (the entries are listed at {@link QuasiNewton#restore}).
 */
final class QuasiNewtonRun implements SteppingMinimizer.Run {
    static final String X = "x";
    static final String GRADIENT = "gradient";
    static final String VALUE = "value";
    static final String ITERATIONS = "iterations";
    static final String EVALUATIONS = "evaluations";
    static final String PREVIOUS_VALUE = "previous_value";
    static final String STEP_NORM = "step_norm";
    static final String BEST_X = "best.x";
    static final String BEST_GRADIENT = "best.gradient";
    static final String BEST_VALUE = "best.value";
    static final String TERMINATION = "termination";

    private final String name;
    private final StoppingCriteria stopping;
    private final StrongWolfe lineSearch;
    private final QuasiNewton.InverseHessian h;
    private final Tracker tracker;
    private final int n;
    private final double[] d;
    private final double[] s;
    private final double[] y;
    private double[] x;
    private double[] g;
    private double fx;
    private double gnorm;
    private int iterations;
    private double previousValue = Double.NaN;
    private double stepNorm = Double.NaN;
    private Termination termination;
    private String message;
    /** Whether {@link #stop} ended the run (a pause: the saved state then restores a running run). */
    private boolean stoppedByCaller;

    private QuasiNewtonRun(QuasiNewton owner, Tracker tracker, double[] x, double[] g, double fx) {
        this.name = owner.name();
        this.stopping = owner.stopping();
        this.lineSearch = owner.lineSearch();
        this.tracker = tracker;
        this.n = x.length;
        this.h = owner.approximation(n);
        this.d = new double[n];
        this.s = new double[n];
        this.y = new double[n];
        this.x = x;
        this.g = g;
        this.fx = fx;
        this.gnorm = normInf(g);
    }

    /** Evaluates {@code f} at a copy of {@code x0}; see {@link SteppingMinimizer#start}. */
    static QuasiNewtonRun start(QuasiNewton owner, Objective f, double[] x0) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(x0, "x0");
        Tracker tracker = new Tracker(f, x0.length);
        double[] x = x0.clone();
        double[] g = new double[x.length];
        double fx = tracker.valueAndGradient(x, g);
        if (!Double.isFinite(fx) || !allFinite(g)) {
            throw new IllegalArgumentException(owner.name() + ": the objective is not finite at the starting point "
                    + "(value " + fx + (allFinite(g) ? "" : ", gradient has non-finite entries") + ")");
        }
        return new QuasiNewtonRun(owner, tracker, x, g, fx);
    }

    /** A run from {@link #state()}; see {@link SteppingMinimizer#restore}. */
    static QuasiNewtonRun restore(QuasiNewton owner, Objective f, Map<String, Tensor> state) {
        Objects.requireNonNull(f, "f");
        SavedState in = new SavedState(owner.name(), state);
        int[] shape = in.entry(X).shape();
        if (shape.length != 1) {
            throw in.refused(X, "has shape " + Arrays.toString(shape) + " but must be a vector");
        }
        int n = shape[0];
        double[] x = in.finite(X, in.vector(X, n));
        double[] g = in.finite(GRADIENT, in.vector(GRADIENT, n));
        double fx = in.scalar(VALUE);
        if (!Double.isFinite(fx)) {
            throw in.refused(VALUE, "is " + fx + " but must be finite");
        }
        Tracker tracker = new Tracker(f, n);
        tracker.evaluations = in.whole(EVALUATIONS, 1, Integer.MAX_VALUE);
        tracker.bestX = in.vector(BEST_X, n);
        tracker.bestG = in.vector(BEST_GRADIENT, n);
        tracker.bestValue = in.scalar(BEST_VALUE);
        QuasiNewtonRun run = new QuasiNewtonRun(owner, tracker, x, g, fx);
        run.iterations = in.whole(ITERATIONS, 0, Integer.MAX_VALUE);
        run.previousValue = in.scalar(PREVIOUS_VALUE);
        run.stepNorm = in.scalar(STEP_NORM);
        run.h.load(in);
        int ended = in.whole(TERMINATION, -1, Termination.values().length - 1);
        if (ended >= 0) {
            run.end(Termination.values()[ended]);
        }
        return run;
    }

    @Override
    public boolean step() {
        if (termination != null) {
            return false;
        }
        Termination met = endTest();
        if (met != null) {
            end(met);
            return false;
        }
        while (true) {
            int budget = stopping.maxEvaluations() - tracker.evaluations;
            if (budget <= 0) {
                end(Termination.MAX_EVALUATIONS);
                return false;
            }
            boolean steepest = direction();
            double initialStep = steepest ? Math.min(1, 1 / GradientClipping.norm2(g)) : 1;
            StrongWolfe.Step step = lineSearch.search(tracker, x, fx, g, d, initialStep,
                    Math.min(budget, lineSearch.maxEvaluations()));
            if (step.status().isAcceptable()) {
                accept(step);
                return true;
            }
            if (tracker.evaluations >= stopping.maxEvaluations()) {
                end(Termination.MAX_EVALUATIONS);
                return false;
            }
            if (steepest) {
                end(Termination.LINE_SEARCH_FAILED);
                return false;
            }
            h.reset(); // retry once along the steepest descent
        }
    }

    /** The first test that ends the run at the current point, or null. */
    private Termination endTest() {
        return stopping.firstMet(iterations, gnorm, previousValue, fx, stepNorm, normInf(x));
    }

    /** Sets {@code d} to the quasi-Newton direction, or to {@code -g}; returns whether it is {@code -g}. */
    private boolean direction() {
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
        return steepest;
    }

    private void accept(StrongWolfe.Step step) {
        double[] xNew = step.point();
        double[] gNew = step.gradient();
        for (int i = 0; i < n; i++) {
            s[i] = xNew[i] - x[i];
            y[i] = gNew[i] - g[i];
        }
        h.update(s, y, g, step.alpha());
        previousValue = fx;
        x = xNew;
        g = gNew;
        fx = step.value();
        iterations++;
        gnorm = normInf(g);
        stepNorm = normInf(s);
    }

    private void end(Termination why) {
        termination = why;
        message = describe(why);
    }

    /** The account of an ending at the current point. */
    private String describe(Termination why) {
        return switch (why) {
            case GRADIENT_TOLERANCE -> String.format(Locale.ROOT, "gradient norm %.3e <= tolerance %.3e", gnorm,
                    stopping.gradientTolerance());
            case FUNCTION_TOLERANCE -> String.format(Locale.ROOT,
                    "relative change of the value %.3e <= tolerance %.3e", Math.abs(previousValue - fx)
                            / Math.max(Math.abs(previousValue), Math.abs(fx)), stopping.functionTolerance());
            case STEP_TOLERANCE -> String.format(Locale.ROOT, "step %.3e <= tolerance %.3e relative to |x| = %.3e",
                    stepNorm, stopping.stepTolerance(), normInf(x));
            case MAX_ITERATIONS -> "reached the limit of " + stopping.maxIterations() + " iterations";
            case MAX_EVALUATIONS -> "reached the limit of " + stopping.maxEvaluations() + " evaluations";
            case LINE_SEARCH_FAILED -> "the line search found no lower value along the steepest descent after "
                    + iterations + " iterations (value " + fx + ", gradient norm " + gnorm
                    + "): rounding level reached, or the gradient does not match the function";
            case STOPPED_BY_LISTENER -> iterations == 0 ? "stopped by the listener"
                    : "stopped by the listener after " + iterations + " iterations";
        };
    }

    /** Ends the run unless it has ended; a state saved afterwards restores a running run. */
    @Override
    public void stop(Termination why) {
        Objects.requireNonNull(why, "why");
        if (termination == null) {
            end(why);
            stoppedByCaller = true;
        }
    }

    @Override
    public int iterations() {
        return iterations;
    }

    @Override
    public int evaluations() {
        return tracker.evaluations;
    }

    @Override
    public double value() {
        return fx;
    }

    @Override
    public double gradientNorm() {
        return gnorm;
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public Termination termination() {
        return termination;
    }

    /**
     * The best point seen: the current iterate unless some line-search trial was lower. While the run goes on, the
     * result is the one {@code stop(STOPPED_BY_LISTENER)} would give now (the run is not ended).
     */
    @Override
    public Result result() {
        Termination why = termination != null ? termination : Termination.STOPPED_BY_LISTENER;
        String text = termination != null ? message : describe(why);
        double[] bx = x;
        double bf = fx;
        double[] bg = g;
        if (tracker.bestValue < fx) {
            bx = tracker.bestX;
            bf = tracker.bestValue;
            bg = tracker.bestG;
            text += "; returning a lower trial point seen during a line search";
        }
        return new Result(bx, bf, normInf(bg), iterations, tracker.evaluations, why,
                name + ": " + text + " (" + iterations + " iterations, " + tracker.evaluations + " evaluations)");
    }

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put(X, Tensor.of(x, n));
        out.put(GRADIENT, Tensor.of(g, n));
        out.put(VALUE, Tensor.scalar(fx));
        out.put(ITERATIONS, Tensor.scalar(iterations));
        out.put(EVALUATIONS, Tensor.scalar(tracker.evaluations));
        out.put(PREVIOUS_VALUE, Tensor.scalar(previousValue));
        out.put(STEP_NORM, Tensor.scalar(stepNorm));
        out.put(BEST_X, Tensor.of(tracker.bestX, n));
        out.put(BEST_GRADIENT, Tensor.of(tracker.bestG, n));
        out.put(BEST_VALUE, Tensor.scalar(tracker.bestValue));
        out.put(TERMINATION, Tensor.scalar(termination == null || stoppedByCaller ? -1 : termination.ordinal()));
        h.save(out);
        return out;
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
}
