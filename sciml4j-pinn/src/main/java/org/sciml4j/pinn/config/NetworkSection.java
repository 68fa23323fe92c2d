package org.sciml4j.pinn.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.sciml4j.nn.NetworkSpec;
import org.sciml4j.domain.expr.Expression;
import org.sciml4j.nn.Networks;
import org.sciml4j.pinn.NetworkInputs;
import org.sciml4j.pinn.Problem;
import org.sciml4j.train.config.HeapLimit;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * {@code network: {type: mlp, layers: [20, 20], activation: tanh, initializer: glorot_normal}}, optionally
 * {@code fourier_features: {features: 64, scale: 1}}, {@code type: fbpinn} with {@code windows: [8], overlap: 0.3}
 * ({@link FbpinnSection}), {@code inputs: [...]} (extra inputs, {@link #inputs}) and
 * {@code fields: {k: {layers: [10]}}} (k from a network of
 * its own, its missing settings taken from the main network's). The spec checks its names and the network builders
 * the rest; their messages are placed at the keys they are about.
 */
final class NetworkSection {
    /** Two hidden layers of 20, tanh, Glorot-normal weights. */
    static final NetworkSpec DEFAULT_NETWORK = new NetworkSpec(new int[] {20, 20}, "tanh", "glorot_normal");

    private static final Set<String> SETTINGS = Set.of("type", "layers", "activation", "initializer",
            "fourier_features", "windows", "overlap");
    private static final Set<String> KEYS = with(with(SETTINGS, "fields"), "inputs");

    private final YamlDocument doc;
    private final List<Problem.Range> variables;

    /** @param variables the problem's variables (a finite-basis network splits their box) */
    NetworkSection(YamlDocument doc, List<Problem.Range> variables) {
        this.doc = doc;
        this.variables = variables;
    }

    /**
     * The network of the file's {@code network:} entry (null: the default one), checked by building it once.
     *
     * @param inputs the problem's variables
     * @param fields the problem's fields: the network's outputs
     */
    NetworkSpec read(NodeTuple t, int inputs, List<String> fields) {
        if (t == null) {
            return DEFAULT_NETWORK;
        }
        Node node = t.getValueNode();
        Map<String, NodeTuple> m = doc.mapping(node, "network", KEYS);
        NetworkSpec main = settings(m, DEFAULT_NETWORK);
        NetworkSpec spec = m.containsKey("fields") ? main.withFieldNetworks(
                fieldNetworks(m.get("fields").getValueNode(), main, fields)) : main;
        double parameters = HeapCheck.parameters(spec, inputs, fields.size());
        HeapLimit.require(doc, node, () -> String.format(Locale.ROOT, "the network's %.0f parameters (with their"
                + " gradient and Adam's moments)", parameters), HeapCheck.PARAMETER_COPIES * 8.0 * parameters);
        doc.at(node, () -> Networks.build(spec, inputs, fields.size(), 0));
        return spec;
    }

    /**
     * {@code inputs: ["atan2(x, -(y + 1))"]}: extra network inputs, expressions of the variables and known
     * parameters ({@link NetworkInputs}); none without the key.
     */
    static NetworkInputs inputs(PinnScope scope, NodeTuple t, Problem problem) {
        if (t == null || !(t.getValueNode() instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
            return NetworkInputs.NONE;
        }
        NodeTuple entry = scope.doc.mapping(t.getValueNode(), "network", KEYS).get("inputs");
        if (entry == null) {
            return NetworkInputs.NONE;
        }
        List<Expression> exprs = new ArrayList<>();
        for (Node n : scope.doc.list(entry.getValueNode())) {
            Expression e = scope.expression(n);
            scope.bind(e);
            scope.doc.at(n, () -> NetworkInputs.of(problem, List.of(e)));
            exprs.add(e);
        }
        if (exprs.isEmpty()) {
            throw scope.doc.error(entry.getValueNode(), "'inputs' is empty; e.g. 'inputs: [\"atan2(x, -(y + 1))\"]'");
        }
        return NetworkInputs.of(problem, exprs);
    }

    /** {@code fields: {k: {layers: [10]}}}: the fields with their own network, which must come last, in order. */
    private Map<String, NetworkSpec> fieldNetworks(Node fieldsNode, NetworkSpec main, List<String> fields) {
        Map<String, NetworkSpec> own = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : doc.mapping(fieldsNode, "network fields", null).entrySet()) {
            if (!fields.contains(e.getKey())) {
                throw doc.error(e.getValue().getKeyNode(), "'" + e.getKey() + "' is not a field; the fields are "
                        + String.join(", ", fields));
            }
            own.put(e.getKey(), settings(doc.mapping(e.getValue().getValueNode(), "network of " + e.getKey(),
                    SETTINGS), main));
        }
        // the network's outputs are the main network's fields, then one per field with its own network
        List<String> order = new ArrayList<>(fields);
        order.removeAll(own.keySet());
        order.addAll(own.keySet());
        if (!order.equals(fields)) {
            throw doc.error(fieldsNode, "the fields with their own network must come last in 'fields', in the order"
                    + " given here; hint: fields: " + order);
        }
        return own;
    }

    /** The settings in {@code m}, each missing one taken from {@code defaults}. */
    private NetworkSpec settings(Map<String, NodeTuple> m, NetworkSpec defaults) {
        NetworkSpec spec = defaults;
        if (m.containsKey("type")) {
            spec = named(m, "type", spec::withType);
        }
        if (m.containsKey("layers")) {
            spec = spec.withHidden(doc.layerWidths(m.get("layers").getValueNode()));
        }
        if (m.containsKey("activation")) {
            spec = named(m, "activation", spec::withActivation);
        }
        if (m.containsKey("initializer")) {
            spec = named(m, "initializer", spec::withInitializer);
        }
        if (m.containsKey("fourier_features")) {
            spec = fourierFeatures(m.get("fourier_features").getValueNode(), spec);
        }
        return FbpinnSection.apply(doc, m, spec, variables);
    }

    /** The spec with the name at {@code key}, a bad name reported there. */
    private NetworkSpec named(Map<String, NodeTuple> m, String key, Function<String, NetworkSpec> with) {
        Node n = m.get(key).getValueNode();
        String name = doc.string(n);
        return doc.at(n, () -> with.apply(name));
    }

    /** {@code fourier_features: {features: 64, scale: 1}}: a frozen Fourier-feature embedding of the inputs. */
    private NetworkSpec fourierFeatures(Node node, NetworkSpec spec) {
        Map<String, NodeTuple> m = doc.mapping(node, "fourier_features", Set.of("features", "scale"));
        int features = doc.positiveInt(doc.required(m, "features", node, "features: 64"));
        double scale = m.containsKey("scale") ? doc.number(m.get("scale").getValueNode()) : 1;
        // the embedding checks the scale when the network is built (read() builds it once)
        return doc.at(node, () -> spec.withFourierFeatures(features, scale));
    }

    private static Set<String> with(Set<String> keys, String key) {
        Set<String> all = new HashSet<>(keys);
        all.add(key);
        return Set.copyOf(all);
    }
}
