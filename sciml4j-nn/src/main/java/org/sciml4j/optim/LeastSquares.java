package org.sciml4j.optim;

import java.util.Objects;

/**
 * A vector of residuals r(x) of a flat parameter vector x, with its Jacobian: the input of
 * {@link LevenbergMarquardt}, which minimises the sum of squares {@code sum_i r_i(x)^2}.
 */
@FunctionalInterface
public interface LeastSquares {

    /**
     * Evaluates the residuals and, if asked, their Jacobian.
     *
     * @param x            the point, length n (must not be modified or retained)
     * @param withJacobian whether to compute the Jacobian as well
     * @return the residuals at {@code x}, with the Jacobian if {@code withJacobian}
     */
    Residuals evaluate(double[] x, boolean withJacobian);

    /**
     * Residuals at one point.
     *
     * @param values   r, length m
     * @param jacobian dr_i / dx_j at {@code (i * n + j)}: the (m, n) Jacobian row-major; null when not computed
     */
    record Residuals(double[] values, double[] jacobian) {
        /** Checks that the Jacobian has whole rows. */
        public Residuals {
            Objects.requireNonNull(values, "values");
            if (jacobian != null && (values.length == 0 ? jacobian.length != 0
                    : jacobian.length % values.length != 0)) {
                throw new IllegalArgumentException("a Jacobian of " + jacobian.length + " entries does not have "
                        + values.length + " whole rows");
            }
        }

        /** The sum of squares {@code sum_i r_i^2}, the value minimised. */
        public double sumOfSquares() {
            double s = 0;
            for (double v : values) {
                s += v * v;
            }
            return s;
        }
    }
}
