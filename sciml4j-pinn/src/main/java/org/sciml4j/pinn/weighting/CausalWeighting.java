package org.sciml4j.pinn.weighting;

import java.util.Arrays;

/**
 * Causal training (Wang, Sankaran and Perdikaris, "Respecting causality for training physics-informed neural
 * networks", CMAME 2024): the collocation points are split by their time into {@code M} slabs of equal length and an
 * equation's loss becomes
 * <pre>  L_r = (1/M) sum_i w_i L_i,   w_i = exp(-epsilon sum_{k<i} L_k),</pre>
 * with {@code L_i} the mean square residual of slab i and the weights computed without gradient, so that a later
 * time is trained only once the earlier ones are. The tolerance {@code epsilon} follows a schedule: it moves to the
 * next value of the list once {@code min w > delta} (all slabs are being trained), checked before every first-order
 * epoch; it stays at the last value. A slab without points has {@code L_i = 0}. Points may be anywhere (random,
 * grid, mini-batches): each is put in the slab its time falls into; a grid or a stratified sampler gives every slab
 * the same points. During a quasi-Newton phase the slab weights are those of its first evaluation (L-BFGS needs one
 * fixed function); least-squares phases use the plain mean squares.
 *
 * @param variable  the time variable's name
 * @param slabs     M >= 1
 * @param epsilons  the schedule of tolerances, each > 0, non-empty
 * @param delta     the threshold on min w that moves epsilon on, in (0, 1]
 */
public record CausalWeighting(String variable, int slabs, double[] epsilons, double delta) {
    /** The paper's schedule. */
    public static final double[] DEFAULT_EPSILONS = {1e-2, 1e-1, 1, 10, 100};
    /** The paper's threshold. */
    public static final double DEFAULT_DELTA = 0.99;
    /** The paper's slab count. */
    public static final int DEFAULT_SLABS = 32;

    /** Copies and checks the knobs. */
    public CausalWeighting {
        if (variable == null || variable.isEmpty()) {
            throw new IllegalArgumentException("causal weights need the time variable's name");
        }
        if (slabs < 1) {
            throw new IllegalArgumentException("slabs must be >= 1, got " + slabs);
        }
        if (epsilons == null || epsilons.length == 0) {
            throw new IllegalArgumentException("epsilon needs at least one value, e.g. [1e-2, 1e-1, 1, 10, 100]");
        }
        epsilons = epsilons.clone();
        for (double e : epsilons) {
            if (!(e > 0) || Double.isInfinite(e)) {
                throw new IllegalArgumentException("each epsilon must be > 0 and finite, got " + e);
            }
        }
        if (!(delta > 0 && delta <= 1)) {
            throw new IllegalArgumentException("delta must lie in (0, 1], got " + delta);
        }
    }

    @Override
    public double[] epsilons() {
        return epsilons.clone();
    }

    /**
     * The slab weights for slab losses {@code losses} (length M) at tolerance {@code epsilon}:
     * {@code w_i = exp(-epsilon sum_{k<i} L_k)}; {@code w_0 = 1}.
     */
    public static double[] weights(double[] losses, double epsilon) {
        double[] w = new double[losses.length];
        double cumulative = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.exp(-epsilon * cumulative);
            cumulative += losses[i];
        }
        return w;
    }

    /**
     * The slab of each point: {@code floor((t - lo) / (hi - lo) * M)}, clamped to [0, M - 1].
     *
     * @param points flat (N, d), row-major
     * @param column the time variable's column
     */
    int[] slabOf(double[] points, int d, int column, double lo, double hi) {
        int n = points.length / d;
        int[] s = new int[n];
        for (int i = 0; i < n; i++) {
            double u = (points[i * d + column] - lo) / (hi - lo);
            s[i] = Math.max(0, Math.min(slabs - 1, (int) Math.floor(u * slabs)));
        }
        return s;
    }

    /**
     * Each slab's mean of {@code q} (length N) over its points, 0 for a slab without points.
     *
     * @param counts receives each slab's number of points (length M)
     */
    double[] slabMeans(double[] q, int[] slab, int[] counts) {
        double[] sums = new double[slabs];
        Arrays.fill(counts, 0);
        for (int i = 0; i < q.length; i++) {
            sums[slab[i]] += q[i];
            counts[slab[i]]++;
        }
        for (int k = 0; k < slabs; k++) {
            sums[k] = counts[k] > 0 ? sums[k] / counts[k] : 0;
        }
        return sums;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CausalWeighting c && c.variable.equals(variable) && c.slabs == slabs
                && Arrays.equals(c.epsilons, epsilons) && c.delta == delta;
    }

    @Override
    public int hashCode() {
        return variable.hashCode() * 31 + Arrays.hashCode(epsilons) + slabs;
    }

    @Override
    public String toString() {
        return "causal(" + variable + ", " + slabs + " slabs, epsilon " + Arrays.toString(epsilons) + ", delta "
                + delta + ")";
    }
}
