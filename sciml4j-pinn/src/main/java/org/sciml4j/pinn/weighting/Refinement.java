package org.sciml4j.pinn.weighting;

import java.util.Arrays;

/**
 * Residual-based adaptive refinement (RAR; Lu, Meng, Mao and Karniadakis, "DeepXDE: a deep learning library for
 * solving differential equations", SIAM Review 2021): every {@code every} first-order epochs up to epoch
 * {@code until}, the equations' residual is evaluated on {@code candidates} points drawn from the problem's
 * collocation sampler (pseudo-random for a grid) and the {@code add} points where it is largest join the collocation
 * points, which therefore grow. Unlike adaptive sampling (RAD), which redraws a set of fixed size, the points already
 * there stay; the two are not combined, nor is RAR combined with plain resampling (which would drop the added points).
 *
 * @param every      epochs between refinements, >= 1 (the first after {@code every} epochs)
 * @param candidates size of the candidate pool, >= add
 * @param add        points added each time, >= 1
 * @param until      no refinement after this epoch (0: to the end of the first-order phase)
 */
public record Refinement(int every, int candidates, int add, int until) {

    /** Checks the knobs. */
    public Refinement {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1 epoch, got " + every);
        }
        if (add < 1) {
            throw new IllegalArgumentException("add must be >= 1 point, got " + add);
        }
        if (candidates < add) {
            throw new IllegalArgumentException("candidates (" + candidates + ") must be at least add (" + add + ")");
        }
        if (until < 0) {
            throw new IllegalArgumentException("until must be >= 0, got " + until);
        }
    }

    /** Whether points are added before epoch {@code epoch}: every + 1, 2 every + 1, ... up to until. */
    public boolean due(int epoch) {
        return epoch > 1 && (epoch - 1) % every == 0 && (until == 0 || epoch <= until);
    }

    /**
     * The indices of the {@code k} largest values of {@code residual}, in increasing index order (ties: the earlier
     * index first).
     */
    public static int[] largest(double[] residual, int k) {
        Integer[] order = new Integer[residual.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Double.compare(residual[b], residual[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[Math.min(k, order.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = order[i];
        }
        Arrays.sort(out);
        return out;
    }
}
