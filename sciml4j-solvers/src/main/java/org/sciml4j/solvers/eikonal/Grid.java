package org.sciml4j.solvers.eikonal;

import java.util.Arrays;

/**
 * A regular grid in 2 or 3 dimensions: node {@code (i, j[, k])} sits at {@code origin + (i, j[, k]) * spacing}.
 * Values on it are flat {@code double[]} in row-major order (the last axis fastest), length {@link #size()}.
 *
 * @param origin  the first node's coordinates, length d
 * @param spacing the node spacing along each axis, length d, each > 0
 * @param shape   the node count along each axis, length d, each >= 2
 */
public record Grid(double[] origin, double[] spacing, int[] shape) {

    public Grid {
        if (origin == null || spacing == null || shape == null) {
            throw new IllegalArgumentException("grid: origin, spacing and shape are required");
        }
        int d = shape.length;
        if (d < 2 || d > 3 || origin.length != d || spacing.length != d) {
            throw new IllegalArgumentException("grid: origin, spacing and shape must all have 2 or 3 entries, got "
                    + origin.length + ", " + spacing.length + ", " + d);
        }
        for (int a = 0; a < d; a++) {
            if (shape[a] < 2) {
                throw new IllegalArgumentException("grid: shape[" + a + "] must be >= 2, got " + shape[a]);
            }
            if (!(spacing[a] > 0) || !Double.isFinite(spacing[a]) || !Double.isFinite(origin[a])) {
                throw new IllegalArgumentException("grid: spacing[" + a + "] must be finite and > 0 and origin["
                        + a + "] finite, got " + spacing[a] + ", " + origin[a]);
            }
        }
        origin = origin.clone();
        spacing = spacing.clone();
        shape = shape.clone();
    }

    /** A grid with {@code n[a]} nodes from {@code lo[a]} to {@code hi[a]} on each axis. */
    public static Grid spanning(double[] lo, double[] hi, int... n) {
        double[] h = new double[n.length];
        for (int a = 0; a < n.length; a++) {
            h[a] = n[a] > 1 ? (hi[a] - lo[a]) / (n[a] - 1) : Double.NaN;
        }
        return new Grid(lo, h, n);
    }

    /** The number of axes, 2 or 3. */
    public int dimension() {
        return shape.length;
    }

    /** The number of nodes. */
    public int size() {
        int n = 1;
        for (int s : shape) {
            n = Math.multiplyExact(n, s);
        }
        return n;
    }

    /** The flat-index step along axis {@code a}. */
    public int stride(int a) {
        int s = 1;
        for (int b = shape.length - 1; b > a; b--) {
            s *= shape[b];
        }
        return s;
    }

    /** The coordinate along axis {@code a} of the node with flat index {@code node}. */
    public double coordinate(int node, int a) {
        return origin[a] + spacing[a] * ((node / stride(a)) % shape[a]);
    }

    /** The upper corner. */
    public double[] upper() {
        double[] hi = new double[shape.length];
        for (int a = 0; a < hi.length; a++) {
            hi[a] = origin[a] + spacing[a] * (shape[a] - 1);
        }
        return hi;
    }

    /** Whether {@code x} (length d) lies in the grid's box (boundary included). */
    public boolean contains(double[] x) {
        double[] hi = upper();
        for (int a = 0; a < x.length; a++) {
            if (!(x[a] >= origin[a] && x[a] <= hi[a])) {
                return false;
            }
        }
        return true;
    }

    /** The values of a function at every node, flat. */
    public double[] sample(java.util.function.ToDoubleFunction<double[]> f) {
        double[] out = new double[size()];
        double[] x = new double[dimension()];
        for (int n = 0; n < out.length; n++) {
            for (int a = 0; a < x.length; a++) {
                x[a] = coordinate(n, a);
            }
            out[n] = f.applyAsDouble(x);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Grid g && Arrays.equals(origin, g.origin) && Arrays.equals(spacing, g.spacing)
                && Arrays.equals(shape, g.shape);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(origin) + Arrays.hashCode(spacing)) + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "Grid" + Arrays.toString(shape) + " from " + Arrays.toString(origin) + " step "
                + Arrays.toString(spacing);
    }
}
