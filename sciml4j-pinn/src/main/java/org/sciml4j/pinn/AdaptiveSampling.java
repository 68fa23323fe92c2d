package org.sciml4j.pinn;

import java.util.Arrays;

import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * Residual-based adaptive distribution of collocation points (RAD; Wu, Zhu, Tan, Kartha and Lu, "A comprehensive
 * study of non-adaptive and residual-based adaptive sampling for physics-informed neural networks", CMAME 2023).
 * At each redraw ({@link Trainer.Builder#resample}) the trainer samples a dense set of candidate points, evaluates
 * the equations' residual there, and keeps as many collocation points as the problem has, drawn without replacement
 * with probability proportional to
 * <pre>  p(x) ∝ ε(x)^k / mean(ε^k) + c,   ε(x) = sqrt(Σ_equations r(x)²)</pre>
 * so the points gather where the network is still wrong (a shock, a boundary layer) while {@code c} keeps a share
 * spread over the whole domain. The count of collocation points never changes, unlike refinement that adds points.
 * <p>
 * Knobs: {@code exponent} k (0: uniform; 1, the default, follows the residual; larger values concentrate harder),
 * {@code offset} c (1 by default; 0 puts every point where the residual is large), {@code candidates}, the size of
 * the dense set (0: twenty times the number of collocation points). Candidates come from the problem's collocation
 * sampler with a new seed at each redraw: a random or Latin hypercube sampler gives a new set each time, a
 * quasi-random one the same set; a grid, which cannot have twenty times its points, gives way to pseudo-random
 * candidates.
 *
 * @param exponent  k >= 0
 * @param offset    c >= 0; k = 0 needs no offset, otherwise k > 0 with c = 0 is allowed
 * @param candidates size of the dense candidate set, 0 for twenty times the collocation count
 */
public record AdaptiveSampling(double exponent, double offset, int candidates) {
    /** Candidates per collocation point when {@link #candidates()} is 0. */
    public static final int CANDIDATES_PER_POINT = 20;

    /** Validates the knobs. */
    public AdaptiveSampling {
        if (!(exponent >= 0) || !Double.isFinite(exponent)) {
            throw new IllegalArgumentException("adaptive sampling exponent must be finite and >= 0, got " + exponent);
        }
        if (!(offset >= 0) || !Double.isFinite(offset)) {
            throw new IllegalArgumentException("adaptive sampling offset must be finite and >= 0, got " + offset);
        }
        if (candidates < 0) {
            throw new IllegalArgumentException("adaptive sampling candidates must be >= 0, got " + candidates);
        }
    }

    /** RAD with the paper's recommended k = 1, c = 1 and twenty candidates per collocation point. */
    public static AdaptiveSampling residual() {
        return new AdaptiveSampling(1, 1, 0);
    }

    /** The size of the candidate set for {@code points} collocation points. */
    public int candidateCount(int points) {
        return candidates > 0 ? Math.max(candidates, points) : Math.multiplyExact(points, CANDIDATES_PER_POINT);
    }

    /**
     * Chooses {@code n} of the candidate rows, without replacement, with probability proportional to
     * {@code ε^k / mean(ε^k) + c} (weighted reservoir keys u^(1/p), the {@code n} largest), deterministic under
     * {@code seed}.
     *
     * @param candidates shape (M, d) with M >= n
     * @param residual   ε at each candidate, length M, finite and >= 0
     * @return shape (n, d), the chosen rows in candidate order
     */
    public Tensor choose(Tensor candidates, double[] residual, int n, long seed) {
        int m = candidates.size(0);
        if (residual.length != m || n < 1 || n > m) {
            throw new IllegalArgumentException("choosing " + n + " of " + m + " candidates with " + residual.length
                    + " residuals");
        }
        double[] powered = new double[m];
        double mean = 0;
        for (int i = 0; i < m; i++) {
            powered[i] = exponent == 0 ? 1 : Math.pow(residual[i], exponent);
            mean += powered[i] / m;
        }
        Rng rng = new Rng(seed);
        double[] keys = new double[m];
        for (int i = 0; i < m; i++) {
            // when every residual is 0 (or c = 0 and the mean vanishes) the draw is uniform
            double p = (mean > 0 ? powered[i] / mean : 1) + offset;
            // log(u)/p orders as u^(1/p); p = 0 puts the row last
            keys[i] = p > 0 ? Math.log(rng.uniform()) / p : Double.NEGATIVE_INFINITY;
        }
        // the n largest keys: those above the n-th largest, then ties with it in candidate order
        double[] sorted = keys.clone();
        Arrays.sort(sorted);
        double cut = sorted[m - n];
        int[] chosen = new int[n];
        int k = 0;
        for (int i = 0; i < m && k < n; i++) {
            if (keys[i] > cut) {
                chosen[k++] = i;
            }
        }
        for (int i = 0; i < m && k < n; i++) {
            if (keys[i] == cut) {
                chosen[k++] = i;
            }
        }
        Arrays.sort(chosen);
        int d = candidates.size(1);
        double[] all = candidates.data();
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(all, chosen[i] * d, out, i * d, d);
        }
        return Tensor.wrap(out, n, d);
    }
}
