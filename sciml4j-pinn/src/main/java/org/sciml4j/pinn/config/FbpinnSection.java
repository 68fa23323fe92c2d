package org.sciml4j.pinn.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sciml4j.nn.NetworkSpec;
import org.sciml4j.pinn.Problem;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The finite-basis keys of {@code network:} ({@code type: fbpinn}, see {@link org.sciml4j.nn.FiniteBasis}):
 * {@code windows: [8]} (subdomains along each variable, or one count for all; default 4) and {@code overlap: 0.3}
 * (of neighbours, as a fraction of a part's width, in (0, 1]). The box split is the variables' ranges (a domain's
 * bounding box). The keys are refused with another network type.
 */
final class FbpinnSection {
    /** The keys this section reads. */
    static final Set<String> KEYS = Set.of("windows", "overlap");

    private FbpinnSection() {
    }

    /**
     * The spec with the file's finite-basis settings and the box; unchanged for another type.
     *
     * @param m         the network mapping (or a field network's)
     * @param spec      its settings read so far (type included)
     * @param variables the problem's variables, in input order
     */
    static NetworkSpec apply(YamlDocument doc, Map<String, NodeTuple> m, NetworkSpec spec,
            List<Problem.Range> variables) {
        if (!"fbpinn".equals(spec.type())) {
            for (String key : KEYS) {
                if (m.containsKey(key)) {
                    throw doc.error(m.get(key).getKeyNode(), "'" + key + "' applies to finite-basis networks only;"
                            + " hint: type: fbpinn");
                }
            }
            return spec;
        }
        NetworkSpec s = spec;
        if (m.containsKey("windows")) {
            s = s.withOption("windows", windows(doc, m.get("windows").getValueNode(), variables.size()));
        }
        if (m.containsKey("overlap")) {
            Node n = m.get("overlap").getValueNode();
            double overlap = doc.number(n);
            if (!(overlap > 0 && overlap <= 1)) {
                throw doc.error(n, "overlap must be in (0, 1] (a fraction of a subdomain's width), got " + overlap);
            }
            s = s.withOption("overlap", overlap);
        }
        double[] lo = variables.stream().mapToDouble(Problem.Range::lo).toArray();
        double[] hi = variables.stream().mapToDouble(Problem.Range::hi).toArray();
        return s.withOption("lower", lo).withOption("upper", hi);
    }

    /** {@code [8]}, {@code 8} or one count per variable; each at least 1. */
    private static double[] windows(YamlDocument doc, Node n, int variables) {
        List<Node> items = n instanceof org.yaml.snakeyaml.nodes.SequenceNode ? doc.list(n) : List.of(n);
        if (items.size() != 1 && items.size() != variables) {
            throw doc.error(n, "windows needs one count for every variable or one per variable (" + variables
                    + "), got " + items.size() + "; hint: windows: [8]");
        }
        double[] w = new double[items.size()];
        long total = 1;
        for (int i = 0; i < w.length; i++) {
            w[i] = doc.positiveInt(items.get(i));
            total *= (long) w[i];
        }
        if (items.size() == 1) {
            total = (long) Math.pow(w[0], variables);
        }
        if (total > 4096) {
            throw doc.error(n, "windows makes " + total + " subdomains, each with its own network; at most 4096");
        }
        return w;
    }
}
