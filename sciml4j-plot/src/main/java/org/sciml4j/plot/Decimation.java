package org.sciml4j.plot;

import java.util.Arrays;

/**
 * Which points of a long line to draw: per column of pixels (one bucket of equal x width), the first and last point,
 * the lowest and the highest, and the first point without a value (NaN, a gap in the line). A line through only
 * these points covers the same pixels as the whole line (the M4 aggregation of Jugel et al., VLDB 2014), so a
 * 10000-epoch loss history draws as about 3000 points instead of 10000.
 */
final class Decimation {
    /** Buckets for a chart of {@link Plots#WIDTH} pixels: one per pixel column. */
    static final int BUCKETS = Plots.WIDTH;

    private Decimation() {
    }

    /**
     * The indices to keep, increasing; all of them when there are at most four per bucket.
     *
     * @param x       the x values, finite and non-decreasing (epochs)
     * @param y       the y values, as long as {@code x}; NaN marks a gap
     * @param buckets the number of equal-width buckets over [x[0], x[n-1]]
     */
    static int[] m4(double[] x, double[] y, int buckets) {
        int n = x.length;
        if (n <= 4L * buckets) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        double x0 = x[0];
        double width = (x[n - 1] - x0) / buckets;
        int[] keep = new int[5 * buckets + 5];
        int kept = 0;
        int start = 0;
        while (start < n) {
            int b = bucket(x[start], x0, width, buckets);
            int end = start + 1;
            while (end < n && bucket(x[end], x0, width, buckets) == b) {
                end++;
            }
            kept = keepBucket(y, start, end, keep, kept);
            start = end;
        }
        return Arrays.copyOf(keep, kept);
    }

    private static int bucket(double xi, double x0, double width, int buckets) {
        return width > 0 ? Math.min(buckets - 1, (int) ((xi - x0) / width)) : 0;
    }

    /** Appends the indices kept of bucket [start, end) to {@code keep}, in order; returns the new count. */
    private static int keepBucket(double[] y, int start, int end, int[] keep, int kept) {
        int lo = -1;
        int hi = -1;
        int gap = -1;
        for (int i = start; i < end; i++) {
            if (Double.isNaN(y[i])) {
                gap = gap < 0 ? i : gap;
            } else {
                lo = lo < 0 || y[i] < y[lo] ? i : lo;
                hi = hi < 0 || y[i] > y[hi] ? i : hi;
            }
        }
        int[] candidates = {start, lo, hi, gap, end - 1};
        Arrays.sort(candidates);
        for (int c : candidates) {
            if (c >= 0 && (kept == 0 || keep[kept - 1] != c)) {
                keep[kept++] = c;
            }
        }
        return kept;
    }

    /** {@code v} at the given indices. */
    static double[] pick(double[] v, int[] indices) {
        double[] out = new double[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = v[indices[i]];
        }
        return out;
    }
}
