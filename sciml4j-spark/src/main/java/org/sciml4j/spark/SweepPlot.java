package org.sciml4j.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import org.sciml4j.plot.Axes;
import org.sciml4j.plot.Plots;

/**
 * The summary plots of a sweep: for each knob, {@code sweep-<knob>.png} with the mean of a figure (the relative
 * error) over the runs at each value of the knob (x: the value, or its index among the distinct values when the
 * values are not numbers, e.g. layer lists), and the best run's figure as a level line, its knob value in the legend.
 */
public final class SweepPlot {
    private SweepPlot() {
    }

    /**
     * The row with the smallest finite figure among the runs that finished (status 0), or -1 if there is none.
     */
    public static int best(SweepTable table, String figure) {
        int best = -1;
        for (int i = 0; i < table.rows(); i++) {
            double v = table.figure(i, figure);
            if (table.figure(i, "status") == 0 && Double.isFinite(v) && (best < 0 || v < table.figure(best, figure))) {
                best = i;
            }
        }
        return best;
    }

    /** Writes one PNG per knob into {@code dir}; returns the files written (none if no run has the figure). */
    public static List<Path> write(SweepTable table, String figure, Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        int best = best(table, figure);
        if (best < 0) {
            return written;
        }
        for (String knob : table.knobColumns()) {
            double[] x = table.knobNumbers(knob);
            TreeMap<Double, double[]> sums = new TreeMap<>(); // value -> {sum, count}
            for (int i = 0; i < x.length; i++) {
                double v = table.figure(i, figure);
                if (Double.isFinite(v)) {
                    double[] s = sums.computeIfAbsent(x[i], k -> new double[2]);
                    s[0] += v;
                    s[1]++;
                }
            }
            double[] xs = sums.keySet().stream().mapToDouble(Double::doubleValue).toArray();
            double[] mean = sums.values().stream().mapToDouble(s -> s[0] / s[1]).toArray();
            // a single point would not show as a line: the best figure is drawn across, its value in the legend
            double[] marked = new double[xs.length];
            java.util.Arrays.fill(marked, table.figure(best, figure));
            String name = knob.replaceAll("[^A-Za-z0-9_.-]", "_");
            Path png = dir.resolve("sweep-" + name + ".png");
            String axis = table.numericKnob(knob) ? knob : knob + " (index of value)";
            Plots.curves(png, figure + " against " + axis, Axes.of(axis, figure), xs,
                    List.of("mean " + figure + " over the runs at each value", "best run " + table.id(best) + " ("
                            + knob + " = " + table.knob(best, knob) + ")"), List.of(mean, marked));
            written.add(png);
        }
        return written;
    }
}
