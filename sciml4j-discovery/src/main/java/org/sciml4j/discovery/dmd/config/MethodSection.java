package org.sciml4j.discovery.dmd.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sciml4j.discovery.dmd.PolynomialDictionary;
import org.sciml4j.discovery.dmd.RankRule;
import org.sciml4j.discovery.dmd.Snapshots;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads the {@code method:} section of a {@code dmd} problem ({@code name:} and the knobs of that method; a knob of
 * another method is refused with the list of valid ones) and checks it against the data (even spacing where the
 * method needs it, inputs for DMDc, enough snapshots for the delays).
 */
final class MethodSection {
    static final List<String> METHODS = List.of("exact", "dmdc", "hankel", "bop", "optimized", "edmd", "kernel");
    private static final Map<String, Set<String>> KEYS = Map.of(
            "exact", Set.of("name", "rank"),
            "dmdc", Set.of("name", "rank", "input_matrix"),
            "hankel", Set.of("name", "rank", "delays"),
            "bop", Set.of("name", "rank", "trials", "fraction", "seed"),
            "optimized", Set.of("name", "rank"),
            "edmd", Set.of("name", "dictionary", "degree", "centres", "rbf", "width", "seed", "rcond"),
            "kernel", Set.of("name", "rank", "kernel", "degree", "scale", "sigma"));

    private final YamlDocument doc;

    MethodSection(YamlDocument doc) {
        this.doc = doc;
    }

    MethodSpec read(Node section, Snapshots data) {
        Map<String, NodeTuple> any = doc.mapping(section, "the method section", null);
        Node nameNode = doc.required(any, "name", section, "name: exact   # one of " + METHODS);
        String name = doc.string(nameNode);
        if (!METHODS.contains(name)) {
            throw doc.error(nameNode, "unknown method '" + name + "'" + YamlDocument.suggestion(name,
                    Set.copyOf(METHODS)) + "; choose one of " + METHODS);
        }
        Map<String, NodeTuple> m = doc.mapping(section, "method " + name, KEYS.get(name));
        checkAgainstData(name, nameNode, data);
        RankRule rank = m.containsKey("rank") ? rank(m.get("rank").getValueNode()) : RankRule.optimal();
        int delays = m.containsKey("delays") ? doc.positiveInt(m.get("delays").getValueNode()) : 1;
        if (delays >= data.snapshots() - 1) {
            throw doc.error(m.containsKey("delays") ? m.get("delays").getValueNode() : section, delays
                    + " delays need more than " + (delays + 1)
                    + " snapshots; the data have " + data.snapshots());
        }
        int trials = m.containsKey("trials") ? doc.positiveInt(m.get("trials").getValueNode()) : 50;
        if (trials < 2) {
            throw doc.error(m.get("trials").getValueNode(), "bagging needs at least 2 trials, got " + trials);
        }
        double fraction = m.containsKey("fraction") ? doc.number(m.get("fraction").getValueNode()) : 0.6;
        if (!(fraction > 0 && fraction <= 1)) {
            throw doc.error(m.get("fraction").getValueNode(), "fraction must be in (0, 1], got " + fraction);
        }
        long seed = m.containsKey("seed") ? doc.integer(m.get("seed").getValueNode()) : 1;
        double[] b = m.containsKey("input_matrix") ? inputMatrix(m.get("input_matrix").getValueNode(), data)
                : null;
        String dictionary = choice(m, "dictionary", "polynomial", List.of("polynomial", "rbf"));
        String rbf = choice(m, "rbf", "gaussian", List.of("gaussian", "thinplate"));
        String kernel = choice(m, "kernel", "gaussian", List.of("gaussian", "polynomial"));
        int degree = m.containsKey("degree") ? doc.positiveInt(m.get("degree").getValueNode()) : 2;
        if (name.equals("edmd") && dictionary.equals("polynomial")) {
            checkDictionary(m, data, degree, section);
        }
        int centres = m.containsKey("centres") ? doc.positiveInt(m.get("centres").getValueNode()) : 50;
        double width = doc.positiveOr(m, name.equals("edmd") ? "width" : kernel.equals("gaussian") ? "sigma" : "scale",
                1.0);
        double rcond = m.containsKey("rcond") ? doc.positiveOr(m, "rcond", 1e-12) : 1e-12;
        return new MethodSpec(name, rank, delays, trials, fraction, seed, b, dictionary, degree, centres, rbf, width,
                kernel, rcond);
    }

    private void checkAgainstData(String name, Node nameNode, Snapshots data) {
        boolean anySpacing = name.equals("bop") || name.equals("optimized");
        if (!anySpacing && Double.isNaN(data.uniformStep())) {
            throw doc.error(nameNode, "method " + name + " needs equally spaced snapshots; these times are"
                    + " uneven: use 'optimized' or 'bop'");
        }
        if (anySpacing && data.starts().length > 1) {
            throw doc.error(nameNode, "method " + name + " fits one trajectory; the data hold "
                    + data.starts().length);
        }
        if (name.equals("dmdc") && data.inputs() == null) {
            throw doc.error(nameNode, "method dmdc needs control inputs: give 'inputs:' in the data section");
        }
        if (name.equals("hankel") && data.starts().length > 1) {
            throw doc.error(nameNode, "method hankel stacks one trajectory; the data hold " + data.starts().length);
        }
    }

    private void checkDictionary(Map<String, NodeTuple> m, Snapshots data, int degree, Node section) {
        try {
            new PolynomialDictionary(data.features(), degree);
        } catch (IllegalArgumentException e) {
            throw doc.error(m.containsKey("degree") ? m.get("degree").getValueNode() : section, e.getMessage());
        }
    }

    private String choice(Map<String, NodeTuple> m, String key, String dflt, List<String> options) {
        if (!m.containsKey(key)) {
            return dflt;
        }
        Node n = m.get(key).getValueNode();
        String v = doc.string(n);
        if (!options.contains(v)) {
            throw doc.error(n, key + " is one of " + options + ", got '" + v + "'" + YamlDocument.suggestion(v,
                    Set.copyOf(options)));
        }
        return v;
    }

    /** rank: optimal | full | a whole number | {energy: 0.99}. */
    private RankRule rank(Node n) {
        if (n instanceof MappingNode) {
            Map<String, NodeTuple> m = doc.mapping(n, "rank", Set.of("energy"));
            Node e = doc.required(m, "energy", n, "energy: 0.99");
            double f = doc.number(e);
            if (!(f > 0 && f <= 1)) {
                throw doc.error(e, "the energy fraction must be in (0, 1], got " + f);
            }
            return RankRule.energy(f);
        }
        String s = doc.string(n);
        if (s.equals("optimal")) {
            return RankRule.optimal();
        }
        if (s.equals("full")) {
            return RankRule.full();
        }
        if (!s.matches("\\d+")) {
            throw doc.error(n, "rank is 'optimal' (Gavish-Donoho hard threshold), 'full', a whole number >= 1 or"
                    + " {energy: 0.99}; got '" + s + "'");
        }
        return RankRule.fixed(doc.positiveInt(n));
    }

    private double[] inputMatrix(Node n, Snapshots data) {
        List<Node> rows = doc.list(n);
        int m = data.features();
        int q = data.inputCount();
        if (rows.size() != m) {
            throw doc.error(n, "input_matrix needs " + m + " rows (one per feature) of " + q + " values (one per"
                    + " input), got " + rows.size() + " rows");
        }
        double[] b = new double[m * q];
        for (int i = 0; i < m; i++) {
            double[] row = doc.numbers(rows.get(i), q, "a row of " + q + " input coefficients");
            for (int j = 0; j < q; j++) {
                b[i + j * m] = row[j];
            }
        }
        return b;
    }
}
