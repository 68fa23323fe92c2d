package org.sciml4j.domain.sampling;

/**
 * The Halton sequence: coordinate j of point i is the radical inverse of i in the j-th prime (2, 3, 5, 7, ...): the
 * base-b digits of i mirrored about the radix point. Indices start at 1, skipping the origin, so all points lie in
 * the open cube (0, 1)^dim. Unscrambled: the seed is ignored. Beyond a dozen or so dimensions, coordinates with large
 * neighbouring primes are strongly correlated for small n; prefer Sobol there.
 */
final class Halton implements Sampler {

    static final Halton INSTANCE = new Halton();

    private Halton() {
    }

    @Override
    public double[] unitCube(int n, int dim, long seed) {
        Checks.unitCube("halton", n, dim);
        double[] out = new double[n * dim];
        fill(out, n, dim, 0, primes(dim));
        return out;
    }

    /**
     * Writes Halton points 1..n in the given bases into columns {@code col, col + 1, ...} of the row-major array
     * {@code out} with {@code stride} columns.
     */
    static void fill(double[] out, int n, int stride, int col, int[] bases) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < bases.length; j++) {
                out[i * stride + col + j] = radicalInverse(i + 1L, bases[j]);
            }
        }
    }

    /**
     * The radical inverse of {@code index} in base {@code b}: the mirrored digits are accumulated as an exact integer
     * over b^digits and divided once, so the result is correctly rounded whenever {@code b * index < 2^53} (for any
     * int index, every base below 4 million).
     */
    static double radicalInverse(long index, int b) {
        long mirrored = 0;
        long denominator = 1;
        for (long i = index; i > 0; i /= b) {
            mirrored = mirrored * b + i % b;
            denominator *= b;
        }
        return mirrored / (double) denominator;
    }

    /** The first {@code count} primes. */
    static int[] primes(int count) {
        int[] p = new int[count];
        int found = 0;
        for (int c = 2; found < count; c++) {
            boolean prime = true;
            for (int k = 0; k < found && p[k] * p[k] <= c; k++) {
                if (c % p[k] == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                p[found++] = c;
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return "halton";
    }
}
