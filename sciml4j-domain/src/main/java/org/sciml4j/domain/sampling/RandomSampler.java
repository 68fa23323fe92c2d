package org.sciml4j.domain.sampling;

import org.sciml4j.tensor.Rng;

/** Independent uniform points in [0, 1)^dim, drawn row-major from {@code new Rng(seed)}. */
final class RandomSampler implements Sampler {

    static final RandomSampler INSTANCE = new RandomSampler();

    private RandomSampler() {
    }

    @Override
    public double[] unitCube(int n, int dim, long seed) {
        Checks.unitCube("random", n, dim);
        Rng rng = new Rng(seed);
        double[] out = new double[n * dim];
        for (int k = 0; k < out.length; k++) {
            out[k] = rng.uniform();
        }
        return out;
    }

    @Override
    public String toString() {
        return "random";
    }
}
