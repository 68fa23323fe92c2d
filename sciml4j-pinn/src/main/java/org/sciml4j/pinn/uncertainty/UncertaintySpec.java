package org.sciml4j.pinn.uncertainty;

/** What a problem file's {@code uncertainty:} section asks for: a deep ensemble or a Bayesian PINN by HMC. */
public sealed interface UncertaintySpec {

    /**
     * A deep ensemble: {@code members} PINNs trained from seeds s, s + 1, ..., each with the file's network and
     * training schedule.
     *
     * @param members  the number of members K (>= 2)
     * @param threads  worker threads (0: min(K, available processors))
     * @param anchored null for a deep ensemble of the file's PINN; else randomised MAP ("anchored ensembles"): each
     *                 member minimises {@link BayesianPinn#randomised} of these standard deviations
     */
    record Ensemble(int members, int threads, Likelihood anchored) implements UncertaintySpec {
        /** A deep ensemble of the file's PINN. */
        public Ensemble(int members, int threads) {
            this(members, threads, null);
        }

        /** Checks the values. */
        public Ensemble {
            if (members < 2) {
                throw new IllegalArgumentException("an ensemble needs at least 2 members, got " + members);
            }
            if (threads < 0) {
                throw new IllegalArgumentException("threads must be >= 0 (0: one per core), got " + threads);
            }
        }

        /** The threads to use: {@code threads}, or min(K, available processors) when 0. */
        public int threadCount() {
            int t = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
            return Math.max(1, Math.min(members, t));
        }
    }

    /**
     * A Bayesian PINN sampled by HMC, started from the posterior's mode found by the file's training schedule.
     *
     * @param sampler    the sampler's settings
     * @param likelihood the likelihood's and priors' standard deviations
     */
    record Bayesian(HmcSettings sampler, Likelihood likelihood) implements UncertaintySpec {
    }
}
