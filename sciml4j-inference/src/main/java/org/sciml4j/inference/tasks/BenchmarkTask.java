package org.sciml4j.inference.tasks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.sciml4j.inference.sbi.Prior;
import org.sciml4j.inference.sbi.Simulator;
import org.sciml4j.tensor.Tensor;

/**
 * An sbibm benchmark task: its prior and simulator as sbibm defines them, and its ten observations with their true
 * parameters and reference posterior samples, read from {@code <data>/<name>/num_observation_<i>/} (the project's
 * shared data: {@code observation.csv}, {@code true_parameters.csv}, {@code reference_posterior_samples.csv.gz}).
 *
 * @param name      sbibm's name, e.g. {@code two_moons}
 * @param prior     p(theta)
 * @param simulator p(x | theta)
 */
public record BenchmarkTask(String name, Prior prior, Simulator simulator) {
    /** sbibm provides observations 1 to 10. */
    public static final int OBSERVATIONS = 10;

    /** D. */
    public int parameterDim() {
        return prior.dim();
    }

    /** C. */
    public int dataDim() {
        return simulator.outputDim();
    }

    /** The folder of observation {@code number} under the data root. */
    public Path folder(Path dataRoot, int number) {
        if (number < 1 || number > OBSERVATIONS) {
            throw new IllegalArgumentException("sbibm observations are numbered 1 to 10, got " + number);
        }
        return dataRoot.resolve(name).resolve("num_observation_" + number);
    }

    /** Observation {@code number} (1 to 10), length C. */
    public double[] observation(Path dataRoot, int number) throws IOException {
        return readCsv(folder(dataRoot, number).resolve("observation.csv"), dataDim()).data();
    }

    /** The parameters that simulated observation {@code number}, length D. */
    public double[] trueParameters(Path dataRoot, int number) throws IOException {
        return readCsv(folder(dataRoot, number).resolve("true_parameters.csv"), parameterDim()).data();
    }

    /** The reference posterior samples of observation {@code number}, shape (10000, D). */
    public Tensor referenceSamples(Path dataRoot, int number) throws IOException {
        return readCsv(folder(dataRoot, number).resolve("reference_posterior_samples.csv.gz"), parameterDim());
    }

    /**
     * Reads a csv of numeric rows of {@code width} values after an optional header line (a first line with a field
     * that is not a number); gzip when the name ends in .gz.
     *
     * @return shape (rows, width)
     * @throws IOException naming the file and line of a bad row
     */
    public static Tensor readCsv(Path file, int width) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": no such file");
        }
        List<double[]> rows = new ArrayList<>();
        var raw = Files.newInputStream(file);
        var in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int lineNo = 0;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                lineNo++;
                if (line.isBlank() || lineNo == 1 && !allNumbers(line)) {
                    continue;
                }
                rows.add(row(line, width, file, lineNo));
            }
        }
        double[] flat = new double[rows.size() * width];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, flat, i * width, width);
        }
        return Tensor.of(flat, rows.size(), width);
    }

    /** Whether every comma-separated field of {@code line} is a number (a data row, not a header). */
    private static boolean allNumbers(String line) {
        for (String part : line.split(",")) {
            try {
                Double.parseDouble(part.strip());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }

    private static double[] row(String line, int width, Path file, int lineNo) throws IOException {
        String[] parts = line.split(",");
        if (parts.length != width) {
            throw new IOException(file + ", line " + lineNo + ": " + parts.length + " values, expected " + width);
        }
        double[] row = new double[width];
        for (int j = 0; j < width; j++) {
            try {
                row[j] = Double.parseDouble(parts[j].strip());
            } catch (NumberFormatException e) {
                throw new IOException(file + ", line " + lineNo + ", column " + (j + 1) + ": not a number: '"
                        + parts[j] + "'");
            }
        }
        return row;
    }
}
