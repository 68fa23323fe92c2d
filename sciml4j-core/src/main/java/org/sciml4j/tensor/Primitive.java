package org.sciml4j.tensor;

/**
 * A primitive operation with its two derivative rules, written in differentiable tensor operations so that
 * reverse over reverse, forward over forward and any mix of them work to any order.
 * <p>
 * Each primitive is a small immutable object holding its static parameters (axes, shapes, indices).
 */
abstract class Primitive {
    /** Name used in error messages. */
    abstract String name();

    /**
     * Vector-Jacobian product: the cotangents of the inputs given the cotangent {@code g} of the output.
     *
     * @param g    cotangent, shape of {@code out}
     * @param out  the output of this application
     * @param in   its inputs
     * @param need which inputs need a cotangent; the others may be left null
     * @return one cotangent per input (shape of that input), null where zero or not needed
     */
    abstract Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need);

    /**
     * Jacobian-vector product: the tangent of the output given tangents of the inputs.
     *
     * @param t   one tangent per input (shape of that input), null where zero
     * @param out the output of this application
     * @param in  its inputs
     * @return the tangent of the output, shape of {@code out}; null if zero
     */
    abstract Tensor jvp(Tensor[] t, Tensor out, Tensor[] in);
}
