package org.sciml4j.inference.flow;

import org.sciml4j.tensor.Tensor;

/**
 * The scale of an affine flow step, {@code scale = softplus(u + c) + 1e-3} with c = log(e^0.999 - 1), so that
 * scale = 1 at u = 0 (each step starts as the identity) and may both shrink (down to 1e-3) and grow. nflows'
 * coupling step uses {@code sigmoid(u + 2) + 1e-3}, which can only shrink in the density direction: a stack of such
 * steps cannot make a z-scored posterior narrower than the prior, which is what NPE needs.
 */
final class AffineScale {
    static final double MIN_SCALE = 1e-3;
    private static final double OFFSET = Math.log(Math.exp(1 - MIN_SCALE) - 1);

    private AffineScale() {
    }

    /** u (N, D) to the scale (N, D). */
    static Tensor of(Tensor u) {
        return u.add(OFFSET).softplus().add(MIN_SCALE);
    }

    /** The same on one value, for sequential inversion outside the graph. */
    static double of(double u) {
        double v = u + OFFSET;
        return (v > 30 ? v : Math.log1p(Math.exp(v))) + MIN_SCALE;
    }
}
