package org.sciml4j.inference.generative.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.sciml4j.inference.generative.FieldGenerator;
import org.sciml4j.io.InputFiles;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code data:} section: either a generator of exact PDE solutions ({@code generator: heat | advection} with
 * {@code samples, held_out, grid, modes, length, time, coefficient, mean, energy}; see {@link FieldGenerator}) or an
 * npz file ({@code file:}, {@code array:} of shape (N, n), {@code held_out:} rows kept out of training from the
 * end, {@code length:} of the periodic domain, 1 by default).
 */
final class DataSection {
    private static final Set<String> KEYS = Set.of("generator", "samples", "held_out", "grid", "modes", "length",
            "time", "coefficient", "mean", "energy", "file", "array", "seed");

    /**
     * Training and held-out fields, each flat (rows, n), the grid spacing and a description for the printout.
     */
    record Data(double[] train, double[] heldOut, int n, double dx, String description) {
        int trainCount() {
            return train.length / n;
        }

        int heldOutCount() {
            return heldOut.length / n;
        }
    }

    private final YamlDocument doc;

    DataSection(YamlDocument doc) {
        this.doc = doc;
    }

    Data read(Node node, long seed) {
        Fields f = new Fields(doc, node, "data", KEYS);
        if (f.has("file") == f.has("generator")) {
            throw doc.error(node, "data needs either 'generator: heat' (or advection) or 'file: fields.npz', not "
                    + (f.has("file") ? "both" : "neither"));
        }
        return f.has("file") ? file(f) : generated(f, seed);
    }

    private Data generated(Fields f, long seed) {
        for (String k : new String[] {"array"}) {
            if (f.has(k)) {
                throw doc.error(f.value(k), "'" + k + "' belongs to data from a file, not to a generator");
            }
        }
        String eq = f.choice("generator", "heat", Set.of("heat", "advection"));
        int grid = f.positiveInt("grid", 32);
        FieldGenerator g = doc.at(f.node, () -> new FieldGenerator(eq, grid, f.positiveInt("modes", 4),
                f.positive("length", 2 * Math.PI), f.nonNegative("time", 0.05),
                f.number("coefficient", 1.0), f.number("mean", 0.5), f.nonNegative("energy", 0)));
        int samples = f.positiveInt("samples", 512);
        int heldOut = f.positiveInt("held_out", 256);
        long dataSeed = f.has("seed") ? doc.integer(f.value("seed")) : seed;
        String desc = String.format(java.util.Locale.ROOT, "%s at t = %g, %d points, %d modes, mass %g%s", eq,
                g.time(), grid, g.modes(), g.mass(), g.energy() > 0 ? ", energy " + g.energy() : "");
        return new Data(g.sample(samples, dataSeed), g.sample(heldOut, dataSeed + 1), grid, g.dx(), desc);
    }

    private Data file(Fields f) {
        for (String k : new String[] {"samples", "grid", "modes", "time", "coefficient", "mean", "energy"}) {
            if (f.has(k)) {
                throw doc.error(f.value(k), "'" + k + "' belongs to a generator; data from a file are used as"
                        + " they are");
            }
        }
        Path path = doc.resolve(f.value("file"));
        Map<String, Tensor> arrays;
        try {
            arrays = Npz.read(path);
        } catch (IOException e) {
            throw doc.error(f.value("file"), InputFiles.cannotRead(path, e));
        } catch (RuntimeException e) {
            throw doc.error(f.value("file"), "cannot read " + path + ": " + e.getMessage());
        }
        String name = f.has("array") ? f.string("array", null) : arrays.size() == 1
                ? arrays.keySet().iterator().next() : "u";
        Tensor t = arrays.get(name);
        if (t == null) {
            throw doc.error(f.place("array"), path.getFileName() + " has no array '" + name + "'; it has "
                    + arrays.keySet());
        }
        if (t.rank() != 2 || t.size(0) < 3 || t.size(1) < 2) {
            throw doc.error(f.place("array"), "array '" + name + "' in " + path.getFileName() + " has shape "
                    + Arrays.toString(t.shape()) + "; expected (N, n) fields with N >= 3, n >= 2");
        }
        double[] all = t.toArray();
        for (double v : all) {
            if (!Double.isFinite(v)) {
                throw doc.error(f.value("file"), "array '" + name + "' in " + path.getFileName()
                        + " holds NaN or infinite values");
            }
        }
        int rows = t.size(0);
        int n = t.size(1);
        int heldOut = f.positiveInt("held_out", Math.max(1, rows / 4));
        if (heldOut >= rows - 1) {
            throw doc.error(f.place("held_out"), "held_out must leave at least 2 of the " + rows
                    + " fields for training, got " + heldOut);
        }
        double length = f.positive("length", 1.0);
        int split = (rows - heldOut) * n;
        return new Data(Arrays.copyOf(all, split), Arrays.copyOfRange(all, split, all.length), n, length / n,
                path.getFileName() + " '" + name + "', " + rows + " fields of " + n + " values");
    }
}
