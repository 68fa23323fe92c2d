package org.sciml4j.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sciml4j.io.AtomicFiles;
import org.sciml4j.io.SummaryJson;
import org.sciml4j.io.TextTable;
import org.sciml4j.train.config.RunnableProblem;

/**
 * The statistics of an ensemble (K members of one problem that differ only in their seed): for every number of the
 * members' summaries (unknowns included, as {@code parameters.<name>}) and every column of their
 * {@code prediction.tsv} that differs between members, the mean, the sample standard deviation and the 95 %
 * interval mean +- 1.96 sd (a normal approximation over the members). Columns equal in every member (the
 * coordinates) are copied.
 */
public final class Ensembles {
    /** The normal quantile of a two-sided 95 % interval. */
    static final double Z95 = 1.959963984540054;

    private Ensembles() {
    }

    /** {mean, sd, low, high} of values (sd 0 for one value). */
    public static double[] stats(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double sd = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
        return new double[] {mean, sd, mean - Z95 * sd, mean + Z95 * sd};
    }

    /**
     * Writes summary.json (figure -> {mean, sd, low95, high95}) and ensemble.tsv (if the members predicted) of the
     * members that finished; members that diverged or stopped (status not 0) are reported and left out.
     *
     * @return 0, or 3 when fewer than 2 members finished (nothing is written then)
     * @throws IllegalArgumentException when the members' results are all the same (the problem does not depend on
     *                                  the seed, so their spread says nothing)
     */
    public static int write(SweepTable table, Path out, PrintStream log) throws IOException {
        List<Integer> kept = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (int i = 0; i < table.rows(); i++) {
            if (table.figure(i, "status") == 0) {
                kept.add(i);
            } else {
                left.add(table.id(i) + " (status " + (int) table.figure(i, "status") + ")");
            }
        }
        if (!left.isEmpty()) {
            log.println(left.size() + " of " + table.rows() + " members diverged or stopped and are left out: "
                    + String.join(", ", left));
        }
        if (kept.size() < 2) {
            log.println("fewer than 2 members finished: no ensemble statistics (see sweep.tsv and runs/)");
            return RunnableProblem.DIVERGED_STATUS;
        }
        List<String> columns = new ArrayList<>(table.figureColumns());
        columns.removeIf(c -> c.equals("seed") || c.contains("seconds"));
        if (columns.stream().allMatch(c -> kept.stream().allMatch(i -> same(table.figure(i, c),
                table.figure(kept.get(0), c))))) {
            throw new IllegalArgumentException("the " + kept.size() + " members' results are identical: this problem"
                    + " does not depend on the seed, so an ensemble of it has no spread (runs in " + out.resolve("runs")
                    + ")");
        }
        SummaryJson summary = new SummaryJson();
        summary.put("members", kept.size());
        for (String c : table.figureColumns()) {
            double[] v = new double[kept.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = table.figure(kept.get(i), c);
            }
            double[] s = stats(v);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mean", s[0]);
            m.put("sd", s[1]);
            m.put("low95", s[2]);
            m.put("high95", s[3]);
            summary.put(c, m, "a member's figure is not finite");
        }
        summary.write(out);
        List<TextTable.Table> predictions = new ArrayList<>();
        for (int i : kept) {
            Path p = RunTask.runDir(out, table.id(i)).resolve("prediction.tsv");
            if (Files.isRegularFile(p)) {
                predictions.add(TextTable.read(p));
            }
        }
        if (predictions.size() == kept.size()) {
            AtomicFiles.write(out.resolve("ensemble.tsv"),
                    predictionStats(predictions).getBytes(StandardCharsets.UTF_8));
        }
        return 0;
    }

    private static boolean same(double a, double b) {
        return Double.compare(a, b) == 0;
    }

    /** The text of ensemble.tsv from the members' prediction tables (same columns and rows in each). */
    static String predictionStats(List<TextTable.Table> members) {
        TextTable.Table first = members.get(0);
        int rows = first.rows();
        List<String> header = new ArrayList<>();
        List<double[][]> columns = new ArrayList<>(); // per output column: [row][{value} or {mean, sd, lo, hi}]
        for (String c : first.columns()) {
            double[][] byMember = new double[members.size()][];
            boolean same = true;
            for (int k = 0; k < members.size(); k++) {
                byMember[k] = members.get(k).column(c).data();
                same &= java.util.Arrays.equals(byMember[k], byMember[0]);
            }
            if (same) {
                header.add(c);
                columns.add(new double[][] {byMember[0]});
            } else {
                header.addAll(List.of(c + "_mean", c + "_sd", c + "_low95", c + "_high95"));
                double[][] s = new double[4][rows];
                for (int r = 0; r < rows; r++) {
                    double[] v = new double[members.size()];
                    for (int k = 0; k < v.length; k++) {
                        v[k] = byMember[k][r];
                    }
                    double[] st = stats(v);
                    for (int q = 0; q < 4; q++) {
                        s[q][r] = st[q];
                    }
                }
                columns.add(s);
            }
        }
        StringBuilder sb = new StringBuilder(String.join("\t", header)).append('\n');
        for (int r = 0; r < rows; r++) {
            List<String> cells = new ArrayList<>();
            for (double[][] col : columns) {
                for (double[] c : col) {
                    cells.add(Double.toString(c[r]));
                }
            }
            sb.append(String.join("\t", cells)).append('\n');
        }
        return sb.toString();
    }
}
