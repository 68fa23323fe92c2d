package org.sciml4j.optim;

/**
 * Adam (Kingma and Ba) with L2 weight decay added to the gradient, with the semantics and the floating-point
 * arithmetic of {@code torch.optim.Adam} (single-tensor path, {@code amsgrad=False}, PyTorch 2.x), element by
 * element:
 * <pre>
 *   g     = fma(weight_decay, p, grad)                   (if weight_decay != 0; torch: grad.add(p, alpha=wd))
 *   m     = fma(1 - beta1, g - m, m)                     (torch: exp_avg.lerp_(g, 1 - beta1))
 *   v     = fma((1 - beta2) * g, g, v * beta2)           (torch: mul_(beta2).addcmul_(g, g, value=1 - beta2))
 *   bc1   = 1 - beta1^t,   bc2 = 1 - beta2^t             (t = step, counting from 1)
 *   denom = sqrt(v) / sqrt(bc2) + eps
 *   p     = p + (-(lr / bc1)) * m / denom                (torch: addcdiv_(m, denom, value=-step_size))
 * </pre>
 * which is {@code p -= lr * m_hat / (sqrt(v_hat) + eps)} up to rounding. The fused multiply-adds are those of
 * PyTorch's CPU kernels (AVX2 and AVX-512 builds), so trajectories equal PyTorch's bit for bit (checked against
 * PyTorch's kernels); {@code beta^t} is rounded correctly, as Python's {@code pow} does in all but rare cases
 * (where the two may differ in the last bit). PyTorch before 2.0 updated {@code m} as
 * {@code m * beta1 + (1 - beta1) g} instead of {@code lerp}, which differs in the last bits.
 * <p>
 * State: {@code "step"}, {@code "exp_avg.<i>"} and {@code "exp_avg_sq.<i>"}. Configuration is immutable; the
 * instance holds the mutable per-run state (see {@link Optimizer}).
 */
public final class Adam extends AdamCore {
    private Adam(Builder b) {
        super(b, false);
    }

    /** Adam with the given constant learning rate and the other defaults. */
    public static Adam of(double learningRate) {
        return builder().learningRate(learningRate).build();
    }

    /**
     * A builder with PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, weight decay 0, constant schedule.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A fresh optimiser (step 0, no buffers) with this one's configuration. */
    public Adam fresh() {
        return copy(builder());
    }

    @Override
    String name() {
        return "Adam";
    }

    /** Builder of {@link Adam}; each setter validates its argument. */
    public static final class Builder extends AdamCore.Builder<Builder, Adam> {
        private Builder() {
            super("Adam", 0);
        }

        @Override
        Builder self() {
            return this;
        }

        /** The optimiser. */
        @Override
        public Adam build() {
            return new Adam(this);
        }
    }
}
