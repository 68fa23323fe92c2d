package org.sciml4j.pinn.uncertainty;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sciml4j.domain.sampling.Grid;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.io.SummaryJson;
import org.sciml4j.io.TextTable;
import org.sciml4j.pinn.Condition;
import org.sciml4j.pinn.Errors;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.plot.Axes;
import org.sciml4j.plot.Plots;
import org.sciml4j.tensor.Tensor;

/**
 * What both uncertainty runs write from their draws: {@code prediction.tsv} (per field mean, sd, the normal and the
 * quantile 95 % intervals, the reference), the summary's errors of the mean field, band coverage and the unknowns'
 * intervals, and for one-variable problems {@code prediction.png} (per field: the mean with a band of +- 2 sd, the
 * reference dashed, the data as markers).
 */
final class UncertaintyOutputs {
    /** Points per variable of the evaluation grid when the file gives no reference data (1 and 2 variables). */
    private static final int[] GRID = {201, 101, 11};

    private UncertaintyOutputs() {
    }

    /** Where the fields are evaluated: the reference data's points, else a grid over the variables' box. */
    static Tensor points(ProblemFile pf) {
        if (pf.evaluation() != null) {
            return pf.evaluation().points();
        }
        Problem p = pf.problem();
        int d = p.variables().size();
        int[] counts = new int[d];
        java.util.Arrays.fill(counts, GRID[Math.min(d, 3) - 1]);
        Grid g = Sampler.grid(counts);
        return g.box(g.size(), p.lower(), p.upper(), 0);
    }

    /**
     * Writes the prediction table and the plots, and puts the errors, coverage and intervals into {@code summary}.
     *
     * @param fields   the spread of the fields at {@code points}: N * F values, point-major (as a (N, F) tensor)
     * @param unknowns each unknown's spread over the draws, by name
     */
    static void write(Path dir, ProblemFile pf, Tensor points, Band fields, Map<String, Band> unknowns,
            SummaryJson summary) throws IOException {
        Problem p = pf.problem();
        int n = points.size(0);
        int f = p.fields().size();
        ProblemFile.EvaluationSpec ev = pf.evaluation();
        Tensor mean = Tensor.of(fields.mean(), n, f);
        if (ev != null) {
            Errors e = Errors.of(mean, ev.truth());
            String reason = "the mean prediction is not finite at some evaluation point";
            summary.put("absolute_error", e.absolute(), reason).put("relative_error", e.relative(), reason);
            double[] truth = ev.truth().toArray();
            summary.put("coverage_normal_95", fields.normalCoverage(truth));
            summary.put("coverage_quantile_95", fields.quantileCoverage(truth));
        } else {
            summary.put("absolute_error", null).put("relative_error", null);
        }
        summary.put("evaluation_file", ev == null ? null : ev.file());
        summary.put("mean_sd", average(fields.sd()), "the spread is not finite");
        Map<String, Object> u = new LinkedHashMap<>();
        unknowns.forEach((name, b) -> u.put(name, interval(b)));
        summary.put("unknowns", u, "an unknown's spread is not finite");
        writeTable(dir, p, points, fields, ev);
        if (p.variables().size() == 1) {
            plot(dir, pf, points, fields, ev);
        }
    }

    /** {mean, sd, normal_95: [lo, hi], quantile_95: [lo, hi]} of one scalar. */
    static Map<String, Object> interval(Band b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", b.mean()[0]);
        m.put("sd", b.sd()[0]);
        m.put("normal_95", List.of(b.normalLower()[0], b.normalUpper()[0]));
        m.put("quantile_95", List.of(b.q025()[0], b.q975()[0]));
        return m;
    }

    private static double average(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static void writeTable(Path dir, Problem p, Tensor points, Band b, ProblemFile.EvaluationSpec ev)
            throws IOException {
        int n = points.size(0);
        int f = p.fields().size();
        int d = points.size(1);
        List<String> header = new ArrayList<>(p.variableNames());
        String[] parts = {"mean", "sd", "lower", "upper", "q025", "q975"};
        for (String field : p.fields()) {
            for (String part : parts) {
                header.add(field + "_" + part);
            }
            if (ev != null) {
                header.add(field + "_true");
            }
        }
        int cols = header.size();
        double[] out = new double[n * cols];
        double[] x = points.data();
        double[] truth = ev == null ? null : ev.truth().toArray();
        double[][] series = {b.mean(), b.sd(), b.normalLower(), b.normalUpper(), b.q025(), b.q975()};
        for (int i = 0; i < n; i++) {
            int c = i * cols;
            for (int j = 0; j < d; j++) {
                out[c++] = x[i * d + j];
            }
            for (int k = 0; k < f; k++) {
                for (double[] s : series) {
                    out[c++] = s[i * f + k];
                }
                if (truth != null) {
                    out[c++] = truth[i * f + k];
                }
            }
        }
        TextTable.write(dir.resolve("prediction.tsv"), header, Tensor.of(out, n, cols));
    }

    /** Per field, the mean with the band mean +- 2 sd over t, the reference and the field's data. */
    private static void plot(Path dir, ProblemFile pf, Tensor points, Band b, ProblemFile.EvaluationSpec ev)
            throws IOException {
        Problem p = pf.problem();
        int n = points.size(0);
        int f = p.fields().size();
        double[] t = points.toArray();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, c) -> Double.compare(t[a], t[c]));
        double[] truth = ev == null ? null : ev.truth().toArray();
        for (int k = 0; k < f; k++) {
            double[] ts = new double[n];
            double[] mean = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            double[] tr = truth == null ? null : new double[n];
            for (int i = 0; i < n; i++) {
                int j = order[i];
                ts[i] = t[j];
                mean[i] = b.mean()[j * f + k];
                lo[i] = mean[i] - 2 * b.sd()[j * f + k];
                hi[i] = mean[i] + 2 * b.sd()[j * f + k];
                if (tr != null) {
                    tr[i] = truth[j * f + k];
                }
            }
            double[][] data = k == 0 ? data(p, pf.training().seed()) : new double[2][];
            String file = f == 1 ? "prediction.png" : "prediction_" + p.fields().get(k) + ".png";
            Plots.predictionBand(dir.resolve(file), pf.name() + ": " + p.fields().get(k) + " (" + b.draws()
                    + " draws)", Axes.of(p.variableNames().get(0), p.fields().get(k)), "mean \u00b1 2 sd", ts, mean,
                    lo, hi, tr, data[0], data[1]);
        }
    }

    /** The first data condition's points and observed values {t, u}, or {null, null}. */
    private static double[][] data(Problem p, long seed) {
        for (Condition c : p.conditions()) {
            Condition.Resolved r = c.resolve(p, seed);
            if (!r.observed().isEmpty() && r.observed().get(0) != null) {
                return new double[][] {r.points().toArray(), r.observed().get(0).toArray()};
            }
        }
        return new double[2][];
    }
}
