package org.sciml4j.solvers.generate;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.DoublePredicate;

import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads the knobs of one generator from a mapping of a spec file, each mistake placed at its line and column:
 * unknown keys (with a suggestion), wrong types, values out of range. Absent keys take the generator's defaults.
 */
public final class SpecReader {
    private final YamlDocument doc;
    private final Node node;
    private final Map<String, NodeTuple> entries;

    /** The mapping {@code node} of {@code doc}, named {@code what} in messages, with only {@code allowed} keys. */
    public SpecReader(YamlDocument doc, Node node, String what, Set<String> allowed) {
        this.doc = doc;
        this.node = node;
        this.entries = doc.mapping(node, what, new TreeSet<>(allowed));
    }

    /** The document read. */
    public YamlDocument document() {
        return doc;
    }

    /** Whether the key is given. */
    public boolean has(String key) {
        return entries.containsKey(key);
    }

    /** The value node of a key that is given (null otherwise). */
    public Node value(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? null : t.getValueNode();
    }

    /** A whole number >= 1, or the default. */
    public int positiveInt(String key, int fallback) {
        Node v = value(key);
        return v == null ? fallback : doc.positiveInt(v);
    }

    /** A whole number, or the default. */
    public long integer(String key, long fallback) {
        Node v = value(key);
        return v == null ? fallback : doc.integer(v);
    }

    /** A number meeting {@code rule} ("must be > 0" says it), or the default. */
    public double number(String key, double fallback, DoublePredicate ok, String rule) {
        Node v = value(key);
        if (v == null) {
            return fallback;
        }
        double x = doc.number(v);
        if (!ok.test(x)) {
            throw doc.error(v, "'" + key + "' " + rule + ", got " + doc.string(v));
        }
        return x;
    }

    /** A number > 0, or the default. */
    public double positive(String key, double fallback) {
        return number(key, fallback, x -> x > 0, "must be > 0");
    }

    /** A text value, or the default. */
    public String text(String key, String fallback) {
        Node v = value(key);
        return v == null ? fallback : doc.string(v);
    }

    /** A mistake at a key's value, or at the mapping when the key is absent. */
    public ProblemFileException error(String key, String problem) {
        Node v = value(key);
        return doc.error(v == null ? node : v, problem);
    }

    /** A reader of the mapping under {@code key} (which must be given). */
    public SpecReader section(String key, String what, Set<String> allowed) {
        return new SpecReader(doc, value(key), what, allowed);
    }
}
