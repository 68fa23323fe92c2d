package org.sciml4j.inference.flow;

import java.util.List;
import org.sciml4j.tensor.Tensor;

/**
 * A fixed permutation of the features between autoregressive or coupling steps (log |det| = 0), so that every
 * feature gets conditioned on every other across the stack.
 */
public final class Permutation implements FlowLayer {
    private final int[] order;
    private final int[] inverse;

    /** z[:, j] = x[:, order[j]]; {@code order} must be a permutation of 0..D-1. */
    public Permutation(int[] order) {
        this.order = order.clone();
        this.inverse = new int[order.length];
        boolean[] seen = new boolean[order.length];
        for (int j = 0; j < order.length; j++) {
            if (order[j] < 0 || order[j] >= order.length || seen[order[j]]) {
                throw new IllegalArgumentException("not a permutation of 0.." + (order.length - 1) + ": "
                        + java.util.Arrays.toString(order));
            }
            seen[order[j]] = true;
            inverse[order[j]] = j;
        }
    }

    /** The reversal D-1, ..., 0. */
    public static Permutation reverse(int features) {
        int[] o = new int[features];
        for (int i = 0; i < features; i++) {
            o[i] = features - 1 - i;
        }
        return new Permutation(o);
    }

    @Override
    public Transformed forward(Tensor x, Tensor context) {
        return new Transformed(x.indexSelect(1, order), Tensor.zeros(x.size(0)));
    }

    @Override
    public Tensor inverse(Tensor z, Tensor context) {
        return z.detach().indexSelect(1, inverse);
    }

    @Override
    public List<Tensor> parameters() {
        return List.of();
    }
}
