package org.sciml4j.inference.generative.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sciml4j.plot.Axes;
import org.sciml4j.plot.Plots;
import org.sciml4j.train.LossHistory;

/**
 * The plots of a flow-matching run: a few samples beside a few held-out fields, a histogram of the constraint
 * violations (log10, method against unconstrained), and the training loss.
 */
final class RunPlots {
    private static final int SHOWN = 3;
    private static final int LOWEST_DECADE = -17;
    private static final int HIGHEST_DECADE = 3;

    private RunPlots() {
    }

    static void write(Path dir, String title, DataSection.Data data, double[] samples, double[] violations,
                      double[] unconstrained, List<LossHistory> histories) throws IOException {
        int n = data.n();
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = j * data.dx();
        }
        List<String> labels = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (int i = 0; i < Math.min(SHOWN, samples.length / n); i++) {
            labels.add("sample " + (i + 1));
            ys.add(Arrays.copyOfRange(samples, i * n, (i + 1) * n));
        }
        for (int i = 0; i < Math.min(SHOWN, data.heldOutCount()); i++) {
            labels.add("data " + (i + 1));
            ys.add(Arrays.copyOfRange(data.heldOut(), i * n, (i + 1) * n));
        }
        Plots.curves(dir.resolve("samples.png"), title + ": samples and held-out data", Axes.of("x", "field"), x,
                labels, ys);
        if (violations.length > 0 && unconstrained.length > 0 && violations[0] >= 0) {
            double[] centres = new double[HIGHEST_DECADE - LOWEST_DECADE];
            for (int k = 0; k < centres.length; k++) {
                centres[k] = LOWEST_DECADE + k + 0.5;
            }
            Plots.curves(dir.resolve("violations.png"), "samples per decade of the largest constraint violation"
                    + " (x: log10)", Axes.of("log10 of the violation", "samples"), centres,
                    List.of("method", "unconstrained"),
                    List.of(histogram(violations), histogram(unconstrained)));
        }
        for (int i = 0; i < histories.size(); i++) {
            LossHistory hst = histories.get(i);
            List<String> names = new ArrayList<>(hst.columns().subList(1, hst.columns().size()));
            List<double[]> values = new ArrayList<>();
            for (String c : names) {
                values.add(hst.column(c));
            }
            Plots.lossCurves(dir.resolve(i == 0 ? "loss.png" : "loss_regularised.png"), "training loss",
                    hst.column("epoch"), names, values);
        }
    }

    /** Counts per decade [10^k, 10^(k+1)) for k from LOWEST_DECADE; 0 and tinier counted in the lowest. */
    private static double[] histogram(double[] v) {
        double[] counts = new double[HIGHEST_DECADE - LOWEST_DECADE];
        for (double x : v) {
            int k = x > 0 ? (int) Math.floor(Math.log10(x)) : LOWEST_DECADE;
            k = Math.max(LOWEST_DECADE, Math.min(HIGHEST_DECADE - 1, k));
            counts[k - LOWEST_DECADE]++;
        }
        return counts;
    }
}
