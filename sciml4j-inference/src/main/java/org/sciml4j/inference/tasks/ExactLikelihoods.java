package org.sciml4j.inference.tasks;

import org.sciml4j.inference.mcmc.LogDensity;

/**
 * Exact log-likelihoods log p(x_o | theta) of the tasks that have one, as batched functions of theta for MCMC:
 * they make reference posteriors and check the sampler against sbibm's reference samples.
 */
public final class ExactLikelihoods {
    private ExactLikelihoods() {
    }

    /**
     * The exact likelihood of a task by name, as a function of the observation, or null when the task has none
     * (two_moons and slcp have one too, but sbibm's reference samples serve them).
     */
    public static java.util.function.Function<double[], LogDensity> forTask(String name) {
        return switch (name) {
            case "gaussian_linear" -> ExactLikelihoods::gaussianLinear;
            case DampedOscillator.NAME -> DampedOscillator::likelihood;
            default -> null;
        };
    }

    /**
     * gaussian_linear: x ~ N(theta, 0.1 I), so log p(x_o | theta) = sum_j log N(x_o,j; theta_j, 0.1).
     *
     * @param observed x_o, length D
     */
    public static LogDensity gaussianLinear(double[] observed) {
        double var = 0.1;
        double norm = -0.5 * observed.length * Math.log(2 * Math.PI * var);
        double[] xo = observed.clone();
        return LogDensity.pointwise(theta -> {
            double s = 0;
            for (int j = 0; j < xo.length; j++) {
                double r = xo[j] - theta[j];
                s += r * r;
            }
            return norm - 0.5 * s / var;
        });
    }
}
