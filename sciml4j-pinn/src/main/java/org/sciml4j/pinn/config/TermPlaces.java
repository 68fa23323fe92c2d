package org.sciml4j.pinn.config;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.sciml4j.optim.TrainingDivergedException;
import org.sciml4j.pinn.Problem;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Where in the problem file each loss term was written: an equation's line, a condition's entry. A training that
 * cannot start because a term is not finite at the initial parameters is a mistake in that term's formula or data,
 * so its message is placed there like any other mistake in the file.
 */
final class TermPlaces {
    private final YamlDocument doc;
    private final Map<String, Node> nodes;

    private TermPlaces(YamlDocument doc, Map<String, Node> nodes) {
        this.doc = doc;
        this.nodes = nodes;
    }

    /**
     * @param equationNodes the equations' nodes in file order (the problem's equations are in the same order)
     * @param conditions    the conditions' entries by name
     */
    static TermPlaces of(YamlDocument doc, Problem problem, List<Node> equationNodes,
            Map<String, NodeTuple> conditions) {
        Map<String, Node> nodes = new HashMap<>();
        for (int i = 0; i < Math.min(equationNodes.size(), problem.equations().size()); i++) {
            nodes.put(problem.equations().get(i).name(), equationNodes.get(i));
        }
        conditions.forEach((name, entry) -> nodes.put(name, entry.getKeyNode()));
        return new TermPlaces(doc, Map.copyOf(nodes));
    }

    /**
     * {@code e} placed at the first non-finite term's place when training could not start (its first step) and that
     * term was written in the file; else {@code e} itself.
     */
    RuntimeException placed(TrainingDivergedException e) {
        if (e.step() != 1 || e.terms().isEmpty() || !nodes.containsKey(e.terms().get(0))) {
            return e;
        }
        return doc.error(nodes.get(e.terms().get(0)), e.getMessage());
    }
}
