package org.sciml4j.optim;

import java.util.Objects;

/**
 * A line search for the strong Wolfe conditions (Nocedal and Wright, <i>Numerical Optimization</i>, 2nd ed.,
 * Algorithms 3.5 and 3.6). Along a descent direction {@code d} from {@code x}, with {@code phi(a) = f(x + a d)}, it
 * looks for a step {@code a > 0} with
 * <pre>
 *   phi(a) &lt;= phi(0) + c1 a phi'(0)        (sufficient decrease)
 *   |phi'(a)| &lt;= c2 |phi'(0)|               (curvature)
 * </pre>
 * A bracketing phase extrapolates from the initial step until it passes a minimiser of {@code phi}; the zoom phase
 * then narrows the bracket. New trial steps come from the minimiser of the cubic that matches {@code phi} and
 * {@code phi'} at two points, safeguarded: extrapolations stay within {@code [a + 1.1 w, a + 4 w]} (w the last
 * increase, as Moré and Thuente), interpolations at least a tenth of the bracket away from its ends, and bisection
 * replaces a cubic without a minimiser.
 * <p>
 * Points where the value or the directional derivative is not finite (NaN, overflow) are treated as steps that
 * went too far: the search shrinks towards the last finite point and never extrapolates past such a point.
 * <p>
 * Immutable; each call keeps its own state. Every trial costs one evaluation of the {@link Objective}.
 */
public final class StrongWolfe {
    /** Default sufficient-decrease constant. */
    public static final double DEFAULT_C1 = 1e-4;
    /** Default curvature constant (suited to quasi-Newton directions). */
    public static final double DEFAULT_C2 = 0.9;
    /** Default limit on evaluations per search. */
    public static final int DEFAULT_MAX_EVALUATIONS = 25;

    /** Largest step ever tried. */
    private static final double MAX_STEP = 1e10;
    /** The zoom stops when the bracket is narrower than this relative to the step. */
    private static final double RELATIVE_WIDTH = 1e-13;

    private final double c1;
    private final double c2;
    private final int maxEvaluations;

    /** A search with c1 = 1e-4, c2 = 0.9 and at most 25 evaluations. */
    public StrongWolfe() {
        this(DEFAULT_C1, DEFAULT_C2, DEFAULT_MAX_EVALUATIONS);
    }

    /**
     * @param c1             sufficient-decrease constant, {@code 0 < c1 < c2}
     * @param c2             curvature constant, {@code c1 < c2 < 1}
     * @param maxEvaluations evaluations allowed per search, at least 1
     */
    public StrongWolfe(double c1, double c2, int maxEvaluations) {
        if (!(c1 > 0 && c1 < c2 && c2 < 1)) {
            throw new IllegalArgumentException("StrongWolfe: need 0 < c1 < c2 < 1, got c1 = " + c1 + ", c2 = " + c2);
        }
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("StrongWolfe: maxEvaluations must be >= 1, got " + maxEvaluations);
        }
        this.c1 = c1;
        this.c2 = c2;
        this.maxEvaluations = maxEvaluations;
    }

    /** The default search. */
    public static StrongWolfe defaults() {
        return new StrongWolfe();
    }

    /** Sufficient-decrease constant. */
    public double c1() {
        return c1;
    }

    /** Curvature constant. */
    public double c2() {
        return c2;
    }

    /** Evaluations allowed per search. */
    public int maxEvaluations() {
        return maxEvaluations;
    }

    /** How a search ended. */
    public enum Status {
        /** Both strong Wolfe conditions hold at the step. */
        STRONG_WOLFE,
        /**
         * Only sufficient decrease holds: the evaluations ran out or the bracket shrank to rounding level. The step
         * is the lowest point found that satisfies sufficient decrease, and is usable.
         */
        SUFFICIENT_DECREASE,
        /** No step with sufficient decrease was found; the step is 0 and the point is the start. */
        NO_DECREASE,
        /** The direction is not a descent direction ({@code phi'(0) >= 0} or not finite); nothing was evaluated. */
        NOT_DESCENT;

        /** Whether the step may be taken ({@link #STRONG_WOLFE} or {@link #SUFFICIENT_DECREASE}). */
        public boolean isAcceptable() {
            return this == STRONG_WOLFE || this == SUFFICIENT_DECREASE;
        }
    }

    /**
     * The outcome of a search. The arrays belong to the caller.
     *
     * @param alpha       the step length (0 when not acceptable)
     * @param value       {@code phi(alpha)}
     * @param derivative  {@code phi'(alpha)}, the directional derivative there
     * @param point       {@code x + alpha d}
     * @param gradient    the gradient at {@code point}
     * @param evaluations objective evaluations made
     * @param status      how the search ended
     */
    public record Step(double alpha, double value, double derivative, double[] point, double[] gradient,
            int evaluations, Status status) {
    }

    /**
     * Searches along {@code direction} with this search's evaluation limit.
     *
     * @see #search(Objective, double[], double, double[], double[], double, int)
     */
    public Step search(Objective f, double[] x, double value, double[] gradient, double[] direction,
            double initialStep) {
        return search(f, x, value, gradient, direction, initialStep, maxEvaluations);
    }

    /**
     * Searches along {@code direction} for a step satisfying the strong Wolfe conditions.
     *
     * @param f              the objective
     * @param x              the start (not modified)
     * @param value          {@code f(x)}, finite
     * @param gradient       the gradient at {@code x}, finite (not modified)
     * @param direction      a descent direction, {@code gradient . direction < 0} (not modified)
     * @param initialStep    first trial step, finite and {@code > 0} (1 for Newton-like directions)
     * @param maxEvaluations evaluations allowed in this call, at least 1
     * @return the step, with the point and gradient there
     */
    public Step search(Objective f, double[] x, double value, double[] gradient, double[] direction,
            double initialStep, int maxEvaluations) {
        Objects.requireNonNull(f, "f");
        int n = x.length;
        if (gradient.length != n || direction.length != n) {
            throw new IllegalArgumentException("StrongWolfe: x, gradient and direction have lengths " + n + ", "
                    + gradient.length + ", " + direction.length);
        }
        if (!(initialStep > 0) || Double.isInfinite(initialStep)) {
            throw new IllegalArgumentException("StrongWolfe: initial step must be finite and > 0, got "
                    + initialStep);
        }
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("StrongWolfe: maxEvaluations must be >= 1, got " + maxEvaluations);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("StrongWolfe: the value at the start is not finite: " + value);
        }
        double dphi0 = QuasiNewton.dot(gradient, direction);
        if (!(dphi0 < 0) || Double.isInfinite(dphi0)) {
            return new Step(0, value, dphi0, x.clone(), gradient.clone(), 0, Status.NOT_DESCENT);
        }
        return new Run(f, x, value, direction, dphi0, maxEvaluations, gradient).bracket(initialStep);
    }

    /** A trial point: step, value, directional derivative, and (for points that may be returned) x and gradient. */
    private static final class Point {
        double a;
        double f;
        double dphi;
        double[] x;
        double[] g;

        boolean finite() {
            return Double.isFinite(f) && Double.isFinite(dphi);
        }
    }

    /** The state of one search. */
    private final class Run {
        final Objective f;
        final double[] x0;
        final double f0;
        final double[] d;
        final double dphi0;
        final int budget;
        final double[] g0;
        int evaluations;
        /** Spare point whose arrays are reused for the next trial. */
        Point spare = new Point();

        Run(Objective f, double[] x0, double f0, double[] d, double dphi0, int budget, double[] g0) {
            this.f = f;
            this.x0 = x0;
            this.f0 = f0;
            this.d = d;
            this.dphi0 = dphi0;
            this.budget = budget;
            this.g0 = g0;
        }

        /** Evaluates phi at {@code a} into the spare point and returns it (the caller takes ownership). */
        Point evaluate(double a) {
            Point p = spare;
            spare = new Point();
            int n = x0.length;
            if (p.x == null) {
                p.x = new double[n];
                p.g = new double[n];
            }
            for (int i = 0; i < n; i++) {
                p.x[i] = x0[i] + a * d[i];
            }
            p.a = a;
            p.f = f.valueAndGradient(p.x, p.g);
            p.dphi = QuasiNewton.dot(p.g, d);
            evaluations++;
            return p;
        }

        /** Hands a point's arrays back for reuse. */
        void recycle(Point p) {
            if (p.x != null && spare.x == null) {
                spare = p;
            }
        }

        boolean sufficientDecrease(Point p) {
            return p.f <= f0 + c1 * p.a * dphi0;
        }

        boolean curvature(Point p) {
            return Math.abs(p.dphi) <= -c2 * dphi0;
        }

        Step result(Point p, Status status) {
            return new Step(p.a, p.f, p.dphi, p.x, p.g, evaluations, status);
        }

        Step best(Point lo) {
            if (lo.a > 0) {
                return result(lo, Status.SUFFICIENT_DECREASE);
            }
            return new Step(0, f0, dphi0, x0.clone(), g0.clone(), evaluations, Status.NO_DECREASE);
        }

        /** Algorithm 3.5. */
        Step bracket(double initialStep) {
            Point prev = new Point(); // a = 0, no arrays
            prev.a = 0;
            prev.f = f0;
            prev.dphi = dphi0;
            double limit = MAX_STEP;
            boolean limitIsNonFinite = false;
            double a = Math.min(initialStep, MAX_STEP);
            while (true) {
                if (evaluations >= budget) {
                    return best(prev);
                }
                Point cur = evaluate(a);
                if (!cur.finite()) {
                    // too far: shrink towards the last finite point and never go this far again
                    limit = a;
                    limitIsNonFinite = true;
                    recycle(cur);
                    a = prev.a + 0.5 * (a - prev.a);
                    if (!(a > prev.a)) {
                        return best(prev);
                    }
                    continue;
                }
                if (!sufficientDecrease(cur) || prev.a > 0 && cur.f >= prev.f) {
                    return zoom(prev, cur);
                }
                if (curvature(cur)) {
                    return result(cur, Status.STRONG_WOLFE);
                }
                if (cur.dphi >= 0) {
                    return zoom(cur, prev);
                }
                // still going down: extrapolate
                if (a >= limit) {
                    return result(cur, Status.SUFFICIENT_DECREASE);
                }
                double w = a - prev.a;
                double lower = a + 1.1 * w;
                double upper = a + 4 * w;
                double next = cubicMinimizer(prev.a, prev.f, prev.dphi, a, cur.f, cur.dphi);
                if (!(next > a)) {
                    next = upper;
                }
                next = Math.min(Math.max(next, lower), upper);
                if (next >= limit) {
                    next = limitIsNonFinite ? a + 0.5 * (limit - a) : limit;
                }
                if (!(next > a)) {
                    return result(cur, Status.SUFFICIENT_DECREASE);
                }
                recycle(prev);
                prev = cur;
                a = next;
            }
        }

        /**
         * Algorithm 3.6: {@code lo} satisfies sufficient decrease and has the lowest value so far, and
         * {@code phi'(lo) (hi - lo) < 0}, so the bracket holds a strong Wolfe step.
         */
        Step zoom(Point lo, Point hi) {
            while (true) {
                double left = Math.min(lo.a, hi.a);
                double right = Math.max(lo.a, hi.a);
                double width = right - left;
                if (evaluations >= budget || width <= RELATIVE_WIDTH * right) {
                    return best(lo);
                }
                double a = hi.finite()
                        ? cubicMinimizer(lo.a, lo.f, lo.dphi, hi.a, hi.f, hi.dphi)
                        : Double.NaN;
                if (!(a > left && a < right)) {
                    a = left + 0.5 * width;
                }
                a = Math.min(Math.max(a, left + 0.1 * width), right - 0.1 * width);
                Point t = evaluate(a);
                if (!t.finite() || !sufficientDecrease(t) || t.f >= lo.f) {
                    recycle(hi);
                    hi = t;
                } else {
                    if (curvature(t)) {
                        return result(t, Status.STRONG_WOLFE);
                    }
                    if (t.dphi * (hi.a - lo.a) >= 0) {
                        recycle(hi);
                        hi = lo;
                    } else {
                        recycle(lo);
                    }
                    lo = t;
                }
            }
        }
    }

    /**
     * Minimiser of the cubic matching values and derivatives at {@code a} and {@code b} (Nocedal and Wright,
     * eq. 3.59); NaN when the cubic has no local minimiser.
     */
    static double cubicMinimizer(double a, double fa, double da, double b, double fb, double db) {
        double d1 = da + db - 3 * (fa - fb) / (a - b);
        double rad = d1 * d1 - da * db;
        if (!(rad >= 0)) {
            return Double.NaN;
        }
        double d2 = Math.copySign(Math.sqrt(rad), b - a);
        return b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
    }
}
