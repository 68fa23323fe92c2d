package org.sciml4j.domain.sampling;

import java.util.Arrays;

/**
 * {@code n} equally spaced points: linspace for one coordinate, the grid of {@code m} points per coordinate when
 * {@code n = m^dim}, refused otherwise (with the nearest admissible {@code n}).
 */
final class UniformGrid implements Sampler {

    static final UniformGrid INSTANCE = new UniformGrid();

    private UniformGrid() {
    }

    @Override
    public double[] unitCube(int n, int dim, long seed) {
        Checks.unitCube("uniform", n, dim);
        int m = root(n, dim);
        if (pow(m, dim) != n) {
            throw new IllegalArgumentException("uniform: n = " + n + " is not a perfect power m^" + dim
                    + ", so no grid in " + dim + " dimensions has exactly n points; nearest: " + m + "^" + dim
                    + " = " + pow(m, dim) + " or " + (m + 1) + "^" + dim + " = " + pow(m + 1, dim)
                    + "; or use Sampler.grid(counts...) for different counts per dimension");
        }
        int[] counts = new int[dim];
        Arrays.fill(counts, m);
        return Grid.fill(counts, n);
    }

    /** The integer dim-th root of n: the m >= 1 with m^dim <= n < (m+1)^dim (n >= 1). */
    static int root(int n, int dim) {
        int m = (int) Math.round(Math.pow(n, 1.0 / dim));
        while (m > 1 && pow(m, dim) > n) {
            m--;
        }
        while (pow(m + 1, dim) <= n) {
            m++;
        }
        return m;
    }

    /** m^dim, saturating at Long.MAX_VALUE (only compared with int values). */
    static long pow(int m, int dim) {
        long p = 1;
        for (int i = 0; i < dim; i++) {
            if (p > Integer.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
            p *= m;
        }
        return p;
    }

    @Override
    public String toString() {
        return "uniform";
    }
}
