package org.sciml4j.discovery.config;

import java.util.List;
import java.util.Map;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The {@code truth:} section: the true equations, one string per state ({@code x: "-10 x + 10 y"}; the key may be
 * the state or its left-hand side such as {@code u_t}), each a sum of terms {@code [number] feature}, where the
 * feature is a library feature name ({@code x z}, {@code u u_x}; '*' between factors is allowed) and the number may
 * be a fraction ({@code 8/3}). Returns the true coefficients in the layout of the model, shape (p, m).
 */
final class TruthSection {
    private TruthSection() {
    }

    static double[] read(YamlDocument doc, Node node, List<String> features, List<String> states,
            List<String> lhs) {
        Map<String, NodeTuple> m = doc.mapping(node, "truth", null);
        int p = features.size();
        int eqs = lhs.size();
        double[] truth = new double[p * eqs];
        for (NodeTuple t : m.values()) {
            String key = YamlDocument.key(t);
            int j = states.indexOf(key);
            if (j < 0) {
                j = lhs.indexOf(key);
            }
            if (j < 0) {
                throw doc.error(t.getKeyNode(), "'" + key + "' is not a state; the equations are for " + lhs);
            }
            Node eq = t.getValueNode();
            for (String term : terms(doc.string(eq))) {
                double[] c = new double[1];
                String feature = split(term, c).replace('*', ' ').replaceAll("\\s+", " ").trim();
                if (feature.isEmpty()) {
                    feature = "1";
                }
                int i = features.indexOf(feature);
                if (i < 0) {
                    throw doc.error(eq, "'" + feature + "' is not a library feature; they are " + features);
                }
                truth[i * eqs + j] += c[0];
            }
        }
        return truth;
    }

    /** Splits at top-level + and - (not inside parentheses, not an exponent sign such as 1e-3). */
    private static List<String> terms(String s) {
        List<String> out = new java.util.ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
            boolean sign = (ch == '+' || ch == '-') && depth == 0 && i > 0
                    && !(Character.toLowerCase(s.charAt(i - 1)) == 'e' && i > 1 && Character.isDigit(s.charAt(i - 2)));
            if (sign && !s.substring(start, i).isBlank()) {
                out.add(s.substring(start, i));
                start = i;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    /** Puts the term's coefficient in c[0] and returns the rest (the feature). */
    private static String split(String term, double[] c) {
        String s = term.trim();
        double sign = 1;
        if (s.startsWith("+") || s.startsWith("-")) {
            sign = s.startsWith("-") ? -1 : 1;
            s = s.substring(1).trim();
        }
        java.util.regex.Matcher num = java.util.regex.Pattern
                .compile("^([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)(?:\\s*/\\s*([0-9]*\\.?[0-9]+))?\\s*\\*?")
                .matcher(s);
        double value = 1;
        if (num.find()) {
            value = Double.parseDouble(num.group(1));
            if (num.group(2) != null) {
                value /= Double.parseDouble(num.group(2));
            }
            s = s.substring(num.end());
        }
        c[0] = sign * value;
        return s;
    }
}
