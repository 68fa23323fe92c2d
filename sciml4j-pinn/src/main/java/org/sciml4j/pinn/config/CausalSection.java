package org.sciml4j.pinn.config;

import java.util.Map;
import java.util.Set;

import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.weighting.CausalWeighting;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * {@code causal: {variable: t, slabs: 32, epsilon: [1e-2, 1e-1, 1, 10, 100], delta: 0.99}}: causal weights over time
 * slabs (see {@link CausalWeighting}); every key optional (the variable defaults to {@code t}, the rest to the
 * paper's values); {@code epsilon} may be one number.
 */
final class CausalSection {
    private final YamlDocument doc;

    CausalSection(YamlDocument doc) {
        this.doc = doc;
    }

    CausalWeighting read(Node node, Problem problem) {
        Map<String, NodeTuple> m = doc.mapping(node, "causal", Set.of("variable", "slabs", "epsilon", "delta"));
        Node varNode = m.containsKey("variable") ? m.get("variable").getValueNode() : node;
        String variable = m.containsKey("variable") ? doc.string(varNode) : "t";
        if (problem.variableIndex(variable) < 0) {
            throw doc.error(varNode, (m.containsKey("variable") ? "'" + variable + "' is not a variable"
                    : "causal weights need the time variable: add 'variable: <name>'") + "; the variables are "
                    + problem.variableNames());
        }
        if (problem.equations().isEmpty()) {
            throw doc.error(node, "causal weights act on the equations' collocation points, but the problem has no"
                    + " equation");
        }
        int slabs = m.containsKey("slabs") ? doc.positiveInt(m.get("slabs").getValueNode())
                : CausalWeighting.DEFAULT_SLABS;
        double[] eps = m.containsKey("epsilon") ? doc.vector(m.get("epsilon").getValueNode())
                : CausalWeighting.DEFAULT_EPSILONS;
        double delta = m.containsKey("delta") ? doc.number(m.get("delta").getValueNode())
                : CausalWeighting.DEFAULT_DELTA;
        boolean badDelta = !(delta > 0 && delta <= 1);
        Node where = badDelta && m.containsKey("delta") ? m.get("delta").getValueNode()
                : m.containsKey("epsilon") ? m.get("epsilon").getValueNode() : node;
        return doc.at(where, () -> new CausalWeighting(variable, slabs, eps, delta));
    }
}
