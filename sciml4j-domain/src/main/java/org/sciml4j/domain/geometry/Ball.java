package org.sciml4j.domain.geometry;

/**
 * The closed ball |x - center| &lt;= r in any dimension d >= 1 (DeepXDE's {@code Sphere} and {@code Hypersphere}).
 * Interior points come by rejection from the bounding cube, whose acceptance falls quickly with d (pi/6 in 3-D, about
 * 0.0025 in 10-D), so the ball suits low dimensions. Boundary points are uniform on the sphere: see
 * {@link #boundary}. The normal is radial.
 */
public final class Ball extends AbstractBall {

    /**
     * The ball of the given centre and radius.
     *
     * @param center d >= 1 finite values
     * @param r      radius, finite and positive
     * @throws IllegalArgumentException naming the argument if the centre is null, empty or not finite, or the radius
     *                                  is not finite and positive
     */
    public Ball(double[] center, double r) {
        super("ball", center, r, -1);
    }

    /** The volume pi^(d/2) r^d / Gamma(d/2 + 1), which is r / d times the sphere's measure. */
    public double volume() {
        return boundaryMeasure() * r / d;
    }
}
