package org.sciml4j.dynamics.hybrid;

/**
 * A covariate sampled daily (days 0, 1, ..., n - 1), read at any time by linear interpolation (constant beyond the
 * ends). {@link #mobility} makes the synthetic mobility index the SEIR example is driven by.
 */
public final class CovariateSeries {
    private final double[] values;

    /** @param values the daily values, at least two */
    public CovariateSeries(double[] values) {
        if (values.length < 2) {
            throw new IllegalArgumentException("a covariate series needs at least two days, got " + values.length);
        }
        this.values = values.clone();
    }

    /**
     * A mobility index over {@code days} days: 1 before a lockdown that starts at day {@code 0.3 days}, a smooth
     * drop to 0.35 over about a week, a partial recovery to 0.6 from day {@code 0.65 days}, and a weekly
     * (weekend) dip of 0.08.
     */
    public static CovariateSeries mobility(int days) {
        double[] m = new double[days];
        double drop = 0.3 * days;
        double reopen = 0.65 * days;
        for (int k = 0; k < days; k++) {
            double lock = 1 / (1 + Math.exp(-(k - drop) / 2.0));
            double open = 1 / (1 + Math.exp(-(k - reopen) / 3.0));
            double weekly = 0.08 * Math.max(0, Math.sin(2 * Math.PI * k / 7.0));
            m[k] = 1 - 0.65 * lock + 0.25 * open - weekly;
        }
        return new CovariateSeries(m);
    }

    /** The number of days sampled. */
    public int days() {
        return values.length;
    }

    /** The daily values, a copy. */
    public double[] values() {
        return values.clone();
    }

    /** The value at time t (days), linear between the days. */
    public double at(double t) {
        if (t <= 0) {
            return values[0];
        }
        if (t >= values.length - 1) {
            return values[values.length - 1];
        }
        int k = (int) Math.floor(t);
        double w = t - k;
        return (1 - w) * values[k] + w * values[k + 1];
    }
}
