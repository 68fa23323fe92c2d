package org.sciml4j.pinn.eikonal;

import java.util.OptionalDouble;

/**
 * A velocity model v(x) > 0 over a {@link Box}: from an expression, from a grid file, or the linear gradient
 * v = v0 + g z whose travel times are known in closed form.
 */
public interface Velocity {

    /**
     * v at n points.
     *
     * @param points flat (n * d), point-major
     * @param d      the dimension
     * @return v at each point, length n
     */
    double[] at(double[] points, int d);

    /** v at one point (length d). */
    default double at(double... x) {
        return at(x, x.length)[0];
    }

    /** A one-line description for logs and summaries. */
    String describe();

    /**
     * The exact travel time from {@code source} to {@code x} where the model has one in closed form, else empty.
     */
    default OptionalDouble exactTime(double[] x, double[] source) {
        return OptionalDouble.empty();
    }
}
