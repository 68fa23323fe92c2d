package org.sciml4j.inference.flow;

import java.util.List;
import org.sciml4j.tensor.Tensor;

/**
 * One invertible transform of a normalising flow, in the density direction: {@link #forward} maps data towards the
 * base distribution and gives the log absolute Jacobian determinant per sample; {@link #inverse} maps back (used for
 * sampling, without a graph). Both may depend on a context (the conditioning variable x of q(theta | x)).
 */
public interface FlowLayer {

    /**
     * @param x       points, shape (N, D)
     * @param context context rows, shape (N, C), or null for an unconditional flow
     * @return the transformed points (N, D) and log |det dz/dx| per row, shape (N,)
     */
    Transformed forward(Tensor x, Tensor context);

    /**
     * The inverse map, evaluated without recording a graph.
     *
     * @param z       points in the base direction, shape (N, D)
     * @param context context rows, shape (N, C), or null
     * @return x with forward(x).z() == z, shape (N, D)
     */
    Tensor inverse(Tensor z, Tensor context);

    /** The trainable parameters (leaves with requireGrad), in a fixed order; empty for a fixed transform. */
    List<Tensor> parameters();

    /** A transformed batch and its log absolute Jacobian determinant per row (shape (N,)). */
    record Transformed(Tensor z, Tensor logDet) {
    }
}
