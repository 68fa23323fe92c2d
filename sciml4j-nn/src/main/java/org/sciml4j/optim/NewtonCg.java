package org.sciml4j.optim;

import java.util.Map;
import java.util.Objects;
import org.sciml4j.tensor.Tensor;

/**
 * Newton-CG, also called truncated Newton or Hessian-free optimisation, with a Steihaug-Toint trust region: each
 * iteration solves the Newton system {@code B p = -g} approximately by conjugate gradients, using only products
 * {@code B v} (never the (n, n) matrix), stops the CG at the trust-region boundary, at a direction of negative
 * curvature (then it follows that direction to the boundary), or when the residual falls below
 * {@code min(0.5, sqrt(|g|)) |g|} (a superlinear forcing rule); the step is taken when the actual decrease is at
 * least {@code 1e-4} of the model's, and the radius shrinks (ratio below 1/4) or doubles (ratio above 3/4 with the
 * step on the boundary).
 * <p>
 * The curvature B comes from a {@link CurvatureObjective}: the exact Hessian by forward-over-reverse
 * ({@link HessianVectorProducts}, the Hessian-free method), or the Gauss-Newton matrix {@code 2 J^T J} of a sum of
 * squares by {@code J v} and {@code J^T w} ({@link GaussNewtonProducts}; {@link #leastSquares()} runs it on a
 * {@link LeastSquares} problem). A plain {@link Objective} gets finite differences of its gradient
 * ({@link FiniteDifferenceCurvature}). Memory is a few vectors of length n, so it suits networks too large for a
 * dense n x n matrix (SSBroyden, natural gradient); the cost of an iteration is one expansion (value, gradient,
 * curvature graph) plus at most {@code cgIterations} products, each a small multiple of one gradient.
 * <p>
 * A run's state ({@link SteppingMinimizer.Run#state()}) holds {@code x}, {@code radius}, {@code iterations},
 * {@code evaluations}, {@code previous_value}, {@code step_norm}, {@code cg_total} and {@code termination}; a
 * restored run evaluates the objective at x again (not counted) and continues with the same bits. Immutable and
 * shareable.
 */
public final class NewtonCg implements SteppingMinimizer {
    private final StoppingCriteria stopping;
    private final int cgIterations;
    private final double initialRadius;
    private final double maxRadius;

    private NewtonCg(Builder b) {
        this.stopping = b.stopping;
        this.cgIterations = b.cgIterations;
        this.initialRadius = b.initialRadius;
        this.maxRadius = b.maxRadius;
    }

    /** A builder starting from {@link StoppingCriteria#defaults()}, 100 CG iterations, radius 1 (at most 1e8). */
    public static Builder builder() {
        return new Builder();
    }

    /** The stopping rules. */
    public StoppingCriteria stopping() {
        return stopping;
    }

    /** The most CG iterations (curvature products) per Newton iteration. */
    public int cgIterations() {
        return cgIterations;
    }

    /** The first trust-region radius (Euclidean norm of a step). */
    public double initialRadius() {
        return initialRadius;
    }

    /** The largest trust-region radius. */
    public double maxRadius() {
        return maxRadius;
    }

    @Override
    public Result minimize(Objective f, double[] x0, IterationListener listener) {
        Run run = start(f, x0);
        while (run.step()) {
            if (listener != null && !listener.iteration(run.iterations(), run.value(), run.gradientNorm())) {
                run.stop(Termination.STOPPED_BY_LISTENER);
            }
        }
        return run.result();
    }

    @Override
    public Run start(Objective f, double[] x0) {
        return NewtonCgRun.start(this, FiniteDifferenceCurvature.of(f), x0);
    }

    @Override
    public Run restore(Objective f, Map<String, Tensor> state) {
        return NewtonCgRun.restore(this, FiniteDifferenceCurvature.of(f), state);
    }

    /**
     * This method on the Gauss-Newton curvature of a sum of squares, {@code 2 J^T J} applied through the problem's
     * Jacobian as {@code J^T (J v)} ({@link GaussNewtonProducts#of(LeastSquares)}), named {@code "newton-cg"}.
     */
    public LeastSquaresMinimizer leastSquares() {
        return new LeastSquaresMinimizer() {
            @Override
            public String name() {
                return "newton-cg";
            }

            @Override
            public Run start(LeastSquares f, double[] x0) {
                return NewtonCgRun.start(NewtonCg.this, GaussNewtonProducts.of(f), x0);
            }

            @Override
            public Run restore(LeastSquares f, Map<String, Tensor> state) {
                return NewtonCgRun.restore(NewtonCg.this, GaussNewtonProducts.of(f), state);
            }
        };
    }

    @Override
    public String toString() {
        return "NewtonCg[" + stopping + ", cgIterations=" + cgIterations + ", radius=" + initialRadius + " (max "
                + maxRadius + ")]";
    }

    /** Builder of {@link NewtonCg}. */
    public static final class Builder {
        private StoppingCriteria stopping = StoppingCriteria.defaults();
        private int cgIterations = 100;
        private double initialRadius = 1;
        private double maxRadius = 1e8;

        private Builder() {
        }

        /** All stopping rules at once. */
        public Builder stopping(StoppingCriteria s) {
            this.stopping = Objects.requireNonNull(s, "stopping");
            return this;
        }

        /** The iteration limit (taken steps). */
        public Builder maxIterations(int n) {
            stopping = stopping.withMaxIterations(n);
            return this;
        }

        /** The limit on expansions (value, gradient and curvature evaluations). */
        public Builder maxEvaluations(int n) {
            stopping = stopping.withMaxEvaluations(n);
            return this;
        }

        /** Stop when the largest absolute gradient component is at most this. */
        public Builder gradientTolerance(double tol) {
            stopping = stopping.withGradientTolerance(tol);
            return this;
        }

        /** Stop when a step changes the value by at most this relative amount (0: only an unchanged value). */
        public Builder functionTolerance(double tol) {
            stopping = stopping.withFunctionTolerance(tol);
            return this;
        }

        /** Stop when the largest step component is at most this times the largest component of x. */
        public Builder stepTolerance(double tol) {
            stopping = stopping.withStepTolerance(tol);
            return this;
        }

        /**
         * The most CG iterations per Newton iteration (default 100).
         *
         * @throws IllegalArgumentException if below 1
         */
        public Builder cgIterations(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("NewtonCg: cg_iterations must be >= 1, got " + n);
            }
            this.cgIterations = n;
            return this;
        }

        /**
         * The first trust-region radius (default 1) and the largest (default 1e8).
         *
         * @throws IllegalArgumentException if not finite, {@code 0 < initial <= max}
         */
        public Builder radius(double initial, double max) {
            if (!(initial > 0) || !(max >= initial) || Double.isInfinite(max)) {
                throw new IllegalArgumentException("NewtonCg: the trust radius must satisfy 0 < radius <= max_radius"
                        + " < infinity, got " + initial + " and " + max);
            }
            this.initialRadius = initial;
            this.maxRadius = max;
            return this;
        }

        /** The minimiser. */
        public NewtonCg build() {
            return new NewtonCg(this);
        }
    }
}
