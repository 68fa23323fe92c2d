package org.sciml4j.optim;

import static org.sciml4j.optim.QuasiNewton.dot;
import static org.sciml4j.optim.QuasiNewton.normInf;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.sciml4j.optim.Minimizer.Result;
import org.sciml4j.optim.Minimizer.Termination;
import org.sciml4j.tensor.Tensor;

/**
 * One run of {@link NewtonCg}, one taken step per {@link #step()}: Steihaug-Toint truncated CG on the curvature
 * at the current point, trial points until one is accepted (the radius shrinking after each refusal).
 * <p>
 * The tests that end a run (gradient, change of the value, step size, then the limits) are made at the start of the
 * next {@code step()}, as {@link QuasiNewtonRun} makes them, so that a caller sees every taken step first.
 */
final class NewtonCgRun implements SteppingMinimizer.Run {
    private static final String X = "x";
    private static final String RADIUS = "radius";
    private static final String ITERATIONS = "iterations";
    private static final String EVALUATIONS = "evaluations";
    private static final String PREVIOUS_VALUE = "previous_value";
    private static final String STEP_NORM = "step_norm";
    private static final String CG_TOTAL = "cg_total";
    private static final String TERMINATION = "termination";
    /** Accept a step when the actual decrease is at least this fraction of the model's. */
    private static final double ACCEPT = 1e-4;

    private final NewtonCg owner;
    private final CurvatureObjective f;
    private final int n;
    private double[] x;
    private double[] g;
    private CurvatureObjective.Expansion at;
    private double radius;
    private int iterations;
    private int evaluations;
    private long cgTotal;
    private double previousValue = Double.NaN;
    private double stepNorm = Double.NaN;
    private Termination termination;
    private String message;
    /** B p for the step being built, so that the model's value needs no further product. */
    private final double[] bp;

    private NewtonCgRun(NewtonCg owner, CurvatureObjective f, double[] x, double[] g,
            CurvatureObjective.Expansion at) {
        this.owner = owner;
        this.f = f;
        this.n = x.length;
        this.x = x;
        this.g = g;
        this.at = at;
        this.radius = owner.initialRadius();
        this.bp = new double[x.length];
    }

    static NewtonCgRun start(NewtonCg owner, CurvatureObjective f, double[] x0) {
        Objects.requireNonNull(x0, "x0");
        double[] x = x0.clone();
        double[] g = new double[x.length];
        CurvatureObjective.Expansion e = f.expand(x, g);
        if (!Double.isFinite(e.value()) || !QuasiNewton.allFinite(g)) {
            throw new IllegalArgumentException("newton-cg: the objective is not finite at the starting point (value "
                    + e.value() + (QuasiNewton.allFinite(g) ? "" : ", gradient has non-finite entries") + ")");
        }
        NewtonCgRun run = new NewtonCgRun(owner, f, x, g, e);
        run.evaluations = 1;
        return run;
    }

    static NewtonCgRun restore(NewtonCg owner, CurvatureObjective f, Map<String, Tensor> state) {
        SavedState in = new SavedState("newton-cg", state);
        int[] shape = in.entry(X).shape();
        if (shape.length != 1) {
            throw in.refused(X, "has shape " + Arrays.toString(shape) + " but must be a vector");
        }
        double[] x = in.finite(X, in.vector(X, shape[0]));
        double[] g = new double[x.length];
        NewtonCgRun run = new NewtonCgRun(owner, f, x, g, f.expand(x, g));
        run.radius = in.scalar(RADIUS);
        if (!(run.radius > 0)) {
            throw in.refused(RADIUS, "is " + run.radius + " but must be > 0");
        }
        run.iterations = in.whole(ITERATIONS, 0, Integer.MAX_VALUE);
        run.evaluations = in.whole(EVALUATIONS, 1, Integer.MAX_VALUE);
        run.previousValue = in.scalar(PREVIOUS_VALUE);
        run.stepNorm = in.scalar(STEP_NORM);
        run.cgTotal = (long) in.scalar(CG_TOTAL);
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
        double[] p = new double[n];
        double[] gTrial = new double[n];
        while (true) {
            if (evaluations >= owner.stopping().maxEvaluations()) {
                end(Termination.MAX_EVALUATIONS);
                return false;
            }
            boolean onBoundary = steihaug(p);
            double predicted = -model(p);
            double pn = Math.sqrt(dot(p, p));
            double[] xTrial = new double[n];
            for (int i = 0; i < n; i++) {
                xTrial[i] = x[i] + p[i];
            }
            CurvatureObjective.Expansion trial = f.expand(xTrial, gTrial);
            evaluations++;
            double actual = at.value() - trial.value();
            double ratio = Double.isFinite(trial.value()) && QuasiNewton.allFinite(gTrial) && predicted > 0
                    ? actual / predicted : Double.NEGATIVE_INFINITY;
            if (ratio < 0.25) {
                radius = 0.25 * Math.min(radius, pn);
            } else if (ratio > 0.75 && onBoundary) {
                radius = Math.min(2 * radius, owner.maxRadius());
            }
            if (ratio >= ACCEPT && actual > 0) {
                previousValue = at.value();
                stepNorm = normInf(p);
                x = xTrial;
                System.arraycopy(gTrial, 0, g, 0, n);
                at = trial;
                iterations++;
                return true;
            }
            if (!(predicted > 0) || radius <= Math.ulp(1.0) * Math.max(1, Math.sqrt(dot(x, x)))) {
                end(Termination.LINE_SEARCH_FAILED);
                return false;
            }
            // an expansion is valid until the next call on the objective (the trial moved shared parameters)
            at = f.expand(x, g);
            evaluations++;
        }
    }

    /**
     * Steihaug-Toint CG for {@code min g.p + p.Bp/2} within the radius; writes the step into {@code p} and
     * returns whether it lies on the boundary (cut there, or along negative curvature). {@code p} also keeps
     * {@code Bp} implicitly: {@link #model} is computed from the kept products.
     */
    // numerical kernel
    private boolean steihaug(double[] p) {
        Arrays.fill(p, 0);
        Arrays.fill(bp, 0);
        double[] r = g.clone();
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = -r[i];
        }
        double[] bd = new double[n];
        double rr = dot(r, r);
        double gnorm2 = Math.sqrt(rr);
        double tolerance = Math.min(0.5, Math.sqrt(gnorm2)) * gnorm2;
        for (int k = 0; k < owner.cgIterations(); k++) {
            at.times(d, bd);
            cgTotal++;
            double dbd = dot(d, bd);
            if (!(dbd > 0)) {
                axpyToBoundary(p, d, bd);
                return true;
            }
            double alpha = rr / dbd;
            double pp = 0;
            for (int i = 0; i < n; i++) {
                double v = p[i] + alpha * d[i];
                pp += v * v;
            }
            if (Math.sqrt(pp) >= radius) {
                axpyToBoundary(p, d, bd);
                return true;
            }
            for (int i = 0; i < n; i++) {
                p[i] += alpha * d[i];
                bp[i] += alpha * bd[i];
                r[i] += alpha * bd[i];
            }
            double rrNew = dot(r, r);
            if (Math.sqrt(rrNew) <= tolerance) {
                return false;
            }
            double beta = rrNew / rr;
            rr = rrNew;
            for (int i = 0; i < n; i++) {
                d[i] = -r[i] + beta * d[i];
            }
        }
        return false;
    }


    /** Moves {@code p} along {@code d} to the boundary {@code |p + tau d| = radius} (tau >= 0), updating Bp. */
    private void axpyToBoundary(double[] p, double[] d, double[] bd) {
        double dd = dot(d, d);
        double pd = dot(p, d);
        double pp = dot(p, p);
        double tau = dd > 0 ? (-pd + Math.sqrt(Math.max(0, pd * pd + dd * (radius * radius - pp)))) / dd : 0;
        for (int i = 0; i < n; i++) {
            p[i] += tau * d[i];
            bp[i] += tau * bd[i];
        }
    }

    /** The quadratic model's change {@code g.p + p.Bp / 2} for the step just built. */
    private double model(double[] p) {
        return dot(g, p) + 0.5 * dot(p, bp);
    }

    private Termination endTest() {
        return owner.stopping().firstMet(iterations, normInf(g), previousValue, at.value(), stepNorm, normInf(x));
    }

    private void end(Termination why) {
        termination = why;
        message = switch (why) {
            case GRADIENT_TOLERANCE -> "the gradient fell to the tolerance";
            case FUNCTION_TOLERANCE -> "the value stopped changing";
            case STEP_TOLERANCE -> "the step fell to the tolerance";
            case MAX_ITERATIONS -> "iteration limit reached";
            case MAX_EVALUATIONS -> "evaluation limit reached";
            case LINE_SEARCH_FAILED -> "the trust region shrank to rounding level without a decrease";
            case STOPPED_BY_LISTENER -> "stopped";
        } + " after " + iterations + " iterations (" + cgTotal + " CG products)";
    }

    @Override
    public void stop(Termination why) {
        if (termination == null) {
            end(why);
        }
    }

    @Override
    public int iterations() {
        return iterations;
    }

    @Override
    public int evaluations() {
        return evaluations;
    }

    @Override
    public double value() {
        return at.value();
    }

    @Override
    public double gradientNorm() {
        return normInf(g);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public Termination termination() {
        return termination;
    }

    /** Curvature products (CG iterations) so far. */
    long cgProducts() {
        return cgTotal;
    }

    @Override
    public Result result() {
        Termination t = termination != null ? termination : Termination.STOPPED_BY_LISTENER;
        String m = message != null ? message : "running after " + iterations + " iterations";
        return new Result(x, at.value(), normInf(g), iterations, evaluations, t, m);
    }

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        s.put(X, Tensor.of(x.clone(), n));
        s.put(RADIUS, Tensor.scalar(radius));
        s.put(ITERATIONS, Tensor.scalar(iterations));
        s.put(EVALUATIONS, Tensor.scalar(evaluations));
        s.put(PREVIOUS_VALUE, Tensor.scalar(previousValue));
        s.put(STEP_NORM, Tensor.scalar(stepNorm));
        s.put(CG_TOTAL, Tensor.scalar(cgTotal));
        boolean paused = termination == Termination.STOPPED_BY_LISTENER;
        s.put(TERMINATION, Tensor.scalar(termination == null || paused ? -1 : termination.ordinal()));
        return s;
    }
}
