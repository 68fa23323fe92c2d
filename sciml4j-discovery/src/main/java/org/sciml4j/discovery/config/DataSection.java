package org.sciml4j.discovery.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sciml4j.discovery.data.Generators;
import org.sciml4j.io.InputFiles;
import org.sciml4j.io.Mat;
import org.sciml4j.io.Npz;
import org.sciml4j.io.TextTable;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The {@code data:} section: {@code generate: lorenz | cubic_oscillator | burgers} with its knobs, or {@code file:}
 * (.npz, .mat or a text table) with {@code time:} (an array or column) or {@code dt:}, the states as {@code state:
 * [x, y, z]} (one array or column each, or the columns of one {@code array:}), optional {@code control: [u]}; for a
 * field, {@code field: u}, {@code space: x}, {@code time: t} and {@code periodic:}. Files are read here, so a missing
 * array, a wrong shape or a NaN is reported at its line before anything runs.
 */
final class DataSection {
    static final Set<String> KEYS = Set.of("generate", "file", "time", "dt", "state", "array", "control", "field",
            "space", "periodic", "noise", "t_end", "initial", "sigma", "rho", "beta", "nu", "nx", "nt", "length");
    private static final Set<String> GENERATORS = Set.of("lorenz", "cubic_oscillator", "burgers",
            "kuramoto_sivashinsky");

    private final YamlDocument doc;

    DataSection(YamlDocument doc) {
        this.doc = doc;
    }

    /** The measurements and the relative noise level (0 for none). */
    record Result(Measurements data, double noise, Node noiseNode) {
    }

    Result read(Node node) {
        Map<String, NodeTuple> m = doc.mapping(node, "data", KEYS);
        Keys k = new Keys(doc, m);
        double noise = k.nonNegative("noise", 0);
        if (k.has("generate") == k.has("file")) {
            throw doc.error(node, "data needs exactly one of 'generate: lorenz' (or cubic_oscillator, burgers,"
                    + " kuramoto_sivashinsky) and"
                    + " 'file: data.npz'");
        }
        refuse(m, k.has("generate") ? FILE_ONLY : GENERATE_ONLY, k.has("generate") ? "a generated" : "a file's");
        Measurements d = k.has("generate") ? generate(k) : file(k);
        return new Result(d, noise, k.node("noise"));
    }

    private static final Set<String> FILE_ONLY = Set.of("time", "state", "array", "control", "field", "space",
            "periodic");
    private static final Set<String> GENERATE_ONLY = Set.of("t_end", "initial", "sigma", "rho", "beta", "nu", "nx",
            "nt", "length");

    /** A key of the other mode is a mistake, not something to ignore. */
    private void refuse(Map<String, NodeTuple> m, Set<String> keys, String what) {
        for (NodeTuple t : m.values()) {
            String key = YamlDocument.key(t);
            if (keys.contains(key)) {
                throw doc.error(t.getKeyNode(), "'" + key + "' does not apply to " + what + " data");
            }
        }
    }

    private Measurements generate(Keys k) {
        Node g = k.node("generate");
        String what = doc.string(g);
        if (!GENERATORS.contains(what)) {
            throw doc.error(g, "unknown generator '" + what + "'" + YamlDocument.suggestion(what, GENERATORS)
                    + " (known: " + new java.util.TreeSet<>(GENERATORS) + ")");
        }
        switch (what) {
            case "lorenz" -> {
                double[] x0 = k.has("initial") ? doc.numbers(k.node("initial"), 3, "an initial state [x, y, z]")
                        : new double[] {-8, 8, 27};
                Generators.Trajectory tr = Generators.lorenz(k.number("sigma", 10), k.number("rho", 28),
                        k.number("beta", 8.0 / 3), x0, k.positive("dt", 0.002), k.positive("t_end", 10));
                return trajectory(tr, "generated Lorenz");
            }
            case "cubic_oscillator" -> {
                double[] x0 = k.has("initial") ? doc.numbers(k.node("initial"), 2, "an initial state [x, y]")
                        : new double[] {2, 0};
                Generators.Trajectory tr = Generators.cubicOscillator(x0, k.positive("dt", 0.01),
                        k.positive("t_end", 25));
                return trajectory(tr, "generated cubic oscillator");
            }
            case "kuramoto_sivashinsky" -> {
                int nx = k.positiveInt("nx", 256);
                if (nx % 2 != 0 || nx < 8) {
                    throw doc.error(k.node("nx"), "nx must be even and >= 8 for the spectral solver, got " + nx);
                }
                int nt = k.positiveInt("nt", 1001);
                if (nt < 2) {
                    throw doc.error(k.node("nt"), "nt must be >= 2, got " + nt);
                }
                Generators.Field f = Generators.kuramotoSivashinsky(k.positive("length", 32 * Math.PI), nx, nt,
                        k.positive("t_end", 100));
                return new Measurements(f.t(), f.u(), List.of("u"), null, List.of(), f.x(), "x", true,
                        "generated Kuramoto-Sivashinsky (ETDRK4)");
            }
            default -> {
                Generators.Field f = Generators.burgers(k.positive("nu", 0.1), k.positiveInt("nx", 256),
                        k.positiveInt("nt", 101), k.positive("t_end", 5));
                return new Measurements(f.t(), f.u(), List.of("u"), null, List.of(), f.x(), "x", true,
                        "generated Burgers (Cole-Hopf)");
            }
        }
    }

    private static Measurements trajectory(Generators.Trajectory tr, String source) {
        return new Measurements(tr.t(), tr.x(), tr.names(), null, List.of(), null, null, false, source);
    }

    private Measurements file(Keys k) {
        Node fileNode = k.node("file");
        Path path = doc.resolve(fileNode);
        if (!Files.isRegularFile(path)) {
            throw doc.error(fileNode, "no such data file: " + path);
        }
        Arrays arrays = load(path, fileNode);
        if (k.has("field")) {
            return field(k, arrays, path);
        }
        Node stateNode = doc.required(k.map(), "state", fileNode, "state: [x, y, z]");
        List<String> names = names(stateNode);
        double[] x;
        int n;
        if (k.has("array")) {
            Tensor a = arrays.get(k.node("array"));
            int[] s = a.shape();
            if (s.length != 2 || s[1] != names.size()) {
                throw doc.error(k.node("array"), "array '" + doc.string(k.node("array")) + "' has shape "
                        + java.util.Arrays.toString(s) + " but 'state' names " + names.size() + " columns");
            }
            x = finite(a.toArray(), k.node("array"));
            n = s[0];
        } else {
            List<double[]> cols = columns(stateNode, arrays);
            n = cols.get(0).length;
            x = interleave(cols, n, doc.list(stateNode));
        }
        double[] t = time(k, arrays, n);
        atLeastTwo(t.length, "samples (rows)", fileNode, path);
        List<String> controls = List.of();
        double[] u = null;
        if (k.has("control")) {
            controls = names(k.node("control"));
            u = interleave(columns(k.node("control"), arrays), n, doc.list(k.node("control")));
        }
        return new Measurements(t, x, names, u, controls, null, null, false, path.getFileName().toString());
    }

    private Measurements field(Keys k, Arrays arrays, Path path) {
        Node fieldNode = k.node("field");
        Node spaceNode = doc.required(k.map(), "space", fieldNode, "space: x");
        double[] xs = flat(arrays.get(spaceNode), spaceNode);
        double[] t = time(k, arrays, -1);
        atLeastTwo(t.length, "times", fieldNode, path);
        atLeastTwo(xs.length, "points in space", spaceNode, path);
        Tensor u = arrays.get(fieldNode);
        int[] s = u.shape();
        double[] values = finite(u.toArray(), fieldNode);
        if (s.length == 2 && s[0] == t.length && s[1] == xs.length) {
            values = values.clone();
        } else if (s.length == 2 && s[0] == xs.length && s[1] == t.length) {
            values = transpose(values, s[0], s[1]);
        } else {
            throw doc.error(fieldNode, "field '" + doc.string(fieldNode) + "' has shape " + java.util.Arrays.toString(s)
                    + " but time has " + t.length + " and space " + xs.length + " points (expected (nt, nx))");
        }
        return new Measurements(t, values, List.of(doc.name(fieldNode)), null, List.of(), xs, doc.name(spaceNode),
                k.bool("periodic", false), path.getFileName().toString());
    }

    /** A derivative along a variable needs at least two of its samples (its method may need more). */
    private void atLeastTwo(int count, String what, Node at, Path path) {
        if (count < 2) {
            throw doc.error(at, path.getFileName() + " has " + count + " " + what + "; derivatives need at least 2");
        }
    }

    private double[] time(Keys k, Arrays arrays, int n) {
        if (k.has("time") == k.has("dt")) {
            throw doc.error(k.node("file"), "give the times as 'time: t' (an array or column) or 'dt: 0.01', not "
                    + (k.has("time") ? "both" : "neither"));
        }
        if (k.has("dt")) {
            if (n < 0) {
                throw doc.error(k.node("dt"), "a field needs its times as 'time: t'");
            }
            double dt = k.positive("dt", 1);
            return Generators.times(dt, dt * (n - 1));
        }
        double[] t = flat(arrays.get(k.node("time")), k.node("time"));
        if (n >= 0 && t.length != n) {
            throw doc.error(k.node("time"), "time has " + t.length + " values but the states have " + n + " rows");
        }
        for (int i = 1; i < t.length; i++) {
            if (!(t[i] > t[i - 1])) {
                throw doc.error(k.node("time"), "time must increase strictly, but value " + i + " (" + t[i]
                        + ") follows " + t[i - 1]);
            }
        }
        return t;
    }

    private List<String> names(Node listNode) {
        List<String> out = new ArrayList<>();
        for (Node n : doc.list(listNode)) {
            String s = doc.name(n);
            if (out.contains(s)) {
                throw doc.error(n, "'" + s + "' is named twice");
            }
            out.add(s);
        }
        return out;
    }

    private List<double[]> columns(Node listNode, Arrays arrays) {
        List<double[]> cols = new ArrayList<>();
        for (Node n : doc.list(listNode)) {
            double[] c = flat(arrays.get(n), n);
            if (!cols.isEmpty() && c.length != cols.get(0).length) {
                throw doc.error(n, "'" + doc.string(n) + "' has " + c.length + " values but the first has "
                        + cols.get(0).length);
            }
            cols.add(c);
        }
        return cols;
    }

    private double[] interleave(List<double[]> cols, int n, List<Node> nodes) {
        int m = cols.size();
        double[] out = new double[n * m];
        for (int j = 0; j < m; j++) {
            double[] c = cols.get(j);
            if (c.length != n) {
                throw doc.error(nodes.get(j), "'" + doc.string(nodes.get(j)) + "' has " + c.length
                        + " values but the states have " + n + " rows");
            }
            for (int i = 0; i < n; i++) {
                out[i * m + j] = c[i];
            }
        }
        return out;
    }

    /** A vector, or an (n, 1) / (1, n) array, checked finite. */
    private double[] flat(Tensor a, Node where) {
        int[] s = a.shape();
        boolean vector = s.length == 1 || (s.length == 2 && (s[0] == 1 || s[1] == 1));
        if (!vector) {
            throw doc.error(where, "'" + doc.string(where) + "' must be a vector, but its shape is "
                    + java.util.Arrays.toString(s));
        }
        return finite(a.toArray(), where);
    }

    private double[] finite(double[] v, Node where) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw doc.error(where, "'" + doc.string(where) + "' has a non-finite value (" + v[i]
                        + ") at flat index " + i);
            }
        }
        return v;
    }

    private static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }

    /** The named arrays of a data file, looked up with errors placed at the name's node. */
    private final class Arrays {
        private final Map<String, Tensor> byName;
        private final String file;

        Arrays(Map<String, Tensor> byName, String file) {
            this.byName = byName;
            this.file = file;
        }

        Tensor get(Node nameNode) {
            String name = doc.string(nameNode);
            Tensor t = byName.get(name);
            if (t == null) {
                throw doc.error(nameNode, "no array or column '" + name + "' in " + file
                        + YamlDocument.suggestion(name, byName.keySet()) + "; it has " + byName.keySet());
            }
            return t;
        }
    }

    private Arrays load(Path path, Node where) {
        String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            Map<String, Tensor> map;
            if (lower.endsWith(".npz")) {
                map = Npz.read(path);
            } else if (lower.endsWith(".mat")) {
                map = Mat.read(path);
            } else {
                TextTable.Table table = TextTable.read(path);
                map = new java.util.LinkedHashMap<>();
                for (int j = 0; j < table.columns().size(); j++) {
                    map.put(table.columns().get(j), table.column(j));
                }
            }
            return new Arrays(map, path.getFileName().toString());
        } catch (IOException e) {
            throw doc.error(where, InputFiles.cannotRead(path, e));
        } catch (RuntimeException e) {
            throw doc.error(where, "cannot read " + path + ": " + e.getMessage());
        }
    }
}
