package org.sciml4j.domain.quadrature;

import java.util.SplittableRandom;

import org.sciml4j.domain.sampling.Sampler;

/**
 * A low-discrepancy sampler's points moved by one random vector modulo 1 (a Cranley-Patterson rotation): each point
 * is uniform in the unit cube, so an equal-weight rule on them is an unbiased estimate, while the set keeps its low
 * discrepancy. The shift comes from the seed.
 */
final class ShiftedSampler implements Sampler {
    private final Sampler base;
    private final long seed;

    ShiftedSampler(Sampler base, long seed) {
        this.base = base;
        this.seed = seed;
    }

    @Override
    public double[] unitCube(int n, int dim, long ignored) {
        double[] u = base.unitCube(n, dim, seed);
        SplittableRandom rng = new SplittableRandom(seed);
        double[] shift = new double[dim];
        for (int j = 0; j < dim; j++) {
            shift[j] = rng.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < dim; j++) {
                double v = u[i * dim + j] + shift[j];
                u[i * dim + j] = v >= 1 ? v - 1 : v;
            }
        }
        return u;
    }

    @Override
    public String toString() {
        return "shifted " + base;
    }
}
