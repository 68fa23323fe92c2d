package org.sciml4j.inference.flow;

import org.sciml4j.tensor.Tensor;

/**
 * The scale of an affine flow step as nflows parametrises it, {@code scale = sigmoid(u + 2) + 1e-3}: positive,
 * bounded (at most 1.001, so one step cannot blow up) and 0.88 at u = 0, which keeps early training stable.
 */
final class AffineScale {
    static final double MIN_SCALE = 1e-3;

    private AffineScale() {
    }

    /** u (N, D) to the scale (N, D). */
    static Tensor of(Tensor u) {
        return u.add(2).sigmoid().add(MIN_SCALE);
    }

    /** The same on one value, for sequential inversion outside the graph. */
    static double of(double u) {
        return 1 / (1 + Math.exp(-(u + 2))) + MIN_SCALE;
    }
}
