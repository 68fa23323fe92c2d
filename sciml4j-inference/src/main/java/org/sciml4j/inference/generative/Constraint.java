package org.sciml4j.inference.generative;

import org.sciml4j.tensor.Tensor;

/**
 * One equality constraint R(u) = 0 on a discretised field u, evaluated for a batch of fields at once with engine
 * operations, so that its Jacobian comes from {@link org.sciml4j.tensor.Autodiff}.
 */
public interface Constraint {

    /** The constraint's name, e.g. {@code mass}. */
    String name();

    /** The value the constrained quantity must take (R(u) = Q(u) - target). */
    double target();

    /** Whether R is affine in u (a single Gauss-Newton step then satisfies it to rounding). */
    boolean linear();

    /**
     * The residual of each field.
     *
     * @param u fields, shape (B, n)
     * @return residuals, shape (B,)
     */
    Tensor residual(Tensor u);
}
