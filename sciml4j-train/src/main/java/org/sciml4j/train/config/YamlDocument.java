package org.sciml4j.train.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.sciml4j.domain.expr.Expression;
import org.sciml4j.domain.expr.ExpressionException;
import org.sciml4j.io.InputFiles;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A problem file's YAML tree with the positions of its nodes, and the typed reading every section reader shares:
 * numbers, whole numbers, booleans, names, lists, mappings with allowed keys ("did you mean" for a typo), required
 * keys with an example. Every mistake is a {@link ProblemFileException} naming file, line and column, with the line
 * and a caret; {@link #at(Node, Supplier)} places a builder's {@link IllegalArgumentException} the same way, so that
 * a rule checked by a builder is written only there.
 */
public final class YamlDocument {
    /**
     * The largest problem file accepted, in bytes (and characters, for text given directly): real ones are a few
     * kilobytes, and a larger file is refused before parsing, which takes time that grows faster than its size.
     */
    public static final int MAX_FILE_SIZE = 1 << 20;

    private final String text;
    private final Path file;
    private final String fileName;
    private final String[] lines;
    private final Node root;

    private YamlDocument(String text, Path file) {
        this.text = text;
        this.file = file;
        this.fileName = file.toString();
        this.lines = text.split("\r?\n", -1);
        this.root = compose();
    }

    /**
     * Reads and parses a file.
     *
     * @throws ProblemFileException when it cannot be read or is not valid YAML
     */
    public static YamlDocument read(Path file) {
        String problem = InputFiles.problem(file, MAX_FILE_SIZE, "a problem file");
        if (problem != null) {
            throw new ProblemFileException(file.toString(), 0, 0, problem, "");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProblemFileException(file.toString(), 0, 0, "cannot read it: " + InputFiles.describe(e), "");
        }
        return parse(text, file);
    }

    /**
     * Parses text; {@code file} names it in messages and anchors relative paths.
     *
     * @throws ProblemFileException when it is not valid YAML
     */
    public static YamlDocument parse(String text, Path file) {
        if (text.length() > MAX_FILE_SIZE) {
            throw new ProblemFileException(file.toString(), 0, 0, "is " + text.length() + " characters, more than"
                    + " the limit of " + MAX_FILE_SIZE + " for a problem file", "");
        }
        return new YamlDocument(text, file);
    }

    private Node compose() {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw error(m, "not valid YAML: " + what + "; hint: check the indentation and that every"
                    + " 'key: value' has a space after the colon");
        } catch (YAMLException e) {
            // the parser's own limits (aliases, nesting depth, size) come without a place
            throw unplaced("not accepted as YAML: " + e.getMessage() + "; hint: a problem file needs no aliases"
                    + " ('*name') and only a few levels of nesting");
        }
    }

    /** The top node, or null for a file with no content. */
    public Node root() {
        return root;
    }

    /** The file as given. */
    public Path file() {
        return file;
    }

    /** The file's text as read. */
    public String text() {
        return text;
    }

    /** The file's name without {@code .yaml} / {@code .yml}: a run's default name. */
    public String baseName() {
        return file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
    }

    /**
     * The run's name: the file's {@code name:} (top-level mapping {@code top}), else the file name without
     * {@code .yaml}.
     *
     * @throws ProblemFileException for an empty {@code name:}
     */
    public String runName() {
        return root() == null ? baseName() : runName(mapping(root(), "the problem", null));
    }

    /** {@link #runName()} from the already-read top-level mapping {@code top}. */
    public String runName(Map<String, NodeTuple> top) {
        if (!top.containsKey("name")) {
            return baseName();
        }
        String name = string(top.get("name").getValueNode()).strip();
        if (name.isEmpty()) {
            throw error(top.get("name").getKeyNode(), "'name' is empty; give the run a name, e.g. 'name: forward'"
                    + " (or leave 'name' out to use the file name)");
        }
        return name;
    }

    /** A path written in the file, resolved against the file's folder unless absolute. */
    public Path resolve(Node fileNode) {
        Path given = Path.of(string(fileNode));
        Path dir = file.toAbsolutePath().getParent();
        return given.isAbsolute() || dir == null ? given : dir.resolve(given);
    }

    // ---------------------------------------------------------------- values

    /** A scalar's text. */
    public String string(Node n) {
        if (!(n instanceof ScalarNode s)) {
            throw error(n, "expected a single value here, found a " + (n instanceof MappingNode ? "mapping"
                    : "list"));
        }
        return s.getValue();
    }

    /** A mapping entry's key (keys are scalars once {@link #mapping} has read them). */
    public static String key(NodeTuple t) {
        return ((ScalarNode) t.getKeyNode()).getValue();
    }

    /** A finite decimal number such as 0.1, -2 or 1e-3 (not .inf, not hex). */
    public double number(Node n) {
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

    /** A list of exactly {@code count} numbers; {@code what} describes it, e.g. "a range [lo, hi]". */
    public double[] numbers(Node n, int count, String what) {
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

    /** A list of numbers of any length. */
    public double[] vector(Node n) {
        List<Node> l = list(n);
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(l.get(i));
        }
        return out;
    }

    /** A whole number. */
    public long integer(Node n) {
        String s = string(n).strip();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw error(n, "expected a whole number, got '" + s + "'");
        }
    }

    /** A whole number in {@code [0, Integer.MAX_VALUE]}. */
    public int nonNegativeInt(Node n) {
        long x = integer(n);
        if (x < 0 || x > Integer.MAX_VALUE) {
            throw error(n, "expected a whole number >= 0, got " + x);
        }
        return (int) x;
    }

    /**
     * An iteration count written {@code key: 500} or {@code key: {iterations: 500}} (a quasi-Newton or
     * least-squares phase's length), a whole number >= 0.
     */
    public int iterations(Node node, String key) {
        if (node instanceof ScalarNode) {
            return nonNegativeInt(node);
        }
        Map<String, NodeTuple> m = mapping(node, key, Set.of("iterations"));
        return nonNegativeInt(required(m, "iterations", node, "iterations: 1000"));
    }

    /** A whole number in {@code [1, Integer.MAX_VALUE]}. */
    public int positiveInt(Node n) {
        long x = integer(n);
        if (x < 1 || x > Integer.MAX_VALUE) {
            throw error(n, "expected a whole number >= 1, got " + x);
        }
        return (int) x;
    }

    /**
     * A network's hidden-layer widths: a non-empty list of whole numbers >= 1. An empty list is refused (it would make
     * the network a linear map without a word), as is a width of 0.
     */
    public int[] layerWidths(Node n) {
        List<Node> list = list(n);
        if (list.isEmpty()) {
            throw error(n, "a network needs at least one hidden layer: list their widths, e.g. [20, 20]");
        }
        int[] widths = new int[list.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = positiveInt(list.get(i));
        }
        return widths;
    }

    /** The mapping under {@code key} of {@code top}, checked against {@code allowed}; empty when the key is absent. */
    public Map<String, NodeTuple> optionalMapping(Map<String, NodeTuple> top, String key, Set<String> allowed) {
        return top.containsKey(key) ? mapping(top.get(key).getValueNode(), key, allowed) : Map.of();
    }

    /** {@code m}'s {@code key} as a whole number >= 0, or {@code fallback} when absent. */
    public int nonNegativeIntOr(Map<String, NodeTuple> m, String key, int fallback) {
        return m.containsKey(key) ? nonNegativeInt(m.get(key).getValueNode()) : fallback;
    }

    /** {@code m}'s {@code key} as a whole number >= 1, or {@code fallback} when absent. */
    public int positiveIntOr(Map<String, NodeTuple> m, String key, int fallback) {
        return m.containsKey(key) ? positiveInt(m.get(key).getValueNode()) : fallback;
    }

    /** {@code m}'s {@code key} as true or false, or {@code fallback} when absent. */
    public boolean boolOr(Map<String, NodeTuple> m, String key, boolean fallback) {
        return m.containsKey(key) ? bool(m.get(key).getValueNode()) : fallback;
    }

    /**
     * {@code m}'s {@code key} as one of the {@code allowed} words, or {@code fallback} when absent; otherwise a placed
     * error listing the known words (sorted) and the nearest one.
     */
    public String choiceOr(Map<String, NodeTuple> m, String key, String fallback, Set<String> allowed) {
        if (!m.containsKey(key)) {
            return fallback;
        }
        Node n = m.get(key).getValueNode();
        String s = string(n);
        if (!allowed.contains(s)) {
            throw error(n, "unknown " + key + " '" + s + "'; known: " + String.join(", ", allowed.stream().sorted()
                    .toList()) + suggestion(s, allowed));
        }
        return s;
    }

    /** {@code m}'s {@code key} as a finite number > 0, or {@code fallback} when absent; placed error otherwise. */
    public double positiveOr(Map<String, NodeTuple> m, String key, double fallback) {
        return boundedOr(m, key, fallback, true);
    }

    /** {@code m}'s {@code key} as a finite number >= 0, or {@code fallback} when absent; placed error otherwise. */
    public double nonNegativeOr(Map<String, NodeTuple> m, String key, double fallback) {
        return boundedOr(m, key, fallback, false);
    }

    private double boundedOr(Map<String, NodeTuple> m, String key, double fallback, boolean strict) {
        if (!m.containsKey(key)) {
            return fallback;
        }
        Node n = m.get(key).getValueNode();
        double x = number(n);
        if (!Double.isFinite(x) || (strict ? !(x > 0) : !(x >= 0))) {
            throw error(n, key + " must be finite and " + (strict ? ">" : ">=") + " 0, got " + x);
        }
        return x;
    }

    /** {@code true} or {@code false}. */
    public boolean bool(Node n) {
        String s = string(n);
        if (s.equals("true") || s.equals("false")) {
            return Boolean.parseBoolean(s);
        }
        throw error(n, "expected true or false, got '" + s + "'");
    }

    /** A symbol's name: letters, digits and '_', starting with a letter. */
    public String name(Node n) {
        String s = string(n);
        if (!s.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw error(n, "'" + s + "' is not a valid name: use letters, digits and '_', starting with a"
                    + " letter");
        }
        return s;
    }

    /** Elements of a list; a single value counts as a list of one. */
    public List<Node> list(Node n) {
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

    /**
     * Entries of a mapping by key, in the file's order.
     *
     * @param what    names the mapping in messages, e.g. "training"
     * @param allowed the keys it may have; null means any key
     */
    public Map<String, NodeTuple> mapping(Node n, String what, Set<String> allowed) {
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
                throw error(t.getKeyNode(), "unknown key '" + k + "' in " + what + suggestion(k, allowed)
                        + " (valid keys: " + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            out.put(k, t);
        }
        return out;
    }

    /** The value of a key that must be there and not empty; {@code example} shows it, e.g. "points: 101". */
    public Node required(Map<String, NodeTuple> m, String key, Node parent, String example) {
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
    public static boolean isEmpty(Node n) {
        return n instanceof ScalarNode && Tag.NULL.equals(n.getTag());
    }

    /** The candidate nearest to a mistyped {@code k} if near enough to be a typo, else null. */
    public static String closest(String k, Set<String> candidates) {
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

    /** {@code "; did you mean 'x'?"} for the nearest candidate, or "" when none is near. */
    public static String suggestion(String k, Set<String> candidates) {
        String near = closest(k, candidates);
        return near != null ? "; did you mean '" + near + "'?" : "";
    }

    // ---------------------------------------------------------------- positions and errors

    /** 1-based line where a node's text starts. */
    public static int line(Node n) {
        return n.getStartMark().getLine() + 1;
    }

    /** 1-based column where a node's text starts (inside the quotes of a quoted scalar). */
    public static int column(Node n) {
        int c = n.getStartMark().getColumn() + 1;
        if (n instanceof ScalarNode s && (s.getScalarStyle() == DumperOptions.ScalarStyle.DOUBLE_QUOTED
                || s.getScalarStyle() == DumperOptions.ScalarStyle.SINGLE_QUOTED)) {
            c++;
        }
        return c;
    }

    /**
     * Calls a builder step and places its complaint at {@code n}: the builder holds the rule and its message, the
     * file adds where.
     */
    public <T> T at(Node n, Supplier<T> step) {
        try {
            return step.get();
        } catch (ProblemFileException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw error(n, e.getMessage());
        }
    }

    /** A mistake at a node. */
    public ProblemFileException error(Node n, String problem) {
        return error(n.getStartMark(), problem);
    }

    /** A mistake at a mark; a null mark gives a message without a place. */
    public ProblemFileException error(Mark m, String problem) {
        if (m == null) {
            return unplaced(problem);
        }
        return new ProblemFileException(fileName, m.getLine() + 1, m.getColumn() + 1, problem,
                excerpt(m.getLine() + 1, m.getColumn() + 1));
    }

    /** A mistake of the file as a whole, with no single place. */
    public ProblemFileException unplaced(String problem) {
        return new ProblemFileException(fileName, 0, 0, problem, "");
    }

    /** An expression's mistake, at the place its own line and column give. */
    public ProblemFileException expressionError(ExpressionException e) {
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
}
