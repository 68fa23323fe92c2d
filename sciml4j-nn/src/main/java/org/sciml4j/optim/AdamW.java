package org.sciml4j.optim;

/**
 * AdamW (Loshchilov and Hutter): Adam with decoupled weight decay, with the semantics and order of operations of
 * {@code torch.optim.AdamW} (single-tensor path, {@code amsgrad=False}). Each step first shrinks the parameter,
 * {@code p = p * (1 - lr * weight_decay)}, then takes the {@link Adam} step on the raw gradient.
 * <p>
 * State: {@code "step"}, {@code "exp_avg.<i>"} and {@code "exp_avg_sq.<i>"}. Configuration is immutable; the
 * instance holds the mutable per-run state (see {@link Optimizer}).
 */
public final class AdamW extends AdamCore {
    private AdamW(Builder b) {
        super(b, true);
    }

    /** AdamW with the given constant learning rate and the other defaults. */
    public static AdamW of(double learningRate) {
        return builder().learningRate(learningRate).build();
    }

    /**
     * A builder with PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 1e-2, constant
     * schedule.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A fresh optimiser (step 0, no buffers) with this one's configuration. */
    public AdamW fresh() {
        return copy(builder());
    }

    @Override
    String name() {
        return "AdamW";
    }

    /** Builder of {@link AdamW}; each setter validates its argument. */
    public static final class Builder extends AdamCore.Builder<Builder, AdamW> {
        private Builder() {
            super("AdamW", 1e-2);
        }

        @Override
        Builder self() {
            return this;
        }

        /** The optimiser. */
        @Override
        public AdamW build() {
            return new AdamW(this);
        }
    }
}
