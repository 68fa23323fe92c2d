package org.sciml4j.tensor;

/**
 * An operation with its own fused kernels: a forward computation on raw values and a hand-written reverse rule,
 * recorded as one node of the graph (as {@code torch.autograd.Function}). Use it for hot paths where the primitives
 * would create many small temporaries (e.g. propagating Taylor coefficients through a network for PINN residuals).
 * <p>
 * A fused operation is differentiable once, in reverse mode: asking for a second derivative through it
 * ({@code createGraph}) or for a forward-mode tangent throws {@link NotDifferentiableException} naming it. Check
 * a new one with {@link GradCheck} (first order) or against the same computation written with primitives.
 */
public abstract class FusedOp {

    /** Name used in error messages. */
    protected abstract String name();

    /**
     * The forward computation, on the inputs' values (run without recording).
     *
     * @return the output, an untracked tensor
     */
    protected abstract Tensor forward(Tensor[] inputs);

    /**
     * The reverse rule on values: the cotangents of the inputs given the output's cotangent {@code g}.
     *
     * @param g      cotangent of the output, output's shape
     * @param output the output of {@link #forward}
     * @param inputs the inputs
     * @param need   which inputs need a cotangent (others may be null)
     * @return one cotangent per input, of that input's shape, null where zero or not needed
     */
    protected abstract Tensor[] backward(Tensor g, Tensor output, Tensor[] inputs, boolean[] need);

    /**
     * Optional Taylor-mode rule ({@link Taylor}) for one direction: the output's normalised Taylor coefficients
     * y_k = D^k y / k! given the inputs' x_k, in tensor operations. Without one (the default returns null) a Taylor
     * pass through this operation fails with a {@link NotDifferentiableException} naming it.
     *
     * @param coefficients per input {@code x[1..K]} (index 0 unused), null where the input does not move
     * @param order        K
     * @param output       the output of this application
     * @param inputs       its inputs
     * @return {@code y[1..K]} (index 0 unused, entries null where zero), or null: no rule
     */
    protected Tensor[] taylor(Tensor[][] coefficients, int order, Tensor output, Tensor[] inputs) {
        return null;
    }

    /**
     * Whether {@link #forward} depends on nothing but its inputs' values and this operation's fixed settings, so that
     * a recorded application may be computed again by calling it ({@link Tape}); false by default.
     */
    protected boolean replayable() {
        return false;
    }

    /**
     * A replay's computation ({@link Tape}): this application's output again, from the inputs' current values, into
     * {@code output}'s array. Called only when {@link #replayable}. By default {@link #forward}, then a copy; an
     * operation that keeps buffers for it overrides it to allocate nothing.
     *
     * @param output the output of the recorded application, overwritten
     * @param inputs its inputs, holding their current values
     */
    protected void replay(Tensor output, Tensor[] inputs) {
        Primitive.store(output, forward(inputs).data);
    }

    /** Applies the operation, recording one node when recording and some input is tracked. */
    public final Tensor apply(Tensor... inputs) {
        Tensor out;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            out = forward(inputs);
        }
        return Tensor.record(adapter, out.data, out.shape, inputs.clone()); // the caller may reuse its array
    }

    /** The bridge to the engine (one per operation: it holds no state of an application). */
    private final Primitive adapter = new Adapter();

    /** The bridge to the engine's primitive interface. */
    private final class Adapter extends Primitive {
        @Override
        String name() {
            return FusedOp.this.name();
        }

        @Override
        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            if (Autodiff.isRecording()) {
                throw new NotDifferentiableException("fused operation '" + name() + "' is differentiable once: it"
                        + " cannot be part of a gradient that is differentiated again (createGraph)");
            }
            Tensor[] r = backward(g, out, in, need);
            for (int k = 0; k < in.length; k++) {
                if (need[k] && r[k] != null && !java.util.Arrays.equals(r[k].shape, in[k].shape)) {
                    throw new ShapeException("fused operation '" + name() + "': cotangent " + k + " has shape "
                            + Shape.str(r[k].shape) + " but the input has shape " + Shape.str(in[k].shape));
                }
            }
            return r;
        }

        @Override
        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            throw new NotDifferentiableException("fused operation '" + name() + "' has no forward-mode rule");
        }

        @Override
        boolean replays() {
            return replayable();
        }

        @Override
        void recompute(Tensor out, Tensor[] in) {
            replay(out, in);
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return TaylorByDirection.stacked(plan, c, out, in, (xs, order) -> {
                Tensor[] y = FusedOp.this.taylor(xs, order, out, in);
                if (y == null) {
                    throw new NotDifferentiableException("fused operation '" + name() + "' has no Taylor-mode rule"
                            + " (override FusedOp.taylor, or build the function from primitives)");
                }
                return y;
            });
        }
    }
}
