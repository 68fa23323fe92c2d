package org.sciml4j.optim;

import org.sciml4j.tensor.Tensor;

import java.util.List;

/**
 * Gradient clipping, in place on the gradients' storage (they are fresh tensors from
 * {@link org.sciml4j.tensor.Autodiff#grad}, owned by the caller).
 */
public final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * Rescales the gradients so that their global Euclidean norm is at most {@code maxNorm}, as
     * {@code torch.nn.utils.clip_grad_norm_}: the norm is the norm of the per-tensor norms, and when
     * {@code maxNorm / (norm + 1e-6) < 1} every entry is multiplied by that factor.
     * <p>
     * A non-finite norm leaves the gradients unchanged (PyTorch would fill them with NaN); the optimiser's step
     * then reports the divergence.
     *
     * @return the global norm before clipping
     */
    public static double clipByNorm(List<Tensor> grads, double maxNorm) {
        if (!(maxNorm >= 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("clipByNorm: maxNorm must be finite and >= 0, got " + maxNorm);
        }
        double total = globalNorm(grads);
        if (!Double.isFinite(total)) {
            return total;
        }
        double coef = maxNorm / (total + 1e-6);
        if (coef < 1) {
            for (Tensor g : grads) {
                double[] d = g.data();
                for (int j = 0; j < d.length; j++) {
                    d[j] *= coef;
                }
            }
        }
        return total;
    }

    /**
     * Clamps every gradient entry to {@code [-clipValue, clipValue]}, as {@code torch.nn.utils.clip_grad_value_}.
     * NaN entries stay NaN.
     */
    public static void clipByValue(List<Tensor> grads, double clipValue) {
        if (!(clipValue >= 0)) {
            throw new IllegalArgumentException("clipByValue: clipValue must be >= 0, got " + clipValue);
        }
        for (Tensor g : grads) {
            double[] d = g.data();
            for (int j = 0; j < d.length; j++) {
                double v = d[j];
                if (v > clipValue) {
                    d[j] = clipValue;
                } else if (v < -clipValue) {
                    d[j] = -clipValue;
                }
            }
        }
    }

    /**
     * The global Euclidean norm of a list of tensors, computed as PyTorch does for clipping: the Euclidean norm of
     * the per-tensor Euclidean norms. Sums of squares that would overflow or underflow are rescaled.
     */
    public static double globalNorm(List<Tensor> tensors) {
        double[] norms = new double[tensors.size()];
        for (int i = 0; i < norms.length; i++) {
            norms[i] = norm2(tensors.get(i).data());
        }
        return norm2(norms);
    }

    /** Euclidean norm of an array, rescaling when the plain sum of squares overflows or underflows. */
    static double norm2(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        if (Double.isNaN(s) || s > 1e-290 && s <= Double.MAX_VALUE) {
            return Math.sqrt(s);
        }
        double max = 0; // s is 0, tiny or infinite: rescale by the largest magnitude
        for (double v : a) {
            max = Math.max(max, Math.abs(v));
        }
        if (max == 0 || Double.isInfinite(max)) {
            return max;
        }
        double t = 0;
        for (double v : a) {
            double x = v / max;
            t += x * x;
        }
        return max * Math.sqrt(t);
    }
}
