package org.sciml4j.domain.expr;

import java.util.List;
import java.util.Map;
import org.sciml4j.tensor.Tensor;

/**
 * Supplies the tensors a {@link BoundExpression} is evaluated on, all over the same N points. Each method is called
 * at most once per symbol and evaluation.
 */
public interface Evaluation {

    /** Values of variable {@code index} (vocabulary order) at the points, shape (N, 1). */
    Tensor variable(int index);

    /** The field value or derivative {@code d} at the points, shape (N, 1). */
    Tensor derivative(Derivative d);

    /** The current value of an unknown (trainable) parameter: a scalar or a tensor broadcastable to (N, 1). */
    Tensor parameter(String name);

    /**
     * Values of a per-point quantity that is neither variable nor field, such as a boundary normal's component
     * {@code normal_x}, shape (N, 1).
     *
     * @throws IllegalArgumentException if these points have no such quantity (the default)
     */
    default Tensor auxiliary(String name) {
        throw new IllegalArgumentException("'" + name + "' is not defined at these points; normals are known on a"
                + " boundary only");
    }

    /**
     * An evaluation from fixed tensors.
     *
     * @param variables   one tensor per vocabulary variable
     * @param derivatives tensors by canonical derivative name ({@code "u"}, {@code "u_tt"})
     * @param parameters  tensors of the unknown parameters by name
     * @return the evaluation; a missing entry throws {@link IllegalArgumentException} when asked for
     */
    static Evaluation of(List<Tensor> variables, Map<String, Tensor> derivatives, Map<String, Tensor> parameters) {
        return new Evaluation() {
            @Override
            public Tensor variable(int index) {
                return variables.get(index);
            }

            @Override
            public Tensor derivative(Derivative d) {
                return get(derivatives, d.name(), "derivative");
            }

            @Override
            public Tensor parameter(String name) {
                return get(parameters, name, "parameter");
            }

            private Tensor get(Map<String, Tensor> map, String key, String what) {
                Tensor t = map.get(key);
                if (t == null) {
                    throw new IllegalArgumentException("no value for " + what + " '" + key + "'; given: " + map.keySet());
                }
                return t;
            }
        };
    }
}
