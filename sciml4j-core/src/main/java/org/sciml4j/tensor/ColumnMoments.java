package org.sciml4j.tensor;

/**
 * The mean and the sample standard deviation (divisor n - 1) of each column of N rows: the statistics behind every
 * fixed z-scoring in the project (sbi's per-column standardisation in inference, neuraloperator's pointwise
 * normaliser in operators), computed in one place so both round alike.
 *
 * @param mean per column
 * @param sd   per column, the sample sd (0 for a constant column; with one row, the deviations over a divisor of 1)
 */
public record ColumnMoments(double[] mean, double[] sd) {

    /**
     * The moments of {@code rows (N, ...)} over axis 0, a column being one position of the remaining axes (row-major).
     *
     * @throws IllegalArgumentException for a tensor of rank 0 or without rows
     */
    public static ColumnMoments of(Tensor rows) {
        if (rows.rank() < 1 || rows.size(0) < 1) {
            throw new IllegalArgumentException("column moments need at least one row, got shape "
                    + Shape.str(rows.shape()));
        }
        int n = rows.size(0);
        double[] v = rows.data();
        int d = v.length / n;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += v[i * d + j] / n;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double e = v[i * d + j] - mean[j];
                sd[j] += e * e / Math.max(1, n - 1);
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(sd[j]);
        }
        return new ColumnMoments(mean, sd);
    }
}
