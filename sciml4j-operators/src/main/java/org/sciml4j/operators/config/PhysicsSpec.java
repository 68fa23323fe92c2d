package org.sciml4j.operators.config;

import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import java.util.Map;
import java.util.Set;

/**
 * {@code physics: {antiderivative: {x0: 0, s0: 0}}}: train a DeepONet without output data on
 * {@code ds/dx = v(x), s(x0) = s0} (v the input function); the data file's outputs serve only the test figures.
 * The antiderivative is the one equation supported so far.
 *
 * @param x0 where the initial condition holds (default the first grid point)
 * @param s0 its value (default 0)
 */
record PhysicsSpec(double x0, double s0) {

    static PhysicsSpec read(YamlDocument doc, Node node, ModelSpec model, OperatorData data) {
        Map<String, NodeTuple> m = doc.mapping(node, "physics", Set.of("antiderivative"));
        NodeTuple t = m.get("antiderivative");
        if (t == null) {
            throw doc.error(node, "physics needs 'antiderivative: {x0: 0, s0: 0}' (the one equation supported so"
                    + " far)");
        }
        if (!(model instanceof ModelSpec.DeepOnetSpec)) {
            throw doc.error(t.getKeyNode(), "physics-informed training needs 'model: {deeponet: ...}'");
        }
        if (data.dims() != 1 || data.components() != 1) {
            throw doc.error(t.getKeyNode(), data.file() + ": the antiderivative needs 1-D inputs (N, s) and"
                    + " outputs (N, s)");
        }
        double x0 = data.coordinates()[0].get(0);
        double s0 = 0;
        if (!YamlDocument.isEmpty(t.getValueNode())) {
            Map<String, NodeTuple> a = doc.mapping(t.getValueNode(), "antiderivative", Set.of("x0", "s0"));
            x0 = a.containsKey("x0") ? doc.number(a.get("x0").getValueNode()) : x0;
            s0 = a.containsKey("s0") ? doc.number(a.get("s0").getValueNode()) : s0;
        }
        return new PhysicsSpec(x0, s0);
    }
}
