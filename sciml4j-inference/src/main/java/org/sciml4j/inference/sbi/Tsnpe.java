package org.sciml4j.inference.sbi;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.TrainingListener;

/**
 * Truncated sequential NPE for one observation x_o (TSNPE, Deistler et al. 2022). The budget is split into rounds;
 * round 1 simulates from the prior; each later round simulates from the prior truncated to the current estimate's
 * highest-density region {theta : log q(theta | x_o) >= tau}, tau the {@code epsilon}-quantile of log q over 10^4
 * of q's own samples (so the region holds 1 - epsilon of q's mass). Because the proposal is the prior restricted to
 * a region that holds (nearly) all the posterior, the ordinary NPE loss on all pairs gathered so far stays correct
 * inside the region, with no importance weights or atomic loss: each round trains a fresh flow by {@link Npe} on all
 * of them. The estimate is only meant for x_o (it is not amortised outside the region).
 */
public final class Tsnpe {
    private final NpeSettings settings;
    private final int rounds;
    private final double epsilon;

    /**
     * @param settings NPE's training settings, used in every round
     * @param rounds   R >= 1 (1 is plain NPE)
     * @param epsilon  the posterior mass left outside the truncation region, in (0, 0.5) (the paper: 1e-4)
     */
    public Tsnpe(NpeSettings settings, int rounds, double epsilon) {
        if (rounds < 1 || !(epsilon > 0 && epsilon < 0.5)) {
            throw new IllegalArgumentException("TSNPE needs rounds >= 1 and 0 < epsilon < 0.5, got " + rounds
                    + " and " + epsilon);
        }
        this.settings = settings;
        this.rounds = rounds;
        this.epsilon = epsilon;
    }

    /**
     * What the rounds gave.
     *
     * @param posterior  the last round's estimate, restricted to the prior's support
     * @param last       the last round's training
     * @param acceptance per round after the first, the share of prior draws inside the truncation region
     * @param data       all simulated pairs
     */
    public record Result(Posterior posterior, Npe.Result last, double[] acceptance, SimulationData data) {
    }

    /**
     * Runs all rounds.
     *
     * @param observed x_o, length C
     * @param budget   simulations in total, split evenly over the rounds (the last takes the remainder)
     * @param say      told one line per round
     * @throws IOException when the simulator fails
     */
    public Result run(Prior prior, Simulator simulator, double[] observed, int budget, long seed,
            TrainingListener listener, Consumer<String> say) throws IOException {
        int perRound = budget / rounds;
        if (perRound < 10) {
            throw new IllegalArgumentException("TSNPE: " + budget + " simulations over " + rounds
                    + " rounds leaves fewer than 10 per round");
        }
        Rng rng = new Rng(seed * 31 + 7);
        SimulationData all = null;
        Npe.Result trained = null;
        double[] acceptance = new double[rounds - 1];
        for (int r = 0; r < rounds; r++) {
            int n = r == rounds - 1 ? budget - perRound * (rounds - 1) : perRound;
            Prior proposal = prior;
            if (r > 0) {
                TruncatedPrior region = new TruncatedPrior(prior, trained.flow(), observed,
                        threshold(new Posterior(trained.flow(), prior), observed, rng));
                double[][] draws = region.sample(n, rng);
                acceptance[r - 1] = region.acceptance();
                proposal = replay(prior, draws);
            }
            SimulationData round = new Simulations(proposal, simulator, 500, 2).run(n, seed + 1000L * r, k -> { })
                    .data();
            all = all == null ? round : new SimulationData(Tensor.concat(0, all.theta(), round.theta()),
                    Tensor.concat(0, all.x(), round.x()));
            trained = new Npe(settings).train(all, seed + 1 + r, listener);
            say.accept(String.format(java.util.Locale.ROOT, "tsnpe round %d/%d: %d simulations%s, trained %d epochs"
                    + " (validation loss %.4f)", r + 1, rounds, all.size(), r == 0 ? " from the prior"
                    : String.format(java.util.Locale.ROOT, " (%.2f %% of prior draws in the region)",
                    100 * acceptance[r - 1]), trained.passes(), trained.bestValidation()));
        }
        return new Result(new Posterior(trained.flow(), prior), trained, acceptance, all);
    }

    /** tau: the epsilon-quantile of log q(theta | x_o) over 10^4 samples of q. */
    private double threshold(Posterior q, double[] observed, Rng rng) {
        int m = 10_000;
        Tensor s = q.sample(m, observed, rng);
        double[] xs = new double[m * observed.length];
        for (int i = 0; i < m; i++) {
            System.arraycopy(observed, 0, xs, i * observed.length, observed.length);
        }
        double[] lq = q.logProb(s, Tensor.of(xs, m, observed.length));
        Arrays.sort(lq);
        return lq[(int) Math.floor(epsilon * m)];
    }

    /** A prior whose draws are the given rows in order (the simulations draw theta one by one, in order). */
    private static Prior replay(Prior prior, double[][] draws) {
        List<double[]> queue = new ArrayList<>(Arrays.asList(draws));
        int[] next = {0};
        return Prior.custom(prior.dim(), r -> queue.get(next[0]++), prior::logProb);
    }
}
