package org.sciml4j.discovery.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.sciml4j.discovery.derivative.Differentiator;
import org.sciml4j.discovery.derivative.FiniteDifference;
import org.sciml4j.discovery.derivative.SavitzkyGolay;
import org.sciml4j.discovery.derivative.Spectral;
import org.sciml4j.discovery.derivative.TotalVariation;
import org.sciml4j.discovery.sindy.ConcatLibrary;
import org.sciml4j.discovery.sindy.CustomLibrary;
import org.sciml4j.discovery.sindy.Ensemble;
import org.sciml4j.discovery.sindy.FeatureLibrary;
import org.sciml4j.discovery.sindy.FourierLibrary;
import org.sciml4j.discovery.sindy.PdeLibrary;
import org.sciml4j.discovery.sindy.PolynomialLibrary;
import org.sciml4j.discovery.sindy.SparseRegressor;
import org.sciml4j.discovery.sindy.Sr3;
import org.sciml4j.discovery.sindy.Stlsq;
import org.sciml4j.discovery.sindy.TensoredLibrary;
import org.sciml4j.discovery.sindy.WeakForm;
import org.sciml4j.domain.expr.Expression;
import org.sciml4j.domain.expr.ExpressionException;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** The {@code derivative:}, {@code library:} and {@code optimizer:} sections of a sindy problem file. */
final class MethodSection {
    private static final Set<String> DERIVATIVES = Set.of("finite_difference", "savitzky_golay", "total_variation",
            "spectral", "weak");
    private static final Set<String> LIBRARIES = Set.of("polynomial", "fourier", "custom", "concat", "tensor", "pde");
    private static final Set<String> OPTIMIZERS = Set.of("stlsq", "sr3", "ensemble");

    private final YamlDocument doc;

    MethodSection(YamlDocument doc) {
        this.doc = doc;
    }

    /** The derivative estimate: a differentiator, or a weak form (then the differentiator is null). */
    record Derivative(Differentiator differentiator, WeakForm weak) {
    }

    Derivative derivative(Node node) {
        if (node == null) {
            return new Derivative(new FiniteDifference(1, 2), null);
        }
        Map<String, NodeTuple> m = doc.mapping(node, "derivative", Set.of("method", "accuracy", "window", "order",
                "alpha", "iterations", "epsilon", "test_functions", "width", "power"));
        Keys k = new Keys(doc, m);
        String method = choice(k, "method", "finite_difference", DERIVATIVES, node);
        return k.checked(node, () -> switch (method) {
            case "finite_difference" -> new Derivative(new FiniteDifference(1, k.positiveInt("accuracy", 2)), null);
            case "savitzky_golay" -> new Derivative(new SavitzkyGolay(k.positiveInt("window", 11),
                    k.positiveInt("order", 3)), null);
            case "total_variation" -> new Derivative(new TotalVariation(k.positive("alpha", 0.01),
                    k.positiveInt("iterations", 20), k.positive("epsilon", 1e-8)), null);
            case "spectral" -> new Derivative(new Spectral(1), null);
            default -> new Derivative(null, new WeakForm(k.positiveInt("test_functions", 200),
                    k.positiveInt("width", 101), k.positiveInt("power", 4)));
        });
    }

    /** The library over these input names (the states, then the controls); for a PDE library, see {@link #pde}. */
    FeatureLibrary library(Node node, List<String> inputs) {
        if (node == null) {
            return new PolynomialLibrary(2);
        }
        Map<String, NodeTuple> m = doc.mapping(node, "library", Set.of("type", "degree", "cross_terms", "bias",
                "frequencies", "terms", "of", "derivatives"));
        Keys k = new Keys(doc, m);
        String type = choice(k, "type", "polynomial", LIBRARIES, node);
        switch (type) {
            case "polynomial":
                return k.checked(node, () -> new PolynomialLibrary(k.positiveInt("degree", 2),
                        k.bool("cross_terms", true), k.bool("bias", true)));
            case "fourier":
                return new FourierLibrary(k.positiveInt("frequencies", 1));
            case "custom":
                return custom(doc.required(m, "terms", node, "terms: [\"sin(x)\", \"x * y\"]"), inputs);
            case "pde":
                throw doc.error(node, "a 'pde' library needs field data (data: field: u, or generate: burgers)");
            default:
                List<FeatureLibrary> parts = new ArrayList<>();
                Node of = doc.required(m, "of", node, "of: [{type: polynomial, degree: 2}, {type: fourier}]");
                for (Node part : doc.list(of)) {
                    parts.add(library(part, inputs));
                }
                if ("concat".equals(type)) {
                    return new ConcatLibrary(parts);
                }
                if (parts.size() != 2) {
                    throw doc.error(of, "a tensor library multiplies exactly 2 libraries, got " + parts.size());
                }
                return new TensoredLibrary(parts.get(0), parts.get(1));
        }
    }

    /** A PDE-FIND library: {@code {type: pde, degree: 2, derivatives: 3}}; returns {degree, derivatives}. */
    int[] pde(Node node) {
        if (node == null) {
            return new int[] {2, 3};
        }
        Map<String, NodeTuple> m = doc.mapping(node, "library", Set.of("type", "degree", "derivatives"));
        Keys k = new Keys(doc, m);
        choice(k, "type", "pde", Set.of("pde"), node);
        return new int[] {k.positiveInt("degree", 2), k.positiveInt("derivatives", 3)};
    }

    private FeatureLibrary custom(Node terms, List<String> inputs) {
        List<Expression> exprs = new ArrayList<>();
        for (Node t : doc.list(terms)) {
            try {
                exprs.add(Expression.parse(doc.string(t), YamlDocument.line(t), YamlDocument.column(t)));
            } catch (ExpressionException e) {
                throw doc.expressionError(e);
            }
        }
        try {
            return new CustomLibrary(exprs, inputs);
        } catch (ExpressionException e) {
            throw doc.expressionError(e);
        }
    }

    SparseRegressor optimizer(Node node, long seed) {
        if (node == null) {
            return new Stlsq(0.1);
        }
        Map<String, NodeTuple> m = doc.mapping(node, "optimizer", Set.of("method", "threshold", "alpha",
                "max_iterations", "normalize", "nu", "penalty", "tolerance", "constraints", "base", "models",
                "bagging", "drop_features", "inclusion"));
        Keys k = new Keys(doc, m);
        String method = choice(k, "method", "stlsq", OPTIMIZERS, node);
        return switch (method) {
            case "stlsq" -> new Stlsq(k.nonNegative("threshold", 0.1), k.nonNegative("alpha", 0.05),
                    k.positiveInt("max_iterations", 20), k.bool("normalize", false));
            case "sr3" -> sr3(k, node);
            default -> {
                SparseRegressor base = optimizer(doc.required(m, "base", node, "base: {method: stlsq}"), seed);
                double inclusion = k.nonNegative("inclusion", 0.5);
                yield k.checked(node, () -> new Ensemble(base, k.positiveInt("models", 20),
                        k.bool("bagging", true), k.nonNegativeInt("drop_features", 0), inclusion, seed));
            }
        };
    }

    private SparseRegressor sr3(Keys k, Node node) {
        String penalty = choice(k, "penalty", "l0", Set.of("l0", "l1"), node);
        double[] lhs = null;
        double[] rhs = null;
        if (k.has("constraints")) {
            Node c = k.node("constraints");
            Map<String, NodeTuple> cm = doc.mapping(c, "constraints", Set.of("lhs", "rhs"));
            List<Node> rows = doc.list(doc.required(cm, "lhs", c, "lhs: [[1, 0, ...]]"));
            rhs = doc.vector(doc.required(cm, "rhs", c, "rhs: [0]"));
            if (rows.size() != rhs.length) {
                throw doc.error(c, "constraints: lhs has " + rows.size() + " rows but rhs has " + rhs.length
                        + " values");
            }
            List<double[]> r = new ArrayList<>();
            for (Node row : rows) {
                r.add(doc.vector(row));
            }
            int width = r.isEmpty() ? 0 : r.get(0).length;
            lhs = new double[rows.size() * width];
            for (int i = 0; i < r.size(); i++) {
                if (r.get(i).length != width) {
                    throw doc.error(rows.get(i), "every lhs row needs " + width + " values (features x equations)");
                }
                System.arraycopy(r.get(i), 0, lhs, i * width, width);
            }
        }
        double[] l = lhs;
        double[] d = rhs;
        return k.checked(node, () -> new Sr3(k.nonNegative("threshold", 0.1), k.positive("nu", 1),
                "l0".equals(penalty) ? Sr3.Penalty.L0 : Sr3.Penalty.L1, k.positiveInt("max_iterations", 10000),
                k.positive("tolerance", 1e-10), k.bool("normalize", false), l, d));
    }

    private String choice(Keys k, String key, String fallback, Set<String> allowed, Node parent) {
        if (!k.has(key)) {
            return fallback;
        }
        Node n = k.node(key);
        String v = doc.string(n);
        if (!allowed.contains(v)) {
            throw doc.error(n, "unknown " + key + " '" + v + "'" + YamlDocument.suggestion(v, allowed)
                    + " (known: " + new TreeSet<>(allowed) + ")");
        }
        return v;
    }
}
