package org.sciml4j.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Overrides of a problem file: dotted paths into its YAML tree with a YAML value, such as
 * {@code training.adam.lr=3e-3} or {@code network.layers=[50,50]}. They are applied to the tree and the text is
 * written again; the caller re-reads that text through {@code ProblemKinds}, which places any mistake (an unknown
 * key, a value of the wrong type) at its line and column.
 */
public final class Overrides {
    /** Numbers such as 1e-3 that YAML 1.1 (SnakeYAML) reads as strings; written back as numbers, not quoted. */
    private static final Pattern EXPONENT_NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)[eE][-+]?\\d+");

    private Overrides() {
    }

    /**
     * Splits {@code path=value} into its path and its value text.
     *
     * @throws IllegalArgumentException if there is no '=' or the path is empty or malformed
     */
    public static Map.Entry<String, String> split(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("override '" + assignment + "' is not of the form path=value, e.g."
                    + " training.adam.lr=3e-3");
        }
        String path = assignment.substring(0, eq).strip();
        if (!path.matches("[A-Za-z_][A-Za-z0-9_-]*(\\.[A-Za-z_][A-Za-z0-9_-]*)*")) {
            java.util.regex.Matcher item = Pattern.compile("^(.+?)(\\.[0-9]|\\[)").matcher(path);
            throw new IllegalArgumentException("override '" + assignment + "': '" + path + "' is not a dotted path"
                    + " of keys, e.g. training.adam.lr" + (item.find() ? "; a list's items cannot be set one by one:"
                    + " set the whole list " + item.group(1) : ""));
        }
        return Map.entry(path, assignment.substring(eq + 1).strip());
    }

    /**
     * Parses a value text as YAML (a number, a string, a list such as {@code [20,20]}).
     *
     * @throws IllegalArgumentException naming the override if the text is not YAML
     */
    public static Object value(String path, String text) {
        try {
            return numbers(new Yaml().load(text));
        } catch (YAMLException e) {
            throw new IllegalArgumentException("override " + path + "=" + text + ": not a YAML value ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    /**
     * Applies overrides (path to YAML value text, in order) to a problem file's text.
     *
     * @return the text with every override applied (comments are not kept)
     * @throws IllegalArgumentException if the text is not a YAML mapping or a path crosses a value that is not one
     */
    @SuppressWarnings("unchecked")
    public static String apply(String text, Map<String, String> overrides) {
        Object root = numbers(new Yaml().load(text));
        if (!(root instanceof Map)) {
            throw new IllegalArgumentException("the problem file is not a YAML mapping of keys; cannot override");
        }
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            String[] keys = o.getKey().split("\\.");
            Map<String, Object> node = (Map<String, Object>) root;
            for (int i = 0; i < keys.length - 1; i++) {
                Object child = node.computeIfAbsent(keys[i], k -> new LinkedHashMap<String, Object>());
                if (!(child instanceof Map)) {
                    throw new IllegalArgumentException("override " + o.getKey() + ": '"
                            + String.join(".", List.of(keys).subList(0, i + 1)) + "' is a value, not a section");
                }
                node = (Map<String, Object>) child;
            }
            node.put(keys[keys.length - 1], value(o.getKey(), o.getValue()));
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setWidth(120);
        return new Yaml(options).dump(root);
    }

    /** The tree with strings such as "1e-3" made numbers, so that they are written back unquoted. */
    @SuppressWarnings("unchecked")
    private static Object numbers(Object node) {
        if (node instanceof String s && EXPONENT_NUMBER.matcher(s).matches()) {
            return Double.parseDouble(s);
        }
        if (node instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, numbers(v)));
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(numbers(v)));
            return out;
        }
        return node;
    }
}
