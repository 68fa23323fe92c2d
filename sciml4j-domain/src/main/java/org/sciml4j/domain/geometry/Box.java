package org.sciml4j.domain.geometry;

/**
 * The axis-aligned box [lo[0], hi[0]] x ... x [lo[d-1], hi[d-1]] in any dimension d >= 1 (DeepXDE's
 * {@code Hypercube}; in 3-D its {@code Cuboid}). Interior points are the sampler's own ({@code Sampler.box}); boundary
 * points are spread over the 2d faces in proportion to their areas. On an edge or at a corner the normal is the
 * normalised sum of the adjacent faces' normals.
 */
public final class Box extends AbstractBox {

    /**
     * The box with lower corner {@code lo} and upper corner {@code hi}.
     *
     * @param lo lower corner, d >= 1 finite values
     * @param hi upper corner, d finite values, each greater than {@code lo}'s
     * @throws IllegalArgumentException naming the argument if a corner is null or empty, the lengths differ, a value
     *                                  is not finite, or {@code lo[j] >= hi[j]}
     */
    public Box(double[] lo, double[] hi) {
        super("box", lo, hi);
    }

    /** The unit cube [0, 1]^d. */
    public static Box unitCube(int d) {
        if (d < 1) {
            throw new IllegalArgumentException("box: d must be >= 1, got " + d);
        }
        return new Box(new double[d], filled(d, 1));
    }

    private static double[] filled(int d, double v) {
        double[] a = new double[d];
        java.util.Arrays.fill(a, v);
        return a;
    }

    /** The volume, the product of the widths. */
    public double volume() {
        double v = 1;
        for (int j = 0; j < d; j++) {
            v *= hi[j] - lo[j];
        }
        return v;
    }
}
