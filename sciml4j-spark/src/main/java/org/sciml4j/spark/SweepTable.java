package org.sciml4j.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.sciml4j.io.AtomicFiles;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;

/**
 * The gathered table of a sweep: one row per run, the overrides (and seed) as the first columns, then the exit
 * status and every number of the run's {@code summary.json} (nested objects flattened with dots, e.g.
 * {@code final_loss.total}). Written as {@code sweep.tsv} (text) and {@code sweep.npz} (one 1-D array of length
 * runs per numeric column; an override whose values are not numbers is stored as the index of its value among the
 * distinct values, key {@code <path>.index}).
 */
public final class SweepTable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> ids = new ArrayList<>();
    private final List<Map<String, String>> knobs = new ArrayList<>();
    private final List<Map<String, Double>> figures = new ArrayList<>();
    private final List<Boolean> resumed = new ArrayList<>();

    /** Adds a finished run's row. */
    public void add(RunSpec spec, RunResult result) throws IOException {
        ids.add(spec.id());
        knobs.add(spec.columns());
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("status", (double) result.status());
        if (!result.summary().isEmpty()) {
            flatten("", JSON.readTree(result.summary()), f);
        }
        figures.add(f);
        resumed.add(result.resumed());
    }

    /** The number of rows. */
    public int rows() {
        return ids.size();
    }

    /** The number of runs that finished (status 0: neither diverged nor stopped). */
    public int finished() {
        int n = 0;
        for (int i = 0; i < rows(); i++) {
            n += figure(i, "status") == 0 ? 1 : 0;
        }
        return n;
    }

    /** The knob columns (override paths, then "seed"), in first-seen order. */
    public List<String> knobColumns() {
        Set<String> s = new LinkedHashSet<>();
        knobs.forEach(k -> s.addAll(k.keySet()));
        return new ArrayList<>(s);
    }

    /** The figure columns (status, then summary.json's numbers), in first-seen order. */
    public List<String> figureColumns() {
        Set<String> s = new LinkedHashSet<>();
        figures.forEach(k -> s.addAll(k.keySet()));
        return new ArrayList<>(s);
    }

    /** A knob's value text in a row ("" if that run has none). */
    public String knob(int row, String column) {
        return knobs.get(row).getOrDefault(column, "");
    }

    /** A figure of a row, NaN where the run has none. */
    public double figure(int row, String column) {
        return figures.get(row).getOrDefault(column, Double.NaN);
    }

    /** Whether a row's run continued the checkpoint of an earlier attempt (one lost with its executor). */
    public boolean resumed(int row) {
        return resumed.get(row);
    }

    /** A run's id. */
    public String id(int row) {
        return ids.get(row);
    }

    /** A knob as numbers: its values where all are numbers, else each value's index among the distinct ones. */
    public double[] knobNumbers(String column) {
        double[] x = new double[rows()];
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(knobs.stream()
                .map(k -> k.getOrDefault(column, "")).toList()));
        boolean numeric = distinct.stream().allMatch(SweepTable::isNumber);
        for (int i = 0; i < x.length; i++) {
            String v = knob(i, column);
            x[i] = numeric ? Double.parseDouble(v) : distinct.indexOf(v);
        }
        return x;
    }

    /** Whether a knob's values are all numbers. */
    public boolean numericKnob(String column) {
        return knobs.stream().allMatch(k -> isNumber(k.getOrDefault(column, "")));
    }

    /** Writes sweep.tsv and sweep.npz into {@code dir}. */
    public void write(Path dir) throws IOException {
        List<String> kc = knobColumns();
        List<String> fc = new ArrayList<>(figureColumns());
        fc.removeAll(kc); // the summary's own "seed" repeats the knob
        StringBuilder sb = new StringBuilder("run");
        kc.forEach(c -> sb.append('\t').append(c));
        fc.forEach(c -> sb.append('\t').append(c));
        sb.append('\n');
        for (int i = 0; i < rows(); i++) {
            sb.append(id(i));
            for (String c : kc) {
                sb.append('\t').append(knob(i, c));
            }
            for (String c : fc) {
                sb.append('\t').append(figure(i, c));
            }
            sb.append('\n');
        }
        AtomicFiles.write(dir.resolve("sweep.tsv"), sb.toString().getBytes(StandardCharsets.UTF_8));
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        for (String c : kc) {
            arrays.put(numericKnob(c) ? c : c + ".index", Tensor.vector(knobNumbers(c)));
        }
        for (String c : fc) {
            double[] v = new double[rows()];
            for (int i = 0; i < v.length; i++) {
                v[i] = figure(i, c);
            }
            arrays.put(c, Tensor.vector(v));
        }
        Npz.write(dir.resolve("sweep.npz"), arrays, false);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Double> out) {
        if (node.isNumber()) {
            out.put(prefix, node.doubleValue());
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        }
    }
}
