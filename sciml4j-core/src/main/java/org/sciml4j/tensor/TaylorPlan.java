package org.sciml4j.tensor;

import java.util.Arrays;

/**
 * The layout of stacked truncated Taylor coefficients along several directions at once. A tensor of shape S carries
 * its coefficients 1..K (coefficient k is D_v^k x / k! along direction v) in one <em>stack</em> of shape
 * (R, *S): block k holds {@code rows[k]} rows, one per direction that needs order k, and the directions are ordered
 * by decreasing order, so row d of block k and row d of block j &lt; k belong to the same direction. Coefficient 0 is
 * the tensor itself (the recorded primal value), which broadcasts against any block.
 * <p>
 * Stacking lets a linear primitive (matmul, reshape, sum, ...) run once on all coefficients of all directions: an
 * MLP's matmul on (R N, k) rows.
 */
final class TaylorPlan {
    /** The highest order K. */
    final int order;
    /** rows[k] for k = 1..K: directions that need order k or more (rows[0] unused); non-increasing. */
    final int[] rows;
    /** start[k]: first row of block k in a stack. */
    final int[] start;
    /** R: all rows of a stack. */
    final int total;

    /**
     * @param orders per direction, its highest order (at least 1), non-increasing
     */
    TaylorPlan(int[] orders) {
        int k = 0;
        for (int i = 0; i < orders.length; i++) {
            if (orders[i] < 1 || (i > 0 && orders[i] > orders[i - 1])) {
                throw new IllegalArgumentException("Taylor plan: orders must be at least 1 and non-increasing, got "
                        + Arrays.toString(orders));
            }
            k = Math.max(k, orders[i]);
        }
        order = k;
        rows = new int[k + 1];
        start = new int[k + 2];
        for (int j = 1; j <= k; j++) {
            for (int o : orders) {
                rows[j] += o >= j ? 1 : 0;
            }
            start[j + 1] = start[j] + rows[j];
        }
        total = start[k + 1];
    }

    /** A single direction up to order K. */
    static TaylorPlan single(int order) {
        return new TaylorPlan(new int[] {order});
    }

    /** The shape (R, *shape) of a stack for a tensor of {@code shape}. */
    int[] stacked(int[] shape) {
        return Primitives.lifted(total, shape);
    }

    /** Block k (all its rows) of a stack; for k = 0 the primal {@code value}. */
    Tensor block(Tensor value, Tensor stack, int k) {
        return k == 0 ? value : block(value, stack, k, rows[k]);
    }

    /** The first {@code count} rows of block k of a stack (the first directions among those that reach order k). */
    Tensor block(Tensor value, Tensor stack, int k, int count) {
        if (k == 0) {
            return value;
        }
        if (start[k] == 0 && count == stack.shape[0]) {
            return stack;
        }
        return ShapePrimitives.slice(stack, new ShapePrimitives.Slice(0, start[k], 1, count));
    }

    /** The stack made of blocks 1..K ({@code blocks[0]} ignored), each of shape (rows[k], *shape). */
    Tensor assemble(Tensor[] blocks) {
        if (order == 1) {
            return blocks[1];
        }
        return Tensor.concat(0, Arrays.copyOfRange(blocks, 1, order + 1));
    }

    /**
     * A stack of shape (R, *s) with s of rank at most {@code rank}, reshaped to (R, 1, ..., 1, *s) of rank
     * {@code rank + 1}, so that it broadcasts against tensors of rank {@code rank} as the primal broadcasts.
     */
    static Tensor lift(Tensor stack, int rank) {
        int have = stack.shape.length - 1;
        if (have >= rank) {
            return stack;
        }
        int[] s = new int[rank + 1];
        Arrays.fill(s, 1);
        s[0] = stack.shape[0];
        System.arraycopy(stack.shape, 1, s, rank + 1 - have, have);
        return stack.reshape(s);
    }

    /** A stack fitted to the output shape: lifted to its rank, then broadcast to (R, *shape). */
    Tensor fit(Tensor stack, int[] shape) {
        if (stack == null) {
            return null;
        }
        int[] full = stacked(shape);
        if (Arrays.equals(stack.shape, full)) {
            return stack;
        }
        return lift(stack, shape.length).broadcastTo(full);
    }
}
