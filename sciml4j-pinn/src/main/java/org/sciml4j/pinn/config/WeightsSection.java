package org.sciml4j.pinn.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.weighting.PointWeighting;
import org.sciml4j.pinn.weighting.TermBalancing;
import org.sciml4j.pinn.weighting.Weighting;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * {@code weights: {equation: 1, initial: 10, scheme: grad_norm, every: 1000, alpha: 0.9}}: a fixed weight per loss
 * term (default 1; the starting values of a scheme), and optionally a weighting scheme with its knobs: term-level
 * {@code grad_norm} ({@code every}, {@code alpha}, {@code ratio: max_mean | norm}) or {@code ntk} ({@code every},
 * {@code alpha}); point-level {@code self_adaptive} ({@code lr}, {@code mask: square | linear}) or {@code rba}
 * ({@code gamma}, {@code eta}); one of each level together as {@code scheme: [grad_norm, rba]}. The knob names are
 * reserved: a loss term with one of these names cannot be weighted here.
 */
final class WeightsSection {
    /** The scheme and its knobs: keys of {@code weights:} that are not loss terms. */
    static final Set<String> KNOBS = Set.of("scheme", "every", "alpha", "ratio", "lr", "mask", "gamma", "eta");
    private static final List<String> SCHEMES = List.of("grad_norm", "ntk", "self_adaptive", "rba");

    private final YamlDocument doc;
    private final Map<String, NodeTuple> knobs = new LinkedHashMap<>();
    private final Map<String, NodeTuple> terms = new LinkedHashMap<>();

    WeightsSection(YamlDocument doc) {
        this.doc = doc;
    }

    /** Sets the fixed weights of {@code b}; returns the term entries (for placing the builder's complaints). */
    Map<String, NodeTuple> read(Problem.Builder b, Node node) {
        for (Map.Entry<String, NodeTuple> e : doc.mapping(node, "weights", null).entrySet()) {
            (KNOBS.contains(e.getKey()) ? knobs : terms).put(e.getKey(), e.getValue());
        }
        for (NodeTuple w : terms.values()) {
            double x = doc.number(w.getValueNode());
            doc.at(w.getValueNode(), () -> b.weight(YamlDocument.key(w), x));
        }
        return terms;
    }

    /**
     * The remedies the knobs ask for, checked against the built problem.
     *
     * @throws org.sciml4j.train.config.ProblemFileException for a knob without its scheme, a bad value, a term
     *                                                        named like a knob
     */
    Weighting weighting(Problem problem) {
        for (NodeTuple t : knobs.values()) {
            if (problem.termNames().contains(YamlDocument.key(t))) {
                throw doc.error(t.getKeyNode(), "'" + YamlDocument.key(t) + "' is a knob of the weighting scheme and"
                        + " also the name of a loss term; rename the condition to weight it");
            }
        }
        if (knobs.isEmpty()) {
            return Weighting.none();
        }
        NodeTuple scheme = knobs.get("scheme");
        if (scheme == null) {
            NodeTuple first = knobs.values().iterator().next();
            throw doc.error(first.getKeyNode(), "'" + YamlDocument.key(first) + "' is a knob of a weighting scheme,"
                    + " but no scheme is given; add e.g. 'scheme: grad_norm' (" + String.join(", ", SCHEMES) + ")");
        }
        String termScheme = null;
        String pointScheme = null;
        for (Node s : doc.list(scheme.getValueNode())) {
            String name = doc.string(s);
            if (!SCHEMES.contains(name)) {
                throw doc.error(s, "unknown weighting scheme '" + name + "'"
                        + YamlDocument.suggestion(name, Set.copyOf(SCHEMES)) + " (schemes: " + String.join(", ",
                        SCHEMES) + ")");
            }
            boolean termLevel = name.equals("grad_norm") || name.equals("ntk");
            if (termLevel ? termScheme != null : pointScheme != null) {
                throw doc.error(s, "two " + (termLevel ? "term-level (grad_norm, ntk)" : "point-level (self_adaptive,"
                        + " rba)") + " schemes; give at most one of each, e.g. [grad_norm, rba]");
            }
            if (termLevel) {
                termScheme = name;
            } else {
                pointScheme = name;
            }
        }
        requireScheme("every", termScheme != null, "grad_norm or ntk");
        requireScheme("alpha", termScheme != null, "grad_norm or ntk");
        requireScheme("ratio", "grad_norm".equals(termScheme), "grad_norm");
        requireScheme("lr", "self_adaptive".equals(pointScheme), "self_adaptive");
        requireScheme("mask", "self_adaptive".equals(pointScheme), "self_adaptive");
        requireScheme("gamma", "rba".equals(pointScheme), "rba");
        requireScheme("eta", "rba".equals(pointScheme), "rba");
        Weighting w = Weighting.none();
        if (termScheme != null) {
            w = w.withTerms(terms(termScheme, problem, scheme.getValueNode()));
        }
        if (pointScheme != null) {
            w = w.withPoints(points(pointScheme, problem, scheme.getValueNode()));
        }
        return w;
    }

    private void requireScheme(String knob, boolean applies, String schemes) {
        NodeTuple t = knobs.get(knob);
        if (t != null && !applies) {
            throw doc.error(t.getKeyNode(), "'" + knob + "' is a knob of " + schemes + ", which the scheme does not"
                    + " name");
        }
    }

    private TermBalancing terms(String name, Problem problem, Node where) {
        int every = knobs.containsKey("every") ? doc.positiveInt(value("every")) : TermBalancing.DEFAULT_EVERY;
        double alpha = knobs.containsKey("alpha") ? doc.number(value("alpha")) : TermBalancing.DEFAULT_ALPHA;
        TermBalancing.Ratio ratio = TermBalancing.Ratio.MAX_MEAN;
        if (knobs.containsKey("ratio")) {
            String r = doc.string(value("ratio"));
            ratio = switch (r) {
                case "max_mean" -> TermBalancing.Ratio.MAX_MEAN;
                case "norm" -> TermBalancing.Ratio.NORM;
                default -> throw doc.error(value("ratio"), "ratio is 'max_mean' (Wang, Teng and Perdikaris 2021) or"
                        + " 'norm' (jaxpi), got '" + r + "'");
            };
        }
        if (ratio == TermBalancing.Ratio.MAX_MEAN && name.equals("grad_norm") && problem.equations().isEmpty()) {
            throw doc.error(where, "grad_norm with ratio max_mean balances the conditions against the equations,"
                    + " but the problem has none; add 'ratio: norm'");
        }
        TermBalancing.Scheme scheme = name.equals("ntk") ? TermBalancing.Scheme.NTK : TermBalancing.Scheme.GRAD_NORM;
        TermBalancing.Ratio chosen = ratio;
        return doc.at(knobs.containsKey("alpha") ? value("alpha") : where,
                () -> new TermBalancing(scheme, every, alpha, chosen));
    }

    private PointWeighting points(String name, Problem problem, Node where) {
        if (problem.equations().isEmpty()) {
            throw doc.error(where, name + " weighs the equations' collocation points, but the problem has no"
                    + " equation");
        }
        PointWeighting d = PointWeighting.of(PointWeighting.Scheme.RBA);
        double lr = knobs.containsKey("lr") ? doc.number(value("lr")) : d.lr();
        double gamma = knobs.containsKey("gamma") ? doc.number(value("gamma")) : d.gamma();
        double eta = knobs.containsKey("eta") ? doc.number(value("eta")) : d.eta();
        PointWeighting.Mask mask = PointWeighting.Mask.SQUARE;
        if (knobs.containsKey("mask")) {
            String m = doc.string(value("mask"));
            mask = switch (m) {
                case "square" -> PointWeighting.Mask.SQUARE;
                case "linear" -> PointWeighting.Mask.LINEAR;
                default -> throw doc.error(value("mask"), "mask is 'square' or 'linear', got '" + m + "'");
            };
        }
        PointWeighting.Scheme scheme = name.equals("rba") ? PointWeighting.Scheme.RBA
                : PointWeighting.Scheme.SELF_ADAPTIVE;
        PointWeighting.Mask chosen = mask;
        // the record holds the rules; its complaint goes to the knob it is about
        Node at = knobs.containsKey("lr") && !(lr > 0) ? value("lr") : knobs.containsKey("gamma")
                && !(gamma >= 0 && gamma < 1) ? value("gamma") : knobs.containsKey("eta") ? value("eta") : where;
        return doc.at(at, () -> new PointWeighting(scheme, lr, chosen, gamma, eta));
    }

    private Node value(String knob) {
        return knobs.get(knob).getValueNode();
    }
}
