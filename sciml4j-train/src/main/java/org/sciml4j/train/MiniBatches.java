package org.sciml4j.train;

import org.sciml4j.tensor.Rng;

/**
 * Which examples each epoch sees: the examples are shuffled once per pass with a seeded permutation and cut into
 * batches of {@code batchSize} (the last one of a pass may be smaller); epoch {@code e} (from 1) takes batch
 * {@code (e - 1) mod B} of pass {@code (e - 1) / B}, B the batches per pass. The batch follows from the seed and the
 * epoch alone, so a resumed run sees the same batches without saving anything.
 */
public final class MiniBatches {
    private final int size;
    private final int batchSize;
    private final long seed;
    private int pass = -1;
    private int[] permutation;

    /**
     * @param size      number of examples
     * @param batchSize examples per batch; 0, or at least {@code size}: every epoch takes all, in order
     * @param seed      seeds the permutations
     */
    public MiniBatches(int size, int batchSize, long seed) {
        if (size < 1 || batchSize < 0) {
            throw new IllegalArgumentException("mini-batches need >= 1 example and a batch size >= 0, got " + size
                    + " examples and batch size " + batchSize);
        }
        this.size = size;
        this.batchSize = batchSize == 0 ? size : Math.min(batchSize, size);
        this.seed = seed;
    }

    /** Whether every batch is the whole set. */
    public boolean fullBatch() {
        return batchSize == size;
    }

    /** Batches per pass over the examples. */
    public int batchesPerPass() {
        return (size + batchSize - 1) / batchSize;
    }

    /** The example indices of epoch {@code epoch} (from 1). */
    public int[] rows(int epoch) {
        if (epoch < 1) {
            throw new IllegalArgumentException("epochs count from 1, got " + epoch);
        }
        if (fullBatch()) {
            int[] all = new int[size];
            for (int i = 0; i < size; i++) {
                all[i] = i;
            }
            return all;
        }
        int p = (epoch - 1) / batchesPerPass();
        int b = (epoch - 1) % batchesPerPass();
        if (p != pass) {
            permutation = new Rng(seed + p).permutation(size);
            pass = p;
        }
        int from = b * batchSize;
        int to = Math.min(size, from + batchSize);
        int[] rows = new int[to - from];
        System.arraycopy(permutation, from, rows, 0, rows.length);
        return rows;
    }
}
