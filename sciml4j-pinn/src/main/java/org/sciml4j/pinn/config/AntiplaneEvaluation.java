package org.sciml4j.pinn.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.sciml4j.domain.expr.BoundExpression;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.config.ProblemFile.EvaluationSpec;
import org.sciml4j.solvers.antiplane.AntiplaneFd;
import org.sciml4j.solvers.antiplane.ScrewDislocation;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.HeapLimit;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * {@code evaluation: {antiplane: {...}, grid: [101, 51]}}: the reference is a finite-difference solution of the
 * antiplane fault problem that sciml4j computes before training ({@link AntiplaneFd}), on the box of the problem's
 * two variables (x, then y with its upper end 0, the surface), at the points of {@code grid} (or {@code points},
 * {@code sampling}), for its one field (w):
 * <pre>
 * antiplane:
 *   fault: {x: 0, top: 0, bottom: -1, slip: 1}   # a vertical fault from depth -top to -bottom
 *   mu: "1 + 2*max(0, min(1, (-1.5 - y)*1e300))" # shear modulus, an expression of x, y and known parameters
 *   boundary: "..."                                # w on the far sides (x at both ends, the bottom)
 *   cells: [513, 256]                              # along x (odd for a fault in the middle) and y
 * </pre>
 */
final class AntiplaneEvaluation {
    private static final Set<String> KEYS = Set.of("fault", "mu", "boundary", "cells", "tolerance");

    private final PinnScope scope;
    private final YamlDocument doc;
    private final Problem problem;
    private final EvaluationSection section;

    AntiplaneEvaluation(PinnScope scope, Problem problem, EvaluationSection section) {
        this.scope = scope;
        this.doc = scope.doc;
        this.problem = problem;
        this.section = section;
    }

    EvaluationSpec read(Map<String, NodeTuple> m) {
        for (String k : List.of("file", "columns", "values", "exact")) {
            if (m.containsKey(k)) {
                throw doc.error(m.get(k).getKeyNode(), "give either the antiplane reference or '" + k + "', not both");
            }
        }
        Node node = m.get("antiplane").getValueNode();
        Map<String, NodeTuple> a = doc.mapping(node, "antiplane", KEYS);
        List<Problem.Range> vars = problem.variables();
        if (vars.size() != 2 || problem.fields().size() != 1 || vars.get(1).hi() != 0) {
            throw doc.error(node, "the antiplane reference needs two variables (x, then y with its range ending at"
                    + " the surface y = 0) and one field (w); this problem has " + problem.variableNames() + " and "
                    + problem.fields());
        }
        Node faultNode = doc.required(a, "fault", node, "fault: {x: 0, top: 0, bottom: -1, slip: 1}");
        Map<String, NodeTuple> f = doc.mapping(faultNode, "fault", Set.of("x", "top", "bottom", "slip"));
        double[] g = new double[4];
        String[] names = {"x", "top", "bottom", "slip"};
        for (int i = 0; i < 4; i++) {
            g[i] = doc.number(doc.required(f, names[i], faultNode, "fault: {x: 0, top: 0, bottom: -1, slip: 1}"));
        }
        ScrewDislocation fault = doc.at(faultNode, () -> new ScrewDislocation(g[0], g[1], g[2], g[3]));
        String field = problem.fields().get(0);
        BoundExpression mu = section.solution("mu", doc.required(a, "mu", node, "mu: 1"));
        BoundExpression boundary = section.solution(field, doc.required(a, "boundary", node, "boundary: 0"));
        Node cellsNode = doc.required(a, "cells", node, "cells: [513, 256]");
        double[] cells = doc.numbers(cellsNode, 2, "cells along x and along y");
        if (cells[0] != Math.rint(cells[0]) || cells[1] != Math.rint(cells[1])) {
            throw doc.error(cellsNode, "cells are whole numbers, e.g. 'cells: [513, 256]'");
        }
        double tolerance = a.containsKey("tolerance") ? doc.number(a.get("tolerance").getValueNode()) : 1e-10;
        HeapLimit.require(doc, cellsNode, "the antiplane reference's grid", 8.0 * 20 * (cells[0] + 1)
                * (cells[1] + 1));
        AntiplaneFd fd = doc.at(cellsNode, () -> new AntiplaneFd(vars.get(0).lo(), vars.get(0).hi(), -vars.get(1)
                .lo(), (int) cells[0], (int) cells[1], fault));
        AntiplaneFd.Solution solution = doc.at(node, () -> fd.solve(field(mu), field(boundary), tolerance));
        Tensor points = section.exactPoints(m, node);
        double[] p = points.data();
        double[] truth = new double[points.size(0)];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = solution.value(p[2 * i], p[2 * i + 1]);
        }
        return new EvaluationSpec(String.format(Locale.ROOT, "antiplane finite differences, %d x %d cells, %d CG"
                + " iterations", (int) cells[0], (int) cells[1], solution.iterations()), points,
                Tensor.wrap(truth, truth.length, 1));
    }

    /** An expression of x and y evaluated at many points at once. */
    private AntiplaneFd.Field field(BoundExpression e) {
        return (xs, ys) -> section.evaluate(List.of(e), Tensor.concat(1, Tensor.wrap(xs, xs.length, 1),
                Tensor.wrap(ys, ys.length, 1))).toArray();
    }
}
