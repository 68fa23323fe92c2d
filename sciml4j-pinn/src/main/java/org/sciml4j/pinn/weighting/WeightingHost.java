package org.sciml4j.pinn.weighting;

import java.util.List;

import org.sciml4j.optim.LeastSquares;
import org.sciml4j.pinn.Problem;
import org.sciml4j.tensor.Tensor;

/**
 * What the remedies of a {@link WeightingRun} need of the PINN objective they shape: its terms and their live
 * weights, evaluations, residual Jacobians, and its collocation points. Implemented by
 * {@link org.sciml4j.pinn.PinnObjective} for its own run only.
 */
public interface WeightingHost {

    /** The problem (variables and their ranges). */
    Problem problem();

    /** The loss terms' names: the equations first, then the conditions. */
    List<String> termNames();

    /** How many leading terms are equations. */
    int equationCount();

    /** The objective's term weights, which the remedies update in place. */
    double[] liveWeights();

    /** The trainable parameters. */
    List<Tensor> parameters();

    /** The loss terms at the current points and parameters, graph recorded, unweighted. */
    List<Tensor> evaluate();

    /** Every term's rows of scaled residuals and their Jacobian (M, P), as for Levenberg-Marquardt. */
    LeastSquares.Residuals residuals(boolean withJacobian);

    /** Per term, its rows in the last {@link #residuals} call. */
    int[] termRows();

    /** All current collocation points, shape (N, variables). */
    Tensor collocation();

    /** Appends {@code added} (K, variables) to the collocation points, which the objective evaluates from then on. */
    void growCollocation(Tensor added);

    /** {@code count} candidate points of the domain from the collocation sampler (pseudo-random for a grid). */
    Tensor candidates(int count, long seed);

    /** The Euclidean norm over the equations of their residuals at each of {@code points}, length M. */
    double[] residualNorms(Tensor points, int epoch);
}
