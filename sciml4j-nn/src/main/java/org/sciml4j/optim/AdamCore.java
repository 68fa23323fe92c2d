package org.sciml4j.optim;

/**
 * The Adam update shared by {@link Adam} and {@link AdamW}, in the exact floating-point arithmetic of PyTorch's
 * single-tensor implementation ({@code torch.optim.adam._single_tensor_adam}, non-AMSGrad) on its CPU kernels.
 * Those kernels (in the AVX2 and AVX-512 builds every current x86 processor runs) fuse the multiply-adds of
 * {@code add(alpha)}, {@code lerp} and {@code addcmul}; {@link Math#fma}, exactly rounded on every JVM, reproduces
 * them. {@code addcdiv} divides, so it is not fused. The scalar {@code beta^t} is the correctly rounded power, as
 * the C library's {@code pow} that Python uses gives in all but rare cases.
 */
final class AdamCore {
    private AdamCore() {
    }

    /**
     * One Adam step on one parameter.
     *
     * @param decoupled true for AdamW ({@code p *= 1 - lr*wd} first), false for Adam (L2: {@code g += wd*p})
     */
    static void update(int step, double lr, double beta1, double beta2, double eps, double weightDecay,
            boolean decoupled, double[] p, double[] grad, double[] m, double[] v) {
        // scalars exactly as torch computes them in Python (double precision)
        final double weight1 = 1 - beta1;               // exp_avg.lerp_(grad, 1 - beta1)
        final double weight2 = 1 - beta2;               // addcmul_(grad, grad, value=1 - beta2)
        final double biasCorrection1 = 1 - Powers.powInt(beta1, step);   // Python: 1 - beta1 ** step
        final double biasCorrection2 = 1 - Powers.powInt(beta2, step);
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
