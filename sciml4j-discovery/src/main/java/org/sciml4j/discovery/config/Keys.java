package org.sciml4j.discovery.config;

import java.util.Map;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Optional values of a mapping read through a {@link YamlDocument} (errors placed at the value). */
final class Keys {
    private final YamlDocument doc;
    private final Map<String, NodeTuple> m;

    Keys(YamlDocument doc, Map<String, NodeTuple> m) {
        this.doc = doc;
        this.m = m;
    }

    Map<String, NodeTuple> map() {
        return m;
    }

    boolean has(String key) {
        return m.containsKey(key);
    }

    Node node(String key) {
        NodeTuple t = m.get(key);
        return t == null ? null : t.getValueNode();
    }

    double number(String key, double fallback) {
        Node n = node(key);
        return n == null ? fallback : doc.number(n);
    }

    double positive(String key, double fallback) {
        return doc.positiveOr(m, key, fallback);
    }

    double nonNegative(String key, double fallback) {
        return doc.nonNegativeOr(m, key, fallback);
    }

    int positiveInt(String key, int fallback) {
        return doc.positiveIntOr(m, key, fallback);
    }

    int nonNegativeInt(String key, int fallback) {
        Node n = node(key);
        return n == null ? fallback : doc.nonNegativeInt(n);
    }

    boolean bool(String key, boolean fallback) {
        return doc.boolOr(m, key, fallback);
    }

    String string(String key, String fallback) {
        Node n = node(key);
        return n == null ? fallback : doc.string(n);
    }

    /** Runs a constructor that checks its arguments, turning its complaint into an error at {@code where}. */
    <T> T checked(Node where, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw doc.error(where, e.getMessage());
        }
    }
}
