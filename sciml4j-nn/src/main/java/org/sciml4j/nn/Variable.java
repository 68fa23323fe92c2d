package org.sciml4j.nn;

import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * A trainable quantity that is not a network weight, such as an unknown physical coefficient in an inverse problem
 * (DeepXDE's {@code dde.Variable}). The optimiser updates an unconstrained leaf, {@link #raw()}; losses use
 * {@link #value()} {@code = transform(raw)}, which keeps the value in its domain: identity, positive, or bounded.
 * <p>
 * Initial values are given in the transformed (physical) space; the raw leaf starts at the inverse transform of it.
 * {@link #parameters()} holds the raw leaf under the variable's name, so a variable is trained like a module's
 * parameters (add its {@code parameters().trainable()} to the optimiser's list, or {@code register} it in a larger
 * collection).
 * <pre>{@code
 * Variable nu = Variable.positive("nu", 0.1);
 * Tensor residual = ut.add(u.mul(ux)).sub(nu.value().mul(uxx));
 * }</pre>
 */
public final class Variable {
    /** An invertible element-wise map from raw (unconstrained) values to values. */
    public interface Transform {
        /** The value of raw values, element-wise and differentiable (same shape). */
        Tensor apply(Tensor raw);

        /**
         * The raw value of a value.
         *
         * @throws IllegalArgumentException if the value lies outside the transform's range
         */
        double inverse(double value);
    }

    /** {@code value = raw}. */
    public static final Transform IDENTITY = new Transform() {
        @Override
        public Tensor apply(Tensor raw) {
            return raw;
        }

        @Override
        public double inverse(double value) {
            return value;
        }

        @Override
        public String toString() {
            return "identity";
        }
    };

    /**
     * {@code value = softplus(raw) = log(1 + e^raw)}, values in {@code (0, inf)}. Chosen over {@code exp} for
     * {@link #positive}: its derivative is at most 1, so an optimiser step never multiplies the value by a large
     * factor, while for small values it behaves like {@code exp} (relative steps).
     */
    public static final Transform SOFTPLUS = new Transform() {
        @Override
        public Tensor apply(Tensor raw) {
            return raw.softplus();
        }

        @Override
        public double inverse(double value) {
            requireRange(value > 0 && value < Double.POSITIVE_INFINITY, value, "(0, inf)");
            return value + Math.log(-Math.expm1(-value)); // log(e^v - 1) without overflow
        }

        @Override
        public String toString() {
            return "softplus";
        }
    };

    /**
     * {@code value = exp(raw)}, values in {@code (0, inf)}: a log-parametrisation, whose steps are relative, for a
     * coefficient whose order of magnitude is unknown (Raissi et al.'s {@code lambda_2 = exp(raw)}).
     */
    public static final Transform EXP = new Transform() {
        @Override
        public Tensor apply(Tensor raw) {
            return raw.exp();
        }

        @Override
        public double inverse(double value) {
            requireRange(value > 0 && value < Double.POSITIVE_INFINITY, value, "(0, inf)");
            return Math.log(value);
        }

        @Override
        public String toString() {
            return "exp";
        }
    };

    /** {@code value = lo + (hi - lo) * sigmoid(raw)}, values in {@code (lo, hi)}. */
    public static Transform bounded(double lo, double hi) {
        if (!(lo < hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            throw new IllegalArgumentException("bounds must be finite with lo < hi, got [" + lo + ", " + hi + "]");
        }
        return new Transform() {
            @Override
            public Tensor apply(Tensor raw) {
                return raw.sigmoid().mul(hi - lo).add(lo);
            }

            @Override
            public double inverse(double value) {
                requireRange(value > lo && value < hi, value, "(" + lo + ", " + hi + ")");
                double p = (value - lo) / (hi - lo);
                return Math.log(p) - Math.log1p(-p); // logit
            }

            @Override
            public String toString() {
                return "bounded(" + lo + ", " + hi + ")";
            }
        };
    }

    private static void requireRange(boolean ok, double value, String range) {
        if (!ok) {
            throw new IllegalArgumentException("initial value " + value + " is outside the transform's range " + range);
        }
    }

    private final String name;
    private final Transform transform;
    private final Tensor raw;
    private final Parameters parameters = new Parameters();

    /**
     * A variable of any shape.
     *
     * @param name      its parameter name
     * @param initial   initial values (any shape, {@code ()} for a scalar), in the transformed space
     * @param transform maps the raw leaf to the value
     * @throws IllegalArgumentException if an initial value is outside the transform's range
     */
    public Variable(String name, Tensor initial, Transform transform) {
        this.name = name;
        this.transform = transform;
        double[] r = initial.toArray();
        for (int i = 0; i < r.length; i++) {
            r[i] = transform.inverse(r[i]);
        }
        this.raw = parameters.add(name, Tensor.of(r, initial.shape()));
    }

    /** A scalar variable (shape {@code ()}). */
    public Variable(String name, double initial, Transform transform) {
        this(name, Tensor.scalar(initial), transform);
    }

    /** An unconstrained scalar: {@code value = raw}. */
    public static Variable of(String name, double initial) {
        return new Variable(name, initial, IDENTITY);
    }

    /** A positive scalar: {@code value = softplus(raw)}; see {@link #SOFTPLUS}. */
    public static Variable positive(String name, double initial) {
        return new Variable(name, initial, SOFTPLUS);
    }

    /** A scalar in {@code (lo, hi)}: {@code value = lo + (hi - lo) sigmoid(raw)}. */
    public static Variable bounded(String name, double initial, double lo, double hi) {
        return new Variable(name, initial, bounded(lo, hi));
    }

    /** The value {@code transform(raw)}, of the variable's shape, tracked: use it in losses. */
    public Tensor value() {
        return transform.apply(raw);
    }

    /** The raw leaf the optimiser updates, of the variable's shape. */
    public Tensor raw() {
        return raw;
    }

    /**
     * The current value of a scalar variable, as a number (for logging).
     *
     * @throws org.sciml4j.tensor.ShapeException if the variable has more than one element
     */
    public double current() {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return value().item();
        }
    }

    /** The name (also its parameter name). */
    public String name() {
        return name;
    }

    /** The transform from raw leaf to value. */
    public Transform transform() {
        return transform;
    }

    /** One parameter: the raw leaf, under {@link #name()}. */
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return "Variable(" + name + ", " + transform + ", " + (raw.numel() == 1 ? current() : raw.numel() + " values")
                + ")";
    }
}
