package org.sciml4j.pinn.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sciml4j.optim.NaturalGradient;
import org.sciml4j.train.Phase;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The training schedule's optimiser phases: {@code optimizer: [adam: 2000, lm: 500]} (an ordered list of one-key
 * entries) and the second-order keys {@code natural_gradient}, {@code ssbfgs}, {@code ssbroyden}, {@code newton_cg} of
 * {@code training:}.
 */
final class Schedule {
    /** The optimiser keys an {@code optimizer:} list may hold. */
    static final Set<String> OPTIMIZERS = Set.of("adam", "lbfgs", "lm", "natural_gradient", "ssbfgs", "ssbroyden",
            NewtonCgSection.KEY);
    /** Order of the phases after Adam when the file gives them as keys of {@code training:}. */
    private static final List<String> KEY_ORDER = List.of("lbfgs", "ssbfgs", "ssbroyden", "lm", "natural_gradient",
            NewtonCgSection.KEY);

    private final YamlDocument doc;

    Schedule(YamlDocument doc) {
        this.doc = doc;
    }

    /**
     * The {@code training:} mapping with the {@code optimizer:} list's entries as keys, their order kept (Adam
     * first), and {@code "order"} recorded by the list.
     *
     * @throws org.sciml4j.train.config.ProblemFileException if the list repeats an optimiser, names an unknown one,
     *                                                        puts Adam after another, or comes with the same keys
     */
    Map<String, NodeTuple> flatten(Map<String, NodeTuple> training) {
        Node list = training.get("optimizer").getValueNode();
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : training.entrySet()) {
            if (OPTIMIZERS.contains(e.getKey())) {
                throw doc.error(e.getValue().getKeyNode(), "'" + e.getKey() + "' is given both as a key of"
                        + " training and by optimizer: [...]; keep one");
            }
            if (!e.getKey().equals("optimizer")) {
                out.put(e.getKey(), e.getValue());
            }
        }
        List<Node> items = doc.list(list);
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            Map<String, NodeTuple> one = doc.mapping(item, "optimizer entry", OPTIMIZERS);
            if (one.size() != 1) {
                throw doc.error(item, "each optimizer entry names one optimiser, e.g. [adam: 2000, lm: 500]");
            }
            Map.Entry<String, NodeTuple> e = one.entrySet().iterator().next();
            if (out.containsKey(e.getKey())) {
                throw doc.error(e.getValue().getKeyNode(), "'" + e.getKey() + "' appears twice in optimizer: [...];"
                        + " each optimiser runs at most once");
            }
            if (e.getKey().equals("adam") && i > 0) {
                throw doc.error(e.getValue().getKeyNode(), "adam must come first in optimizer: [...]");
            }
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * The phases after Adam: in the list's order if {@code listed} ({@link #flatten} made {@code m}, which keeps it),
     * else in the keys' fixed order; null for the classic schedule (L-BFGS, Levenberg-Marquardt).
     */
    List<Phase> phases(Map<String, NodeTuple> m, boolean listed) {
        List<String> order = new ArrayList<>();
        for (String k : m.keySet()) {
            if (OPTIMIZERS.contains(k) && !k.equals("adam")) {
                order.add(k);
            }
        }
        if (!listed) {
            order.sort((a, b) -> KEY_ORDER.indexOf(a) - KEY_ORDER.indexOf(b));
        }
        List<Phase> phases = new ArrayList<>();
        for (String k : order) {
            phases.add(phase(k, m.get(k).getValueNode()));
        }
        if (!listed && (phases.isEmpty() || order.equals(List.of("lbfgs")) || order.equals(List.of("lm"))
                || order.equals(List.of("lbfgs", "lm")))) {
            return null; // the classic schedule
        }
        return phases;
    }

    private Phase phase(String key, Node node) {
        return switch (key) {
            case "lbfgs" -> Phase.lbfgs(0, 1); // its length is the spec's lbfgsIterations
            case "lm" -> Phase.levenbergMarquardt(0); // likewise lmIterations
            case "ssbfgs" -> Phase.ssbfgs(doc.iterations(node, key));
            case "ssbroyden" -> Phase.ssbroyden(doc.iterations(node, key));
            case NewtonCgSection.KEY -> new NewtonCgSection(doc).read(node);
            default -> naturalGradient(node);
        };
    }

    /** {@code natural_gradient: 500} or {@code {iterations, cutoff, damping, line_search, steps}}. */
    private Phase naturalGradient(Node node) {
        if (node instanceof ScalarNode) {
            return Phase.naturalGradient(doc.nonNegativeInt(node), NaturalGradient.DEFAULT_CUTOFF, 0,
                    NaturalGradient.LineSearch.BACKTRACKING, 30);
        }
        Map<String, NodeTuple> m = doc.mapping(node, "natural_gradient", Set.of("iterations", "cutoff", "damping",
                "line_search", "steps"));
        int iterations = doc.nonNegativeInt(doc.required(m, "iterations", node, "iterations: 500"));
        double cutoff = m.containsKey("cutoff") ? doc.number(m.get("cutoff").getValueNode())
                : NaturalGradient.DEFAULT_CUTOFF;
        double damping = m.containsKey("damping") ? doc.number(m.get("damping").getValueNode()) : 0;
        int steps = m.containsKey("steps") ? doc.positiveInt(m.get("steps").getValueNode()) : 30;
        NaturalGradient.LineSearch search = NaturalGradient.LineSearch.BACKTRACKING;
        if (m.containsKey("line_search")) {
            Node s = m.get("line_search").getValueNode();
            String name = doc.string(s);
            search = switch (name) {
                case "backtracking" -> NaturalGradient.LineSearch.BACKTRACKING;
                case "grid" -> NaturalGradient.LineSearch.GRID;
                default -> throw doc.error(s, "line_search is 'backtracking' or 'grid', got '" + name + "'");
            };
        }
        NaturalGradient.LineSearch chosen = search;
        Node where = m.containsKey("cutoff") ? m.get("cutoff").getValueNode() : node;
        return doc.at(where, () -> Phase.naturalGradient(iterations, cutoff, damping, chosen, steps));
    }

}
