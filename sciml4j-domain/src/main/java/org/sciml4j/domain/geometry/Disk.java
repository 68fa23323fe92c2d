package org.sciml4j.domain.geometry;

/**
 * The closed disk |x - center| &lt;= r in the plane: a 2-D domain, or the hole of a plate
 * ({@code rectangle.difference(disk)}). Its boundary is sampled by angle, 2 pi t for the sampler's points t in [0, 1)
 * (equally spaced with the uniform sampler); the normal is radial. Interior points come by rejection from the
 * bounding square (acceptance pi / 4).
 */
public final class Disk extends AbstractBall {

    /**
     * The disk of the given centre and radius.
     *
     * @param center (x, y), 2 finite values
     * @param r      radius, finite and positive
     * @throws IllegalArgumentException naming the argument if the centre is null, not of length 2 or not finite, or
     *                                  the radius is not finite and positive
     */
    public Disk(double[] center, double r) {
        super("disk", center, r, 2);
    }

    /** The area pi r^2. */
    public double area() {
        return Math.PI * r * r;
    }
}
