package org.sciml4j.pinn;

import java.util.function.UnaryOperator;

import org.sciml4j.tensor.Tensor;

/**
 * Displacement of a fault with piecewise-constant slip from a surrogate over the fault-tip depth, by superposition
 * (the equations are linear in the slip). The surrogate {@code W(x, y, D)} is the displacement of a fault from the
 * surface down to depth D with unit slip ({@code examples/antiplane/fault-depth-surrogate.yaml}). A fault cut at
 * depths {@code 0 < d_1 < ... < d_n} with slip {@code s_k} on the segment {@code [d_(k-1), d_k]} is the sum of
 * surface-breaking faults of depth {@code d_k} and slip {@code s_k - s_(k+1)} ({@code s_(n+1) = 0}):
 * <pre>
 * w(x, y) = sum_k (s_k - s_(k+1)) W(x, y, d_k)
 * </pre>
 * so one trained surrogate gives the displacement of any slip distribution along the fault (within its depth range)
 * for the cost of n evaluations.
 */
public final class SlipSuperposition {
    private final UnaryOperator<Tensor> surrogate;

    /**
     * @param surrogate unit-slip displacement {@code (N, 3) -> (N, 1)}, columns x, y, D (e.g.
     *                  {@link Solution#predict})
     */
    public SlipSuperposition(UnaryOperator<Tensor> surrogate) {
        this.surrogate = surrogate;
    }

    /**
     * The displacement of the fault with slip {@code slips[k]} between depths {@code depths[k-1]} (0 for k = 0)
     * and {@code depths[k]}.
     *
     * @param points the points (N, 2), columns x and y
     * @param depths the segments' lower ends, increasing, > 0
     * @param slips  the slip of each segment
     * @return w at the points, (N, 1)
     * @throws IllegalArgumentException when the depths do not increase from above 0 or the lengths differ
     */
    public Tensor displacement(Tensor points, double[] depths, double[] slips) {
        if (depths.length == 0 || depths.length != slips.length) {
            throw new IllegalArgumentException("slip superposition: one slip per segment, got " + depths.length
                    + " depths and " + slips.length + " slips");
        }
        for (int k = 0; k < depths.length; k++) {
            if (!(depths[k] > (k == 0 ? 0 : depths[k - 1]))) {
                throw new IllegalArgumentException("slip superposition: the depths must increase from above 0, got "
                        + java.util.Arrays.toString(depths));
            }
        }
        if (points.rank() != 2 || points.size(1) != 2) {
            throw new IllegalArgumentException("slip superposition: points must be (N, 2) with columns x, y, got "
                    + org.sciml4j.tensor.Shape.str(points.shape()));
        }
        int n = points.size(0);
        double[] p = points.toArray();
        double[] w = new double[n];
        double[] at = new double[3 * n];
        for (int k = 0; k < depths.length; k++) {
            double weight = slips[k] - (k + 1 < slips.length ? slips[k + 1] : 0);
            if (weight == 0) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                at[3 * i] = p[2 * i];
                at[3 * i + 1] = p[2 * i + 1];
                at[3 * i + 2] = depths[k];
            }
            double[] u = surrogate.apply(Tensor.wrap(at, n, 3)).toArray();
            for (int i = 0; i < n; i++) {
                w[i] += weight * u[i];
            }
        }
        return Tensor.wrap(w, n, 1);
    }
}
