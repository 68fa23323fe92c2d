package org.sciml4j.pinn.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.sciml4j.domain.expr.Expression;
import org.sciml4j.pinn.Problem;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * {@code equations} (a list, or {@code name: text}; each {@code expr} (= 0) or {@code lhs = rhs}) and
 * {@code transform} (a field from the network's outputs, e.g. {@code u: x*(1 - x)*u}).
 */
final class EquationsSection {
    private final PinnScope scope;
    private final YamlDocument doc;

    EquationsSection(PinnScope scope) {
        this.scope = scope;
        this.doc = scope.doc;
    }

    /**
     * Adds the equations to {@code b}, a list's unnamed (the builder names their loss terms and checks, when it
     * builds, that they have collocation points).
     *
     * @return the equations' nodes, in the order they were added
     */
    List<Node> equations(Problem.Builder b, Map<String, NodeTuple> top) {
        if (!top.containsKey("equations")) {
            return List.of();
        }
        Node eqs = top.get("equations").getValueNode();
        List<Node> nodes = new ArrayList<>();
        if (eqs instanceof MappingNode) {
            for (NodeTuple e : doc.mapping(eqs, "equations", null).values()) {
                b.equation(YamlDocument.key(e), scope.requirement(e.getValueNode()));
                nodes.add(e.getValueNode());
            }
        } else {
            for (Node e : doc.list(eqs)) {
                b.equation(null, scope.requirement(e));
                nodes.add(e);
            }
        }
        return nodes;
    }

    /** Adds the output transforms of {@code transform: {u: ...}} to {@code b}. */
    void transforms(Problem.Builder b, Node node) {
        for (NodeTuple t : doc.mapping(node, "transform", null).values()) {
            String field = YamlDocument.key(t);
            if (!scope.vocabulary.fields().contains(field)) {
                throw doc.error(t.getKeyNode(), "'" + field + "' is not a field " + scope.vocabulary.fields()
                        + "; a transform gives a field from the network's outputs, e.g. 'u: x*(1 - x)*u'");
            }
            Expression e = scope.expression(t.getValueNode());
            scope.bind(e);
            b.transform(field, e);
        }
    }
}
