package org.sciml4j.pinn.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sciml4j.io.DataFormatException;
import org.sciml4j.io.TextTable;
import org.sciml4j.nn.Activation;
import org.sciml4j.nn.Concat;
import org.sciml4j.nn.Initializer;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.Module;
import org.sciml4j.nn.Variable;
import org.sciml4j.pinn.AdaptiveSampling;
import org.sciml4j.pinn.BoundaryCondition;
import org.sciml4j.pinn.Condition;
import org.sciml4j.pinn.PointCondition;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.Requirement;
import org.sciml4j.pinn.Trainer;
import org.sciml4j.domain.expr.BoundExpression;
import org.sciml4j.domain.expr.Evaluation;
import org.sciml4j.domain.expr.Expression;
import org.sciml4j.domain.expr.ExpressionException;
import org.sciml4j.domain.expr.Vocabulary;
import org.sciml4j.domain.geometry.Ball;
import org.sciml4j.domain.geometry.Box;
import org.sciml4j.domain.geometry.Disk;
import org.sciml4j.domain.geometry.Ellipse;
import org.sciml4j.domain.geometry.Geometry;
import org.sciml4j.domain.geometry.Interval;
import org.sciml4j.domain.geometry.Polygon;
import org.sciml4j.domain.geometry.Rectangle;
import org.sciml4j.domain.geometry.SpaceTime;
import org.sciml4j.domain.geometry.Triangle;
import org.sciml4j.domain.sampling.Sampler;
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
import org.yaml.snakeyaml.nodes.Tag;

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
 * equations:                          # each holds at the collocation points: expr (= 0) or lhs = rhs;
 *                                     # a list, or name: text
 *   - m*u_tt + c*u_t + k*u
 * conditions:                         # name: at fixed values (other variables sampled), or data from a file
 *   initial: {at: {t: 0}, require: [u = 1, u_t = 0], points: 21, sampling: uniform}
 *   data: {file: data/data_exact.txt, columns: [t, u]}
 * collocation: {points: 101, sampling: uniform}    # or {grid: [21, 51]}; sampling: uniform random lhs sobol ...
 * weights: {equation: 1, initial: 1}  # per loss term, default 1
 * network: {layers: [20, 20], activation: tanh, initializer: glorot_normal}   # hidden layer sizes
 *                                     # also fields: {k: {layers: [10]}}: k from its own network (listed last)
 * training: {seed: 0, adam: {lr: 1e-3, epochs: 10000}, lbfgs: {iterations: 0}, log_every: 1000}
 *                                     # also adam: {batch: 500} (collocation points per epoch), resample_every: 100,
 *                                     # adaptive: {exponent: 1, offset: 1, candidates: 50000} (redraws by residual)
 * evaluation: {file: data/data_truth.txt, columns: [t, u]}   # reference values: errors and plots
 *                                     # or {exact: {u: exp(-t)*sin(pi*x)}, grid: [101, 101]} (or points, sampling)
 * </pre>
 * Relative paths are resolved against the problem file's folder.
 */
public final class ProblemFile {

    /**
     * Network settings.
     *
     * @param fieldNetworks fields that come from their own network (one output each, after the main network's
     *                      outputs), with its settings; empty: one network for all fields
     */
    public record NetworkSpec(int[] hidden, String activation, String initializer,
            Map<String, NetworkSpec> fieldNetworks) {
        /** Copies the sizes and the map. */
        public NetworkSpec {
            hidden = hidden.clone();
            fieldNetworks = Collections.unmodifiableMap(new LinkedHashMap<>(fieldNetworks));
        }

        /** One network for all fields. */
        public NetworkSpec(int[] hidden, String activation, String initializer) {
            this(hidden, activation, initializer, Map.of());
        }

        /** The hidden layer sizes (a copy). */
        @Override
        public int[] hidden() {
            return hidden.clone();
        }
    }

    /**
     * Training settings.
     *
     * @param batch         collocation points per Adam epoch (0: all)
     * @param resampleEvery epochs between draws of new collocation points (0: never)
     * @param adaptive      how redraws place the points by the residual; null: drawn afresh by the sampler
     */
    public record TrainingSpec(long seed, double learningRate, int epochs, int lbfgsIterations, int logEvery,
            int batch, int resampleEvery, AdaptiveSampling adaptive) {

        /** Full batch, no resampling. */
        public TrainingSpec(long seed, double learningRate, int epochs, int lbfgsIterations, int logEvery) {
            this(seed, learningRate, epochs, lbfgsIterations, logEvery, 0, 0, null);
        }
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

    /** Points at which an exact solution is compared when the file does not say (a grid of about as many). */
    static final int DEFAULT_EVALUATION_POINTS = 10000;

    private static final Set<String> TOP = Set.of("name", "description", "variables", "domain", "fields",
            "parameters", "unknowns", "equations", "conditions", "collocation", "weights", "transform", "network",
            "training", "evaluation");

    /** The shapes a domain may be made of. */
    private static final Set<String> SHAPES = Set.of("interval", "rectangle", "box", "disk", "ball", "ellipse",
            "polygon", "triangle", "union", "difference", "intersection");

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

    /**
     * A fresh network as the file describes, initialised from {@code seed}: an {@link Mlp}, or with
     * {@code network.fields} a {@link Concat} of the main network (the other fields) and one network per listed field
     * (seeds {@code seed + 1}, {@code seed + 2}, ...).
     */
    public Module newNetwork(long seed) {
        int own = network.fieldNetworks.size();
        int shared = problem.fields().size() - own;
        List<Module> parts = new ArrayList<>();
        if (shared > 0) {
            parts.add(mlp(network, shared, seed));
        }
        long next = seed;
        for (NetworkSpec n : network.fieldNetworks.values()) {
            parts.add(mlp(n, 1, ++next));
        }
        return parts.size() == 1 ? parts.get(0) : Concat.of(parts.toArray(new Module[0]));
    }

    private Mlp mlp(NetworkSpec n, int outputs, long seed) {
        int[] sizes = new int[n.hidden.length + 2];
        sizes[0] = problem.variables().size();
        System.arraycopy(n.hidden, 0, sizes, 1, n.hidden.length);
        sizes[sizes.length - 1] = outputs;
        return Mlp.builder().sizes(sizes).activation(n.activation).initializer(n.initializer).seed(seed).build();
    }

    /** A trainer builder with the file's schedule and seed. */
    public Trainer.Builder trainer() {
        return Trainer.builder().adam(training.learningRate, training.epochs).lbfgs(training.lbfgsIterations)
                .seed(training.seed).batch(training.batch).resample(training.resampleEvery)
                .adaptive(training.adaptive);
    }

    /** Two hidden layers of 20, tanh, Glorot-normal weights. */
    private static final NetworkSpec DEFAULT_NETWORK = new NetworkSpec(new int[] {20, 20}, "tanh", "glorot_normal");

    /** Walks the YAML tree, keeping positions for messages. */
    private static final class Reader {
        private final String text;
        private final Path file;
        private final String fileName;
        private final String[] lines;
        /** Every declared symbol (variable, field, parameter, unknown): checks names and binds requirements. */
        private final Vocabulary.Builder symbols = Vocabulary.builder();
        private final Map<String, Node> declared = new LinkedHashMap<>();
        private final Map<String, String> kinds = new LinkedHashMap<>();
        private final Map<String, double[]> ranges = new LinkedHashMap<>();
        private Vocabulary vocabulary;
        private Geometry domainShape;

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
            String name = top.containsKey("name") ? string(top.get("name").getValueNode()).strip()
                    : file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
            if (name.isEmpty()) {
                throw error(top.get("name").getKeyNode(), "'name' is empty; give the run a name, e.g. 'name: forward'"
                        + " (or leave 'name' out to use the file name)");
            }
            Problem.Builder b = Problem.builder();

            if (top.containsKey("domain") && top.containsKey("variables")) {
                throw error(top.get("variables").getKeyNode(), "give either 'domain' (its shape and variable names)"
                        + " or 'variables' (ranges: a box), not both");
            }
            Node varsNode = top.containsKey("domain") ? null
                    : required(top, "variables", root, "variables: {t: [0, 10]}");
            Map<String, NodeTuple> vars = varsNode == null ? Map.of() : mapping(varsNode, "variables", null);
            if (varsNode != null && vars.isEmpty()) {
                throw error(varsNode, "no variables given; e.g. 'variables: {t: [0, 10]}'");
            }
            if (top.containsKey("domain")) {
                domain(b, top.get("domain").getValueNode());
            }
            for (NodeTuple v : vars.values()) {
                double[] range = numbers(v.getValueNode(), 2, "a range [lo, hi]");
                if (!(range[0] < range[1])) {
                    throw error(v.getValueNode(), "the range of '" + key(v) + "' must have lo < hi, got ["
                            + range[0] + ", " + range[1] + "]");
                }
                b.variable(declare(v.getKeyNode(), "a variable", 0), range[0], range[1]);
                ranges.put(key(v), range);
            }
            Node fieldsNode = required(top, "fields", root, "fields: [u]");
            if (list(fieldsNode).isEmpty()) {
                throw error(fieldsNode, "no fields given; e.g. 'fields: [u]'");
            }
            for (Node f : list(fieldsNode)) {
                b.fields(declare(f, "a field", 0));
            }
            Set<String> knownNames = new HashSet<>();
            if (top.containsKey("parameters")) {
                for (NodeTuple p : mapping(top.get("parameters").getValueNode(), "parameters", null).values()) {
                    String n = checkName(p.getKeyNode());
                    double x = number(p.getValueNode());
                    b.parameter(declare(p.getKeyNode(), "a known parameter", x), x);
                    knownNames.add(n);
                }
            }
            if (top.containsKey("unknowns")) {
                for (NodeTuple u : mapping(top.get("unknowns").getValueNode(), "unknowns", null).values()) {
                    if (knownNames.contains(key(u))) {
                        throw error(u.getKeyNode(), "'" + key(u) + "' is both a known parameter and an unknown;"
                                + " remove it from 'parameters' to estimate it");
                    }
                    Variable v = unknown(u);
                    declare(u.getKeyNode(), "an unknown", v.current());
                    b.unknown(v);
                }
            }
            vocabulary = symbols.build();
            List<String> equationNames = new ArrayList<>();
            if (top.containsKey("equations")) {
                Node eqs = top.get("equations").getValueNode();
                if (eqs instanceof MappingNode) {
                    for (NodeTuple e : mapping(eqs, "equations", null).values()) {
                        b.equation(key(e), expression(e.getValueNode()));
                        equationNames.add(key(e));
                    }
                } else {
                    List<Node> l = list(eqs);
                    for (Node e : l) {
                        b.equation(null, expression(e));
                        equationNames.add(l.size() == 1 ? "equation" : "equation_" + (equationNames.size() + 1));
                    }
                }
                if (!equationNames.isEmpty() && !top.containsKey("collocation")) {
                    throw error(top.get("equations").getKeyNode(), "equations need collocation points; add e.g."
                            + " 'collocation: {points: 101, sampling: uniform}'");
                }
            }
            if (equationNames.isEmpty() && !top.containsKey("conditions")) {
                throw error(root, "nothing to train on: give 'equations' (with 'collocation') or 'conditions'");
            }
            Map<String, Node> conditionNodes = new LinkedHashMap<>();
            if (top.containsKey("conditions")) {
                for (NodeTuple c : mapping(top.get("conditions").getValueNode(), "conditions", null).values()) {
                    if (equationNames.contains(key(c))) {
                        throw error(c.getKeyNode(), "condition '" + key(c) + "' has the name of an equation's loss"
                                + " term; rename one (equations: " + equationNames + ")");
                    }
                    b.condition(condition(key(c), c.getValueNode()));
                    conditionNodes.put(key(c), c.getValueNode());
                }
            }
            if (top.containsKey("collocation")) {
                collocation(b, top.get("collocation").getValueNode());
            }
            if (top.containsKey("transform")) {
                for (NodeTuple t : mapping(top.get("transform").getValueNode(), "transform", null).values()) {
                    if (!vocabulary.fields().contains(key(t))) {
                        throw error(t.getKeyNode(), "'" + key(t) + "' is not a field " + vocabulary.fields()
                                + "; a transform gives a field from the network's outputs, e.g. 'u: x*(1 - x)*u'");
                    }
                    Expression e;
                    try {
                        e = Expression.parse(string(t.getValueNode()), line(t.getValueNode()),
                                column(t.getValueNode()));
                    } catch (ExpressionException x) {
                        throw expressionError(x);
                    }
                    bind(e);
                    b.transform(key(t), e);
                }
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
            NetworkSpec network = network(top.get("network"), problem.fields());
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
                    if (!(lh[0] < lh[1])) {
                        throw error(m.get("bounds").getValueNode(), "the bounds of '" + n + "' must have lo < hi, got ["
                                + lh[0] + ", " + lh[1] + "]");
                    }
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
                    Set.of("at", "require", "points", "sampling", "file", "columns", "on", "where", "periodic"));
            if (m.containsKey("on") || m.containsKey("periodic")) {
                return boundaryCondition(name, node, m);
            }
            if (m.containsKey("where")) {
                throw error(m.get("where").getKeyNode(), "'where' selects part of a boundary: add 'on: boundary'");
            }
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
                List<Expression> observed = new ArrayList<>();
                for (Node c : list(columnsNode)) {
                    String col = string(c);
                    try {
                        Requirement.parse(col, line(c), column(c));
                        if (!ranges.containsKey(col)) {
                            observed.add(Expression.parse(col, line(c), column(c)));
                        }
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
                for (String v : ranges.keySet()) {
                    if (!columns.contains(v)) {
                        throw error(columnsNode, "condition '" + name + "': no column of " + string(fileNode)
                                + " is named after variable '" + v + "' " + columns + "; the variables' columns give"
                                + " the points");
                    }
                }
                if (observed.isEmpty()) {
                    throw error(columnsNode, "condition '" + name + "': the columns " + columns + " name only"
                            + " variables; name at least one field, e.g. 'u'");
                }
                observed.forEach(this::bind);
                return Condition.data(resolve(fileNode), columns.toArray(new String[0])).named(name);
            }
            Node at = required(m, "at", node, "at: {t: 0}");
            Map<String, double[]> fixed = new LinkedHashMap<>();
            for (NodeTuple a : mapping(at, "at", null).values()) {
                double[] r = ranges.get(key(a));
                if (r == null) {
                    String near = closest(key(a), ranges.keySet());
                    throw error(a.getKeyNode(), "condition '" + name + "': '" + key(a) + "' is not a variable"
                            + (near != null ? "; did you mean '" + near + "'?" : "") + " (variables: "
                            + String.join(", ", ranges.keySet()) + ")");
                }
                // one value, or a list (x: [-1, 1]: both walls, the points split evenly among them)
                List<Node> valueNodes = list(a.getValueNode());
                double[] xs = new double[valueNodes.size()];
                if (xs.length == 0) {
                    throw error(a.getValueNode(), "condition '" + name + "': give a value for " + key(a));
                }
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = number(valueNodes.get(i));
                    if (!(xs[i] >= r[0] && xs[i] <= r[1])) {
                        throw error(valueNodes.get(i), "condition '" + name + "': " + key(a) + " = " + xs[i]
                                + " is outside its range [" + r[0] + ", " + r[1] + "]");
                    }
                }
                fixed.put(key(a), xs);
            }
            if (fixed.isEmpty()) {
                throw error(at, "'at' names no variable; e.g. 'at: {t: 0}'");
            }
            List<String> reqs = new ArrayList<>();
            Node reqNode = required(m, "require", node, "require: [u = 1, u_t = 0]");
            for (Node r : list(reqNode)) {
                Requirement parsed;
                try {
                    parsed = Requirement.parse(string(r), line(r), column(r));
                } catch (ExpressionException e) {
                    throw expressionError(e);
                }
                // bound here, where the text's place is known (the condition parses it again without it)
                bind(parsed.lhs());
                bind(parsed.rhs());
                reqs.add(string(r));
            }
            if (reqs.isEmpty()) {
                throw error(reqNode, "'require' is empty; e.g. 'require: [u = 1, u_t = 0]'");
            }
            PointCondition c = Condition.atEach(fixed, reqs.toArray(new String[0])).named(name);
            if (m.containsKey("points") || m.containsKey("sampling")) {
                int n = m.containsKey("points") ? positiveInt(m.get("points").getValueNode())
                        : PointCondition.DEFAULT_FREE_POINTS;
                Sampler s = m.containsKey("sampling") ? sampler(m.get("sampling").getValueNode()) : Sampler.uniform();
                c = c.points(s, n);
                List<String> free = new ArrayList<>(ranges.keySet());
                free.removeAll(fixed.keySet());
                Node where = m.containsKey("points") ? m.get("points").getValueNode() : m.get("sampling").getValueNode();
                int values = fixed.values().stream().mapToInt(x -> x.length).max().orElse(1);
                int per;
                try {
                    per = free.isEmpty() ? n : PointCondition.pointsPerValue(name, n, values);
                } catch (IllegalArgumentException e) {
                    throw error(where, e.getMessage());
                }
                trySampling(s, per, free, where, "condition '" + name + "'");
            }
            return c;
        }

        /**
         * {@code on: boundary} (the domain's) or {@code on: {disk: ...}} (an interface), with {@code where},
         * {@code points}, {@code sampling}; or {@code periodic: x} with the expressions in {@code require}.
         */
        private Condition boundaryCondition(String name, Node node, Map<String, NodeTuple> m) {
            for (String k : List.of("at", "file", "columns")) {
                if (m.containsKey(k)) {
                    throw error(m.get(k).getKeyNode(), "'" + k + "' does not go with '" + (m.containsKey("on") ? "on"
                            : "periodic") + "': a condition is at fixed values ('at'), on a boundary ('on'),"
                            + " periodic ('periodic') or data ('file')");
                }
            }
            boolean periodic = m.containsKey("periodic");
            if (periodic && m.containsKey("on")) {
                throw error(m.get("periodic").getKeyNode(), "give either 'on' or 'periodic', not both");
            }
            if (periodic && m.containsKey("where")) {
                throw error(m.get("where").getKeyNode(), "'where' selects part of a boundary ('on: boundary'); a"
                        + " periodic condition holds at both ends of its variable");
            }
            Node reqNode = required(m, "require", node, periodic ? "require: [u, u_x]" : "require: [u = 0]");
            List<String> reqs = new ArrayList<>();
            Vocabulary symbolsHere = periodic ? vocabulary : boundaryVocabulary();
            for (Node r : list(reqNode)) {
                Requirement parsed;
                try {
                    parsed = Requirement.parse(string(r), line(r), column(r));
                    parsed.lhs().bind(symbolsHere);
                    parsed.rhs().bind(symbolsHere);
                } catch (ExpressionException e) {
                    throw expressionError(e);
                }
                reqs.add(string(r));
            }
            int n = m.containsKey("points") ? positiveInt(m.get("points").getValueNode())
                    : BoundaryCondition.DEFAULT_POINTS;
            Sampler s = m.containsKey("sampling") ? sampler(m.get("sampling").getValueNode()) : Sampler.uniform();
            if (periodic) {
                Node v = m.get("periodic").getValueNode();
                if (!ranges.containsKey(string(v))) {
                    throw error(v, "'" + string(v) + "' is not a variable (variables: " + String.join(", ",
                            ranges.keySet()) + ")");
                }
                return Condition.periodic(string(v), reqs.toArray(new String[0])).named(name).points(s, n);
            }
            Node on = m.get("on").getValueNode();
            BoundaryCondition c;
            if (on instanceof ScalarNode && string(on).equals("boundary")) {
                c = Condition.boundary(reqs.toArray(new String[0]));
            } else if (on instanceof MappingNode) {
                Geometry shape = shape(on);
                int space = boundaryVocabulary().space().size();
                if (shape.dimension() != space) {
                    throw error(on, "the shape has " + shape.dimension() + " coordinates but the problem has " + space
                            + " space variables " + boundaryVocabulary().space());
                }
                c = Condition.on(shape, reqs.toArray(new String[0]));
            } else {
                throw error(on, "'on' takes 'boundary' (the domain's) or a shape, e.g. 'on: {disk: {center: [0, 0],"
                        + " radius: 0.5}}' for an interface");
            }
            if (m.containsKey("where")) {
                for (Node w : list(m.get("where").getValueNode())) {
                    try {
                        c = c.where(string(w));
                    } catch (ExpressionException e) {
                        throw error(w, e.getMessage());
                    } catch (IllegalArgumentException e) {
                        throw error(w, e.getMessage());
                    }
                }
            }
            return c.named(name).points(s, n);
        }

        private Vocabulary boundaryVocabulary() {
            try {
                return vocabulary.withNormals();
            } catch (IllegalArgumentException e) {
                throw new ProblemFileException(fileName, 0, 0, e.getMessage(), "");
            }
        }

        /**
         * {@code domain: {variables: [x, y], <shape>: ..., time: {t: [0, 1]}}}: the shape's coordinates are the
         * variables in order; time, when given, is one more variable, last.
         */
        private void domain(Problem.Builder b, Node node) {
            Map<String, NodeTuple> m = mapping(node, "domain", null);
            Node namesNode = required(m, "variables", node, "variables: [x, y]");
            Geometry g = null;
            Node shapeNode = null;
            for (NodeTuple t : m.values()) {
                String k = key(t);
                if (k.equals("variables") || k.equals("time")) {
                    continue;
                }
                if (!SHAPES.contains(k)) {
                    String near = closest(k, SHAPES);
                    throw error(t.getKeyNode(), "unknown key '" + k + "' in domain" + (near != null ? "; did you mean '"
                            + near + "'?" : "") + " (a domain has 'variables', one shape ("
                            + String.join(", ", SHAPES.stream().sorted().toList()) + ") and optionally 'time')");
                }
                if (g != null) {
                    throw error(t.getKeyNode(), "a domain has one shape; combine shapes with union, difference or"
                            + " intersection");
                }
                shapeNode = t.getKeyNode();
                g = shape(k, t.getValueNode());
            }
            if (g == null) {
                throw error(node, "the domain needs a shape, e.g. 'rectangle: [[0, 0], [1, 1]]' or 'disk: {center:"
                        + " [0, 0], radius: 1}'");
            }
            List<Node> names = list(namesNode);
            if (names.size() != g.dimension()) {
                throw error(namesNode, "the " + string(shapeNode) + " has " + g.dimension() + " coordinates but "
                        + names.size() + " variable names are given");
            }
            List<String> all = new ArrayList<>();
            for (Node n : names) {
                all.add(declare(n, "a variable", 0));
            }
            symbols.space(all.toArray(new String[0]));
            if (m.containsKey("time")) {
                Map<String, NodeTuple> time = mapping(m.get("time").getValueNode(), "time", null);
                if (time.size() != 1) {
                    throw error(m.get("time").getValueNode(), "'time' takes one variable and its range, e.g. 'time:"
                            + " {t: [0, 1]}'");
                }
                NodeTuple t = time.values().iterator().next();
                double[] range = numbers(t.getValueNode(), 2, "a range [t0, t1]");
                if (!(range[0] < range[1])) {
                    throw error(t.getValueNode(), "the range of '" + key(t) + "' must have t0 < t1");
                }
                all.add(declare(t.getKeyNode(), "a variable", 0));
                g = SpaceTime.timeLast(g, range[0], range[1]);
            }
            b.domain(g, all.toArray(new String[0]));
            domainShape = g;
            double[] lo = g.lower();
            double[] hi = g.upper();
            for (int i = 0; i < all.size(); i++) {
                ranges.put(all.get(i), new double[] {lo[i], hi[i]});
            }
        }

        /** A shape written as a mapping of one key, e.g. {@code {disk: {center: [0, 0], radius: 1}}}. */
        private Geometry shape(Node node) {
            Map<String, NodeTuple> m = mapping(node, "a shape", SHAPES);
            if (m.size() != 1) {
                throw error(node, "a shape is one of " + String.join(", ", SHAPES.stream().sorted().toList())
                        + ", e.g. '{disk: {center: [0, 0], radius: 1}}'");
            }
            NodeTuple t = m.values().iterator().next();
            return shape(key(t), t.getValueNode());
        }

        private Geometry shape(String kind, Node v) {
            try {
                return switch (kind) {
                    case "interval" -> {
                        double[] ab = numbers(v, 2, "an interval [a, b]");
                        yield new Interval(ab[0], ab[1]);
                    }
                    case "rectangle", "box" -> {
                        double[][] corners = corners(v, kind);
                        yield kind.equals("box") ? new Box(corners[0], corners[1])
                                : new Rectangle(corners[0], corners[1]);
                    }
                    case "disk", "ball" -> {
                        Map<String, NodeTuple> m = mapping(v, kind, Set.of("center", "radius"));
                        double[] c = vector(required(m, "center", v, "center: [0, 0]"));
                        double r = number(required(m, "radius", v, "radius: 1"));
                        yield kind.equals("disk") ? new Disk(c, r) : new Ball(c, r);
                    }
                    case "ellipse" -> {
                        Map<String, NodeTuple> m = mapping(v, kind, Set.of("center", "semi_axes", "angle"));
                        double[] c = vector(required(m, "center", v, "center: [0, 0]"));
                        double[] ax = vector(required(m, "semi_axes", v, "semi_axes: [2, 1]"));
                        double angle = m.containsKey("angle") ? number(m.get("angle").getValueNode()) : 0;
                        yield new Ellipse(c, ax, angle);
                    }
                    case "polygon", "triangle" -> {
                        List<Node> l = list(v);
                        double[][] pts = new double[l.size()][];
                        for (int i = 0; i < pts.length; i++) {
                            pts[i] = vector(l.get(i));
                        }
                        if (kind.equals("triangle")) {
                            if (pts.length != 3) {
                                throw error(v, "a triangle has 3 vertices, got " + pts.length);
                            }
                            yield new Triangle(pts[0], pts[1], pts[2]);
                        }
                        yield new Polygon(pts);
                    }
                    default -> {
                        List<Node> parts = list(v);
                        if (parts.size() < 2) {
                            throw error(v, "'" + kind + "' takes a list of two or more shapes");
                        }
                        Geometry g = shape(parts.get(0));
                        for (Node part : parts.subList(1, parts.size())) {
                            Geometry h = shape(part);
                            g = kind.equals("union") ? g.union(h) : kind.equals("difference") ? g.difference(h)
                                    : g.intersection(h);
                        }
                        yield g;
                    }
                };
            } catch (ProblemFileException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw error(v, e.getMessage());
            }
        }

        /** {@code [[x0, y0], [x1, y1]]} or {@code {lower: [...], upper: [...]}}. */
        private double[][] corners(Node v, String kind) {
            if (v instanceof MappingNode) {
                Map<String, NodeTuple> m = mapping(v, kind, Set.of("lower", "upper"));
                return new double[][] {vector(required(m, "lower", v, "lower: [0, 0]")),
                        vector(required(m, "upper", v, "upper: [1, 1]"))};
            }
            List<Node> l = list(v);
            if (l.size() != 2) {
                throw error(v, "a " + kind + " is [lower corner, upper corner], e.g. [[0, 0], [1, 1]]");
            }
            return new double[][] {vector(l.get(0)), vector(l.get(1))};
        }

        /** A list of numbers of any length. */
        private double[] vector(Node n) {
            List<Node> l = list(n);
            double[] out = new double[l.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = number(l.get(i));
            }
            return out;
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
                Sampler grid;
                try {
                    grid = Sampler.grid(c);
                } catch (IllegalArgumentException e) {
                    throw error(m.get("grid").getValueNode(), e.getMessage());
                }
                b.collocation(grid, total);
                trySampling(grid, total, List.copyOf(ranges.keySet()), m.get("grid").getValueNode(), "collocation");
                return;
            }
            Node pts = required(m, "points", node, "points: 101");
            Sampler s = m.containsKey("sampling") ? sampler(m.get("sampling").getValueNode()) : Sampler.uniform();
            int n = positiveInt(pts);
            b.collocation(s, n);
            trySampling(s, n, List.copyOf(ranges.keySet()), pts, "collocation");
        }

        /** Draws the points once, so that a count the sampler refuses (uniform: n = m^dim) fails now. */
        private void trySampling(Sampler s, int n, List<String> over, Node where, String what) {
            if (over.isEmpty()) {
                return;
            }
            if (domainShape != null) {
                try {
                    domainShape.interior(n, s, 0);
                } catch (IllegalArgumentException | IllegalStateException e) {
                    throw error(where, what + " in the domain: " + e.getMessage());
                }
                return;
            }
            double[] lo = new double[over.size()];
            double[] hi = new double[over.size()];
            for (int i = 0; i < lo.length; i++) {
                lo[i] = ranges.get(over.get(i))[0];
                hi[i] = ranges.get(over.get(i))[1];
            }
            try {
                s.box(n, lo, hi, 0);
            } catch (IllegalArgumentException e) {
                throw error(where, what + " over " + over + ": " + e.getMessage());
            }
        }

        private NetworkSpec network(NodeTuple t, List<String> fields) {
            if (t == null) {
                return DEFAULT_NETWORK;
            }
            Map<String, NodeTuple> m = mapping(t.getValueNode(), "network", Set.of("layers", "activation",
                    "initializer", "fields"));
            NetworkSpec main = network(m, DEFAULT_NETWORK);
            if (!m.containsKey("fields")) {
                return main;
            }
            Node fieldsNode = m.get("fields").getValueNode();
            Map<String, NetworkSpec> own = new LinkedHashMap<>();
            for (Map.Entry<String, NodeTuple> e : mapping(fieldsNode, "network fields", null).entrySet()) {
                Node key = e.getValue().getKeyNode();
                if (!fields.contains(e.getKey())) {
                    throw error(key, "'" + e.getKey() + "' is not a field; the fields are " + String.join(", ",
                            fields));
                }
                own.put(e.getKey(), network(mapping(e.getValue().getValueNode(), "network of " + e.getKey(),
                        Set.of("layers", "activation", "initializer")), main));
            }
            // the network's outputs are the main network's fields, then one per field with its own network
            List<String> order = new ArrayList<>(fields);
            order.removeAll(own.keySet());
            order.addAll(own.keySet());
            if (!order.equals(fields)) {
                throw error(fieldsNode, "the fields with their own network must come last in 'fields', in the order"
                        + " given here; hint: fields: " + order);
            }
            return new NetworkSpec(main.hidden(), main.activation(), main.initializer(), own);
        }

        /** The settings in {@code m}, each missing one taken from {@code defaults}. */
        private NetworkSpec network(Map<String, NodeTuple> m, NetworkSpec defaults) {
            int[] hidden = defaults.hidden();
            if (m.containsKey("layers")) {
                List<Node> l = list(m.get("layers").getValueNode());
                hidden = new int[l.size()];
                for (int i = 0; i < hidden.length; i++) {
                    hidden[i] = positiveInt(l.get(i));
                }
            }
            String act = defaults.activation();
            if (m.containsKey("activation")) {
                Node a = m.get("activation").getValueNode();
                act = string(a);
                try {
                    Activation.of(act);
                } catch (IllegalArgumentException e) {
                    throw error(a, e.getMessage());
                }
            }
            String init = defaults.initializer();
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
            int batch = 0;
            int resample = 0;
            AdaptiveSampling adaptive = null;
            if (t != null) {
                Map<String, NodeTuple> m = mapping(t.getValueNode(), "training", Set.of("seed", "adam", "lbfgs",
                        "log_every", "resample_every", "adaptive"));
                if (m.containsKey("resample_every")) {
                    resample = nonNegativeInt(m.get("resample_every").getValueNode());
                }
                if (m.containsKey("adaptive")) {
                    Node a = m.get("adaptive").getValueNode();
                    adaptive = adaptive(a);
                    if (resample == 0) {
                        throw error(a, "adaptive sampling places the points of each redraw; say how often with"
                                + " resample_every, e.g. resample_every: 1000");
                    }
                }
                if (m.containsKey("seed")) {
                    seed = integer(m.get("seed").getValueNode());
                }
                if (m.containsKey("adam")) {
                    Map<String, NodeTuple> a = mapping(m.get("adam").getValueNode(), "adam", Set.of("lr", "epochs",
                            "batch"));
                    if (a.containsKey("batch")) {
                        batch = nonNegativeInt(a.get("batch").getValueNode());
                    }
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
            return new TrainingSpec(seed, lr, epochs, lbfgs, every, batch, resample, adaptive);
        }

        private AdaptiveSampling adaptive(Node node) {
            Map<String, NodeTuple> m = mapping(node, "adaptive", Set.of("exponent", "offset", "candidates"));
            AdaptiveSampling d = AdaptiveSampling.residual();
            double exponent = m.containsKey("exponent") ? number(m.get("exponent").getValueNode()) : d.exponent();
            double offset = m.containsKey("offset") ? number(m.get("offset").getValueNode()) : d.offset();
            int candidates = m.containsKey("candidates") ? nonNegativeInt(m.get("candidates").getValueNode())
                    : d.candidates();
            try {
                return new AdaptiveSampling(exponent, offset, candidates);
            } catch (IllegalArgumentException e) {
                boolean badExponent = !(exponent >= 0) || Double.isInfinite(exponent);
                throw error(m.containsKey("exponent") && badExponent ? m.get("exponent").getValueNode()
                        : m.containsKey("offset") ? m.get("offset").getValueNode() : node, e.getMessage());
            }
        }

        private EvaluationSpec evaluation(Node node, Problem problem) {
            Map<String, NodeTuple> m = mapping(node, "evaluation", Set.of("file", "columns", "grid", "values",
                    "exact", "points", "sampling"));
            if (m.containsKey("exact")) {
                return exactEvaluation(m, node, problem);
            }
            for (String k : List.of("points", "sampling")) {
                if (m.containsKey(k)) {
                    throw error(m.get(k).getKeyNode(), "'" + k + "' belongs to an exact solution ('exact: {u: ...}');"
                            + " data files give their own points");
                }
            }
            Node fileNode = required(m, "file", node, "file: data/data_truth.txt");
            if (string(fileNode).endsWith(".npz")) {
                return gridEvaluation(m, node, fileNode, problem);
            }
            for (String k : List.of("grid", "values")) {
                if (m.containsKey(k)) {
                    throw error(m.get(k).getKeyNode(), "'" + k + "' belongs to evaluation data in a NumPy .npz file;"
                            + " a text table takes 'columns'");
                }
            }
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

        /**
         * Reference values on a grid from a NumPy .npz file: {@code grid} names the member holding each variable's
         * axis, in the order of the value arrays' axes; {@code values} the member holding each field, shaped by the
         * axes ({@code grid: {x: x, t: t}, values: {u: usol}} for DeepXDE's Burgers.npz, usol of shape (256, 100)).
         */
        private EvaluationSpec gridEvaluation(Map<String, NodeTuple> m, Node node, Node fileNode, Problem problem) {
            if (m.containsKey("columns")) {
                throw error(m.get("columns").getKeyNode(), "a .npz file takes 'grid' and 'values', not 'columns'");
            }
            Node gridNode = required(m, "grid", node, "grid: {x: x, t: t}");
            Node valuesNode = required(m, "values", node, "values: {u: usol}");
            Path p = resolve(fileNode);
            if (!Files.isRegularFile(p)) {
                throw error(fileNode, "data file not found: " + string(fileNode) + " (looked at "
                        + p.toAbsolutePath().normalize() + "); paths are relative to the problem file's folder");
            }
            Map<String, Tensor> arrays;
            try {
                arrays = org.sciml4j.io.Npz.read(p);
            } catch (DataFormatException e) {
                throw error(fileNode, "bad data file: " + e.getMessage());
            } catch (IOException e) {
                throw error(fileNode, "cannot read " + p + ": " + e.getMessage());
            }
            Map<String, NodeTuple> grid = mapping(gridNode, "grid", null);
            int d = problem.variables().size();
            if (grid.size() != d) {
                throw error(gridNode, "the grid needs one axis per variable " + problem.variableNames() + ", got "
                        + grid.size());
            }
            double[][] axes = new double[d][];
            int[] axisOfVariable = new int[d];
            int[] shape = new int[d];
            int a = 0;
            for (NodeTuple t : grid.values()) {
                int v = problem.variableIndex(key(t));
                if (v < 0) {
                    throw error(t.getKeyNode(), "'" + key(t) + "' is not a variable " + problem.variableNames());
                }
                Tensor axis = member(arrays, t.getValueNode(), fileNode);
                axes[v] = axis.toArray();
                axisOfVariable[v] = a;
                shape[a++] = axes[v].length;
            }
            Map<String, NodeTuple> values = mapping(valuesNode, "values", null);
            List<Tensor> fieldValues = new ArrayList<>();
            for (String f : problem.fields()) {
                NodeTuple t = values.get(f);
                if (t == null) {
                    throw error(valuesNode, "no values for field '" + f + "'; give one member per field "
                            + problem.fields());
                }
                Tensor u = member(arrays, t.getValueNode(), fileNode);
                if (!java.util.Arrays.equals(u.shape(), shape)) {
                    throw error(t.getValueNode(), "'" + string(t.getValueNode()) + "' has shape "
                            + java.util.Arrays.toString(u.shape()) + " but the grid axes give "
                            + java.util.Arrays.toString(shape));
                }
                fieldValues.add(u);
            }
            int n = 1;
            for (int s : shape) {
                n *= s;
            }
            double[] pts = new double[n * d];
            double[] truth = new double[n * problem.fields().size()];
            int[] index = new int[d];
            for (int i = 0; i < n; i++) {
                // i is the row-major position in the value arrays; index[a] along their axis a
                for (int r = i, ax = d - 1; ax >= 0; ax--) {
                    index[ax] = r % shape[ax];
                    r /= shape[ax];
                }
                for (int v = 0; v < d; v++) {
                    pts[i * d + v] = axes[v][index[axisOfVariable[v]]];
                }
                for (int f = 0; f < fieldValues.size(); f++) {
                    truth[i * fieldValues.size() + f] = fieldValues.get(f).data()[i];
                }
            }
            return new EvaluationSpec(string(fileNode), Tensor.wrap(pts, n, d),
                    Tensor.wrap(truth, n, fieldValues.size()));
        }

        /**
         * An exact solution given as expressions of the variables and known parameters, one per field
         * ({@code exact: {u: sin(pi*x)*exp(-t)}}), evaluated at points of the domain: {@code points} (default
         * 10000) drawn by {@code sampling} (default uniform), or the product grid {@code grid: [101, 101]}.
         */
        private EvaluationSpec exactEvaluation(Map<String, NodeTuple> m, Node node, Problem problem) {
            for (String k : List.of("file", "columns", "values")) {
                if (m.containsKey(k)) {
                    throw error(m.get(k).getKeyNode(), "give either an exact solution ('exact') or a data file"
                            + " ('file'), not both");
                }
            }
            Node exactNode = m.get("exact").getValueNode();
            Map<String, NodeTuple> exact = mapping(exactNode, "exact", null);
            List<BoundExpression> solutions = new ArrayList<>();
            List<String> texts = new ArrayList<>();
            for (String f : problem.fields()) {
                NodeTuple t = exact.get(f);
                if (t == null) {
                    throw error(exactNode, "no exact solution for field '" + f + "'; give one expression per field "
                            + problem.fields());
                }
                Node e = t.getValueNode();
                BoundExpression bound;
                try {
                    bound = Expression.parse(string(e), line(e), column(e)).bind(vocabulary);
                } catch (ExpressionException x) {
                    throw expressionError(x);
                }
                if (!bound.derivatives().isEmpty() || !bound.unknownParameters().isEmpty()) {
                    throw error(e, "the exact solution of '" + f + "' may use only variables, known parameters and"
                            + " constants; it uses " + (bound.derivatives().isEmpty() ? bound.unknownParameters()
                            : bound.derivatives()));
                }
                solutions.add(bound);
                texts.add(f + " = " + string(e).strip());
            }
            for (String k : exact.keySet()) {
                if (!problem.fields().contains(k)) {
                    throw error(exact.get(k).getKeyNode(), "'" + k + "' is not a field " + problem.fields());
                }
            }
            Sampler s;
            int n;
            Node where;
            if (m.containsKey("grid")) {
                if (m.containsKey("points") || m.containsKey("sampling")) {
                    throw error(m.get("grid").getKeyNode(), "give either 'grid' or 'points' and 'sampling'");
                }
                where = m.get("grid").getValueNode();
                List<Node> counts = list(where);
                int[] c = new int[counts.size()];
                n = 1;
                for (int i = 0; i < c.length; i++) {
                    c[i] = positiveInt(counts.get(i));
                    n *= c[i];
                }
                try {
                    s = Sampler.grid(c);
                } catch (IllegalArgumentException e) {
                    throw error(where, e.getMessage());
                }
            } else {
                where = m.containsKey("points") ? m.get("points").getValueNode() : exactNode;
                n = m.containsKey("points") ? positiveInt(m.get("points").getValueNode()) : DEFAULT_EVALUATION_POINTS;
                s = m.containsKey("sampling") ? sampler(m.get("sampling").getValueNode()) : Sampler.uniform();
                if (!m.containsKey("points") && !m.containsKey("sampling") && problem.variables().size() > 1) {
                    s = Sampler.uniform();
                    n = (int) Math.pow(Math.round(Math.pow(DEFAULT_EVALUATION_POINTS,
                            1.0 / problem.variables().size())), problem.variables().size());
                }
            }
            Tensor points;
            try {
                // a grid's points inside the domain (all of them for a box); other samplers draw inside it
                points = m.containsKey("grid") ? problem.keepInside(s.box(n, problem.lower(), problem.upper(), 0))
                        : problem.domainPoints(s, n, 0);
            } catch (IllegalArgumentException e) {
                throw error(where, "evaluation points: " + e.getMessage());
            }
            Tensor truth;
            try (org.sciml4j.tensor.Autodiff.Scope scope = org.sciml4j.tensor.Autodiff.noGrad()) {
                List<Tensor> cols = new ArrayList<>();
                for (int v = 0; v < problem.variables().size(); v++) {
                    cols.add(points.col(v));
                }
                Evaluation at = Evaluation.of(cols, Map.of(), Map.of());
                Tensor[] columns = new Tensor[solutions.size()];
                for (int f = 0; f < columns.length; f++) {
                    Tensor y = solutions.get(f).evaluate(at);
                    columns[f] = y.rank() == 0 ? Tensor.full(y.item(), points.size(0), 1) : y;
                }
                truth = Tensor.concat(1, columns);
            }
            double[] y = truth.data();
            for (int i = 0; i < y.length; i++) {
                if (!Double.isFinite(y[i])) {
                    int f = i % solutions.size();
                    int d = problem.variables().size();
                    double[] at = java.util.Arrays.copyOfRange(points.data(), i / solutions.size() * d,
                            i / solutions.size() * d + d);
                    throw error(exact.get(problem.fields().get(f)).getValueNode(), "the exact solution is " + y[i]
                            + " at " + problem.variableNames() + " = " + java.util.Arrays.toString(at));
                }
            }
            return new EvaluationSpec("exact: " + String.join(", ", texts), points, truth);
        }

        private Tensor member(Map<String, Tensor> arrays, Node name, Node fileNode) {
            Tensor t = arrays.get(string(name));
            if (t == null) {
                throw error(name, "no member '" + string(name) + "' in " + string(fileNode) + " (members: "
                        + String.join(", ", new java.util.TreeSet<>(arrays.keySet())) + ")");
            }
            return t;
        }

        // ---------------------------------------------------------------- values

        private Requirement expression(Node n) {
            try {
                return Requirement.parse(string(n), line(n), column(n));
            } catch (ExpressionException e) {
                throw expressionError(e);
            }
        }

        private void bind(Expression e) {
            try {
                e.bind(vocabulary);
            } catch (ExpressionException x) {
                throw expressionError(x);
            }
        }

        /** Checks a symbol's name and that no other variable, field or parameter has it. */
        private String declare(Node n, String kind, double value) {
            String s = checkName(n);
            Node earlier = declared.get(s);
            if (earlier != null) {
                throw error(n, "'" + s + "' is declared twice: it is already " + kinds.get(s) + " (line "
                        + line(earlier) + "); every variable, field and parameter needs its own name");
            }
            try {
                switch (kind) {
                    case "a variable" -> symbols.variables(s);
                    case "a field" -> symbols.fields(s);
                    case "a known parameter" -> symbols.knownParameter(s, value);
                    default -> symbols.unknownParameter(s, value);
                }
            } catch (IllegalArgumentException e) {
                throw error(n, e.getMessage());
            }
            declared.put(s, n);
            kinds.put(s, kind);
            return s;
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
            if (isEmpty(n)) {
                throw error(n, "expected a list like [a, b], found nothing");
            }
            if (n instanceof ScalarNode) {
                return List.of(n);
            }
            throw error(n, "expected a list like [a, b], found a mapping");
        }

        /** Entries of a mapping by key; {@code allowed} null means any key. */
        private Map<String, NodeTuple> mapping(Node n, String what, Set<String> allowed) {
            if (!(n instanceof MappingNode m)) {
                if (isEmpty(n)) {
                    throw error(n, what + " is empty; give its 'key: value' entries");
                }
                String hint = n instanceof ScalarNode s && s.getValue().matches("(?s)[^\\s:]+:[^\\s:].*")
                        ? "; hint: put a space after the colon, as in 'key: value'" : "";
                throw error(n, what + " must be a mapping of 'key: value' entries" + hint);
            }
            Map<String, NodeTuple> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                String k = string(t.getKeyNode());
                if (out.containsKey(k)) {
                    throw error(t.getKeyNode(), "'" + k + "' is given twice in " + what + " (first at line "
                            + line(out.get(k).getKeyNode()) + ", column " + column(out.get(k).getKeyNode())
                            + "); keep one");
                }
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
            if (isEmpty(t.getValueNode())) {
                throw error(t.getKeyNode(), "'" + key + "' has no value; e.g. '" + example + "'");
            }
            return t.getValueNode();
        }

        /** A key with nothing after it ({@code fields:}), or {@code ~} / {@code null}. */
        private static boolean isEmpty(Node n) {
            return n instanceof ScalarNode && Tag.NULL.equals(n.getTag());
        }

        private static String closest(String k, Set<String> candidates) {
            String best = null;
            int bestD = Math.max(2, k.length() / 3) + 1;
            for (String c : candidates) {
                int d = Expression.distance(k, c);
                if (d < bestD) {
                    bestD = d;
                    best = c;
                }
            }
            return best;
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
            for (Map.Entry<String, Node> c : conditions.entrySet()) {
                if (msg.contains("'" + c.getKey() + "'")) {
                    return error(c.getValue(), msg);
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
