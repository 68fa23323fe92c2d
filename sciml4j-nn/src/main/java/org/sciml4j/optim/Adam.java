package org.sciml4j.optim;

import java.util.Objects;

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
public final class Adam extends AbstractOptimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;

    private Adam(Builder b) {
        super(b.learningRate, b.schedule, "exp_avg", "exp_avg_sq");
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.eps = b.eps;
        this.weightDecay = b.weightDecay;
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
        return builder().learningRate(baseLearningRate()).schedule(schedule()).betas(beta1, beta2).eps(eps)
                .weightDecay(weightDecay).build();
    }

    @Override
    String name() {
        return "Adam";
    }

    @Override
    void update(int step, double lr, double[] p, double[] g, double[][] buffers) {
        AdamCore.update(step, lr, beta1, beta2, eps, weightDecay, false, p, g, buffers[0], buffers[1]);
    }

    /** Decay rate of the first-moment estimate. */
    public double beta1() {
        return beta1;
    }

    /** Decay rate of the second-moment estimate. */
    public double beta2() {
        return beta2;
    }

    /** Term added to the denominator. */
    public double eps() {
        return eps;
    }

    /** L2 weight decay coefficient (added to the gradient). */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public String toString() {
        return "Adam[lr=" + baseLearningRate() + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps
                + ", weightDecay=" + weightDecay + ", schedule=" + schedule() + "]";
    }

    /** Builder of {@link Adam}; each setter validates its argument. */
    public static final class Builder {
        private double learningRate = 1e-3;
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay;

        private Builder() {
        }

        /** Base learning rate (default 1e-3). */
        public Builder learningRate(double lr) {
            this.learningRate = checkNonNegative("Adam", "learning rate", lr);
            return this;
        }

        /** Learning-rate schedule (default constant). */
        public Builder schedule(LearningRateSchedule s) {
            this.schedule = Objects.requireNonNull(s, "schedule");
            return this;
        }

        /** Decay rates of the moment estimates, each in [0, 1) (default 0.9, 0.999). */
        public Builder betas(double beta1, double beta2) {
            AdamCore.checkBeta("Adam", 1, beta1);
            AdamCore.checkBeta("Adam", 2, beta2);
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /** Term added to the denominator (default 1e-8). */
        public Builder eps(double eps) {
            this.eps = checkNonNegative("Adam", "eps", eps);
            return this;
        }

        /** L2 weight decay added to the gradient (default 0). For decoupled decay use {@link AdamW}. */
        public Builder weightDecay(double wd) {
            this.weightDecay = checkNonNegative("Adam", "weight decay", wd);
            return this;
        }

        /** The optimiser. */
        public Adam build() {
            return new Adam(this);
        }
    }
}
