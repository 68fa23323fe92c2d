package org.sciml4j.pinn.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sciml4j.io.DataFormatException;
import org.sciml4j.io.TextTable;
import org.sciml4j.nn.Activation;
import org.sciml4j.nn.Initializer;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.Variable;
import org.sciml4j.pinn.Condition;
import org.sciml4j.pinn.PointCondition;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.Requirement;
import org.sciml4j.pinn.Trainer;
import org.sciml4j.pinn.expr.Expression;
import org.sciml4j.pinn.expr.ExpressionException;
import org.sciml4j.pinn.sampling.Sampler;
import org.sciml4j.tensor.Tensor;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A problem file: a PINN problem, its network, training schedule and evaluation data, in YAML. Everything is read
 * and checked (expressions bound, data files loaded, columns counted) before anything is trained; each mistake is a
 * {@link ProblemFileException} naming file, line and column, with a hint. The format, with every key:
 * <pre>
 * name: forward                       # names the run (default: the file name)
 * variables: {t: [0, 10]}             # network inputs and their ranges, in input order
 * fields: [u]                         # network outputs
 * parameters: {m: 1, c: 0.1, k: 1}    # known constants
 * unknowns:                           # trained with the network: initial guess, optional positive / bounds
 *   c: {initial: 1.0, positive: true}
 * equations:                          # each must vanish at the collocation points (a list, or name: text)
 *   - m*u_tt + c*u_t + k*u
 * conditions:                         # name: at fixed values (other variables sampled), or data from a file
 *   initial: {at: {t: 0}, require: [u = 1, u_t = 0], points: 21, sampling: uniform}
 *   data: {file: data/data_exact.txt, columns: [t, u]}
 * collocation: {points: 101, sampling: uniform}    # or {grid: [21, 51]}; sampling: uniform random lhs sobol ...
 * weights: {equation: 1, initial: 1}  # per loss term, default 1
 * network: {layers: [20, 20], activation: tanh, initializer: glorot_normal}   # hidden layer sizes
 * training: {seed: 0, adam: {lr: 1e-3, epochs: 10000}, lbfgs: {iterations: 0}, log_every: 1000}
 * evaluation: {file: data/data_truth.txt, columns: [t, u]}   # reference values: errors and plots
 * </pre>
 * Relative paths are resolved against the problem file's folder.
 */
public final class ProblemFile {

    /** Network settings. */
    public record NetworkSpec(int[] hidden, String activation, String initializer) {
        /** Copies the sizes. */
        public NetworkSpec {
            hidden = hidden.clone();
        }

        /** The hidden layer sizes (a copy). */
        @Override
        public int[] hidden() {
            return hidden.clone();
        }
    }

    /** Training settings. */
    public record TrainingSpec(long seed, double learningRate, int epochs, int lbfgsIterations, int logEvery) {
    }

    /**
     * Reference values to evaluate against.
     *
     * @param file   the data file as written in the problem file
     * @param points (N, variables)
     * @param truth  (N, fields)
     */
    public record EvaluationSpec(String file, Tensor points, Tensor truth) {
    }

    private static final Set<String> TOP = Set.of("name", "description", "variables", "fields", "parameters",
            "unknowns", "equations", "conditions", "collocation", "weights", "network", "training", "evaluation");

    private final Path path;
    private final String text;
    private final String name;
    private final Problem problem;
    private final NetworkSpec network;
    private final TrainingSpec training;
    private final EvaluationSpec evaluation;

    private ProblemFile(Path path, String text, String name, Problem problem, NetworkSpec network,
            TrainingSpec training, EvaluationSpec evaluation) {
        this.path = path;
        this.text = text;
        this.name = name;
        this.problem = problem;
        this.network = network;
        this.training = training;
        this.evaluation = evaluation;
    }

    /**
     * Reads and checks a problem file.
     *
     * @throws ProblemFileException for any mistake in it or in the data files it names
     */
    public static ProblemFile read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ProblemFileException(file.toString(), 0, 0, "no such file", "");
        } catch (IOException e) {
            throw new ProblemFileException(file.toString(), 0, 0, "cannot read it: " + e.getMessage(), "");
        }
        return parse(text, file);
    }

    /**
     * Reads a problem from text; {@code file} names it in messages and anchors relative paths.
     *
     * @throws ProblemFileException for any mistake
     */
    public static ProblemFile parse(String text, Path file) {
        return new Reader(text, file).read();
    }

    /** The file. */
    public Path path() {
        return path;
    }

    /** The file's text as read. */
    public String text() {
        return text;
    }

    /** The run's name. */
    public String name() {
        return name;
    }

    /** The problem. */
    public Problem problem() {
        return problem;
    }

    /** The network settings. */
    public NetworkSpec network() {
        return network;
    }

    /** The training settings. */
    public TrainingSpec training() {
        return training;
    }

    /** The reference data, or null when the file gives none. */
    public EvaluationSpec evaluation() {
        return evaluation;
    }

    /** A fresh network as the file describes, initialised from {@code seed}. */
    public Mlp newNetwork(long seed) {
        int[] sizes = new int[network.hidden.length + 2];
        sizes[0] = problem.variables().size();
        System.arraycopy(network.hidden, 0, sizes, 1, network.hidden.length);
        sizes[sizes.length - 1] = problem.fields().size();
        return Mlp.builder().sizes(sizes).activation(network.activation).initializer(network.initializer).seed(seed)
                .build();
    }

    /** A trainer builder with the file's schedule and seed. */
    public Trainer.Builder trainer() {
        return Trainer.builder().adam(training.learningRate, training.epochs).lbfgs(training.lbfgsIterations)
                .seed(training.seed);
    }

    /** Walks the YAML tree, keeping positions for messages. */
    private static final class Reader {
        private final String text;
        private final Path file;
        private final String fileName;
        private final String[] lines;

        Reader(String text, Path file) {
            this.text = text;
            this.file = file;
            this.fileName = file.toString();
            this.lines = text.split("\r?\n", -1);
        }

        ProblemFile read() {
            Node root;
            try {
                LoaderOptions options = new LoaderOptions();
                options.setAllowDuplicateKeys(false);
                root = new Yaml(options).compose(new StringReader(text));
            } catch (MarkedYAMLException e) {
                Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
                String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
                throw error(m, "not valid YAML: " + what + "; hint: check the indentation and that every"
                        + " 'key: value' has a space after the colon");
            }
            if (root == null) {
                throw new ProblemFileException(fileName, 0, 0, "the file is empty; it needs at least 'variables',"
                        + " 'fields' and 'equations' or 'conditions'", "");
            }
            Map<String, NodeTuple> top = mapping(root, "the problem file", TOP);
            String name = top.containsKey("name") ? string(top.get("name").getValueNode())
                    : file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            Problem.Builder b = Problem.builder();

            Map<String, NodeTuple> vars = mapping(required(top, "variables", root, "variables: {t: [0, 10]}"),
                    "variables", null);
            for (NodeTuple v : vars.values()) {
                double[] range = numbers(v.getValueNode(), 2, "a range [lo, hi]");
                if (!(range[0] < range[1])) {
                    throw error(v.getValueNode(), "the range of '" + key(v) + "' must have lo < hi, got ["
                            + range[0] + ", " + range[1] + "]");
                }
                b.variable(checkName(v.getKeyNode()), range[0], range[1]);
            }
            Node fieldsNode = required(top, "fields", root, "fields: [u]");
            for (Node f : list(fieldsNode)) {
                b.fields(checkName(f));
            }
            Set<String> knownNames = new HashSet<>();
            if (top.containsKey("parameters")) {
                for (NodeTuple p : mapping(top.get("parameters").getValueNode(), "parameters", null).values()) {
                    b.parameter(checkName(p.getKeyNode()), number(p.getValueNode()));
                    knownNames.add(key(p));
                }
            }
            if (top.containsKey("unknowns")) {
                for (NodeTuple u : mapping(top.get("unknowns").getValueNode(), "unknowns", null).values()) {
                    if (knownNames.contains(key(u))) {
                        throw error(u.getKeyNode(), "'" + key(u) + "' is both a known parameter and an unknown;"
                                + " remove it from 'parameters' to estimate it");
                    }
                    b.unknown(unknown(u));
                }
            }
            if (top.containsKey("equations")) {
                Node eqs = top.get("equations").getValueNode();
                if (eqs instanceof MappingNode) {
                    for (NodeTuple e : mapping(eqs, "equations", null).values()) {
                        b.equation(key(e), expression(e.getValueNode()));
                    }
                } else {
                    for (Node e : list(eqs)) {
                        b.equation(null, expression(e));
                    }
                }
            }
            Map<String, Node> conditionNodes = new LinkedHashMap<>();
            if (top.containsKey("conditions")) {
                for (NodeTuple c : mapping(top.get("conditions").getValueNode(), "conditions", null).values()) {
                    b.condition(condition(key(c), c.getValueNode()));
                    conditionNodes.put(key(c), c.getValueNode());
                }
            }
            if (top.containsKey("collocation")) {
                collocation(b, top.get("collocation").getValueNode());
            }
            Map<String, NodeTuple> weights = Map.of();
            if (top.containsKey("weights")) {
                weights = mapping(top.get("weights").getValueNode(), "weights", null);
                for (NodeTuple w : weights.values()) {
                    double x = number(w.getValueNode());
                    if (!(x >= 0)) {
                        throw error(w.getValueNode(), "a weight must be >= 0, got " + x);
                    }
                    b.weight(key(w), x);
                }
            }
            Problem problem;
            try {
                problem = b.build();
            } catch (ExpressionException e) {
                throw expressionError(e);
            } catch (IllegalArgumentException e) {
                throw locate(e, root, top, conditionNodes, weights);
            }
            NetworkSpec network = network(top.get("network"));
            TrainingSpec training = training(top.get("training"));
            EvaluationSpec evaluation = top.containsKey("evaluation")
                    ? evaluation(top.get("evaluation").getValueNode(), problem) : null;
            return new ProblemFile(file, text, name, problem, network, training, evaluation);
        }

        // ---------------------------------------------------------------- sections

        private Variable unknown(NodeTuple u) {
            String n = checkName(u.getKeyNode());
            Node v = u.getValueNode();
            if (v instanceof ScalarNode) {
                return Variable.of(n, number(v));
            }
            Map<String, NodeTuple> m = mapping(v, "unknown '" + n + "'", Set.of("initial", "positive", "bounds"));
            Node init = required(m, "initial", v, "initial: 1.0");
            double x0 = number(init);
            boolean positive = m.containsKey("positive") && bool(m.get("positive").getValueNode());
            try {
                if (m.containsKey("bounds")) {
                    if (positive) {
                        throw error(m.get("positive").getKeyNode(), "give either 'positive' or 'bounds', not both");
                    }
                    double[] lh = numbers(m.get("bounds").getValueNode(), 2, "bounds [lo, hi]");
                    return Variable.bounded(n, x0, lh[0], lh[1]);
                }
                return positive ? Variable.positive(n, x0) : Variable.of(n, x0);
            } catch (ProblemFileException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw error(init, "unknown '" + n + "': " + e.getMessage());
            }
        }

        private Condition condition(String name, Node node) {
            Map<String, NodeTuple> m = mapping(node, "condition '" + name + "'",
                    Set.of("at", "require", "points", "sampling", "file", "columns"));
            if (m.containsKey("file")) {
                for (String k : List.of("at", "require", "points", "sampling")) {
                    if (m.containsKey(k)) {
                        throw error(m.get(k).getKeyNode(), "a data condition takes 'file' and 'columns'; '" + k
                                + "' belongs to conditions at fixed values");
                    }
                }
                Node fileNode = m.get("file").getValueNode();
                Node columnsNode = required(m, "columns", node, "columns: [t, u]");
                List<String> columns = new ArrayList<>();
                for (Node c : list(columnsNode)) {
                    String col = string(c);
                    try {
                        Requirement.parse(col, line(c), column(c));
                    } catch (ExpressionException e) {
                        throw expressionError(e);
                    }
                    columns.add(col);
                }
                TextTable.Table table = table(fileNode);
                if (table.columns().size() != columns.size()) {
                    throw error(columnsNode, string(fileNode) + " has " + table.columns().size() + " columns but "
                            + columns.size() + " names are given " + columns + "; name every column, in order");
                }
                return Condition.data(resolve(fileNode), columns.toArray(new String[0])).named(name);
            }
            Node at = required(m, "at", node, "at: {t: 0}");
            Map<String, Double> fixed = new LinkedHashMap<>();
            for (NodeTuple a : mapping(at, "at", null).values()) {
                fixed.put(key(a), number(a.getValueNode()));
            }
            List<String> reqs = new ArrayList<>();
            Node reqNode = required(m, "require", node, "require: [u = 1, u_t = 0]");
            List<Requirement> parsed = new ArrayList<>();
            for (Node r : list(reqNode)) {
                try {
                    parsed.add(Requirement.parse(string(r), line(r), column(r)));
                } catch (ExpressionException e) {
                    throw expressionError(e);
                }
                reqs.add(string(r));
            }
            PointCondition c = Condition.at(fixed, reqs.toArray(new String[0])).named(name);
            if (m.containsKey("points") || m.containsKey("sampling")) {
                int n = m.containsKey("points") ? positiveInt(m.get("points").getValueNode())
                        : PointCondition.DEFAULT_FREE_POINTS;
                c = c.points(m.containsKey("sampling") ? sampler(m.get("sampling").getValueNode()) : Sampler.uniform(),
                        n);
            }
            return c;
        }

        private void collocation(Problem.Builder b, Node node) {
            Map<String, NodeTuple> m = mapping(node, "collocation", Set.of("points", "sampling", "grid"));
            if (m.containsKey("grid")) {
                if (m.containsKey("points") || m.containsKey("sampling")) {
                    throw error(m.get("grid").getKeyNode(), "give either 'grid' or 'points' and 'sampling'");
                }
                List<Node> counts = list(m.get("grid").getValueNode());
                int[] c = new int[counts.size()];
                int total = 1;
                for (int i = 0; i < c.length; i++) {
                    c[i] = positiveInt(counts.get(i));
                    total *= c[i];
                }
                b.collocation(Sampler.grid(c), total);
                return;
            }
            Node pts = required(m, "points", node, "points: 101");
            b.collocation(m.containsKey("sampling") ? sampler(m.get("sampling").getValueNode()) : Sampler.uniform(),
                    positiveInt(pts));
        }

        private NetworkSpec network(NodeTuple t) {
            if (t == null) {
                return new NetworkSpec(new int[] {20, 20}, "tanh", "glorot_normal");
            }
            Map<String, NodeTuple> m = mapping(t.getValueNode(), "network", Set.of("layers", "activation",
                    "initializer"));
            int[] hidden = {20, 20};
            if (m.containsKey("layers")) {
                List<Node> l = list(m.get("layers").getValueNode());
                hidden = new int[l.size()];
                for (int i = 0; i < hidden.length; i++) {
                    hidden[i] = positiveInt(l.get(i));
                }
            }
            String act = "tanh";
            if (m.containsKey("activation")) {
                Node a = m.get("activation").getValueNode();
                act = string(a);
                try {
                    Activation.of(act);
                } catch (IllegalArgumentException e) {
                    throw error(a, e.getMessage());
                }
            }
            String init = "glorot_normal";
            if (m.containsKey("initializer")) {
                Node a = m.get("initializer").getValueNode();
                init = string(a);
                try {
                    Initializer.of(init);
                } catch (IllegalArgumentException e) {
                    throw error(a, e.getMessage());
                }
            }
            return new NetworkSpec(hidden, act, init);
        }

        private TrainingSpec training(NodeTuple t) {
            long seed = 0;
            double lr = 1e-3;
            int epochs = 10000;
            int lbfgs = 0;
            int every = 1000;
            if (t != null) {
                Map<String, NodeTuple> m = mapping(t.getValueNode(), "training", Set.of("seed", "adam", "lbfgs",
                        "log_every"));
                if (m.containsKey("seed")) {
                    seed = integer(m.get("seed").getValueNode());
                }
                if (m.containsKey("adam")) {
                    Map<String, NodeTuple> a = mapping(m.get("adam").getValueNode(), "adam", Set.of("lr", "epochs"));
                    if (a.containsKey("lr")) {
                        Node n = a.get("lr").getValueNode();
                        lr = number(n);
                        if (!(lr > 0)) {
                            throw error(n, "the learning rate must be > 0, got " + lr);
                        }
                    }
                    if (a.containsKey("epochs")) {
                        epochs = nonNegativeInt(a.get("epochs").getValueNode());
                    }
                }
                if (m.containsKey("lbfgs")) {
                    Node l = m.get("lbfgs").getValueNode();
                    if (l instanceof ScalarNode) {
                        lbfgs = nonNegativeInt(l);
                    } else {
                        Map<String, NodeTuple> lm = mapping(l, "lbfgs", Set.of("iterations"));
                        lbfgs = nonNegativeInt(required(lm, "iterations", l, "iterations: 1000"));
                    }
                }
                if (m.containsKey("log_every")) {
                    every = positiveInt(m.get("log_every").getValueNode());
                }
                if (epochs == 0 && lbfgs == 0) {
                    throw error(t.getValueNode(), "nothing to train: set adam epochs or lbfgs iterations above 0");
                }
            }
            return new TrainingSpec(seed, lr, epochs, lbfgs, every);
        }

        private EvaluationSpec evaluation(Node node, Problem problem) {
            Map<String, NodeTuple> m = mapping(node, "evaluation", Set.of("file", "columns"));
            Node fileNode = required(m, "file", node, "file: data/data_truth.txt");
            Node columnsNode = required(m, "columns", node, "columns: [t, u]");
            List<Node> cols = list(columnsNode);
            TextTable.Table table = table(fileNode);
            if (table.columns().size() != cols.size()) {
                throw error(columnsNode, string(fileNode) + " has " + table.columns().size() + " columns but "
                        + cols.size() + " names are given; name every column, in order");
            }
            List<String> names = new ArrayList<>();
            for (Node c : cols) {
                String n = string(c);
                if (problem.variableIndex(n) < 0 && !problem.fields().contains(n)) {
                    throw error(c, "'" + n + "' is neither a variable " + problem.variableNames() + " nor a field "
                            + problem.fields());
                }
                names.add(n);
            }
            List<String> wanted = new ArrayList<>(problem.variableNames());
            wanted.addAll(problem.fields());
            for (String w : wanted) {
                if (!names.contains(w)) {
                    throw error(columnsNode, "no column is named '" + w + "'; the evaluation data needs every"
                            + " variable and field " + wanted);
                }
            }
            int rows = table.rows();
            int d = problem.variables().size();
            int k = problem.fields().size();
            double[] p = new double[rows * d];
            double[] y = new double[rows * k];
            double[] v = table.values().data();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < d; j++) {
                    p[i * d + j] = v[i * cols.size() + names.indexOf(problem.variableNames().get(j))];
                }
                for (int j = 0; j < k; j++) {
                    y[i * k + j] = v[i * cols.size() + names.indexOf(problem.fields().get(j))];
                }
            }
            return new EvaluationSpec(string(fileNode), Tensor.wrap(p, rows, d), Tensor.wrap(y, rows, k));
        }

        // ---------------------------------------------------------------- values

        private Expression expression(Node n) {
            try {
                return Expression.parse(string(n), line(n), column(n));
            } catch (ExpressionException e) {
                throw expressionError(e);
            }
        }

        private Sampler sampler(Node n) {
            try {
                return Sampler.of(string(n));
            } catch (IllegalArgumentException e) {
                throw error(n, e.getMessage());
            }
        }

        private TextTable.Table table(Node fileNode) {
            Path p = resolve(fileNode);
            if (!Files.isRegularFile(p)) {
                throw error(fileNode, "data file not found: " + string(fileNode) + " (looked at " + p.toAbsolutePath()
                        .normalize() + "); paths are relative to the problem file's folder");
            }
            try {
                return TextTable.read(p);
            } catch (DataFormatException e) {
                throw error(fileNode, "bad data file: " + e.getMessage());
            } catch (IOException e) {
                throw error(fileNode, "cannot read " + p + ": " + e.getMessage());
            }
        }

        private Path resolve(Node fileNode) {
            Path given = Path.of(string(fileNode));
            Path dir = file.toAbsolutePath().getParent();
            return given.isAbsolute() || dir == null ? given : dir.resolve(given);
        }

        private String checkName(Node n) {
            String s = string(n);
            if (!s.matches("[A-Za-z][A-Za-z0-9_]*")) {
                throw error(n, "'" + s + "' is not a valid name: use letters, digits and '_', starting with a"
                        + " letter");
            }
            return s;
        }

        private double number(Node n) {
            String s = string(n).strip();
            try {
                double x = Double.parseDouble(s);
                if (Double.isFinite(x) && s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    return x;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw error(n, "bad number '" + s + "'; write numbers like 0.1, -2 or 1e-3");
        }

        private double[] numbers(Node n, int count, String what) {
            List<Node> l = list(n);
            if (l.size() != count || !(n instanceof SequenceNode)) {
                throw error(n, "expected " + what + ", a list of " + count + " numbers");
            }
            double[] out = new double[count];
            for (int i = 0; i < count; i++) {
                out[i] = number(l.get(i));
            }
            return out;
        }

        private long integer(Node n) {
            String s = string(n).strip();
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw error(n, "expected a whole number, got '" + s + "'");
            }
        }

        private int nonNegativeInt(Node n) {
            long x = integer(n);
            if (x < 0 || x > Integer.MAX_VALUE) {
                throw error(n, "expected a whole number >= 0, got " + x);
            }
            return (int) x;
        }

        private int positiveInt(Node n) {
            long x = integer(n);
            if (x < 1 || x > Integer.MAX_VALUE) {
                throw error(n, "expected a whole number >= 1, got " + x);
            }
            return (int) x;
        }

        private boolean bool(Node n) {
            String s = string(n);
            if (s.equals("true") || s.equals("false")) {
                return Boolean.parseBoolean(s);
            }
            throw error(n, "expected true or false, got '" + s + "'");
        }

        private String string(Node n) {
            if (!(n instanceof ScalarNode s)) {
                throw error(n, "expected a single value here, found a " + (n instanceof MappingNode ? "mapping"
                        : "list"));
            }
            return s.getValue();
        }

        private static String key(NodeTuple t) {
            return ((ScalarNode) t.getKeyNode()).getValue();
        }

        /** Elements of a list; a single value counts as a list of one. */
        private List<Node> list(Node n) {
            if (n instanceof SequenceNode s) {
                return s.getValue();
            }
            if (n instanceof ScalarNode) {
                return List.of(n);
            }
            throw error(n, "expected a list like [a, b], found a mapping");
        }

        /** Entries of a mapping by key; {@code allowed} null means any key. */
        private Map<String, NodeTuple> mapping(Node n, String what, Set<String> allowed) {
            if (!(n instanceof MappingNode m)) {
                throw error(n, what + " must be a mapping of 'key: value' entries");
            }
            Map<String, NodeTuple> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String k = string(t.getKeyNode());
                if (allowed != null && !allowed.contains(k)) {
                    String near = closest(k, allowed);
                    throw error(t.getKeyNode(), "unknown key '" + k + "' in " + what
                            + (near != null ? "; did you mean '" + near + "'?" : "") + " (valid keys: "
                            + String.join(", ", allowed.stream().sorted().toList()) + ")");
                }
                out.put(k, t);
            }
            return out;
        }

        private Node required(Map<String, NodeTuple> m, String key, Node parent, String example) {
            NodeTuple t = m.get(key);
            if (t == null) {
                throw error(parent, "missing '" + key + "', e.g. '" + example + "'");
            }
            return t.getValueNode();
        }

        private static String closest(String k, Set<String> candidates) {
            String best = null;
            int bestD = Math.max(2, k.length() / 3) + 1;
            for (String c : candidates) {
                int d = levenshtein(k, c);
                if (d < bestD) {
                    bestD = d;
                    best = c;
                }
            }
            return best;
        }

        private static int levenshtein(String a, String b) {
            int[] prev = new int[b.length() + 1];
            int[] cur = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                prev[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                cur[0] = i;
                for (int j = 1; j <= b.length(); j++) {
                    cur[j] = Math.min(prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1),
                            Math.min(prev[j], cur[j - 1]) + 1);
                }
                int[] t = prev;
                prev = cur;
                cur = t;
            }
            return prev[b.length()];
        }

        // ---------------------------------------------------------------- positions

        /** 1-based line where a node's text starts. */
        private static int line(Node n) {
            return n.getStartMark().getLine() + 1;
        }

        /** 1-based column where a node's text starts (inside the quotes of a quoted scalar). */
        private static int column(Node n) {
            int c = n.getStartMark().getColumn() + 1;
            if (n instanceof ScalarNode s && (s.getScalarStyle() == DumperOptions.ScalarStyle.DOUBLE_QUOTED
                    || s.getScalarStyle() == DumperOptions.ScalarStyle.SINGLE_QUOTED)) {
                c++;
            }
            return c;
        }

        private ProblemFileException error(Node n, String problem) {
            return error(n.getStartMark(), problem);
        }

        private ProblemFileException error(Mark m, String problem) {
            if (m == null) {
                return new ProblemFileException(fileName, 0, 0, problem, "");
            }
            return new ProblemFileException(fileName, m.getLine() + 1, m.getColumn() + 1, problem,
                    excerpt(m.getLine() + 1, m.getColumn() + 1));
        }

        private ProblemFileException expressionError(ExpressionException e) {
            return new ProblemFileException(fileName, e.line(), e.column(), e.hint(), excerpt(e.line(), e.column()));
        }

        private String excerpt(int line, int column) {
            if (line < 1 || line > lines.length) {
                return "";
            }
            String l = lines[line - 1];
            StringBuilder caret = new StringBuilder("  ");
            for (int i = 1; i < column && i <= l.length(); i++) {
                caret.append(l.charAt(i - 1) == '\t' ? '\t' : ' ');
            }
            return "  " + l + "\n" + caret + "^";
        }

        /** A problem-level error, placed at the part of the file it is about where that can be told. */
        private ProblemFileException locate(IllegalArgumentException e, Node root, Map<String, NodeTuple> top,
                Map<String, Node> conditions, Map<String, NodeTuple> weights) {
            String msg = e.getMessage();
            for (Map.Entry<String, Node> c : conditions.entrySet()) {
                if (msg.contains("condition '" + c.getKey() + "'")) {
                    return error(c.getValue(), msg);
                }
            }
            for (NodeTuple w : weights.values()) {
                if (msg.contains("'" + key(w) + "'")) {
                    return error(w.getKeyNode(), msg);
                }
            }
            for (String section : List.of("collocation", "equations", "fields", "variables")) {
                if (msg.contains(section) && top.containsKey(section)) {
                    return error(top.get(section).getKeyNode(), msg);
                }
            }
            return error(root, msg);
        }
    }
}
