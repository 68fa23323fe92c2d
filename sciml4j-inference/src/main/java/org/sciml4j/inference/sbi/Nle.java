package org.sciml4j.inference.sbi;

import org.sciml4j.train.TrainingListener;

/**
 * Neural likelihood estimation (NLE, Papamakarios et al. 2019, first round): a conditional flow q(x | theta) fitted
 * to the simulated pairs by maximum likelihood, with the same flows, objective, early stopping and trainer as
 * {@link Npe} (the pairs' roles swapped: x is the variable, theta the context). The posterior of an observation is
 * then sampled by MCMC on log q(x_o | theta) + log p(theta) ({@link NlePosterior}): each new observation costs an MCMC
 * run instead of one network pass, but the flow models the simulator only, not the prior, so it can be reused with
 * another prior, and for i.i.d. trials the log-likelihoods add.
 */
public final class Nle {
    private final NpeSettings settings;

    /** NLE with these training settings (the flow is built on C features with D context features). */
    public Nle(NpeSettings settings) {
        this.settings = settings;
    }

    /**
     * Trains q(x | theta).
     *
     * @param data simulated pairs theta (N, D), x (N, C)
     * @return the training outcome; its flow has C features and D context features
     */
    public Npe.Result train(SimulationData data, long seed, TrainingListener listener) {
        return new Npe(settings).train(new SimulationData(data.x(), data.theta()), seed, listener);
    }
}
