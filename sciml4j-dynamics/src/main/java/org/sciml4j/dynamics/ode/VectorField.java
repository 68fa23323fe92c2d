package org.sciml4j.dynamics.ode;

import java.util.List;
import org.sciml4j.tensor.Tensor;

/**
 * The right-hand side of {@code dx/dt = f(t, x)} over a batch of states, written in engine operations so that
 * solutions can be differentiated with respect to the initial state and to the field's {@link #parameters()}.
 */
@FunctionalInterface
public interface VectorField {
    /**
     * @param t time
     * @param x states, shape (B, d)
     * @return time derivatives, shape (B, d)
     */
    Tensor apply(double t, Tensor x);

    /** The trainable leaves the field reads (what the adjoint method returns gradients for); none by default. */
    default List<Tensor> parameters() {
        return List.of();
    }

    /** A field with parameters: {@code f} evaluated as given, {@code params} reported by {@link #parameters()}. */
    static VectorField of(VectorField f, List<Tensor> params) {
        List<Tensor> copy = List.copyOf(params);
        return new VectorField() {
            @Override
            public Tensor apply(double t, Tensor x) {
                return f.apply(t, x);
            }

            @Override
            public List<Tensor> parameters() {
                return copy;
            }
        };
    }
}
