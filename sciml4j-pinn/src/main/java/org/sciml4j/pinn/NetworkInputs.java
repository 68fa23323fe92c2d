package org.sciml4j.pinn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.sciml4j.domain.expr.BoundExpression;
import org.sciml4j.domain.expr.Evaluation;
import org.sciml4j.domain.expr.Expression;
import org.sciml4j.nn.InputFeatures;
import org.sciml4j.nn.Module;
import org.sciml4j.tensor.Tensor;

/**
 * Extra network inputs computed from a problem's variables by expressions, e.g. {@code "atan2(x, -(y + 1))"}: the
 * polar angle about the point (0, -1) with its branch cut along x = 0, y > -1 (a fault from the tip at depth 1 up to
 * the surface), which jumps by 2 pi across the fault and lets a network represent the slip there. The network then
 * takes the variables followed by these values; derivatives in equations and conditions are those of the whole map
 * from the variables, through the expressions (which may use the variables and known parameters, not fields).
 * Immutable.
 */
public final class NetworkInputs {
    /** No extra input. */
    public static final NetworkInputs NONE = new NetworkInputs(0, List.of());

    private final int variables;
    private final List<BoundExpression> expressions;

    private NetworkInputs(int variables, List<BoundExpression> expressions) {
        this.variables = variables;
        this.expressions = List.copyOf(expressions);
    }

    /**
     * The expressions bound against the problem's symbols.
     *
     * @throws org.sciml4j.domain.expr.ExpressionException when one does not parse or bind
     * @throws IllegalArgumentException                    when one uses a field or an unknown parameter
     */
    public static NetworkInputs of(Problem problem, List<Expression> expressions) {
        List<BoundExpression> bound = new ArrayList<>();
        for (Expression e : expressions) {
            BoundExpression b = e.bind(problem.vocabulary());
            if (!b.derivatives().isEmpty() || !b.unknownParameters().isEmpty()) {
                throw new IllegalArgumentException("the network input '" + e.source().strip() + "' may use the"
                        + " variables and known parameters only, not fields or unknowns");
            }
            bound.add(b);
        }
        return new NetworkInputs(problem.variables().size(), bound);
    }

    /** The number of extra inputs. */
    public int count() {
        return expressions.size();
    }

    /**
     * The network on the variables: {@code inner} itself without extra inputs, else an {@link InputFeatures} that
     * feeds {@code inner} the variables and then the expressions' values.
     *
     * @param inner takes {@code variables + count()} inputs
     */
    public Module wrap(Module inner) {
        return expressions.isEmpty() ? inner : new InputFeatures(inner, variables, this::values);
    }

    /** The expressions at the points: {@code (N, variables) -> (N, count())}, recorded. */
    public Tensor values(Tensor x) {
        List<Tensor> cols = new ArrayList<>();
        for (int v = 0; v < variables; v++) {
            cols.add(x.col(v));
        }
        Evaluation at = Evaluation.of(cols, Map.of(), Map.of());
        Tensor[] out = new Tensor[expressions.size()];
        for (int k = 0; k < out.length; k++) {
            Tensor t = expressions.get(k).evaluate(at);
            out[k] = t.rank() == 0 ? Tensor.full(t.item(), x.size(0), 1) : t;
        }
        return Tensor.concat(1, out);
    }
}
