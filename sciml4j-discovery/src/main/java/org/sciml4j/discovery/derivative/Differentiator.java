package org.sciml4j.discovery.derivative;

/**
 * Differentiates sampled signals along time. Arrays are row-major: sample i of variable j is {@code x[i * vars + j]}.
 */
public interface Differentiator {

    /**
     * The time derivative of every variable at every sample.
     *
     * @param t    the sample times, shape (n), strictly increasing
     * @param x    the samples, shape (n, vars) row-major
     * @param vars the number of variables (columns)
     * @return dx/dt at the samples, shape (n, vars) row-major
     * @throws IllegalArgumentException if the shapes disagree, t is not increasing, or the method cannot use this
     *                                  grid (too few points, a non-uniform grid where one is required)
     */
    double[] apply(double[] t, double[] x, int vars);

    /** A short description for logs and summaries, such as {@code finite_difference(order 4)}. */
    String describe();

    /** The fewest samples {@link #apply} accepts (a problem file's reader checks its data against it). */
    default int minSamples() {
        return 2;
    }

    /** Checks shapes and that t increases; returns the number of samples. */
    static int checkShapes(double[] t, double[] x, int vars) {
        if (vars < 1) {
            throw new IllegalArgumentException("vars must be at least 1, got " + vars);
        }
        if (x.length != t.length * vars) {
            throw new IllegalArgumentException("x has " + x.length + " values but t has " + t.length + " times and "
                    + vars + " variables (expected " + (long) t.length * vars + ")");
        }
        for (int i = 1; i < t.length; i++) {
            if (!(t[i] > t[i - 1])) {
                throw new IllegalArgumentException("time must increase strictly, but t[" + i + "] = " + t[i]
                        + " after t[" + (i - 1) + "] = " + t[i - 1]);
            }
        }
        return t.length;
    }

    /** Column j of a row-major (n, vars) array. */
    static double[] column(double[] x, int n, int vars, int j) {
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = x[i * vars + j];
        }
        return c;
    }

    /** Whether the grid is uniform to a relative 1e-9 of its mean step. */
    static boolean uniform(double[] t) {
        if (t.length < 2) {
            return true;
        }
        double h = (t[t.length - 1] - t[0]) / (t.length - 1);
        for (int i = 1; i < t.length; i++) {
            if (Math.abs(t[i] - t[i - 1] - h) > 1e-9 * Math.abs(h)) {
                return false;
            }
        }
        return true;
    }
}
