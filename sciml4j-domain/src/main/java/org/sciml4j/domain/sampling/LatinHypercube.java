package org.sciml4j.domain.sampling;

import org.sciml4j.tensor.Rng;

/**
 * Latin hypercube sampling: coordinate j of point i is {@code (perm_j[i] + u) / n} with an independent random
 * permutation {@code perm_j} of 0..n-1 per coordinate and an independent uniform {@code u} in [0, 1) per value, so
 * each stratum [k/n, (k+1)/n) of every coordinate holds exactly one point.
 */
final class LatinHypercube implements Sampler {

    static final LatinHypercube INSTANCE = new LatinHypercube();

    private LatinHypercube() {
    }

    @Override
    public double[] unitCube(int n, int dim, long seed) {
        Checks.unitCube("lhs", n, dim);
        Rng rng = new Rng(seed);
        double[] out = new double[n * dim];
        for (int j = 0; j < dim; j++) {
            int[] perm = rng.permutation(n);
            for (int i = 0; i < n; i++) {
                int k = perm[i];
                double x = (k + rng.uniform()) / n;
                double top = (k + 1.0) / n;
                // k + u rounds up to k + 1 when u is within an ulp of 1: keep the point inside its own stratum
                out[i * dim + j] = x < top ? x : Math.nextDown(top);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "lhs";
    }
}
