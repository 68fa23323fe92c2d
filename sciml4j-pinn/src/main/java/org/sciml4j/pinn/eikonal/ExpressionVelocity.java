package org.sciml4j.pinn.eikonal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.sciml4j.domain.expr.BoundExpression;
import org.sciml4j.domain.expr.Evaluation;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * v from an expression in the box's coordinates, e.g. a layered model with a thin slow shallow layer whose edges
 * are smoothed steps: {@code 3 + 0.5*z - 1.5*sigmoid((0.2 - z)/0.02)}.
 */
public final class ExpressionVelocity implements Velocity {
    private final BoundExpression expression;

    /** @param expression bound to a vocabulary whose variables are the box's axes, in order */
    public ExpressionVelocity(BoundExpression expression) {
        this.expression = expression;
    }

    @Override
    public double[] at(double[] points, int d) {
        int n = points.length / d;
        List<Tensor> columns = new ArrayList<>(d);
        for (int a = 0; a < d; a++) {
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                c[i] = points[i * d + a];
            }
            columns.add(Tensor.of(c, n, 1));
        }
        try (var s = Autodiff.noGrad()) {
            Tensor v = expression.evaluate(Evaluation.of(columns, Map.of(), Map.of()));
            double[] out = v.numel() == n ? v.toArray() : Tensor.full(v.item(), n).toArray();
            return out;
        }
    }

    @Override
    public String describe() {
        return "v = " + expression.expression().source();
    }
}
