package org.sciml4j.solvers.generate;

/**
 * The seed of sample i of a generation with seed s: a 64-bit mix of (s, i) (the SplitMix64 finaliser of
 * {@code s * golden + i + 1}), so that every sample has its own stream whatever the thread that draws it.
 */
public final class SampleSeeds {
    private SampleSeeds() {
    }

    /** The seed of sample {@code index} (>= 0) of a generation with seed {@code seed}. */
    public static long of(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + index + 1;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
