package org.sciml4j.inference.generative.config;

import java.util.Map;
import java.util.Set;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** One mapping section of a flow-matching file with typed, defaulted getters that place mistakes at their value. */
final class Fields {
    final YamlDocument doc;
    final Node node;
    final Map<String, NodeTuple> map;

    Fields(YamlDocument doc, Node node, String what, Set<String> allowed) {
        this.doc = doc;
        this.node = node;
        this.map = doc.mapping(node, what, allowed);
    }

    boolean has(String key) {
        return map.containsKey(key);
    }

    Node value(String key) {
        return map.get(key).getValueNode();
    }

    /** The value's node, or the section's own node when the key is absent (where to place a complaint). */
    Node place(String key) {
        return has(key) ? value(key) : node;
    }

    int positiveInt(String key, int fallback) {
        return doc.positiveIntOr(map, key, fallback);
    }

    /** An integer in [0, inf) when given. */
    int nonNegativeInt(String key, int fallback) {
        return doc.nonNegativeIntOr(map, key, fallback);
    }

    double number(String key, double fallback) {
        return has(key) ? doc.number(value(key)) : fallback;
    }

    /** A number in (0, inf) when given. */
    double positive(String key, double fallback) {
        return doc.positiveOr(map, key, fallback);
    }

    /** A number in [0, inf) when given. */
    double nonNegative(String key, double fallback) {
        return doc.nonNegativeOr(map, key, fallback);
    }

    String string(String key, String fallback) {
        return has(key) ? doc.string(value(key)) : fallback;
    }

    /** One of the allowed words, or the fallback when absent. */
    String choice(String key, String fallback, Set<String> allowed) {
        if (!has(key)) {
            return fallback;
        }
        String v = doc.string(value(key));
        if (!allowed.contains(v)) {
            throw doc.error(value(key), key + " is one of " + new java.util.TreeSet<>(allowed) + ", got '" + v + "'"
                    + YamlDocument.suggestion(v, allowed));
        }
        return v;
    }
}
