package org.sciml4j.pinn.config;

import java.util.Map;
import java.util.Set;

import org.sciml4j.pinn.weighting.Refinement;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * {@code training: {rar: {every: 1000, candidates: 10000, add: 10, until: 0}}}: residual-based refinement (see
 * {@link Refinement}); every key optional, with those defaults ({@code until: 0}: to the end of the first-order
 * phase).
 */
final class RarSection {
    private final YamlDocument doc;

    RarSection(YamlDocument doc) {
        this.doc = doc;
    }

    /** The refinement of the {@code training:} mapping's {@code rar} entry, or null when there is none. */
    Refinement read(NodeTuple training) {
        if (training == null) {
            return null;
        }
        NodeTuple rar = doc.mapping(training.getValueNode(), "training", null).get("rar");
        if (rar == null) {
            return null;
        }
        Node node = rar.getValueNode();
        Map<String, NodeTuple> m = doc.mapping(node, "rar", Set.of("every", "candidates", "add", "until"));
        int every = m.containsKey("every") ? doc.positiveInt(m.get("every").getValueNode()) : 1000;
        int candidates = m.containsKey("candidates") ? doc.positiveInt(m.get("candidates").getValueNode()) : 10000;
        int add = m.containsKey("add") ? doc.positiveInt(m.get("add").getValueNode()) : 10;
        int until = doc.nonNegativeIntOr(m, "until", 0);
        return doc.at(m.containsKey("candidates") ? m.get("candidates").getValueNode() : node,
                () -> new Refinement(every, candidates, add, until));
    }
}
