package org.sciml4j.optim;

/**
 * An {@link Objective} that also gives, at a point, its curvature as a matrix-free operator: the Hessian (by
 * forward-over-reverse differentiation, {@link HessianVectorProducts}) or a Gauss-Newton matrix (for a sum of
 * squares, {@link GaussNewtonProducts}), the input of {@link NewtonCg}. Only products with the matrix are needed,
 * never the matrix itself, so the cost per product is a small multiple of one gradient.
 */
public interface CurvatureObjective extends Objective {

    /**
     * Evaluates the value and gradient at {@code x} and prepares products with the curvature matrix there.
     *
     * @param x           the point, length n (must not be modified or retained)
     * @param gradientOut receives the gradient at {@code x}, length n
     * @return the value at {@code x} and the curvature operator at {@code x}, valid until the next call on this
     *         objective
     */
    Expansion expand(double[] x, double[] gradientOut);

    /** The value at a point and a symmetric (n, n) curvature matrix there, given by its products with vectors. */
    interface Expansion {
        /** The objective value at the point. */
        double value();

        /**
         * Writes {@code B v} into {@code out}: B the Hessian or its Gauss-Newton approximation at the point.
         *
         * @param v   a direction, length n (not modified)
         * @param out receives the product, length n
         */
        void times(double[] v, double[] out);
    }
}
