package org.sciml4j.inference.flow;

import java.util.Arrays;
import org.sciml4j.tensor.ColumnMoments;
import org.sciml4j.tensor.Tensor;

/**
 * Per-column z-scoring {@code (v - mean) / sd} with statistics fixed from training data (sbi's
 * {@code z_score_theta/x = "independent"}); a column with sd below 1e-14 is only centred. As a flow layer its
 * log |det| is {@code -sum log sd}, a constant.
 *
 * @param mean per column, length D
 * @param sd   per column, length D, > 0
 */
public record Standardization(double[] mean, double[] sd) {

    /** Checks the lengths and makes the sds positive. */
    public Standardization {
        if (mean.length != sd.length) {
            throw new IllegalArgumentException("mean and sd lengths differ: " + mean.length + " vs " + sd.length);
        }
        mean = mean.clone();
        sd = sd.clone();
        for (int j = 0; j < sd.length; j++) {
            if (!(sd[j] > 1e-14)) {
                sd[j] = 1;
            }
        }
    }

    /** The identity on D columns. */
    public static Standardization identity(int columns) {
        double[] ones = new double[columns];
        Arrays.fill(ones, 1);
        return new Standardization(new double[columns], ones);
    }

    /** Mean and sample sd (n - 1) of each column of {@code rows} (shape (N, D), N >= 2). */
    public static Standardization fit(Tensor rows) {
        ColumnMoments m = ColumnMoments.of(rows);
        return new Standardization(m.mean(), m.sd());
    }

    /** Number of columns. */
    public int columns() {
        return mean.length;
    }

    /** (N, D) to the z-scored (N, D), recording a graph when v is tracked. */
    public Tensor apply(Tensor v) {
        return v.sub(Tensor.of(mean, mean.length)).div(Tensor.of(sd, sd.length));
    }

    /** The z-scored (N, D) back to the original scale. */
    public Tensor invert(Tensor z) {
        return z.mul(Tensor.of(sd, sd.length)).add(Tensor.of(mean, mean.length));
    }

    /** log |det| of {@link #apply}: {@code -sum_j log sd_j}. */
    public double logDet() {
        double s = 0;
        for (double v : sd) {
            s -= Math.log(v);
        }
        return s;
    }
}
