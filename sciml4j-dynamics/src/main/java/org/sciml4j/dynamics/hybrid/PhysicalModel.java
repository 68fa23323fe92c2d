package org.sciml4j.dynamics.hybrid;

import java.util.List;

import org.sciml4j.dynamics.ode.VectorField;

/**
 * The known-form physics f_theta(x) of a hybrid model: a vector field of fixed form whose few physical parameters
 * theta are learned. Each parameter is a trainable leaf of shape (1,) listed by {@link #parameters()} in
 * {@link #parameterNames()} order.
 */
public interface PhysicalModel extends VectorField {
    /** The model's name as problem files spell it ({@code pendulum}, ...). */
    String name();

    /** The physical parameters' names, in {@link #parameters()} order. */
    List<String> parameterNames();

    /** The current parameter values, in {@link #parameterNames()} order. */
    default double[] values() {
        return parameters().stream().mapToDouble(p -> p.data()[0]).toArray();
    }

    /**
     * The largest relative error of the current parameters against reference values, {@code max_i |theta_i -
     * ref_i| / |ref_i|}.
     */
    default double largestRelativeError(double[] reference) {
        double[] v = values();
        double worst = 0;
        for (int i = 0; i < v.length; i++) {
            worst = Math.max(worst, Math.abs(v[i] - reference[i]) / Math.abs(reference[i]));
        }
        return worst;
    }
}
