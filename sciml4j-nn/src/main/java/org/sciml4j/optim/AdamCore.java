package org.sciml4j.optim;

/**
 * What {@link Adam} and {@link AdamW} share: the hyper-parameters, their builder, and the update, in the exact
 * floating-point arithmetic of PyTorch's single-tensor implementation ({@code torch.optim.adam._single_tensor_adam},
 * non-AMSGrad) on its CPU kernels. Those kernels (in the AVX2 and AVX-512 builds every current x86 processor runs)
 * fuse the multiply-adds of {@code add(alpha)}, {@code lerp} and {@code addcmul}; {@link Math#fma}, exactly rounded
 * on every JVM, reproduces them. {@code addcdiv} divides, so it is not fused. The scalar {@code beta^t} is the
 * correctly rounded power, as the C library's {@code pow} that Python uses gives in all but rare cases.
 * <p>
 * State: {@code "step"}, {@code "exp_avg.<i>"} and {@code "exp_avg_sq.<i>"}.
 */
abstract class AdamCore extends AbstractOptimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final boolean decoupled;

    /** @param decoupled true for AdamW ({@code p *= 1 - lr*wd} first), false for Adam (L2: {@code g += wd*p}) */
    AdamCore(Builder<?, ?> b, boolean decoupled) {
        super(b, "exp_avg", "exp_avg_sq");
        this.beta1 = b.beta1;
        this.beta2 = b.beta2;
        this.eps = b.eps;
        this.decoupled = decoupled;
    }

    /** The step whose bias corrections are cached (they are the same for every parameter of a step). */
    private int correctedStep = -1;
    private double biasCorrection1;
    private double biasCorrection2;

    @Override
    final void update(int step, double lr, double[] p, double[] g, double[][] buffers) {
        if (step != correctedStep) {
            // Python: 1 - beta ** step. Once that is exactly 1 it stays 1 for every later step (0 <= beta < 1, and
            // rounding is monotone), so the power is not computed again: beta1^t = 0.9^t becomes subnormal at t = 6720,
            // where powInt took its underflow branch for the first time, and in the JIT's compiled code that branch,
            // never seen before, deoptimised the whole optimiser step (recompiled later: the tutorial's forward run)
            boolean later = step > correctedStep;
            biasCorrection1 = later && biasCorrection1 == 1 ? 1 : 1 - Powers.powInt(beta1, step);
            biasCorrection2 = later && biasCorrection2 == 1 ? 1 : 1 - Powers.powInt(beta2, step);
            correctedStep = step;
        }
        update(lr, beta1, beta2, eps, weightDecay(), decoupled, biasCorrection1, biasCorrection2, p, g, buffers[0],
                buffers[1]);
    }

    /** Decay rate of the first-moment estimate. */
    public final double beta1() {
        return beta1;
    }

    /** Decay rate of the second-moment estimate. */
    public final double beta2() {
        return beta2;
    }

    /** Term added to the denominator. */
    public final double eps() {
        return eps;
    }

    /** {@code builder} set to this optimiser's configuration, built: a fresh optimiser (step 0, no buffers). */
    final <O> O copy(Builder<?, O> builder) {
        return builder.learningRate(baseLearningRate()).schedule(schedule()).betas(beta1, beta2).eps(eps)
                .weightDecay(weightDecay()).build();
    }

    @Override
    public String toString() {
        return name() + "[lr=" + baseLearningRate() + ", betas=(" + beta1 + ", " + beta2 + "), eps=" + eps
                + ", weightDecay=" + weightDecay() + ", schedule=" + schedule() + "]";
    }

    /**
     * The settings of the Adam family on top of the common ones: betas (default 0.9, 0.999) and eps (default 1e-8).
     *
     * @param <B> the concrete builder (for chaining)
     * @param <O> the optimiser it builds
     */
    abstract static class Builder<B extends Builder<B, O>, O> extends AbstractOptimizer.Builder<B, O> {
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;

        Builder(String owner, double defaultWeightDecay) {
            super(owner, defaultWeightDecay);
        }

        /** Decay rates of the moment estimates, each in [0, 1) (default 0.9, 0.999). */
        public B betas(double beta1, double beta2) {
            checkBeta(owner, 1, beta1);
            checkBeta(owner, 2, beta2);
            this.beta1 = beta1;
            this.beta2 = beta2;
            return self();
        }

        /** Term added to the denominator (default 1e-8). */
        public B eps(double eps) {
            this.eps = checkNonNegative(owner, "eps", eps);
            return self();
        }
    }

    /** One Adam step on one parameter, with the bias corrections {@code 1 - beta1^t} and {@code 1 - beta2^t} given. */
    static void update(double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled,
            double biasCorrection1, double biasCorrection2, double[] p, double[] grad, double[] m, double[] v) {
        // scalars exactly as torch computes them in Python (double precision)
        final double weight1 = 1 - beta1;               // exp_avg.lerp_(grad, 1 - beta1)
        final double weight2 = 1 - beta2;               // addcmul_(grad, grad, value=1 - beta2)
        final double stepSize = lr / biasCorrection1;
        final double negStepSize = -stepSize;           // addcdiv_(exp_avg, denom, value=-step_size)
        final double biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
        final double decay = 1 - lr * weightDecay;      // AdamW: param.mul_(1 - lr * weight_decay)
        final boolean l2 = !decoupled && weightDecay != 0;
        final boolean small = Math.abs(weight1) < 0.5;  // torch's lerp picks its formula by the weight
        for (int j = 0; j < p.length; j++) {
            if (decoupled) {
                p[j] = p[j] * decay;
            }
            double g = grad[j];
            if (l2) {
                g = Math.fma(weightDecay, p[j], g);                    // grad.add(param, alpha=weight_decay)
            }
            double mj = m[j];
            mj = small ? Math.fma(weight1, g - mj, mj)                 // exp_avg.lerp_(grad, 1 - beta1)
                    : Math.fma(-(g - mj), 1 - weight1, g);
            m[j] = mj;
            double vj = Math.fma(weight2 * g, g, v[j] * beta2);        // mul_(beta2).addcmul_(g, g, value=1-beta2)
            v[j] = vj;
            double denom = Math.sqrt(vj) / biasCorrection2Sqrt + eps;  // (sqrt(v) / sqrt(bc2)).add_(eps)
            p[j] = p[j] + negStepSize * mj / denom;                    // addcdiv_(m, denom, value=-step_size)
        }
    }

    static void checkBeta(String owner, int which, double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException(owner + ": beta" + which + " must be in [0, 1), got " + beta);
        }
    }
}
