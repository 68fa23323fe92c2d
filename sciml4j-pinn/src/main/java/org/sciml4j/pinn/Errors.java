package org.sciml4j.pinn;

import org.sciml4j.tensor.Tensor;

/**
 * Errors of a prediction against reference values, over all entries: absolute = RMS(pred - true), relative =
 * absolute / RMS(true) (the tutorial's metrics; relative is the L2 relative error).
 *
 * @param absolute RMS of the difference
 * @param relative absolute over the RMS of the reference (infinite when the reference is all zero)
 */
public record Errors(double absolute, double relative) {

    /**
     * Compares a prediction with reference values of the same number of entries.
     *
     * @param predicted e.g. (N, fields)
     * @param truth     the same number of entries, e.g. (N, fields) or (N,) for one field
     * @throws IllegalArgumentException if the sizes differ or there is nothing to compare
     */
    public static Errors of(Tensor predicted, Tensor truth) {
        if (predicted.numel() != truth.numel() || truth.numel() == 0) {
            throw new IllegalArgumentException("cannot compare " + java.util.Arrays.toString(predicted.shape())
                    + " predicted values with " + java.util.Arrays.toString(truth.shape()) + " reference values");
        }
        double[] p = predicted.toArray();
        double[] t = truth.toArray();
        double sq = 0;
        double sqTrue = 0;
        for (int i = 0; i < p.length; i++) {
            sq += (p[i] - t[i]) * (p[i] - t[i]);
            sqTrue += t[i] * t[i];
        }
        double abs = Math.sqrt(sq / p.length);
        return new Errors(abs, abs / Math.sqrt(sqTrue / p.length));
    }
}
