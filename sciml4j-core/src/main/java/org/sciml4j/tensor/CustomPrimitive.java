package org.sciml4j.tensor;

import java.util.Arrays;

/**
 * The public way to add a primitive to the engine from any module: a forward computation on values and its two
 * derivative rules, declared in one place (as a JAX primitive with its JVP and transpose rules). Because the rules
 * are written with public {@link Tensor} operations, and run recorded when a derivative is itself to be
 * differentiated, a custom primitive differentiates to any order in both modes, exactly as the built-in ones:
 * reverse over reverse, forward over forward, forward then reverse. Check a new one with {@link GradCheck} in both
 * modes, first and second order.
 * <p>
 * Example, softsign {@code x / (1 + |x|)}, element-wise on any shape:
 * <pre>{@code
 * final class Softsign extends CustomPrimitive {
 *     protected String name() {
 *         return "softsign";
 *     }
 *
 *     protected Tensor forward(Tensor[] in) {          // on values: a plain loop is fine here
 *         double[] x = in[0].toArray();
 *         for (int i = 0; i < x.length; i++) {
 *             x[i] = x[i] / (1 + Math.abs(x[i]));
 *         }
 *         return Tensor.wrap(x, in[0].shape());
 *     }
 *
 *     private static Tensor slope(Tensor x) {          // d softsign / dx = (1 + |x|)^-2, in tensor operations
 *         return x.abs().add(1.0).pow(-2);
 *     }
 *
 *     protected Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
 *         return new Tensor[] {g.mul(slope(in[0]))};
 *     }
 *
 *     protected Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
 *         return t[0].mul(slope(in[0]));
 *     }
 * }
 * Tensor y = new Softsign().apply(x);                  // recorded like any operation
 * }</pre>
 * Rules must use tensor operations (never {@link Tensor#data()} or {@link Tensor#toArray()}) on the inputs, the
 * output and the incoming cotangents or tangents; a rule on raw values would be right once and silently wrong for
 * higher orders. For a once-differentiable hot path with a hand-written reverse kernel use {@link FusedOp} instead.
 * <p>
 * Per-point Jacobians ({@link Autodiff#jacobianRows}) refuse a custom primitive applied to the points unless it
 * declares {@link #keepsPoints()}; one applied to parameters alone is always refused, naming it.
 */
public abstract class CustomPrimitive {

    /** Name used in error messages and in {@link Tensor#toString()}. */
    protected abstract String name();

    /**
     * The forward computation on the inputs' values, run without recording.
     *
     * @param inputs the inputs as given to {@link #apply}
     * @return the output, any shape; a new tensor (not one of the inputs)
     */
    protected abstract Tensor forward(Tensor[] inputs);

    /**
     * Reverse rule (vector-Jacobian product): the cotangents of the inputs given the cotangent of the output.
     *
     * @param g      cotangent of the output, of the output's shape
     * @param output the output of this application
     * @param inputs its inputs
     * @param need   which inputs need a cotangent; the others may be left null
     * @return one cotangent per input, of that input's shape, null where zero or not needed
     */
    protected abstract Tensor[] vjp(Tensor g, Tensor output, Tensor[] inputs, boolean[] need);

    /**
     * Forward rule (Jacobian-vector product): the tangent of the output given the inputs' tangents.
     *
     * @param tangents one per input, of that input's shape; null where the input does not move (at least one is
     *                 not null)
     * @param output   the output of this application
     * @param inputs   its inputs
     * @return the output's tangent, of the output's shape (null if zero)
     */
    protected abstract Tensor jvp(Tensor[] tangents, Tensor output, Tensor[] inputs);

    /**
     * Optional Taylor-mode rule ({@link Taylor}) for one direction: the output's normalised Taylor coefficients
     * y_k = D^k y / k! given the inputs' x_k, written in tensor operations. Return null (the default) to use the
     * generic rule derived from {@link #jvp} (exact, but K graph walks per direction).
     *
     * @param coefficients per input {@code x[1..K]} (index 0 unused, each of the input's shape), null where the input
     *                     does not move
     * @param order        K
     * @param output       the output of this application (y_0)
     * @param inputs       its inputs (x_0)
     * @return {@code y[1..K]} (index 0 unused; entries null where zero), or null for the generic rule
     */
    protected Tensor[] taylor(Tensor[][] coefficients, int order, Tensor output, Tensor[] inputs) {
        return null;
    }

    /**
     * Whether row i of the output depends on row i of each input of the output's rank and leading dimension only
     * (true of element-wise operations); per-point Jacobians then accept it on the points. False by default.
     */
    protected boolean keepsPoints() {
        return false;
    }

    /**
     * Whether {@link #forward} depends on nothing but its inputs' values and this primitive's fixed settings, so that
     * a recorded application may be computed again by calling it ({@link Tape}); false by default.
     */
    protected boolean replayable() {
        return false;
    }

    /**
     * Applies the primitive: computes {@link #forward} and, when recording and some input is tracked, records one
     * node whose derivatives are given by {@link #vjp} and {@link #jvp}.
     *
     * @throws IllegalArgumentException if no input is given or {@link #forward} returns null
     */
    public final Tensor apply(Tensor... inputs) {
        if (inputs.length == 0) {
            throw new IllegalArgumentException("primitive '" + name() + "': no inputs given");
        }
        Tensor out;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            out = forward(inputs.clone());
        }
        if (out == null) {
            throw new IllegalArgumentException("primitive '" + name() + "': forward returned null");
        }
        return Tensor.record(adapter, out.data, out.shape.clone(), inputs.clone());
    }

    /** The bridge to the engine (one per primitive: it holds no state of an application). */
    private final Primitive adapter = new Adapter();

    /** The bridge to the engine's primitive interface: checks what the rules return. */
    private final class Adapter extends Primitive {
        @Override
        String name() {
            return CustomPrimitive.this.name();
        }

        @Override
        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            Tensor[] r = CustomPrimitive.this.vjp(g, out, in, need);
            if (r == null || r.length != in.length) {
                throw new IllegalStateException("primitive '" + name() + "': vjp must return one cotangent per input ("
                        + in.length + "), got " + (r == null ? "null" : r.length));
            }
            for (int k = 0; k < in.length; k++) {
                if (need[k] && r[k] != null) {
                    checkShape("vjp: cotangent of input " + k, r[k], in[k].shape);
                }
            }
            return r;
        }

        @Override
        boolean replays() {
            return replayable();
        }

        @Override
        void recompute(Tensor out, Tensor[] in) {
            store(out, forward(in).data);
        }

        @Override
        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            Tensor r = CustomPrimitive.this.jvp(t, out, in);
            if (r != null) {
                checkShape("jvp: tangent of the output", r, out.shape);
            }
            return r;
        }

        @Override
        boolean keepsRows(Tensor out, Tensor[] in, boolean[] batched) {
            return keepsPoints() && super.keepsRows(out, in, batched);
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            Primitive self = this;
            return TaylorByDirection.stacked(plan, c, out, in, (xs, order) -> {
                Tensor[] y = CustomPrimitive.this.taylor(xs, order, out, in);
                if (y == null) {
                    return TaylorByDirection.oneDirection(self, xs, order, out, in);
                }
                for (int k = 1; k < y.length; k++) {
                    if (y[k] != null) {
                        checkShape("taylor: coefficient " + k, y[k], out.shape);
                    }
                }
                return y;
            });
        }

        private void checkShape(String what, Tensor t, int[] expected) {
            if (!Arrays.equals(t.shape, expected)) {
                throw new ShapeException("primitive '" + name() + "' " + what + " has shape " + Shape.str(t.shape)
                        + ", expected " + Shape.str(expected));
            }
        }
    }
}
