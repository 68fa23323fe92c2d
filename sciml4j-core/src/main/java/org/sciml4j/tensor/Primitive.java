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
     * Whether {@link #vjpAddInto} is this primitive's reverse rule where nothing is recorded: for a one-input
     * primitive whose cotangent is mostly zeros (a slice's: a few rows of g in a whole input of zeros).
     */
    boolean addsInto() {
        return false;
    }

    /**
     * The cotangent of input 0 added into {@code acc} in place (see {@link #addsInto}); {@code acc} (the input's
     * shape, row-major) belongs to the caller.
     */
    void vjpAddInto(double[] acc, Tensor g, Tensor[] in) {
        throw new UnsupportedOperationException(name() + ": no in-place reverse rule");
    }

    /**
     * Whether this application has a replay rule ({@link #recompute}); false by default: a primitive whose values
     * depend on anything but its inputs' values and its own fixed parameters has none, and a graph holding it is not
     * replayed ({@link Tape#of}).
     */
    boolean replays() {
        return false;
    }

    /**
     * The replay rule ({@link Tape}), where {@link #replays}: this application's values computed again into
     * {@code out}'s array from its inputs' current values, by the same kernels as its first evaluation (so the same
     * bits).
     */
    void recompute(Tensor out, Tensor[] in) {
        throw new UnsupportedOperationException(name() + ": no replay rule");
    }

    /**
     * {@code values} copied into {@code out}'s array (a replay rule whose kernel returns a new array); nothing to do
     * where they are that array already (an output that shares its input's array, or a kernel that wrote into it).
     */
    static void store(Tensor out, double[] values) {
        if (values != out.data) {
            System.arraycopy(values, 0, out.data, 0, out.data.length);
        }
    }

    /**
     * Jacobian-vector product: the tangent of the output given tangents of the inputs.
     *
     * @param t   one tangent per input (shape of that input), null where zero
     * @param out the output of this application
     * @param in  its inputs
     * @return the tangent of the output, shape of {@code out}; null if zero
     */
    abstract Tensor jvp(Tensor[] t, Tensor out, Tensor[] in);

    /**
     * Taylor rule ({@link Taylor}): the truncated Taylor coefficients of the output along several directions given
     * those of the inputs, in recorded tensor operations. Coefficients are stacked as {@link TaylorPlan} lays them
     * out: a stack of shape (R, *shape) holds coefficients 1..K of every direction; coefficient 0 is the primal.
     *
     * @param plan the layout of the stacks
     * @param c    per input its stack, shape (R, *input shape); null where the input does not move
     * @param out  the output of this application
     * @param in   its inputs
     * @return the output's stack, shape (R, *out shape) or one that broadcasts to it once lifted to the output's
     *         rank; null if zero
     * @throws NotDifferentiableException for a primitive without a Taylor rule
     */
    Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
        throw new NotDifferentiableException("operation '" + name() + "' has no Taylor-mode rule");
    }

    // ---------------------------------------------------------------- per-point Jacobians (Autodiff.jacobianRows)
    // A node is batched when it depends on the points (axis 0 indexes them). A batched node's per-point cotangent
    // has its own shape; an unbatched node's has shape (N, *its shape). Only where a rule would sum over the points
    // does a per-point rule differ from the ordinary one.

    /**
     * For a batched output: whether this application keeps the points apart (row i of the output depends on row i
     * of each batched input only). The default fits element-wise operations: every batched input has the output's
     * rank and its leading dimension.
     */
    boolean keepsRows(Tensor out, Tensor[] in, boolean[] batched) {
        for (int k = 0; k < in.length; k++) {
            if (batched[k] && (in[k].shape.length != out.shape.length || in[k].shape[0] != out.shape[0])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Per-point cotangents of the unbatched inputs marked in {@code need}, each of shape (N, *input shape). When
     * {@code outBatched} the cotangent {@code g} has the output's shape (row i belongs to point i); otherwise it has
     * shape (N, *output shape).
     */
    Tensor[] vjpRows(Tensor g, Tensor out, Tensor[] in, boolean[] need, boolean outBatched) {
        throw new UnsupportedOperationException("per-point Jacobian: operation '" + name()
                + "' on parameters (not on the points) is not supported");
    }
}
