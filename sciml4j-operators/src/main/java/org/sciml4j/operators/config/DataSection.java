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
 * Reads {@code data: {file: x.npz, train: 1000, test: 200, inputs: inputs, outputs: outputs, x: x, y: y}} and the
 * arrays it names, and checks them before anything runs; each mistake is one line naming the file and the array.
 * {@code x} (and {@code y} for 2-D) default to an even grid on [0, 1] when the file has no such array.
 */
final class DataSection {
    private static final long MAX_BYTES = 8L << 30;
    private final YamlDocument doc;

    DataSection(YamlDocument doc) {
        this.doc = doc;
    }

    OperatorData read(Node node) {
        Map<String, NodeTuple> m = doc.mapping(node, "data",
                Set.of("file", "generate", "train", "test", "inputs", "outputs", "x", "y", "points", "values"));
        if (m.containsKey("file") == m.containsKey("generate")) {
            throw doc.error(node, "data needs one of 'file: data/burgers.npz' (pairs in an .npz) or 'generate:"
                    + " data/burgers.yaml' (a generator spec whose file is made first when missing)");
        }
        Node fileNode = m.containsKey("file") ? m.get("file").getValueNode() : m.get("generate").getValueNode();
        Path file = m.containsKey("file") ? doc.resolve(fileNode) : Generated.file(doc, fileNode);
        int train = doc.positiveInt(doc.required(m, "train", node, "train: 1000"));
        int test = doc.positiveInt(doc.required(m, "test", node, "test: 200"));
        String in = name(m, "inputs");
        String out = name(m, "outputs");
        String problem = InputFiles.problem(file, MAX_BYTES, "an .npz data file");
        if (problem != null) {
            throw doc.error(fileNode, file + ": " + problem);
        }
        Map<String, Tensor> arrays;
        try {
            arrays = Npz.read(file);
        } catch (IOException e) {
            throw doc.error(fileNode, "cannot read " + file + ": " + InputFiles.describe(e));
        }
        Tensor inputs = array(arrays, in, file, fileNode);
        Tensor outputs = array(arrays, out, file, fileNode);
        String shapes = checkShapes(inputs, outputs, in, out);
        if (shapes != null) {
            throw doc.error(fileNode, file + ": " + shapes);
        }
        if (train + test > inputs.size(0)) {
            throw doc.error(node, file + ": train " + train + " + test " + test + " > the " + inputs.size(0)
                    + " rows of '" + in + "'");
        }
        int dims = inputs.rank() - 1;
        Tensor[] coords = new Tensor[dims];
        String[] axes = {name(m, "x"), name(m, "y")};
        for (int d = 0; d < dims; d++) {
            coords[d] = coordinate(arrays, axes[d], inputs.size(1 + d), file, fileNode);
        }
        int c = outputs.rank() == inputs.rank() ? 1 : outputs.size(1);
        OperatorData.Queries queries = null;
        if (m.containsKey("points") || m.containsKey("values")) {
            queries = queries(arrays, name(m, "points"), name(m, "values"), inputs, file, fileNode);
        }
        return new OperatorData(file, inputs, outputs, coords, c, train, test, queries);
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

    /** Null when inputs (N, s...) and outputs (N, s...) / (N, c, s...) agree, else what is wrong. */
    static String checkShapes(Tensor inputs, Tensor outputs, String in, String out) {
        int[] a = inputs.shape();
        int[] b = outputs.shape();
        String both = "'" + in + "' " + Arrays.toString(a) + " and '" + out + "' " + Arrays.toString(b);
        if (a.length < 2 || a.length > 3) {
            return "'" + in + "' must be (N, s) or (N, s, s), got " + Arrays.toString(a);
        }
        if (b[0] != a[0]) {
            return both + " have different numbers of rows";
        }
        int[] grid = Arrays.copyOfRange(a, 1, a.length);
        boolean same = b.length == a.length && Arrays.equals(Arrays.copyOfRange(b, 1, b.length), grid);
        boolean comps = b.length == a.length + 1 && Arrays.equals(Arrays.copyOfRange(b, 2, b.length), grid);
        return same || comps ? null : both + " disagree: outputs must be (N, grid...) or (N, c, grid...) on the"
                + " inputs' grid " + Arrays.toString(grid);
    }

    private Tensor coordinate(Map<String, Tensor> arrays, String name, int size, Path file, Node at) {
        Tensor t = arrays.get(name);
        if (t == null) {
            return Tensor.linspace(0, 1, size);
        }
        if (t.rank() != 1 || t.size(0) != size) {
            throw doc.error(at, file + ": array '" + name + "' " + Arrays.toString(t.shape()) + " must be ("
                    + size + ",), one coordinate per grid point");
        }
        return t;
    }
}
