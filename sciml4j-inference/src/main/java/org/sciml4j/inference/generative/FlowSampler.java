package org.sciml4j.inference.generative;

import java.util.Locale;
import java.util.Objects;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * Draws fields from a trained {@link VectorField} by integrating dx/dt = v_theta(x, t) from x(0) ~ N(0, I) to t = 1
 * on a uniform grid of steps, with explicit Euler, the midpoint rule or classical RK4 over engine tensors (no graph
 * recorded).
 */
public final class FlowSampler {
    /** The fixed-step integrators. */
    public enum Method {
        /** Explicit Euler, order 1, one evaluation per step. */
        EULER,
        /** Explicit midpoint, order 2, two evaluations per step. */
        MIDPOINT,
        /** Classical Runge-Kutta, order 4, four evaluations per step. */
        RK4;

        /** The method of a lower-case name ({@code euler}, {@code midpoint}, {@code rk4}). */
        public static Method of(String name) {
            for (Method m : values()) {
                if (m.name().toLowerCase(Locale.ROOT).equals(name)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown integrator '" + name + "'; known: euler, midpoint, rk4");
        }
    }

    private final VectorField field;

    /** A sampler of the field. */
    public FlowSampler(VectorField field) {
        this.field = Objects.requireNonNull(field, "field");
    }

    /** B standard normal fields of the field's size, flat (B, n), from the seed. */
    public static double[] noise(int b, int n, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[b * n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.normal();
        }
        return x;
    }

    /**
     * Integrates from t = 0 to 1.
     *
     * @param x0     start fields, flat (B, n); not modified
     * @param steps  integration steps (>= 1)
     * @param method the integrator
     * @return the fields at t = 1, flat (B, n)
     */
    public double[] sample(double[] x0, int steps, Method method) {
        int n = field.size();
        int b = x0.length / n;
        double h = 1.0 / steps;
        Tensor x = Tensor.of(x0, b, n);
        try (var s = Autodiff.noGrad()) {
            for (int k = 0; k < steps; k++) {
                double t = k * h;
                x = switch (method) {
                    case EULER -> x.add(field.velocity(x, t).mul(h));
                    case MIDPOINT -> x.add(field.velocity(x.add(field.velocity(x, t).mul(h / 2)), t + h / 2).mul(h));
                    case RK4 -> rk4(x, t, h);
                };
            }
        }
        return x.toArray();
    }

    private Tensor rk4(Tensor x, double t, double h) {
        Tensor k1 = field.velocity(x, t);
        Tensor k2 = field.velocity(x.add(k1.mul(h / 2)), t + h / 2);
        Tensor k3 = field.velocity(x.add(k2.mul(h / 2)), t + h / 2);
        Tensor k4 = field.velocity(x.add(k3.mul(h)), t + h);
        return x.add(k1.add(k2.mul(2)).add(k3.mul(2)).add(k4).mul(h / 6));
    }
}
