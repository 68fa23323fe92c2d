package org.sciml4j.pinn.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.nn.NetworkSpec;
import org.sciml4j.nn.Networks;
import org.sciml4j.nn.Piecewise;
import org.sciml4j.pinn.InterfaceCondition;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.Requirement;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * {@code subdomains:} an XPINN (Jagtap &amp; Karniadakis 2020): one network per region of a split of one variable,
 * with per-region parameters (materials) and continuity conditions on the interfaces.
 * <pre>
 * subdomains:
 *   split: {x: [0.5]}                  # regions x &lt; 0.5 and x &gt;= 0.5 (cuts increasing, inside the range)
 *   parameters: {k: [1, 10]}           # one value per region, in order; used in equations like any symbol
 *   interface:
 *     points: 100                      # pairs per cut, drawn over the other variables (one for one variable)
 *     sampling: uniform
 *     flux: [k*u_x]                    # continuous across the cuts (default: each field's derivative along x)
 *     residual: true                   # each equation's residual continuous too (default true)
 * </pre>
 * Each point is evaluated by its region's network ({@link Piecewise}, each region's network built from
 * {@code network:}); a per-region parameter is a constant extra output of each region's network, so it appears as a
 * field in the results. Loss terms {@code interface_value} (each field continuous), {@code interface_flux} and
 * {@code interface_residual}, weighted in {@code weights:} like any term.
 */
final class XpinnSection {
    private static final Set<String> KEYS = Set.of("split", "parameters", "interface");
    private static final Set<String> INTERFACE_KEYS = Set.of("points", "sampling", "flux", "residual");

    private final PinnScope scope;
    private final YamlDocument doc;
    private final Map<String, NodeTuple> m;
    private final Node node;
    private String variable;
    private int axis;
    private double[] cuts;
    private final Map<String, double[]> materials = new LinkedHashMap<>();
    private List<String> fields;

    XpinnSection(PinnScope scope, Node node) {
        this.scope = scope;
        this.doc = scope.doc;
        this.node = node;
        this.m = doc.mapping(node, "subdomains", KEYS);
    }

    /**
     * Reads the split and declares the per-region parameters as fields, after the file's fields (call once the
     * variables and fields are declared, before the symbols are built).
     */
    void declare(Problem.Builder b, List<String> fileFields) {
        fields = List.copyOf(fileFields);
        Node splitNode = doc.required(m, "split", node, "split: {x: [0.5]}");
        Map<String, NodeTuple> split = doc.mapping(splitNode, "split", null);
        if (split.size() != 1) {
            throw doc.error(splitNode, "split names one variable and its cuts, e.g. 'split: {x: [0.5]}'");
        }
        NodeTuple t = split.values().iterator().next();
        variable = YamlDocument.key(t);
        axis = new ArrayList<>(scope.ranges.keySet()).indexOf(variable);
        if (axis < 0) {
            throw doc.error(t.getKeyNode(), "'" + variable + "' is not a variable " + scope.ranges.keySet());
        }
        List<Node> cutNodes = doc.list(t.getValueNode());
        double[] range = scope.ranges.get(variable);
        cuts = new double[cutNodes.size()];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = doc.number(cutNodes.get(i));
            if (!(cuts[i] > range[0] && cuts[i] < range[1]) || (i > 0 && !(cuts[i] > cuts[i - 1]))) {
                throw doc.error(cutNodes.get(i), "the cuts must increase and lie inside " + variable + "'s range ["
                        + range[0] + ", " + range[1] + "], got " + cuts[i]);
            }
        }
        if (cuts.length == 0) {
            throw doc.error(t.getValueNode(), "no cut given; e.g. 'split: {x: [0.5]}'");
        }
        if (m.containsKey("parameters")) {
            for (NodeTuple p : doc.mapping(m.get("parameters").getValueNode(), "subdomain parameters", null)
                    .values()) {
                double[] values = doc.numbers(p.getValueNode(), cuts.length + 1, "one value per region");
                b.fields(scope.declare(p.getKeyNode(), "a field", 0));
                materials.put(YamlDocument.key(p), values);
            }
        }
    }

    /** Adds the interface conditions: value, flux and (unless switched off) residual continuity. */
    void interfaces(Problem.Builder b, Map<String, NodeTuple> top) {
        Map<String, NodeTuple> iface = m.containsKey("interface")
                ? doc.mapping(m.get("interface").getValueNode(), "interface", INTERFACE_KEYS) : Map.of();
        int points = iface.containsKey("points") ? doc.positiveInt(iface.get("points").getValueNode()) : 100;
        Sampler sampler = iface.containsKey("sampling")
                ? doc.at(iface.get("sampling").getValueNode(),
                        () -> Sampler.of(doc.string(iface.get("sampling").getValueNode())))
                : Sampler.uniform();
        List<String> flux = new ArrayList<>();
        if (iface.containsKey("flux")) {
            for (Node f : doc.list(iface.get("flux").getValueNode())) {
                scope.bind(scope.expression(f));
                flux.add(doc.string(f));
            }
        } else {
            fields.forEach(f -> flux.add(f + "_" + variable));
        }
        b.condition(InterfaceCondition.across(variable, cuts, fields.toArray(new String[0]))
                .named("interface_value").points(sampler, points));
        b.condition(InterfaceCondition.across(variable, cuts, flux.toArray(new String[0]))
                .named("interface_flux").points(sampler, points));
        boolean residual = !iface.containsKey("residual") || doc.bool(iface.get("residual").getValueNode());
        List<Requirement> equations = equations(top);
        if (residual && !equations.isEmpty()) {
            b.condition(InterfaceCondition.across(variable, cuts, equations).named("interface_residual")
                    .points(sampler, points));
        }
    }

    private List<Requirement> equations(Map<String, NodeTuple> top) {
        List<Requirement> eqs = new ArrayList<>();
        if (!top.containsKey("equations")) {
            return eqs;
        }
        Node n = top.get("equations").getValueNode();
        if (n instanceof MappingNode) {
            doc.mapping(n, "equations", null).values().forEach(e -> eqs.add(scope.requirement(e.getValueNode())));
        } else {
            doc.list(n).forEach(e -> eqs.add(scope.requirement(e)));
        }
        return eqs;
    }

    /** The network spec split into one network per region, each region's parameters as constant outputs. */
    NetworkSpec network(NetworkSpec spec, int inputs, int outputs) {
        double[] flat = new double[(cuts.length + 1) * materials.size()];
        int c = 0;
        for (double[] values : materials.values()) {
            for (int k = 0; k <= cuts.length; k++) {
                flat[k * materials.size() + c] = values[k];
            }
            c++;
        }
        NetworkSpec split = spec.withOption(Piecewise.SPLIT_AXIS, axis).withOption(Piecewise.SPLIT_AT, cuts)
                .withOption(Piecewise.CONSTANTS, flat);
        doc.at(node, () -> Networks.build(split, inputs, outputs, 0));
        return split;
    }
}
