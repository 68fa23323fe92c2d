package org.sciml4j.solvers.eikonal;

/**
 * Travel times from one source on a grid: T = T0 tau with T0 = s0 |x - xs|. {@link #at} interpolates the smooth
 * factor tau (bi- or trilinearly) and multiplies by the exact T0, so the kink at the source is not smeared.
 */
public final class TravelTimes {
    private final Grid grid;
    private final double[] source;
    private final double sourceSlowness;
    private final double[] tau;
    private final double[] times;

    TravelTimes(Grid grid, double[] source, double sourceSlowness, double[] tau, double[] times) {
        this.grid = grid;
        this.source = source;
        this.sourceSlowness = sourceSlowness;
        this.tau = tau;
        this.times = times;
    }

    /** The grid. */
    public Grid grid() {
        return grid;
    }

    /** The source's coordinates (a copy). */
    public double[] source() {
        return source.clone();
    }

    /** T at every node, flat (length {@code grid().size()}; a copy). */
    public double[] times() {
        return times.clone();
    }

    /** The factor tau = T / T0 at every node, flat (a copy). */
    public double[] tau() {
        return tau.clone();
    }

    /** The travel time at {@code x} (length d, inside the grid's box). */
    public double at(double... x) {
        if (x.length != grid.dimension() || !grid.contains(x)) {
            throw new IllegalArgumentException("point " + java.util.Arrays.toString(x) + " is not inside " + grid);
        }
        double r2 = 0;
        for (int a = 0; a < x.length; a++) {
            r2 += (x[a] - source[a]) * (x[a] - source[a]);
        }
        return sourceSlowness * Math.sqrt(r2) * Multilinear.at(grid, tau, x);
    }
}
