package org.sciml4j.optim;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Shape;
import org.sciml4j.tensor.Tensor;

/**
 * The Gauss-Newton curvature of a sum of squares {@code f(x) = sum_i r_i(x)^2}: {@code B = 2 J^T J}, applied as
 * {@code 2 J^T (J v)} without forming {@code J^T J}. {@link #objective} is matrix-free (J v by forward mode, J^T w by
 * reverse mode on one recorded graph of the residuals, each about one gradient's cost, the (M, P) Jacobian never
 * formed); {@link #of(LeastSquares)} uses a dense Jacobian that the problem already gives, at O(M P) per product
 * instead of the O(M P^2) of {@code J^T J}.
 * <p>
 * The value and gradient are exact ({@code sum r^2} and {@code 2 J^T r}); B is positive semi-definite, so
 * {@link NewtonCg} on it never meets negative curvature.
 */
public final class GaussNewtonProducts {
    private GaussNewtonProducts() {
    }

    /** The residuals at one point with matrix-free products with their (m, n) Jacobian. */
    public interface Linearization extends CurvatureObjective.Expansion {
        /** The residuals r, length m (a copy). */
        double[] residuals();

        /** Writes {@code J v} (length m) for {@code v} of length n. */
        void jacobianTimes(double[] v, double[] out);

        /** Writes {@code J^T w} (length n) for {@code w} of length m. */
        void jacobianTransposeTimes(double[] w, double[] out);

        /** {@code 2 J^T (J v)}: the Gauss-Newton matrix of {@code sum r^2} times v. */
        @Override
        default void times(double[] v, double[] out) {
            double[] jv = new double[residuals().length];
            jacobianTimes(v, jv);
            jacobianTransposeTimes(jv, out);
            for (int i = 0; i < out.length; i++) {
                out[i] *= 2;
            }
        }
    }

    /**
     * A matrix-free Gauss-Newton objective over the flattened parameters ({@link ParameterVector}'s layout).
     *
     * @param residuals builds the residual tensor (any shape, m elements) from the current parameter values
     * @param params    leaf parameters ({@link Tensor#requireGrad()}), in a fixed order
     * @return an objective whose {@code expand} returns a {@link Linearization}
     */
    public static CurvatureObjective objective(Supplier<Tensor> residuals, List<Tensor> params) {
        Objects.requireNonNull(residuals, "residuals");
        List<Tensor> ps = HessianVectorProducts.leaves("GaussNewtonProducts.objective", params);
        int n = ParameterVector.size(ps);
        return new CurvatureObjective() {
            @Override
            public double valueAndGradient(double[] x, double[] gradientOut) {
                return expand(x, gradientOut).value();
            }

            @Override
            public Linearization expand(double[] x, double[] gradientOut) {
                HessianVectorProducts.checkLengths(n, x, gradientOut);
                ParameterVector.set(ps, x);
                Tensor r;
                try (Autodiff.Scope scope = Autodiff.enableGrad()) {
                    r = residuals.get();
                }
                Linearization at = new TensorLinearization(r.reshape(-1), ps, n);
                double[] values = at.residuals();
                double[] twiceR = new double[values.length];
                double sum = 0;
                for (int i = 0; i < values.length; i++) {
                    sum += values[i] * values[i];
                    twiceR[i] = 2 * values[i];
                }
                at.jacobianTransposeTimes(twiceR, gradientOut);
                double value = sum;
                return new Linearization() {
                    @Override
                    public double value() {
                        return value;
                    }

                    @Override
                    public double[] residuals() {
                        return values.clone();
                    }

                    @Override
                    public void jacobianTimes(double[] v, double[] out) {
                        at.jacobianTimes(v, out);
                    }

                    @Override
                    public void jacobianTransposeTimes(double[] w, double[] out) {
                        at.jacobianTransposeTimes(w, out);
                    }
                };
            }
        };
    }

    /**
     * A Gauss-Newton objective on a {@link LeastSquares} problem's dense Jacobian: products {@code J v} and
     * {@code J^T w} by loops over its rows (O(m n) each).
     */
    public static CurvatureObjective of(LeastSquares f) {
        Objects.requireNonNull(f, "f");
        return new CurvatureObjective() {
            @Override
            public double valueAndGradient(double[] x, double[] gradientOut) {
                return expand(x, gradientOut).value();
            }

            @Override
            public Linearization expand(double[] x, double[] gradientOut) {
                LeastSquares.Residuals at = f.evaluate(x, true);
                double[] r = at.values().clone();
                double[] jac = at.jacobian();
                int m = r.length;
                int n = x.length;
                if (jac == null || jac.length != (long) m * n || gradientOut.length != n) {
                    throw new IllegalArgumentException("GaussNewtonProducts: expected an (" + m + ", " + n
                            + ") Jacobian and a gradient of length " + n);
                }
                Linearization lin = new DenseLinearization(r, jac.clone(), n);
                double[] twiceR = new double[m];
                for (int i = 0; i < m; i++) {
                    twiceR[i] = 2 * r[i];
                }
                lin.jacobianTransposeTimes(twiceR, gradientOut);
                return lin;
            }
        };
    }

    /** Products with a dense row-major (m, n) Jacobian. */
    private record DenseLinearization(double[] r, double[] jac, int n) implements Linearization {
        @Override
        public double value() {
            return QuasiNewton.dot(r, r);
        }

        @Override
        public double[] residuals() {
            return r.clone();
        }

        @Override
        public void jacobianTimes(double[] v, double[] out) {
            System.arraycopy(NormalEquations.times(jac, v, r.length), 0, out, 0, r.length);
        }

        @Override
        public void jacobianTransposeTimes(double[] w, double[] out) {
            System.arraycopy(NormalEquations.transposeTimes(jac, w, n), 0, out, 0, n);
        }
    }

    /** Products through one recorded graph of the residuals: forward mode for J v, reverse mode for J^T w. */
    private record TensorLinearization(Tensor r, List<Tensor> ps, int n) implements Linearization {
        private TensorLinearization {
            if (!r.isTracked()) {
                throw new IllegalArgumentException("GaussNewtonProducts: the residuals of shape "
                        + Shape.str(r.shape()) + " do not depend on the parameters");
            }
        }

        @Override
        public double value() {
            double[] v = r.data();
            return QuasiNewton.dot(v, v);
        }

        @Override
        public double[] residuals() {
            return r.toArray();
        }

        @Override
        public void jacobianTimes(double[] v, double[] out) {
            Tensor jv;
            try (Autodiff.Scope scope = Autodiff.noGrad()) {
                jv = Autodiff.jvp(r, ps, HessianVectorProducts.split(v, ps));
            }
            System.arraycopy(jv.data(), 0, out, 0, out.length);
        }

        @Override
        public void jacobianTransposeTimes(double[] w, double[] out) {
            List<Tensor> g = Autodiff.grad(r, ps, Tensor.of(w.clone(), r.shape()), false);
            System.arraycopy(HessianVectorProducts.flat(g).data(), 0, out, 0, n);
        }
    }
}
