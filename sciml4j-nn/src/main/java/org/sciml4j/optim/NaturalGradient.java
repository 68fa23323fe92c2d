package org.sciml4j.optim;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;
import org.sciml4j.optim.Minimizer.Termination;
import org.sciml4j.tensor.Tensor;

/**
 * Gauss-Newton with a pseudo-inverse and a line search: for a least-squares loss {@code F(x) = sum_i r_i(x)^2} this
 * is the energy natural gradient of Müller and Zeinhofer (2023, "Achieving high accuracy with PINNs via energy
 * natural gradient descent"), whose Gram matrix for a PINN's residual loss is the Gauss-Newton matrix
 * {@code G = J^T J}. Each iteration takes the direction {@code d = -G^+ J^T r}, with {@code G^+} the pseudo-inverse
 * of G by its eigendecomposition (LAPACK {@code dsyevd}) that drops the eigenvalues below {@link Builder#cutoff}
 * times the largest and adds {@link Builder#damping} to the others ({@code (G + damping I)^{-1}} on the kept ones:
 * regularised least squares), then a step {@code x + eta d} by a line search on eta: backtracking from 1 by halves
 * (the first eta with an Armijo decrease), or the best of the whole grid {@code eta = 2^-k, k = 0 .. steps - 1} (as
 * the paper's grid search).
 * <p>
 * The cutoff decides success: the eigenvalues of {@code J^T J} are the squares of J's singular values, and those
 * below about {@code 1e-16} of the largest are rounding noise; keeping them (cutoff 0) turns the direction into
 * noise, dropping too many stalls the loss: on the Poisson example 1e-12 stalls at loss 2e-10 (relative error 1.4e-6),
 * 1e-14 (the default) goes on to 4e-12 (4e-7).
 * <p>
 * A run ends when the largest gradient component {@code |2 J^T r|} is at most the gradient tolerance, when a taken
 * step lowers F by at most the function tolerance times F, when no eta of the line search lowers F (rounding level),
 * or at the iteration or evaluation limit. One {@link SteppingMinimizer.Run#step()} is one taken step; a run's
 * {@link SteppingMinimizer.Run#state() state} ({@code x}, {@code iterations}, {@code evaluations},
 * {@code previous}) resumes it bit for bit. Memory: the (m, n) Jacobian and two (n, n) matrices; cost per iteration
 * one Jacobian, one {@code n^3} eigendecomposition and one residual evaluation per line-search trial.
 */
public final class NaturalGradient implements LeastSquaresMinimizer {
    /** The default {@link Builder#cutoff}. */
    public static final double DEFAULT_CUTOFF = 1e-14;
    /** Sufficient decrease of the backtracking search: {@code F(x + eta d) <= F(x) + ARMIJO * eta * 2 g.d}. */
    private static final double ARMIJO = 1e-4;

    /** How the step size along the direction is chosen. */
    public enum LineSearch {
        /** eta = 1, 1/2, 1/4, ...: the first with an Armijo decrease (one evaluation when the full step is good). */
        BACKTRACKING,
        /** Every eta = 2^-k of the grid, the lowest value taken (Müller and Zeinhofer's search). */
        GRID
    }

    private final StoppingCriteria stopping;
    private final double cutoff;
    private final double damping;
    private final LineSearch lineSearch;
    private final int steps;

    private NaturalGradient(Builder b) {
        stopping = b.stopping;
        cutoff = b.cutoff;
        damping = b.damping;
        lineSearch = b.lineSearch;
        steps = b.steps;
    }

    /**
     * A builder with the defaults: cutoff {@value #DEFAULT_CUTOFF}, damping 0, backtracking over 30 halvings,
     * gradient tolerance 0, function tolerance 1e-15, 1000 iterations, no evaluation limit.
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "natural-gradient";
    }

    @Override
    public SteppingMinimizer.Run start(LeastSquares f, double[] x0) {
        Run run = new Run(f, x0.clone(), 0, Double.NaN);
        run.evaluations = 1;
        return run;
    }

    @Override
    public SteppingMinimizer.Run restore(LeastSquares f, Map<String, Tensor> state) {
        SavedState s = new SavedState("natural-gradient", state);
        double[] x = s.finite("x", s.vector("x", s.entry("x").numel()));
        Run run = new Run(f, x, s.whole("iterations", 0, Integer.MAX_VALUE), s.scalar("previous"));
        run.evaluations = s.whole("evaluations", 1, Integer.MAX_VALUE);
        return run;
    }

    /** One minimisation in progress. */
    private final class Run extends GaussNewtonRun {
        private double eta = Double.NaN;

        Run(LeastSquares f, double[] x, int iterations, double previous) {
            super("natural-gradient", NaturalGradient.this.stopping, f, x, iterations);
            start(previous);
        }

        @Override
        boolean advance() {
            double[] d = direction();
            if (d == null) {
                end(Termination.LINE_SEARCH_FAILED);
                return false;
            }
            LeastSquares.Residuals at = search(d);
            if (at == null) {
                if (termination() == null) {
                    end(Termination.LINE_SEARCH_FAILED);
                }
                return false;
            }
            previous = value;
            take(at);
            iterations++;
            return true;
        }

        /** {@code -G^+ g} through the eigendecomposition of G; null if it fails or is not a descent direction. */
        private double[] direction() { // numerical kernel
            double[] v = normal.clone();
            double[] w = new double[n];
            intW info = new intW(0);
            double[] workSize = new double[1];
            int[] iworkSize = new int[1];
            LAPACK lapack = LAPACK.getInstance();
            lapack.dsyevd("V", "U", n, v, n, w, workSize, -1, iworkSize, -1, info);
            double[] work = new double[(int) workSize[0]];
            int[] iwork = new int[iworkSize[0]];
            lapack.dsyevd("V", "U", n, v, n, w, work, work.length, iwork, iwork.length, info);
            if (info.val != 0) {
                return null;
            }
            double largest = w[n - 1];
            double[] d = new double[n];
            // column k of the column-major v is eigenvector k: d = -sum_k (v_k . g) / (w_k + damping) v_k
            for (int k = 0; k < n; k++) {
                if (!(w[k] > cutoff * largest) || !(w[k] > 0)) {
                    continue;
                }
                int col = k * n;
                double c = 0;
                for (int j = 0; j < n; j++) {
                    c += v[col + j] * g[j];
                }
                c /= w[k] + damping;
                for (int j = 0; j < n; j++) {
                    d[j] -= c * v[col + j];
                }
            }
            return QuasiNewton.allFinite(d) && QuasiNewton.dot(d, g) < 0 ? d : null;
        }

        /** The residuals, with the Jacobian, at the point the line search takes; null if none lowers the value. */
        private LeastSquares.Residuals search(double[] d) {
            double slope = 2 * QuasiNewton.dot(g, d);
            double bestValue = value;
            double bestEta = Double.NaN;
            double step = 1;
            for (int k = 0; k < steps; k++, step *= 0.5) {
                if (evaluations >= stopping.maxEvaluations()) {
                    end(Termination.MAX_EVALUATIONS);
                    return null;
                }
                evaluations++;
                boolean full = lineSearch == LineSearch.BACKTRACKING && k == 0;
                LeastSquares.Residuals at = f.evaluate(moved(d, step), full);
                double v = at.sumOfSquares();
                if (lineSearch == LineSearch.BACKTRACKING) {
                    if (v <= value + ARMIJO * step * slope && v < value) {
                        eta = step;
                        return full ? accept(at, d, step) : accept(null, d, step);
                    }
                } else if (v < bestValue) {
                    bestValue = v;
                    bestEta = step;
                }
            }
            if (Double.isNaN(bestEta)) {
                return null;
            }
            eta = bestEta;
            return accept(null, d, bestEta);
        }

        private LeastSquares.Residuals accept(LeastSquares.Residuals at, double[] d, double step) {
            double[] next = moved(d, step);
            LeastSquares.Residuals with = at != null && at.jacobian() != null ? at : f.evaluate(next, true);
            if (with.jacobian() == null || !QuasiNewton.allFinite(with.jacobian())
                    || !QuasiNewton.allFinite(with.values())) {
                return null;
            }
            x = next;
            return with;
        }

        private double[] moved(double[] d, double step) {
            double[] t = x.clone();
            for (int j = 0; j < n; j++) {
                t[j] += step * d[j];
            }
            return t;
        }

        @Override
        String describe(Termination why) {
            return why == Termination.LINE_SEARCH_FAILED ? "no step along the Gauss-Newton direction lowers the"
                    + " value (rounding level reached, or cutoff " + cutoff + " too small)" : super.describe(why);
        }

        @Override
        String detail() {
            return String.format(Locale.ROOT, ", last step size %.3g", eta);
        }

        @Override
        public Map<String, Tensor> state() {
            Map<String, Tensor> s = new LinkedHashMap<>();
            s.put("x", Tensor.of(x.clone(), n));
            s.put("iterations", Tensor.scalar(iterations));
            s.put("evaluations", Tensor.scalar(evaluations));
            s.put("previous", Tensor.scalar(previous));
            return s;
        }
    }

    /** Builds a {@link NaturalGradient}. */
    public static final class Builder {
        private StoppingCriteria stopping = new StoppingCriteria(0, 1e-15, 0, 1000, Integer.MAX_VALUE);
        private double cutoff = DEFAULT_CUTOFF;
        private double damping;
        private LineSearch lineSearch = LineSearch.BACKTRACKING;
        private int steps = 30;

        private Builder() {
        }

        /** The stopping criteria (the step tolerance is not used). */
        public Builder stopping(StoppingCriteria criteria) {
            this.stopping = Objects.requireNonNull(criteria, "criteria");
            return this;
        }

        /** At most {@code n} taken steps. */
        public Builder maxIterations(int n) {
            return stopping(new StoppingCriteria(stopping.gradientTolerance(), stopping.functionTolerance(),
                    stopping.stepTolerance(), n, stopping.maxEvaluations()));
        }

        /**
         * Eigenvalues of {@code J^T J} at most this times the largest are dropped from the pseudo-inverse
         * (in [0, 1); default {@value #DEFAULT_CUTOFF}): the knob that decides success, see {@link NaturalGradient}.
         */
        public Builder cutoff(double cutoff) {
            if (!(cutoff >= 0 && cutoff < 1)) {
                throw new IllegalArgumentException("natural-gradient: the cutoff must be in [0, 1), got " + cutoff);
            }
            this.cutoff = cutoff;
            return this;
        }

        /** Added to every kept eigenvalue (Tikhonov regularisation, >= 0; default 0: the pseudo-inverse alone). */
        public Builder damping(double damping) {
            if (!(damping >= 0) || !Double.isFinite(damping)) {
                throw new IllegalArgumentException("natural-gradient: the damping must be finite and >= 0, got "
                        + damping);
            }
            this.damping = damping;
            return this;
        }

        /** The line search and its number of step sizes {@code 2^-k, k < steps} (>= 1). */
        public Builder lineSearch(LineSearch search, int steps) {
            if (steps < 1 || steps > 60) {
                throw new IllegalArgumentException("natural-gradient: the line search needs 1 to 60 step sizes, got "
                        + steps);
            }
            this.lineSearch = Objects.requireNonNull(search, "search");
            this.steps = steps;
            return this;
        }

        /** The minimiser. */
        public NaturalGradient build() {
            return new NaturalGradient(this);
        }
    }
}
