package org.sciml4j.pinn.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.sciml4j.domain.expr.Expression;
import org.sciml4j.domain.expr.ExpressionException;
import org.sciml4j.domain.expr.Vocabulary;
import org.sciml4j.pinn.eikonal.Box;
import org.sciml4j.pinn.eikonal.ExpressionVelocity;
import org.sciml4j.pinn.eikonal.GridVelocity;
import org.sciml4j.pinn.eikonal.LinearGradientVelocity;
import org.sciml4j.pinn.eikonal.Velocity;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * An eikonal file's {@code velocity:}: an expression in the domain's axes ({@code velocity: "2 + 0.5*z"}, or
 * {@code {expression: ...}}), the linear gradient with its closed-form travel times ({@code {gradient: {v0: 2,
 * g: 1.5}}}, v = v0 + g z with z the last axis), or a grid file ({@code {file: model.npz}}, see
 * {@link GridVelocity}). The model is checked finite and > 0 at 65 points per axis over the domain.
 */
final class VelocitySection {
    private static final int CHECK_POINTS = 65;

    private final YamlDocument doc;
    private final Box box;

    VelocitySection(YamlDocument doc, Box box) {
        this.doc = doc;
        this.box = box;
    }

    Velocity read(Node node) throws IOException {
        Velocity v;
        if (node instanceof ScalarNode) {
            v = expression(node);
        } else {
            Map<String, NodeTuple> m = doc.mapping(node, "velocity", Set.of("expression", "gradient", "file"));
            if (m.size() != 1) {
                throw doc.error(node, "velocity needs exactly one of 'expression', 'gradient' or 'file', got "
                        + m.keySet());
            }
            NodeTuple t = m.values().iterator().next();
            Node value = t.getValueNode();
            v = switch (YamlDocument.key(t)) {
                case "expression" -> expression(value);
                case "gradient" -> gradient(value);
                default -> file(value);
            };
        }
        check(node, v);
        return v;
    }

    private Velocity expression(Node n) {
        Vocabulary vocabulary = Vocabulary.builder().variables(box.names().toArray(String[]::new)).build();
        try {
            Expression e = Expression.parse(doc.string(n), YamlDocument.line(n), YamlDocument.column(n));
            return new ExpressionVelocity(e.bind(vocabulary));
        } catch (ExpressionException e) {
            throw doc.expressionError(e);
        }
    }

    private Velocity gradient(Node n) {
        Map<String, NodeTuple> m = doc.mapping(n, "gradient", Set.of("v0", "g"));
        double v0 = doc.number(doc.required(m, "v0", n, "v0: 2"));
        double g = doc.number(doc.required(m, "g", n, "g: 1.5"));
        return new LinearGradientVelocity(v0, g);
    }

    private Velocity file(Node n) throws IOException {
        Path p = doc.resolve(n);
        if (!Files.isRegularFile(p)) {
            throw doc.error(n, "velocity file '" + doc.string(n) + "' not found (looked at " + p + ")");
        }
        return doc.at(n, () -> {
            try {
                return GridVelocity.read(p, doc.string(n), box);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read velocity file '" + doc.string(n) + "': "
                        + e.getMessage());
            }
        });
    }

    /** v finite and > 0 on a grid over the box, else an error at the velocity's node naming the point. */
    private void check(Node node, Velocity v) {
        int d = box.dimension();
        int n = 1;
        for (int a = 0; a < d; a++) {
            n *= CHECK_POINTS;
        }
        double[] p = new double[n * d];
        for (int i = 0; i < n; i++) {
            int rest = i;
            for (int a = d - 1; a >= 0; a--) {
                int k = rest % CHECK_POINTS;
                rest /= CHECK_POINTS;
                p[i * d + a] = box.lo()[a] + (box.hi()[a] - box.lo()[a]) * k / (CHECK_POINTS - 1);
            }
        }
        double[] values = doc.at(node, () -> v.at(p, d));
        for (int i = 0; i < n; i++) {
            if (!(values[i] > 0) || !Double.isFinite(values[i])) {
                throw doc.error(node, "the velocity must be finite and > 0 over the domain, but " + v.describe()
                        + " is " + values[i] + " at " + java.util.Arrays.toString(java.util.Arrays.copyOfRange(p,
                        i * d, i * d + d)));
            }
        }
    }
}
