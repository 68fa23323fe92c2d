package org.sciml4j.pinn.config;

import java.util.Map;
import java.util.Set;

import org.sciml4j.optim.NewtonCg;
import org.sciml4j.train.Phase;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * {@code newton_cg: 200} or {@code newton_cg: {iterations: 200, cg_iterations: 100, curvature: hessian |
 * gauss_newton, radius: 1}}: Newton-CG with a Steihaug trust region ({@link NewtonCg}), named {@code "newton_cg"}.
 * {@code hessian} (the default) takes Hessian-vector products by forward-over-reverse on the loss, in one round on
 * all points like SSBroyden; {@code gauss_newton} uses {@code 2 J^T J} through the residuals' Jacobian (a
 * least-squares phase like {@code lm}). Both stop only at the iteration limit or when no step lowers the loss.
 */
final class NewtonCgSection {
    static final String KEY = "newton_cg";

    private final YamlDocument doc;

    NewtonCgSection(YamlDocument doc) {
        this.doc = doc;
    }

    /** The phase the entry's value describes. */
    Phase read(Node node) {
        if (node instanceof ScalarNode) {
            return phase(doc.nonNegativeInt(node), 100, false, 1);
        }
        Map<String, NodeTuple> m = doc.mapping(node, KEY, Set.of("iterations", "cg_iterations", "curvature",
                "radius"));
        int iterations = doc.nonNegativeInt(doc.required(m, "iterations", node, "iterations: 200"));
        int cg = m.containsKey("cg_iterations") ? doc.positiveInt(m.get("cg_iterations").getValueNode()) : 100;
        boolean gaussNewton = false;
        if (m.containsKey("curvature")) {
            Node c = m.get("curvature").getValueNode();
            String name = doc.string(c);
            gaussNewton = switch (name) {
                case "hessian" -> false;
                case "gauss_newton" -> true;
                default -> throw doc.error(c, "curvature is 'hessian' or 'gauss_newton', got '" + name + "'");
            };
        }
        boolean gn = gaussNewton;
        Node radiusNode = m.containsKey("radius") ? m.get("radius").getValueNode() : node;
        double radius = m.containsKey("radius") ? doc.number(radiusNode) : 1;
        return doc.at(radiusNode, () -> phase(iterations, cg, gn, radius));
    }

    /** The phase: every tolerance 0, so that it runs to its iteration limit unless no step lowers the loss. */
    static Phase phase(int iterations, int cgIterations, boolean gaussNewton, double radius) {
        NewtonCg.builder().cgIterations(cgIterations).radius(radius, Math.max(radius, 1e8)); // checks the knobs now
        java.util.function.IntFunction<NewtonCg> make = n -> NewtonCg.builder().maxIterations(n)
                .maxEvaluations(n * 5 + 20).gradientTolerance(0).functionTolerance(0).stepTolerance(0)
                .cgIterations(cgIterations).radius(radius, Math.max(radius, 1e8)).build();
        return gaussNewton ? new Phase.GaussNewton(KEY, n -> make.apply(n).leastSquares(), iterations)
                : new Phase.QuasiNewton(KEY, make, iterations, Math.max(1, iterations));
    }
}
