package org.sciml4j.operators.fit;

import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.MiniBatches;

/**
 * The training functions one step takes, for the operator objectives: a seeded mini-batch of rows per step
 * ({@link MiniBatches}), or every row in order (batch 0, or the Trainer's full-batch phases), in which case
 * {@link #select} hands the data back without a gather.
 */
final class FunctionBatches {
    private final MiniBatches batches;
    private final int size;
    private int[] rows; // null: every row, in order

    /**
     * @param size  training functions
     * @param batch functions per step (0: all)
     * @param seed  seeds the shuffles
     */
    FunctionBatches(int size, int batch, long seed) {
        this.batches = new MiniBatches(size, batch, seed);
        this.size = size;
        beforeEpoch(1);
    }

    /** Steps per pass over the training functions. */
    int stepsPerPass() {
        return batches.batchesPerPass();
    }

    /** Takes the batch of step {@code epoch} (from 1). */
    void beforeEpoch(int epoch) {
        rows = batches.fullBatch() ? null : batches.rows(epoch);
    }

    /** Takes every function, in order. */
    void fullBatch() {
        rows = null;
    }

    /** The current rows of {@code data (size, ...)}: {@code (count(), ...)}. */
    Tensor select(Tensor data) {
        return rows == null ? data : data.indexSelect(0, rows);
    }

    /** How many functions the current step takes. */
    int count() {
        return rows == null ? size : rows.length;
    }
}
