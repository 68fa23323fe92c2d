package org.sciml4j.pinn.uncertainty;

/**
 * The standard deviations of a Bayesian PINN's Gaussian likelihood and priors (Yang, Meng and Karniadakis 2021).
 *
 * @param dataSd      noise of observed data (conditions that read a data file): u_obs = u(t) + N(0, dataSd^2)
 * @param physicsSd   pseudo-noise of each equation's residual at the collocation points
 * @param conditionSd pseudo-noise of the other conditions' residuals (initial and boundary values)
 * @param priorSd     the prior of every network weight and bias: N(0, priorSd^2)
 * @param unknownSd   the prior of each unknown's raw (unconstrained) value: N(raw initial guess, unknownSd^2)
 */
public record Likelihood(double dataSd, double physicsSd, double conditionSd, double priorSd, double unknownSd) {

    /** Checks that each is finite and > 0. */
    public Likelihood {
        double[] all = {dataSd, physicsSd, conditionSd, priorSd, unknownSd};
        String[] names = {"data_sd", "physics_sd", "condition_sd", "prior_sd", "unknown_sd"};
        for (int i = 0; i < all.length; i++) {
            if (!(all[i] > 0) || Double.isInfinite(all[i])) {
                throw new IllegalArgumentException(names[i] + " must be finite and > 0, got " + all[i]);
            }
        }
    }
}
