package org.sciml4j.domain.sampling;

/**
 * The Hammersley set of n points: point i (0 <= i < n) has first coordinate (i + 1/2) / n, the midpoint of the i-th
 * of n equal strata, and as its other coordinates Halton point i + 1 in the first dim - 1 primes. Unlike a sequence,
 * the whole set depends on n (its discrepancy is lower than Halton's for that n, but points cannot be added later).
 * All points lie in the open cube (0, 1)^dim; the seed is ignored.
 */
final class Hammersley implements Sampler {

    static final Hammersley INSTANCE = new Hammersley();

    private Hammersley() {
    }

    @Override
    public double[] unitCube(int n, int dim, long seed) {
        Checks.unitCube("hammersley", n, dim);
        double[] out = new double[n * dim];
        for (int i = 0; i < n; i++) {
            out[i * dim] = (i + 0.5) / n;
        }
        Halton.fill(out, n, dim, 1, Halton.primes(dim - 1));
        return out;
    }

    @Override
    public String toString() {
        return "hammersley";
    }
}
