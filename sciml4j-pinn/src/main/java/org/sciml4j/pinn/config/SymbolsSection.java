package org.sciml4j.pinn.config;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.sciml4j.nn.Variable;
import org.sciml4j.pinn.Problem;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The sections that declare symbols: {@code variables} (or {@code domain}, see {@link DomainSection}),
 * {@code fields}, {@code parameters} and {@code unknowns}. Once read, the scope's vocabulary is complete.
 */
final class SymbolsSection {
    private final PinnScope scope;
    private final YamlDocument doc;

    SymbolsSection(PinnScope scope) {
        this.scope = scope;
        this.doc = scope.doc;
    }

    /** Declares every symbol of the file in {@code b} and in the scope. */
    void read(Problem.Builder b, Map<String, NodeTuple> top, Node root) {
        if (top.containsKey("domain") && top.containsKey("variables")) {
            throw doc.error(top.get("variables").getKeyNode(), "give either 'domain' (its shape and variable names)"
                    + " or 'variables' (ranges: a box), not both");
        }
        if (top.containsKey("domain")) {
            new DomainSection(scope).read(b, top.get("domain").getValueNode());
        } else {
            variables(b, doc.required(top, "variables", root, "variables: {t: [0, 10]}"));
        }
        Node fieldsNode = doc.required(top, "fields", root, "fields: [u]");
        if (doc.list(fieldsNode).isEmpty()) {
            throw doc.error(fieldsNode, "no fields given; e.g. 'fields: [u]'");
        }
        for (Node f : doc.list(fieldsNode)) {
            b.fields(scope.declare(f, "a field", 0));
        }
        Set<String> knownNames = new HashSet<>();
        if (top.containsKey("parameters")) {
            for (NodeTuple p : doc.mapping(top.get("parameters").getValueNode(), "parameters", null).values()) {
                String n = doc.name(p.getKeyNode());
                double x = doc.number(p.getValueNode());
                b.parameter(scope.declare(p.getKeyNode(), "a known parameter", x), x);
                knownNames.add(n);
            }
        }
        if (top.containsKey("unknowns")) {
            for (NodeTuple u : doc.mapping(top.get("unknowns").getValueNode(), "unknowns", null).values()) {
                if (knownNames.contains(YamlDocument.key(u))) {
                    throw doc.error(u.getKeyNode(), "'" + YamlDocument.key(u) + "' is both a known parameter and an"
                            + " unknown; remove it from 'parameters' to estimate it");
                }
                Variable v = unknown(u);
                scope.declare(u.getKeyNode(), "an unknown", v.current());
                b.unknown(v);
            }
        }
        scope.vocabulary = scope.symbols.build();
    }

    /** {@code variables: {t: [0, 10], x: [-1, 1]}}: a box. */
    private void variables(Problem.Builder b, Node varsNode) {
        Map<String, NodeTuple> vars = doc.mapping(varsNode, "variables", null);
        if (vars.isEmpty()) {
            throw doc.error(varsNode, "no variables given; e.g. 'variables: {t: [0, 10]}'");
        }
        for (NodeTuple v : vars.values()) {
            double[] range = doc.numbers(v.getValueNode(), 2, "a range [lo, hi]");
            String name = scope.declare(v.getKeyNode(), "a variable", 0);
            doc.at(v.getValueNode(), () -> b.variable(name, range[0], range[1]));
            scope.ranges.put(YamlDocument.key(v), range);
        }
    }

    /** {@code c: 1.0} or {@code c: {initial: 1.0, positive: true}} or {@code {initial: 1, bounds: [0, 2]}}. */
    private Variable unknown(NodeTuple u) {
        String n = doc.name(u.getKeyNode());
        Node v = u.getValueNode();
        if (v instanceof ScalarNode) {
            return Variable.of(n, doc.number(v));
        }
        Map<String, NodeTuple> m = doc.mapping(v, "unknown '" + n + "'", Set.of("initial", "positive", "bounds"));
        Node init = doc.required(m, "initial", v, "initial: 1.0");
        double x0 = doc.number(init);
        boolean positive = m.containsKey("positive") && doc.bool(m.get("positive").getValueNode());
        Variable.Transform transform = positive ? Variable.SOFTPLUS : Variable.IDENTITY;
        if (m.containsKey("bounds")) {
            if (positive) {
                throw doc.error(m.get("positive").getKeyNode(), "give either 'positive' or 'bounds', not both");
            }
            Node boundsNode = m.get("bounds").getValueNode();
            double[] lh = doc.numbers(boundsNode, 2, "bounds [lo, hi]");
            transform = doc.at(boundsNode, () -> ofUnknown(n, () -> Variable.bounded(lh[0], lh[1])));
        }
        Variable.Transform chosen = transform;
        return doc.at(init, () -> ofUnknown(n, () -> new Variable(n, x0, chosen)));
    }

    /** A step about unknown {@code name} (the variable's rules), its complaint naming the unknown. */
    private static <T> T ofUnknown(String name, Supplier<T> step) {
        try {
            return step.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown '" + name + "': " + e.getMessage(), e);
        }
    }
}
