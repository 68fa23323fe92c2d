package org.sciml4j.domain.geometry;

/**
 * The axis-aligned rectangle [lo[0], hi[0]] x [lo[1], hi[1]]: the most common 2-D domain, and the outer shape of a
 * rectangle with holes ({@code rectangle.difference(disk)}). Its boundary is sampled by walking the perimeter
 * counterclockwise from the lower-left corner, so each side gets points in proportion to its length; at the corners
 * the normal is the diagonal (normalised sum of the two sides' normals).
 */
public final class Rectangle extends AbstractBox {

    /**
     * The rectangle with lower-left corner {@code lo} and upper-right corner {@code hi}.
     *
     * @param lo (x, y) of the lower-left corner, 2 finite values
     * @param hi (x, y) of the upper-right corner, 2 finite values, each greater than {@code lo}'s
     * @throws IllegalArgumentException naming the argument if a corner is null, not of length 2, not finite, or
     *                                  {@code lo[j] >= hi[j]}
     */
    public Rectangle(double[] lo, double[] hi) {
        super("rectangle", lo, hi, 2);
    }

    /** The area (hi[0] - lo[0]) (hi[1] - lo[1]). */
    public double area() {
        return (hi[0] - lo[0]) * (hi[1] - lo[1]);
    }
}
