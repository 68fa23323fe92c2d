package org.sciml4j.tensor;

import java.util.SplittableRandom;

/**
 * The seeded random number generator used everywhere in sciml4j: one seed reproduces a run exactly, on any JDK.
 * Built on {@link SplittableRandom}, whose algorithm is specified; normals come from the Marsaglia polar method.
 */
public final class Rng {
    private final SplittableRandom random;
    private double spare = Double.NaN;

    /** A generator from a seed. */
    public Rng(long seed) {
        this.random = new SplittableRandom(seed);
    }

    private Rng(SplittableRandom random) {
        this.random = random;
    }

    /** An independent generator derived from this one (for a sub-task that must not shift this stream). */
    public Rng split() {
        return new Rng(random.split());
    }

    /** Uniform in [0, 1). */
    public double uniform() {
        return random.nextDouble();
    }

    /** Uniform in [lo, hi). */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** Standard normal. */
    public double normal() {
        if (!Double.isNaN(spare)) {
            double s = spare;
            spare = Double.NaN;
            return s;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * Math.log(s) / s);
        spare = v * f;
        return u * f;
    }

    /** A random permutation of 0..n-1 (Fisher-Yates). */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
