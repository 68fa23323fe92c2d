package org.sciml4j.operators.config;

import org.sciml4j.tensor.Tensor;

import java.nio.file.Path;

/**
 * The pairs of a problem file's data file, checked: inputs {@code (N, s)} or {@code (N, s1, s2)} (with f > 1 input
 * fields, e.g. a state (u, u_t), {@code (N, f, s...)}), outputs of the
 * same grid, {@code (N, s...)} or {@code (N, c, s...)}, the grid coordinates, and the split (train = the first
 * rows, test = the last rows).
 *
 * @param file       the data file
 * @param inputs     {@code (N, s...)}, or {@code (N, f, s...)} for f > 1 input fields
 * @param outputs    {@code (N, s...)} (one field) or {@code (N, c, s...)}
 * @param coordinates one array per spatial axis, {@code x (s,)} and for 2-D {@code y (s2,)}
 * @param components c, 1 when outputs have no component axis
 * @param inputFields f, 1 when inputs have no field axis
 * @param train      rows for training
 * @param test       rows for testing
 * @param queries    per-function query points and the outputs there ((function, point, value) triples, the
 *                   DeepONet repository's unaligned data), or null when the data are the grid outputs alone
 */
public record OperatorData(Path file, Tensor inputs, Tensor outputs, Tensor[] coordinates, int components,
                           int inputFields, int train, int test, Queries queries) {

    /**
     * Query points of 1-D data, Q per function, and the single output field there.
     *
     * @param points {@code (N, Q)}, rows as the inputs'
     * @param values {@code (N, Q)}
     */
    public record Queries(Tensor points, Tensor values) {

        /** The training rows' queries (the first {@code train}). */
        public Queries head(int train) {
            return new Queries(points.slice(0, 0, train), values.slice(0, 0, train));
        }

        /** The test rows' queries (the last {@code test}). */
        public Queries tail(int test) {
            int n = points.size(0);
            return new Queries(points.slice(0, n - test, n), values.slice(0, n - test, n));
        }
    }

    /** Grid data only (no query points). */
    public OperatorData(Path file, Tensor inputs, Tensor outputs, Tensor[] coordinates, int components,
                        int inputFields, int train, int test) {
        this(file, inputs, outputs, coordinates, components, inputFields, train, test, null);
    }

    /** 1 or 2 spatial dimensions. */
    public int dims() {
        return inputs.rank() - fieldAxes();
    }

    /** The grid sizes {@code {s}} or {@code {s1, s2}}. */
    public int[] grid() {
        return java.util.Arrays.copyOfRange(inputs.shape(), fieldAxes(), inputs.rank());
    }

    /** The axes before the grid in the inputs: the row, and the field when there are several. */
    private int fieldAxes() {
        return inputFields > 1 ? 2 : 1;
    }

    /** Training inputs, the first {@code train} rows. */
    public Tensor trainInputs() {
        return inputs.slice(0, 0, train);
    }

    /** Training outputs. */
    public Tensor trainOutputs() {
        return outputs.slice(0, 0, train);
    }

    /** Test inputs, the last {@code test} rows. */
    public Tensor testInputs() {
        int n = inputs.size(0);
        return inputs.slice(0, n - test, n);
    }

    /** Test outputs. */
    public Tensor testOutputs() {
        int n = outputs.size(0);
        return outputs.slice(0, n - test, n);
    }

    /** The grid points, {@code (M, d)} row-major over the grid (x fastest last in 2-D: row i1 * s2 + i2). */
    public Tensor points() {
        if (dims() == 1) {
            return coordinates[0].reshape(-1, 1);
        }
        double[] x = coordinates[0].toArray();
        double[] y = coordinates[1].toArray();
        double[] p = new double[x.length * y.length * 2];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < y.length; j++) {
                p[2 * (i * y.length + j)] = x[i];
                p[2 * (i * y.length + j) + 1] = y[j];
            }
        }
        return Tensor.wrap(p, x.length * y.length, 2);
    }
}
