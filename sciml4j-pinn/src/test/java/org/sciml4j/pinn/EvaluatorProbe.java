package org.sciml4j.pinn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sciml4j.domain.expr.Derivative;
import org.sciml4j.domain.expr.Evaluation;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/** What the tests that compare derivative paths compare: every derivative's values and a loss's gradient. */
final class EvaluatorProbe {
    private EvaluatorProbe() {
    }

    /**
     * One pass of {@code ev}: {values of every derivative in {@code needed} at every point set, in set order, then
     * derivative order; the gradient with respect to {@code params} of sum over them of (1 + order) * sum(d^2)}.
     */
    static double[][] valuesAndGradient(PointEvaluator ev, Set<Derivative> needed, List<Tensor> params) {
        Tensor loss = Tensor.scalar(0);
        List<Double> vals = new ArrayList<>();
        for (Evaluation e : ev.evaluate(Map.of())) {
            for (Derivative d : needed) {
                Tensor t = e.derivative(d);
                loss = loss.add(t.mul(t).sum().mul(1 + d.order()));
                for (double z : t.toArray()) {
                    vals.add(z);
                }
            }
        }
        double[] values = vals.stream().mapToDouble(Double::doubleValue).toArray();
        List<Tensor> g = Autodiff.grad(loss, params, null, false);
        return new double[][] {values, g.stream().flatMapToDouble(t -> Arrays.stream(t.toArray())).toArray()};
    }
}
