package org.sciml4j.operators.config;

import org.sciml4j.io.InputFiles;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code data: {file: x.npz, train: 1000, test: 200, inputs: inputs, outputs: outputs, x: x, y: y,
 * input_fields: 1}} and the arrays it names, and checks them before anything runs; each mistake is one line naming
 * the file and the array. {@code x} (and {@code y} for 2-D) default to an even grid on [0, 1] when the file has no
 * such array. {@code input_fields: f > 1} says the inputs are {@code (N, f, s...)}, f fields on one grid (e.g. the
 * sine-Gordon generator's state (u, u_t)).
 */
final class DataSection {
    private static final long MAX_BYTES = 8L << 30;
    private final YamlDocument doc;

    DataSection(YamlDocument doc) {
        this.doc = doc;
    }

    OperatorData read(Node node) {
        Map<String, NodeTuple> m = doc.mapping(node, "data",
                Set.of("file", "generate", "train", "test", "inputs", "outputs", "x", "y", "input_fields", "points",
                        "values", "normalize"));
        if (m.containsKey("file") == m.containsKey("generate")) {
            throw doc.error(node, "data needs one of 'file: data/burgers.npz' (pairs in an .npz) or 'generate:"
                    + " data/burgers.yaml' (a generator spec whose file is made first when missing)");
        }
        Node fileNode = m.containsKey("file") ? m.get("file").getValueNode() : m.get("generate").getValueNode();
        Path file = m.containsKey("file") ? doc.resolve(fileNode) : Generated.file(doc, fileNode);
        int train = doc.positiveInt(doc.required(m, "train", node, "train: 1000"));
        int test = doc.positiveInt(doc.required(m, "test", node, "test: 200"));
        return load(node, m, fileNode, file, train, test, 1);
    }

    /**
     * {@code normalize: unit_gaussian} (neuraloperator's pointwise normalisation of inputs and outputs,
     * {@link org.sciml4j.operators.NormalizedOperator}) or {@code none} (the default).
     *
     * @param node the data section
     * @return the value's node when it is {@code unit_gaussian}, else null
     */
    Node normalize(Node node) {
        NodeTuple t = doc.mapping(node, "data", null).get("normalize");
        if (t == null) {
            return null;
        }
        String v = doc.string(t.getValueNode());
        if (!v.equals("unit_gaussian") && !v.equals("none")) {
            throw doc.error(t.getValueNode(), "normalize is 'unit_gaussian' (a mean and sd per grid point of the"
                    + " training inputs and outputs, as neuraloperator's UnitGaussianNormalizer) or 'none', got '" + v
                    + "'");
        }
        return v.equals("none") ? null : t.getValueNode();
    }

    /**
     * Reads one entry of {@code evaluation: [{data: data/burgers-1024.yaml, test: 200}]}: an extra test set, a
     * generator spec ({@code .yaml}/{@code .yml}, made first when its file is missing, as {@code data.generate}) or an
     * {@code .npz} ({@code generate:} and {@code file:} say which explicitly), with the array names and
     * {@code input_fields} of the data section. Its test rows are the last
     * {@code test} (default {@code defaultTest}); it has no training rows.
     *
     * @param defaultFields the input fields when the entry does not say ({@code input_fields}), the training data's
     */
    OperatorData readTestSet(Node node, int defaultTest, int defaultFields) {
        Map<String, NodeTuple> m = doc.mapping(node, "an evaluation set",
                Set.of("data", "file", "generate", "test", "inputs", "outputs", "x", "y", "input_fields"));
        String key = m.containsKey("data") ? "data" : m.containsKey("file") ? "file" : "generate";
        int given = (m.containsKey("data") ? 1 : 0) + (m.containsKey("file") ? 1 : 0)
                + (m.containsKey("generate") ? 1 : 0);
        if (given != 1) {
            throw doc.error(node, "an evaluation set needs one of 'data: data/burgers-1024.yaml' (a generator spec,"
                    + " or an .npz), 'generate: SPEC.yaml' or 'file: SET.npz'");
        }
        Node fileNode = m.get(key).getValueNode();
        boolean spec = key.equals("generate")
                || key.equals("data") && doc.string(fileNode).matches("(?s).*\\.ya?ml$");
        Path file = spec ? Generated.file(doc, fileNode) : doc.resolve(fileNode);
        int test = m.containsKey("test") ? doc.positiveInt(m.get("test").getValueNode()) : defaultTest;
        return load(node, m, fileNode, file, 0, test, defaultFields);
    }

    /**
     * The test relative L2 error divides by each test function's norm, and so does the relative L2 loss by each
     * training function's: a function that is zero everywhere would make them infinite. One rule for the training
     * data ({@link #checkNorms}) and the {@code evaluation:} test sets ({@link TestSetEvaluation#problem}).
     *
     * @param trainingRows whether the training rows count too (training with the relative L2 loss)
     * @return null when no such row, else a line naming the file and the first such row
     */
    static String zeroOutput(OperatorData d, boolean trainingRows) {
        double[] v = d.outputs().data(); // read in place: a data file's outputs can be gigabytes
        int n = d.outputs().size(0);
        int per = v.length / n;
        for (int r = trainingRows ? 0 : n - d.test(); r < n; r++) {
            boolean test = r >= n - d.test();
            if (!test && r >= d.train()) {
                continue;
            }
            boolean zero = true;
            for (int i = r * per; i < (r + 1) * per && zero; i++) {
                zero = v[i] == 0;
            }
            if (zero) {
                return d.file().getFileName() + ": the output of row " + r + " (a " + (test ? "test" : "training")
                        + " function) is zero everywhere, and the relative L2 " + (test ? "test error divides"
                        : "loss divides") + " by its norm; drop the row" + (test ? "" : " or train with loss: mse");
            }
        }
        return null;
    }

    /** {@link #zeroOutput} of the training data, placed at {@code at} (the data section). */
    void checkNorms(Node at, OperatorData d, boolean trainingRows) {
        String problem = zeroOutput(d, trainingRows);
        if (problem != null) {
            throw doc.error(at, problem);
        }
    }

    /** Reads and checks the arrays of a data file; the split is the first {@code train} and the last {@code test}. */
    private OperatorData load(Node node, Map<String, NodeTuple> m, Node fileNode, Path file, int train, int test,
                              int defaultFields) {
        String in = name(m, "inputs");
        String out = name(m, "outputs");
        int fields = m.containsKey("input_fields") ? doc.positiveInt(m.get("input_fields").getValueNode())
                : defaultFields;
        String problem = InputFiles.problem(file, MAX_BYTES, "an .npz data file");
        if (problem != null) {
            throw doc.error(fileNode, file + ": " + problem);
        }
        Map<String, Tensor> arrays;
        try {
            arrays = Npz.read(file);
        } catch (IOException e) {
            throw doc.error(fileNode, InputFiles.cannotRead(file, e));
        }
        Tensor inputs = array(arrays, in, file, fileNode);
        Tensor outputs = array(arrays, out, file, fileNode);
        String shapes = checkShapes(inputs, outputs, in, out, fields);
        if (shapes != null) {
            throw doc.error(fileNode, file + ": " + shapes);
        }
        if (train + test > inputs.size(0)) {
            throw doc.error(node, file + ": " + (train > 0 ? "train " + train + " + " : "") + "test " + test
                    + " > the " + inputs.size(0) + " rows of '" + in + "'");
        }
        int lead = fields > 1 ? 2 : 1;
        int dims = inputs.rank() - lead;
        Tensor[] coords = new Tensor[dims];
        String[] axes = {name(m, "x"), name(m, "y")};
        for (int d = 0; d < dims; d++) {
            coords[d] = coordinate(arrays, axes[d], inputs.size(lead + d), file, fileNode, fieldsHint(inputs, fields));
        }
        int c = outputs.rank() == dims + 1 ? 1 : outputs.size(1);
        OperatorData.Queries queries = null;
        if (m.containsKey("points") || m.containsKey("values")) {
            queries = queries(arrays, name(m, "points"), name(m, "values"), inputs, file, fileNode);
        }
        return new OperatorData(file, inputs, outputs, coords, c, fields, train, test, queries);
    }

    /** Per-function query points (N, Q) and values (N, Q) of 1-D data, checked against the inputs (N, s). */
    private OperatorData.Queries queries(Map<String, Tensor> arrays, String points, String values, Tensor inputs,
                                         Path file, Node at) {
        Tensor p = array(arrays, points, file, at);
        Tensor v = array(arrays, values, file, at);
        String both = "'" + points + "' " + Arrays.toString(p.shape()) + " and '" + values + "' "
                + Arrays.toString(v.shape());
        if (inputs.rank() != 2) {
            throw doc.error(at, file + ": query points need 1-D inputs (N, s), got " + Arrays.toString(inputs.shape()));
        }
        if (p.rank() != 2 || !Arrays.equals(p.shape(), v.shape()) || p.size(0) != inputs.size(0)) {
            throw doc.error(at, file + ": " + both + " must both be (N, Q) with the " + inputs.size(0)
                    + " rows of the inputs");
        }
        return new OperatorData.Queries(p, v);
    }

    private String name(Map<String, NodeTuple> m, String key) {
        return m.containsKey(key) ? doc.string(m.get(key).getValueNode()) : key;
    }

    private Tensor array(Map<String, Tensor> arrays, String name, Path file, Node at) {
        Tensor t = arrays.get(name);
        if (t == null) {
            throw doc.error(at, file + " has no array '" + name + "' (it has " + String.join(", ",
                    arrays.keySet().stream().sorted().toList()) + ")");
        }
        for (double v : t.data()) {
            if (!Double.isFinite(v)) {
                throw doc.error(at, file + ": array '" + name + "' " + Arrays.toString(t.shape())
                        + " holds a non-finite value");
            }
        }
        return t;
    }

    /**
     * Null when inputs (N, s...) (with f > 1 fields (N, f, s...)) and outputs (N, s...) / (N, c, s...) agree, else
     * what is wrong.
     */
    static String checkShapes(Tensor inputs, Tensor outputs, String in, String out, int fields) {
        int[] a = inputs.shape();
        int[] b = outputs.shape();
        String both = "'" + in + "' " + Arrays.toString(a) + " and '" + out + "' " + Arrays.toString(b);
        int lead = fields > 1 ? 2 : 1;
        if (a.length < lead + 1 || a.length > lead + 2) {
            return "'" + in + "' must be " + (lead == 1 ? "(N, s) or (N, s, s)" : "(N, " + fields + ", s) or (N, "
                    + fields + ", s, s) for input_fields " + fields) + ", got " + Arrays.toString(a);
        }
        if (lead == 2 && a[1] != fields) {
            return "'" + in + "' " + Arrays.toString(a) + " has " + a[1] + " fields on axis 1, input_fields says "
                    + fields;
        }
        if (b[0] != a[0]) {
            return both + " have different numbers of rows";
        }
        int[] grid = Arrays.copyOfRange(a, lead, a.length);
        int dims = grid.length;
        boolean same = b.length == dims + 1 && Arrays.equals(Arrays.copyOfRange(b, 1, b.length), grid);
        boolean comps = b.length == dims + 2 && Arrays.equals(Arrays.copyOfRange(b, 2, b.length), grid);
        return same || comps ? null : both + " disagree: outputs must be (N, grid...) or (N, c, grid...) on the"
                + " inputs' grid " + Arrays.toString(grid);
    }

    /** For inputs (N, f, s) read as a grid of f x s: a hint that axis 1 may hold fields; else empty. */
    private static String fieldsHint(Tensor inputs, int fields) {
        return fields == 1 && inputs.rank() == 3 && inputs.size(1) < inputs.size(2)
                ? " (if axis 1 of the inputs " + Arrays.toString(inputs.shape()) + " holds fields, such as a state"
                + " (u, u_t), say 'input_fields: " + inputs.size(1) + "' under data)" : "";
    }

    private Tensor coordinate(Map<String, Tensor> arrays, String name, int size, Path file, Node at, String hint) {
        Tensor t = arrays.get(name);
        if (t == null) {
            return Tensor.linspace(0, 1, size);
        }
        if (t.rank() != 1 || t.size(0) != size) {
            throw doc.error(at, file + ": array '" + name + "' " + Arrays.toString(t.shape()) + " must be ("
                    + size + ",), one coordinate per grid point" + hint);
        }
        return t;
    }
}
