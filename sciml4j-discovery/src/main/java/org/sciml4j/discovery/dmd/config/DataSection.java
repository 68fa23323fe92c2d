package org.sciml4j.discovery.dmd.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sciml4j.discovery.dmd.Generators;
import org.sciml4j.discovery.dmd.Snapshots;
import org.sciml4j.io.InputFiles;
import org.sciml4j.io.Mat;
import org.sciml4j.io.Npz;
import org.sciml4j.io.TextTable;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads the {@code data:} section of a {@code dmd} problem: a generator ({@code generate:} linear, oscillations,
 * slow_manifold, travelling_wave, forced (with control inputs), with its knobs) or a file ({@code file:} an
 * {@code .npz} or {@code .mat} with {@code array:} (features, snapshots), or a text table whose {@code columns:} are
 * the features and rows the snapshots), the times
 * ({@code dt:} or {@code times:}, an array or column), optional {@code inputs:} for DMD with control, and
 * {@code noise:} added with its seed. Files are loaded here, so a wrong name or shape is reported before anything
 * runs.
 */
final class DataSection {
    static final List<String> GENERATORS = List.of("linear", "oscillations", "slow_manifold", "travelling_wave",
            "forced");
    private static final Set<String> COMMON = Set.of("noise");
    private static final Map<String, Set<String>> KEYS = Map.of(
            "linear", Set.of("generate", "eigenvalues", "features", "snapshots", "dt", "seed", "uneven"),
            "oscillations", Set.of("generate", "frequencies", "growth_rates", "features", "snapshots", "dt", "seed",
                    "uneven"),
            "slow_manifold", Set.of("generate", "mu", "lambda", "trajectories", "snapshots", "dt", "seed"),
            "travelling_wave", Set.of("generate", "points", "snapshots", "t_end", "part"),
            "forced", Set.of("generate", "eigenvalues", "features", "inputs", "snapshots", "dt", "seed"),
            "file", Set.of("file", "array", "columns", "dt", "times", "inputs"));
    /** The fewest snapshots DMD works with: a fit pairs each snapshot with the next, and needs two such pairs. */
    static final int MIN_SNAPSHOTS = 3;

    /** What the section gives: the snapshots and the node that a mistake about them is placed at. */
    record Data(Snapshots snapshots, Node node, String description) {
    }

    private final YamlDocument doc;

    DataSection(YamlDocument doc) {
        this.doc = doc;
    }

    Data read(Node section) {
        Map<String, NodeTuple> any = doc.mapping(section, "the data section", null);
        String source;
        if (any.containsKey("generate")) {
            Node g = any.get("generate").getValueNode();
            source = doc.string(g);
            if (!GENERATORS.contains(source)) {
                throw doc.error(g, "unknown generator '" + source + "'" + YamlDocument.suggestion(source,
                        Set.copyOf(GENERATORS)) + "; choose one of " + GENERATORS);
            }
        } else if (any.containsKey("file")) {
            source = "file";
        } else {
            throw doc.error(section, "the data section needs 'file:' (an .npz, .mat or text table) or 'generate:'"
                    + " (one of " + GENERATORS + ")");
        }
        Set<String> allowed = new HashSet<>(KEYS.get(source));
        allowed.addAll(COMMON);
        Map<String, NodeTuple> m = doc.mapping(section, "the data section (" + source + ")", allowed);
        Snapshots s = source.equals("file") ? file(m, section) : generate(source, m, section);
        if (!source.equals("file")) {
            finiteGenerated(s, m, section, source);
        }
        String what = source.equals("file") ? doc.string(m.get("file").getValueNode()) : "generated " + source;
        if (m.containsKey("noise")) {
            s = noise(m.get("noise").getValueNode(), s);
            what += " with noise";
        }
        return new Data(s, section, what);
    }

    /** Generated snapshots and times overflow for extreme settings (a huge dt, fast growth): said where, not NaN. */
    private void finiteGenerated(Snapshots s, Map<String, NodeTuple> m, Node section, String source) {
        for (double[] values : new double[][] {s.times(), s.x()}) {
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    throw doc.error(m.containsKey("dt") ? m.get("dt").getValueNode() : section, "the generated "
                            + source + " data overflow (" + (values == s.times() ? "the times" : "the snapshots")
                            + " reach " + v + "); use a smaller dt, fewer snapshots or slower growth");
                }
            }
        }
    }

    private Snapshots noise(Node n, Snapshots s) {
        Map<String, NodeTuple> m = doc.mapping(n, "noise", Set.of("sd", "seed"));
        double sd = doc.number(doc.required(m, "sd", n, "sd: 0.05   # relative to the data's RMS"));
        if (sd < 0) {
            throw doc.error(m.get("sd").getValueNode(), "the noise sd must be >= 0, got " + sd);
        }
        long seed = m.containsKey("seed") ? doc.integer(m.get("seed").getValueNode()) : 1;
        return Generators.withNoise(s, sd, seed);
    }

    private Snapshots generate(String kind, Map<String, NodeTuple> m, Node section) {
        long seed = m.containsKey("seed") ? doc.integer(m.get("seed").getValueNode()) : 1;
        double dt = doc.positiveOr(m, "dt", 0.1);
        int n = m.containsKey("snapshots") ? doc.positiveInt(m.get("snapshots").getValueNode()) : 100;
        if (m.containsKey("snapshots")) {
            enoughSnapshots(m.get("snapshots").getValueNode(), "the generated " + kind + " series", n);
        }
        boolean uneven = m.containsKey("uneven") && doc.bool(m.get("uneven").getValueNode());
        double[] times = uneven ? Generators.unevenTimes(n, dt, seed + 1) : Generators.uniformTimes(n, dt);
        int features = m.containsKey("features") ? doc.positiveInt(m.get("features").getValueNode()) : 20;
        return switch (kind) {
            case "linear" -> linear(m, section, features, times, seed);
            case "oscillations" -> oscillations(m, section, features, times, seed);
            case "slow_manifold" -> slowManifold(m, section, n, dt, seed);
            case "forced" -> forced(m, section, features, n, dt, seed);
            default -> wave(m, n);
        };
    }

    /** The one snapshot-count rule of both sources, placed at {@code at}: the generator's knob or the file name. */
    private void enoughSnapshots(Node at, String what, int n) {
        if (n < MIN_SNAPSHOTS) {
            throw doc.error(at, what + " has " + n + (n == 1 ? " snapshot" : " snapshots") + "; at least "
                    + MIN_SNAPSHOTS + " are needed (DMD pairs each snapshot with the next)");
        }
    }

    private Snapshots forced(Map<String, NodeTuple> m, Node section, int features, int n, double dt, long seed) {
        double[][] e = eigenvalues(m, section, features);
        int q = m.containsKey("inputs") ? doc.positiveInt(m.get("inputs").getValueNode()) : 1;
        return Generators.forced(e[0], e[1], features, q, n, dt, seed);
    }

    private Snapshots linear(Map<String, NodeTuple> m, Node section, int features, double[] times, long seed) {
        double[][] e = eigenvalues(m, section, features);
        return Generators.linear(e[0], e[1], features, times, seed);
    }

    /** eigenvalues: [[re, im], ...] in continuous time, im >= 0; {re, im}, checked against the features. */
    private double[][] eigenvalues(Map<String, NodeTuple> m, Node section, int features) {
        Node e = doc.required(m, "eigenvalues", section, "eigenvalues: [[-0.1, 2.0], [-0.5, 0]]");
        List<Node> pairs = doc.list(e);
        double[] re = new double[pairs.size()];
        double[] im = new double[pairs.size()];
        int k = 0;
        for (int j = 0; j < pairs.size(); j++) {
            double[] p = doc.numbers(pairs.get(j), 2, "an eigenvalue [re, im] of continuous time");
            if (p[1] < 0) {
                throw doc.error(pairs.get(j), "give each complex pair once, with im > 0 (its conjugate is added)");
            }
            re[j] = p[0];
            im[j] = p[1];
            k += p[1] == 0 ? 1 : 2;
        }
        checkFeatures(m, section, features, k);
        return new double[][] {re, im};
    }

    private Snapshots oscillations(Map<String, NodeTuple> m, Node section, int features, double[] times,
                                   long seed) {
        Node fn = doc.required(m, "frequencies", section, "frequencies: [0.3, 0.8]");
        double[] f = doc.vector(fn);
        Node gn = doc.required(m, "growth_rates", section, "growth_rates: [-0.1, -0.2]");
        double[] g = doc.vector(gn);
        if (g.length != f.length) {
            throw doc.error(gn, "growth_rates has " + g.length + " values but frequencies has " + f.length
                    + "; give one growth rate per frequency");
        }
        for (double v : f) {
            if (!(v > 0)) {
                throw doc.error(fn, "frequencies must be > 0 (cycles per time unit), got " + v);
            }
        }
        checkFeatures(m, section, features, 2 * f.length);
        return Generators.dampedOscillations(f, g, features, times, seed);
    }

    private Snapshots slowManifold(Map<String, NodeTuple> m, Node section, int n, double dt, long seed) {
        double mu = m.containsKey("mu") ? doc.number(m.get("mu").getValueNode()) : -0.05;
        double lambda = m.containsKey("lambda") ? doc.number(m.get("lambda").getValueNode()) : -1;
        if (lambda == 2 * mu) {
            throw doc.error(section, "the slow-manifold system needs lambda != 2 mu");
        }
        int tr = m.containsKey("trajectories") ? doc.positiveInt(m.get("trajectories").getValueNode()) : 20;
        return Generators.slowManifold(mu, lambda, tr, n, dt, seed);
    }

    private Snapshots wave(Map<String, NodeTuple> m, int n) {
        int points = m.containsKey("points") ? doc.positiveInt(m.get("points").getValueNode()) : 65;
        if (points < 2) {
            throw doc.error(m.get("points").getValueNode(), "at least 2 points are needed");
        }
        double tEnd = doc.positiveOr(m, "t_end", 4 * Math.PI);
        String part = m.containsKey("part") ? doc.string(m.get("part").getValueNode()) : "real";
        if (!part.equals("real") && !part.equals("both")) {
            throw doc.error(m.get("part").getValueNode(), "part is 'real' (the real field) or 'both' (real and"
                    + " imaginary parts stacked), got '" + part + "'");
        }
        return Generators.travellingWave(points, Generators.uniformTimes(n, tEnd / (n - 1)), part.equals("both"));
    }

    private void checkFeatures(Map<String, NodeTuple> m, Node section, int features, int k) {
        if (features < k) {
            Node at = m.containsKey("features") ? m.get("features").getValueNode() : section;
            throw doc.error(at, "a linear system with " + k + " eigenvalues (conjugates counted) needs at least "
                    + k + " features, got " + features);
        }
    }

    private Snapshots file(Map<String, NodeTuple> m, Node section) {
        Node fileNode = m.get("file").getValueNode();
        Path path = doc.resolve(fileNode);
        String name = doc.string(fileNode);
        if (!java.nio.file.Files.isRegularFile(path)) {
            throw doc.error(fileNode, "no such file: " + path);
        }
        boolean npz = name.endsWith(".npz") || name.endsWith(".mat");
        Source src = npz ? new ArraySource(doc, path, fileNode) : new TableSource(doc, path, fileNode);
        double[][] xm;
        if (npz) {
            Node a = doc.required(m, "array", section, "array: X   # (features, snapshots)");
            xm = src.matrix(a);
        } else {
            Node c = doc.required(m, "columns", section, "columns: [x, y]   # the feature columns");
            xm = src.matrix(c);
        }
        int features = xm.length;
        int n = xm[0].length;
        enoughSnapshots(fileNode, name, n);
        double[] x = new double[features * n];
        for (int i = 0; i < features; i++) {
            for (int k = 0; k < n; k++) {
                x[i + k * features] = xm[i][k];
            }
        }
        double[] times = times(m, section, src, n);
        Snapshots s = Snapshots.of(x, features, times);
        if (m.containsKey("inputs")) {
            double[][] u = src.matrix(m.get("inputs").getValueNode());
            if (u[0].length != n) {
                throw doc.error(m.get("inputs").getValueNode(), "the inputs have " + u[0].length
                        + " snapshots but the data have " + n);
            }
            double[] flat = new double[u.length * n];
            for (int i = 0; i < u.length; i++) {
                for (int k = 0; k < n; k++) {
                    flat[i + k * u.length] = u[i][k];
                }
            }
            s = s.withInputs(flat, u.length);
        }
        return s;
    }

    private double[] times(Map<String, NodeTuple> m, Node section, Source src, int n) {
        if (m.containsKey("dt") == m.containsKey("times")) {
            throw doc.error(section, "give the time step 'dt: 0.1' or a 'times:' array (or column), one of them");
        }
        if (m.containsKey("dt")) {
            return Generators.uniformTimes(n, doc.positiveOr(m, "dt", 1));
        }
        Node tn = m.get("times").getValueNode();
        double[][] t = src.matrix(tn);
        if (t.length != 1 || t[0].length != n) {
            throw doc.error(tn, "the times must be one array of " + n + " values (one per snapshot), got shape ("
                    + t.length + ", " + t[0].length + ")");
        }
        for (int k = 1; k < n; k++) {
            if (!(t[0][k] > t[0][k - 1])) {
                throw doc.error(tn, "the times must increase; times[" + k + "] = " + t[0][k] + " follows "
                        + t[0][k - 1]);
            }
        }
        return t[0];
    }

    /** Where arrays come from: a row per feature, as {@code double[rows][snapshots]}. */
    private interface Source {
        double[][] matrix(Node nameNode);
    }

    /** A NumPy {@code .npz} or MATLAB {@code .mat} file's named array. */
    private record ArraySource(YamlDocument doc, Path path, Node fileNode) implements Source {
        @Override
        public double[][] matrix(Node nameNode) {
            String key = doc.string(nameNode);
            Tensor t;
            try {
                if (path.getFileName().toString().endsWith(".mat")) {
                    Map<String, Tensor> all = Mat.read(path);
                    t = all.get(key);
                    if (t == null) {
                        throw doc.error(nameNode, path.getFileName() + " has no array '" + key + "' (it has "
                                + new java.util.TreeSet<>(all.keySet()) + ")");
                    }
                } else {
                    t = Npz.read(path, key);
                }
            } catch (IOException e) {
                throw doc.error(nameNode, InputFiles.describe(e));
            }
            int[] shape = t.shape();
            if (shape.length == 1) {
                return new double[][] {t.toArray()};
            }
            if (shape.length != 2 || shape[0] < 1 || shape[1] < 1) {
                throw doc.error(nameNode, "array '" + key + "' has shape " + java.util.Arrays.toString(shape)
                        + "; expected (features, snapshots)");
            }
            return finiteRows(doc, nameNode, key, t.toArray(), shape[0], shape[1]);
        }
    }

    private record TableSource(YamlDocument doc, Path path, Node fileNode) implements Source {
        @Override
        public double[][] matrix(Node columnsNode) {
            TextTable.Table table;
            try {
                table = TextTable.readData(path);
            } catch (IOException e) {
                throw doc.error(fileNode, InputFiles.describe(e));
            }
            List<Node> names = doc.list(columnsNode);
            double[][] out = new double[names.size()][];
            for (int i = 0; i < names.size(); i++) {
                String c = doc.string(names.get(i));
                if (!table.columns().contains(c)) {
                    throw doc.error(names.get(i), "no column '" + c + "' in " + path.getFileName()
                            + YamlDocument.suggestion(c, Set.copyOf(table.columns())) + "; it has "
                            + table.columns());
                }
                out[i] = table.column(c).toArray();
            }
            return out;
        }
    }

    private static double[][] finiteRows(YamlDocument doc, Node at, String key, double[] v, int rows, int cols) {
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < cols; k++) {
                double x = v[i * cols + k];
                if (!Double.isFinite(x)) {
                    throw doc.error(at, "array '" + key + "' has " + x + " at [" + i + ", " + k + "]");
                }
                out[i][k] = x;
            }
        }
        return out;
    }
}
