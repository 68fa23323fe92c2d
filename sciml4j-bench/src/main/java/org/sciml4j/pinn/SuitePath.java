package org.sciml4j.pinn;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.sciml4j.domain.expr.Derivative;
import org.sciml4j.nn.Module;
import org.sciml4j.tensor.Tensor;

/**
 * Which derivative path the trainer takes for a problem: the fused Taylor pass or the generic engine. Builds the
 * point evaluator as {@link PinnObjective} does (collocation points and every condition's points, the derivatives
 * they need, the output transforms); in package {@code org.sciml4j.pinn} of the bench module to reach the
 * package-private evaluator.
 */
public final class SuitePath {
    private SuitePath() {
    }

    /** "fused" or "generic" for {@code network} (inputs: the problem's variables) trained on {@code problem}. */
    public static String of(Problem problem, Module network, long seed) {
        List<Tensor> sets = new ArrayList<>();
        Set<Derivative> needed = new TreeSet<>();
        if (!problem.equations().isEmpty()) {
            Tensor collocation = problem.collocationPoints(seed);
            sets.add(collocation);
            problem.equations().forEach(e -> needed.addAll(e.atPoints(collocation).derivatives()));
        }
        for (Condition c : problem.conditions()) {
            Condition.Resolved r = c.resolve(problem, seed);
            sets.add(r.points());
            needed.addAll(r.derivatives());
        }
        PointEvaluator e = new PointEvaluator(network, problem.transforms().isEmpty() ? null
                : problem::transform, problem.variables().size(), sets, needed, true);
        return e.fused() ? "fused" : "generic";
    }
}
