package org.sciml4j.train;

import org.sciml4j.tensor.Tensor;

/**
 * Examples for supervised training: inputs and targets, row {@code i} of each belonging together. See
 * {@link ArrayDataset} for arrays in memory or read from an {@code .npz} file.
 */
public interface Dataset {

    /** Number of examples N. */
    int size();

    /** All inputs, shape (N, ...). */
    Tensor inputs();

    /** All targets, shape (N, ...). */
    Tensor targets();

    /** The inputs of the given rows, in that order, shape (rows.length, ...). */
    default Tensor inputs(int[] rows) {
        return gather(inputs(), rows);
    }

    /** The targets of the given rows, in that order, shape (rows.length, ...). */
    default Tensor targets(int[] rows) {
        return gather(targets(), rows);
    }

    /** Rows of {@code t} (shape (N, ...)), in the order given; a new tensor that records no graph. */
    static Tensor gather(Tensor t, int[] rows) {
        int n = t.size(0);
        int width = n == 0 ? 0 : t.numel() / n;
        double[] all = t.data();
        double[] out = new double[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= n) {
                throw new IndexOutOfBoundsException("row " + rows[i] + " of a data set of " + n + " rows");
            }
            System.arraycopy(all, rows[i] * width, out, i * width, width);
        }
        int[] shape = t.shape().clone();
        shape[0] = rows.length;
        return Tensor.wrap(out, shape);
    }
}
