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
 * Levenberg-Marquardt with adaptive damping: minimises {@code F(x) = sum_i r_i(x)^2} of a {@link LeastSquares}
 * function. Each iteration solves the damped Gauss-Newton system {@code (J^T J + mu D) delta = -J^T r} by a Cholesky
 * factorisation (LAPACK {@code dpotrf}/{@code dpotrs}, {@code J^T J} by {@link NormalEquations}) and takes the step if
 * the gain ratio {@code rho = (F(x) - F(x + delta)) / (predicted decrease)} is positive; the damping follows
 * Nielsen's rule (Madsen, Nielsen and Tingleff 2004, eq. 3.16): after a taken step {@code mu *= max(1/3, 1 - (2 rho
 * - 1)^3)} and {@code nu = 2}, after a refused one (a worse or non-finite value, or a matrix that is not positive
 * definite) {@code mu *= nu, nu *= 2}. D is the identity, or with {@link Builder#scaled} the largest diagonal of
 * {@code J^T J} seen so far per parameter (Moré 1978), which makes the method invariant to the parameters' scales.
 * <p>
 * The first damping is {@code initialDamping} times the largest diagonal element of {@code J^T J} (identity D), or
 * {@code initialDamping} itself (scaled D). A run ends when the largest gradient component {@code |2 J^T r|} is at
 * most the gradient tolerance, when a taken step lowers F by at most the function tolerance times F, when the step's
 * largest component is at most the step tolerance times the largest component of x (which also ends a run whose
 * damping grew without finding a lower value: the value has reached rounding level), or at the iteration or
 * evaluation limit. One {@link Run#step()} is one taken step, however many refused trials it needs, so a run can be
 * checkpointed between two ({@link Run#state()}: x, mu, nu, D, the counters) and resumed bit for bit.
 * <p>
 * Immutable; each run keeps its own state. Memory: the (m, n) Jacobian and two (n, n) matrices.
 */
public final class LevenbergMarquardt implements LeastSquaresMinimizer {
    /** The default {@link Builder#initialDamping}. */
    public static final double DEFAULT_INITIAL_DAMPING = 1e-3;

    private final StoppingCriteria stopping;
    private final double initialDamping;
    private final boolean scaled;

    private LevenbergMarquardt(Builder b) {
        stopping = b.stopping;
        initialDamping = b.initialDamping;
        scaled = b.scaled;
    }

    /**
     * A builder with the defaults: initial damping {@value #DEFAULT_INITIAL_DAMPING}, D the identity, gradient
     * tolerance 0 (a zero gradient), function tolerance 1e-15, step tolerance 1e-15, 1000 iterations, no evaluation
     * limit: a run goes on until its progress is at rounding level, as training to high accuracy needs.
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "levenberg-marquardt";
    }

    /** The stopping criteria. */
    public StoppingCriteria stopping() {
        return stopping;
    }

    /**
     * Starts a run at {@code x0} (not modified): evaluates the residuals and the Jacobian there.
     *
     * @throws IllegalArgumentException if the residuals or the Jacobian are not finite at {@code x0}
     */
    @Override
    public Run start(LeastSquares f, double[] x0) {
        Run run = new Run(f, x0.clone(), 0, Double.NaN);
        run.evaluations = 1;
        run.initialDamping();
        return run;
    }

    /**
     * Restores a run from {@link Run#state()} of a run with the same settings; its residuals and Jacobian are
     * evaluated again at the saved point (not counted), and its next step is the step the saved run would have taken.
     *
     * @throws IllegalArgumentException if the state is incomplete or does not fit these settings, naming the entry
     */
    @Override
    public Run restore(LeastSquares f, Map<String, Tensor> state) {
        SavedState s = new SavedState("levenberg-marquardt", state);
        double[] x = s.finite("x", s.vector("x", s.entry("x").numel()));
        Run run = new Run(f, x, s.whole("iterations", 0, Integer.MAX_VALUE), s.scalar("previous"));
        run.evaluations = s.whole("evaluations", 1, Integer.MAX_VALUE);
        run.mu = s.scalar("mu");
        run.nu = s.scalar("nu");
        if (scaled) {
            run.diagonal = s.finite("diagonal", s.vector("diagonal", x.length));
        }
        return run;
    }

    /** One minimisation in progress; see {@link LevenbergMarquardt}. */
    public final class Run extends GaussNewtonRun {
        private double[] diagonal;
        private double mu;
        private double nu = 2;
        private double stepNorm = Double.NaN;

        private Run(LeastSquares f, double[] x, int iterations, double previous) {
            super("levenberg-marquardt", LevenbergMarquardt.this.stopping, f, x, iterations);
            start(previous);
        }

        /** The first damping, from the diagonal of J^T J (which also starts D). */
        private void initialDamping() {
            double largest = 0;
            for (int j = 0; j < n; j++) {
                largest = Math.max(largest, normal[j * n + j]);
            }
            mu = scaled ? initialDamping : initialDamping * (largest > 0 ? largest : 1);
        }

        /** Makes {@code at} (with its Jacobian) the current point's residuals, and grows D (scaled). */
        @Override
        void take(LeastSquares.Residuals at) {
            super.take(at);
            if (scaled) {
                if (diagonal == null) {
                    diagonal = new double[n];
                }
                for (int j = 0; j < n; j++) {
                    diagonal[j] = Math.max(diagonal[j], normal[j * n + j]);
                }
            }
        }

        @Override
        boolean advance() {
            while (true) {
                if (evaluations >= stopping.maxEvaluations()) {
                    end(Termination.MAX_EVALUATIONS);
                    return false;
                }
                double[] delta = dampedStep();
                if (delta != null) {
                    stepNorm = QuasiNewton.normInf(delta);
                    if (stepNorm <= stopping.stepTolerance() * QuasiNewton.normInf(x) || !Double.isFinite(mu)) {
                        end(Termination.STEP_TOLERANCE);
                        return false;
                    }
                    if (tryStep(delta)) {
                        return true;
                    }
                }
                mu *= nu;
                nu *= 2;
            }
        }

        /** The solution of {@code (J^T J + mu D) delta = -J^T r}, or null if the matrix is not positive definite. */
        private double[] dampedStep() {
            double[] a = normal.clone();
            for (int j = 0; j < n; j++) {
                a[j * n + j] += mu * (scaled ? Math.max(diagonal[j], Double.MIN_NORMAL) : 1);
            }
            intW info = new intW(0);
            LAPACK.getInstance().dpotrf("U", n, a, n, info);
            if (info.val != 0) {
                return null;
            }
            double[] delta = new double[n];
            for (int j = 0; j < n; j++) {
                delta[j] = -g[j];
            }
            LAPACK.getInstance().dpotrs("U", n, 1, a, n, delta, n, info);
            return info.val == 0 && QuasiNewton.allFinite(delta) ? delta : null;
        }

        /** Evaluates {@code x + delta}; takes it (true) if the value fell, adapting the damping either way. */
        private boolean tryStep(double[] delta) {
            double[] trial = x.clone();
            double predicted = 0;
            for (int j = 0; j < n; j++) {
                trial[j] += delta[j];
                // F(x) - |r + J delta|^2 = delta . (mu D delta - J^T r), as (J^T J + mu D) delta = -J^T r
                predicted += delta[j] * (mu * (scaled ? Math.max(diagonal[j], Double.MIN_NORMAL) : 1) * delta[j]
                        - g[j]);
            }
            evaluations++;
            // after a taken step the next trial is usually taken too: evaluate the Jacobian with the residuals (one
            // pass); after a refused one, the residuals alone first
            boolean hopeful = nu == 2;
            LeastSquares.Residuals at = f.evaluate(trial, hopeful);
            double trialValue = at.sumOfSquares();
            double rho = (value - trialValue) / predicted;
            if (!(trialValue < value) || !(rho > 0)) {
                return false;
            }
            if (!hopeful) {
                at = f.evaluate(trial, true);
            }
            if (at.jacobian() == null || !QuasiNewton.allFinite(at.jacobian())) {
                return false;
            }
            previous = value;
            x = trial;
            take(at);
            iterations++;
            double c = 2 * rho - 1;
            mu *= Math.max(1.0 / 3, 1 - c * c * c);
            nu = 2;
            return true;
        }

        @Override
        String describe(Termination why) {
            return why == Termination.STEP_TOLERANCE ? String.format(Locale.ROOT, "step %.3e <= tolerance %.3e"
                    + " relative to |x| = %.3e at damping %.3e (no lower value found: rounding level reached)",
                    stepNorm, stopping.stepTolerance(), QuasiNewton.normInf(x), mu) : super.describe(why);
        }

        /** The current damping mu. */
        public double damping() {
            return mu;
        }

        /**
         * {@code x}, {@code mu}, {@code nu}, {@code iterations}, {@code evaluations}, {@code previous} (the value
         * before the last step) and, scaled, {@code diagonal} (D); a run restored from it is running.
         */
        @Override
        public Map<String, Tensor> state() {
            Map<String, Tensor> s = new LinkedHashMap<>();
            s.put("x", Tensor.of(x.clone(), n));
            s.put("mu", Tensor.scalar(mu));
            s.put("nu", Tensor.scalar(nu));
            s.put("iterations", Tensor.scalar(iterations));
            s.put("evaluations", Tensor.scalar(evaluations));
            s.put("previous", Tensor.scalar(previous));
            if (scaled) {
                s.put("diagonal", Tensor.of(diagonal.clone(), n));
            }
            return s;
        }
    }

    /** Builds a {@link LevenbergMarquardt}. */
    public static final class Builder {
        private StoppingCriteria stopping = new StoppingCriteria(0, 1e-15, 1e-15, 1000, Integer.MAX_VALUE);
        private double initialDamping = DEFAULT_INITIAL_DAMPING;
        private boolean scaled;

        private Builder() {
        }

        /** The stopping criteria (gradient, function and step tolerances, iteration and evaluation limits). */
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
         * The first damping: this times the largest diagonal element of {@code J^T J} with D the identity, this
         * itself with {@link #scaled} D; small (1e-6 .. 1e-3) near a solution, larger (1 ..) far from one.
         */
        public Builder initialDamping(double tau) {
            if (!(tau > 0) || !Double.isFinite(tau)) {
                throw new IllegalArgumentException("levenberg-marquardt: initial damping must be finite and > 0,"
                        + " got " + tau);
            }
            this.initialDamping = tau;
            return this;
        }

        /** Whether D is the running largest diagonal of {@code J^T J} (Moré) rather than the identity. */
        public Builder scaled(boolean scaled) {
            this.scaled = scaled;
            return this;
        }

        /** The minimiser. */
        public LevenbergMarquardt build() {
            return new LevenbergMarquardt(this);
        }
    }
}
