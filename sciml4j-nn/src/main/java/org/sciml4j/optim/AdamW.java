package org.sciml4j.optim;

import java.util.Objects;

/**
 * AdamW (Loshchilov and Hutter): Adam with decoupled weight decay, with the semantics and order of operations of
 * {@code torch.optim.AdamW} (single-tensor path, {@code amsgrad=False}). Each step first shrinks the parameter,
 * {@code p = p * (1 - lr * weight_decay)}, then takes the {@link Adam} step on the raw gradient.
 * <p>
 * State: {@code "step"}, {@code "exp_avg.<i>"} and {@code "exp_avg_sq.<i>"}. Configuration is immutable; the
 * instance holds the mutable per-run state (see {@link Optimizer}).
 */
public final class AdamW extends AbstractOptimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;

    private AdamW(Builder b) {
        super(b.learningRate, b.schedule, "exp_avg", "exp_avg_sq");
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.eps = b.eps;
        this.weightDecay = b.weightDecay;
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
        return builder().learningRate(baseLearningRate()).schedule(schedule()).betas(beta1, beta2).eps(eps)
                .weightDecay(weightDecay).build();
    }

    @Override
    String name() {
        return "AdamW";
    }

    @Override
    void update(int step, double lr, double[] p, double[] g, double[][] buffers) {
        AdamCore.update(step, lr, beta1, beta2, eps, weightDecay, true, p, g, buffers[0], buffers[1]);
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

    /** Decoupled weight decay coefficient. */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    public String toString() {
        return "AdamW[lr=" + baseLearningRate() + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps
                + ", weightDecay=" + weightDecay + ", schedule=" + schedule() + "]";
    }

    /** Builder of {@link AdamW}; each setter validates its argument. */
    public static final class Builder {
        private double learningRate = 1e-3;
        private LearningRateSchedule schedule = LearningRateSchedule.constant();
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay = 1e-2;

        private Builder() {
        }

        /** Base learning rate (default 1e-3). */
        public Builder learningRate(double lr) {
            this.learningRate = checkNonNegative("AdamW", "learning rate", lr);
            return this;
        }

        /** Learning-rate schedule (default constant). */
        public Builder schedule(LearningRateSchedule s) {
            this.schedule = Objects.requireNonNull(s, "schedule");
            return this;
        }

        /** Decay rates of the moment estimates, each in [0, 1) (default 0.9, 0.999). */
        public Builder betas(double beta1, double beta2) {
            AdamCore.checkBeta("AdamW", 1, beta1);
            AdamCore.checkBeta("AdamW", 2, beta2);
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /** Term added to the denominator (default 1e-8). */
        public Builder eps(double eps) {
            this.eps = checkNonNegative("AdamW", "eps", eps);
            return this;
        }

        /** Decoupled weight decay (default 1e-2, as PyTorch). */
        public Builder weightDecay(double wd) {
            this.weightDecay = checkNonNegative("AdamW", "weight decay", wd);
            return this;
        }

        /** The optimiser. */
        public AdamW build() {
            return new AdamW(this);
        }
    }
}
