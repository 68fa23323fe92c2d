package org.sciml4j.domain.geometry;

/**
 * The triangle with vertices a, b, c, in either orientation: a {@link Polygon} of three vertices, with messages that
 * name a, b and c.
 */
public final class Triangle extends AbstractPolygon {

    /**
     * The triangle abc.
     *
     * @param a first vertex (x, y), finite
     * @param b second vertex (x, y), finite
     * @param c third vertex (x, y), finite
     * @throws IllegalArgumentException naming the vertex if one is null, not of length 2 or not finite, two are equal,
     *                                  or the three are collinear
     */
    public Triangle(double[] a, double[] b, double[] c) {
        super("triangle", new double[][] {a, b, c}, new String[] {"a", "b", "c"},
                "a, b and c are collinear (zero area)");
    }
}
