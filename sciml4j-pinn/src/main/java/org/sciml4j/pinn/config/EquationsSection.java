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
     * Adds the equations to {@code b}.
     *
     * @return the names of their loss terms, in order
     */
    List<String> equations(Problem.Builder b, Map<String, NodeTuple> top) {
        List<String> names = new ArrayList<>();
        if (!top.containsKey("equations")) {
            return names;
        }
        Node eqs = top.get("equations").getValueNode();
        if (eqs instanceof MappingNode) {
            for (NodeTuple e : doc.mapping(eqs, "equations", null).values()) {
                b.equation(YamlDocument.key(e), scope.requirement(e.getValueNode()));
                names.add(YamlDocument.key(e));
            }
        } else {
            List<Node> l = doc.list(eqs);
            for (Node e : l) {
                b.equation(null, scope.requirement(e));
                names.add(l.size() == 1 ? "equation" : "equation_" + (names.size() + 1));
            }
        }
        if (!names.isEmpty() && !top.containsKey("collocation")) {
            throw doc.error(top.get("equations").getKeyNode(), "equations need collocation points; add e.g."
                    + " 'collocation: {points: 101, sampling: uniform}'");
        }
        return names;
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
