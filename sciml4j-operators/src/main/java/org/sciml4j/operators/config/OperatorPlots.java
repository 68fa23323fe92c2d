package org.sciml4j.operators.config;

import org.sciml4j.plot.Axes;
import org.sciml4j.plot.Plots;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.LossHistory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The pictures of an operator run: {@code loss.png}; in 1-D {@code test-<i>.png} (input, truth and prediction of
 * the first three test functions); in 2-D heat maps {@code test-0-input.png}, {@code -truth}, {@code -prediction},
 * {@code -error} of the first test function. With several input or output fields the first one is drawn.
 */
final class OperatorPlots {
    private static final int FUNCTIONS_1D = 3;
    private final Path dir;
    private final String name;

    OperatorPlots(Path dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    /**
     * @param predicted the test predictions, shaped as {@link OperatorData#testOutputs()}
     */
    void all(OperatorData d, Tensor predicted, LossHistory history) throws IOException {
        loss(history);
        functions(d, predicted, "test");
    }

    /**
     * The test pictures alone, named {@code <prefix>-<i>.png} (1-D) or {@code <prefix>-0-<what>.png} (2-D); an extra
     * test set at another resolution draws them as {@code test-1024-0.png}.
     *
     * @param predicted the test predictions, shaped as {@link OperatorData#testOutputs()}
     */
    void functions(OperatorData d, Tensor predicted, String prefix) throws IOException {
        Tensor truth = firstField(d.testOutputs(), d);
        Tensor pred = firstField(predicted, d);
        Tensor in = d.inputFields() == 1 ? d.testInputs() : d.testInputs().slice(1, 0, 1).squeeze(1);
        if (d.dims() == 1) {
            double[] x = d.coordinates()[0].toArray();
            for (int i = 0; i < Math.min(FUNCTIONS_1D, d.test()); i++) {
                Plots.curves(dir.resolve(prefix + "-" + i + ".png"), name + ": test function " + i
                        + (prefix.equals("test") ? "" : ", s = " + prefix.substring(prefix.indexOf('-') + 1)),
                        Axes.of("x", "value"), x,
                        List.of("input", "truth", "prediction"),
                        List.of(row(in, i), row(truth, i), row(pred, i)));
            }
        } else {
            double[] x = d.coordinates()[0].toArray();
            double[] y = d.coordinates()[1].toArray();
            heat(prefix, "input", x, y, in, null);
            heat(prefix, "truth", x, y, truth, null);
            heat(prefix, "prediction", x, y, pred, null);
            heat(prefix, "error", x, y, pred, truth);
        }
    }

    private void loss(LossHistory h) throws IOException {
        if (h.size() == 0) {
            return;
        }
        double[] steps = h.column("epoch"); // the trainer's count: the optimiser's steps
        List<double[]> values = new ArrayList<>();
        List<String> names = new ArrayList<>(h.columns().subList(1, h.columns().size()));
        for (String c : names) {
            values.add(h.column(c));
        }
        Plots.lossCurves(dir.resolve("loss.png"), name + ": loss per step", "step", steps, names, values);
    }

    /** Test function 0 as a heat map, rows along x (vertical) and columns along y; minus {@code minus} if given. */
    private void heat(String prefix, String what, double[] x, double[] y, Tensor a, Tensor minus) throws IOException {
        double[] v = row(a, 0);
        double[] w = minus == null ? null : row(minus, 0);
        double[][] z = new double[x.length][y.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) {
                int k = i * y.length + j;
                z[i][j] = w == null ? v[k] : v[k] - w[k];
            }
        }
        Plots.heatMap(dir.resolve(prefix + "-0-" + what + ".png"), name + ": test function 0, " + what, y, x, z, "y",
                "x");
    }

    private static Tensor firstField(Tensor t, OperatorData d) {
        return d.components() == 1 ? t : t.slice(1, 0, 1).squeeze(1);
    }

    private static double[] row(Tensor t, int i) {
        return t.slice(0, i, i + 1).toArray();
    }
}
