package org.sciml4j.train;

import org.sciml4j.optim.LeastSquares;

/**
 * An {@link Objective} whose weighted total is a sum of squares of residuals, so that Gauss-Newton and
 * Levenberg-Marquardt phases ({@link Phase#levenbergMarquardt}) can train it. Each residual row is scaled so that
 * {@code sum_i r_i^2} equals the weighted total {@code sum_k weights()[k] * loss().get(k)} (to rounding): a term that
 * is the mean square of N values with weight w contributes those values times {@code sqrt(w / N)}.
 */
public interface LeastSquaresObjective extends Objective {

    /**
     * The weighted residuals at the current parameters and points and, if asked, their Jacobian with respect to
     * {@link #parameters()}: columns in parameter order, each parameter's elements row-major.
     *
     * @return values of shape (M), and a Jacobian (M, P) row-major, P the number of parameter elements
     */
    LeastSquares.Residuals residuals(boolean withJacobian);

    /**
     * Each term's unweighted value (in {@link #termNames()} order) from residuals {@code at} that the last
     * {@link #residuals} call returned, so that a least-squares phase logs the terms without evaluating them again;
     * null when they cannot be recovered from the residuals (then the trainer evaluates {@link #loss()}).
     */
    default double[] termValues(LeastSquares.Residuals at) {
        return null;
    }
}
