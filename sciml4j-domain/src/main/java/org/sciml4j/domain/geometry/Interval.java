package org.sciml4j.domain.geometry;

/**
 * The closed interval [lo, hi] of the real line: a 1-D spatial domain, or a time interval. Its boundary is the two end
 * points, with normals -1 at {@code lo} and +1 at {@code hi}; {@link #boundary} alternates between them by the
 * sampler's parameter (t &lt; 1/2 gives {@code lo}), so about half the points are at each end.
 */
public final class Interval extends AbstractBox {

    /**
     * The interval [lo, hi].
     *
     * @param lo lower end, finite
     * @param hi upper end, finite and greater than {@code lo}
     * @throws IllegalArgumentException naming the argument if an end is not finite or {@code lo >= hi}
     */
    public Interval(double lo, double hi) {
        super("interval", check(lo, hi), new double[] {hi}, 1);
    }

    private static double[] check(double lo, double hi) {
        if (!Double.isFinite(lo)) {
            throw new IllegalArgumentException("interval: lo = " + lo + " is not finite");
        }
        if (!Double.isFinite(hi)) {
            throw new IllegalArgumentException("interval: hi = " + hi + " is not finite");
        }
        if (!(lo < hi)) {
            throw new IllegalArgumentException("interval: lo = " + lo + " must be < hi = " + hi
                    + " (zero or negative width)");
        }
        return new double[] {lo};
    }

    /** The lower end. */
    public double lo() {
        return lo[0];
    }

    /** The upper end. */
    public double hi() {
        return hi[0];
    }
}
