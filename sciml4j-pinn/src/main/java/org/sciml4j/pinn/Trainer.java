package org.sciml4j.pinn;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.sciml4j.nn.Module;
import org.sciml4j.nn.Variable;
import org.sciml4j.optim.Optimizer;
import org.sciml4j.optim.TrainingDivergedException;
import org.sciml4j.pinn.weighting.Weighting;
import org.sciml4j.train.Phase;
import org.sciml4j.train.TrainingListener;

/**
 * Trains a network, and the problem's unknown parameters, on a {@link Problem}: a first-order phase (Adam by default)
 * for a number of epochs, then optionally L-BFGS and Levenberg-Marquardt, full batch. The loss is the weighted sum of
 * the terms: each equation's mean square residual at the collocation points and each condition's loss. This is the
 * PINN's face of the general {@link org.sciml4j.train.Trainer}, which it runs on a {@link PinnObjective}. Immutable;
 * every {@link #train} call starts a fresh optimiser.
 * <pre>{@code
 * Solution s = Trainer.builder().adam(1e-3, 10000).lbfgs(2000).seed(0)
 *         .listener(TrainingListener.printing(System.out, 1000)).build()
 *         .train(problem, Mlp.builder().sizes(1, 20, 20, 1).activation("tanh").seed(0).build());
 * }</pre>
 * Training that diverges (a loss term turns NaN or infinite) stops with a {@link TrainingDivergedException} naming
 * the epoch and the term; a loss that grows a million-fold over its best stops with the reason "diverged: ...".
 */
public final class Trainer {
    private final int epochs;
    private final int lbfgsIterations;
    private final int lmIterations;
    private final long seed;
    private final int resampleEvery;
    private final int batchSize;
    private final AdaptiveSampling adaptive;
    private final Weighting weighting;
    private final org.sciml4j.train.Trainer general;

    private Trainer(Builder b) {
        resampleEvery = b.resampleEvery;
        adaptive = b.adaptive;
        weighting = b.weighting;
        batchSize = b.batchSize;
        epochs = b.firstOrder.epochs();
        lbfgsIterations = b.lbfgs.iterations();
        lmIterations = b.lm.iterations();
        seed = b.seed;
        org.sciml4j.train.Trainer.Builder g = org.sciml4j.train.Trainer.builder();
        if (epochs > 0) {
            g.phase(b.firstOrder);
        }
        List<Phase> later = b.schedule != null ? b.schedule : List.of(b.lbfgs, b.lm);
        for (Phase p : later) {
            // the lbfgs and lm entries take their lengths from lbfgs(n) and lm(n), which may override a file's
            Phase phase = "lbfgs".equals(p.name()) ? b.lbfgs : "lm".equals(p.name()) ? b.lm : p;
            if (phase.length() == 0) {
                continue;
            }
            // with adaptive sampling L-BFGS (and SSBFGS, SSBroyden, Newton-CG) also works in rounds, each on points
            // placed by the last round's residual
            g.phase(adaptive != null && phase == b.lbfgs ? Phase.lbfgs(lbfgsIterations, resampleEvery)
                    : adaptive != null && phase instanceof Phase.QuasiNewton q
                            ? new Phase.QuasiNewton(q.name(), q.minimizer(), q.iterations(), resampleEvery) : phase);
        }
        if (b.listener != null) {
            g.listener(b.listener);
        }
        if (b.timeBudget != null) {
            g.timeBudget(b.timeBudget);
        }
        if (b.checkpointDir != null) {
            g.checkpoint(b.checkpointDir, b.checkpointEvery);
        }
        if (b.replay != null) {
            g.replay(b.replay);
        }
        general = g.build();
    }

    /** A builder; the defaults are Adam at 1e-3 for 10000 epochs, no L-BFGS, seed 0, no listener. */
    public static Builder builder() {
        return new Builder();
    }

    /** Epochs of the first-order phase. */
    public int epochs() {
        return epochs;
    }

    /** Iterations of the L-BFGS phase (0: none). */
    public int lbfgsIterations() {
        return lbfgsIterations;
    }

    /** Iterations of the Levenberg-Marquardt phase (0: none). */
    public int lmIterations() {
        return lmIterations;
    }

    /** The general trainer this one runs: the phases, listeners, time budget and checkpoints. */
    public org.sciml4j.train.Trainer general() {
        return general;
    }

    /**
     * Trains {@code network} (updated in place) and the problem's unknown parameters (their {@link Variable}s,
     * likewise).
     *
     * @param network inputs: the problem's variables; outputs: its fields
     * @return the trained solution with its loss history
     * @throws IllegalArgumentException    if the network's sizes do not fit the problem
     * @throws TrainingDivergedException if the loss becomes NaN or infinite
     */
    public Solution train(Problem problem, Module network) {
        return solution(problem, network, general.train(objective(problem, network)));
    }

    /**
     * Continues the run checkpointed in {@code dir} (see {@link Builder#checkpoint}) on the same problem and a network
     * of the same shape (its parameters are overwritten by the checkpoint's): the solution equals, bit for bit, that
     * of the run had it never been interrupted. The history holds the epochs before the interruption too.
     *
     * @throws org.sciml4j.io.DataFormatException if {@code dir} holds no checkpoint or a malformed one
     * @throws IllegalArgumentException           if the checkpoint does not fit this problem, network or schedule
     */
    public Solution resume(Path dir, Problem problem, Module network) throws IOException {
        return solution(problem, network, general.resume(dir, objective(problem, network)));
    }

    /**
     * Whether the run checkpointed in {@code dir} went through this trainer's whole schedule: a {@link #resume} would
     * train nothing.
     *
     * @throws org.sciml4j.io.DataFormatException if {@code dir} holds no checkpoint or a malformed one
     */
    public boolean finished(Path dir) throws IOException {
        return general.finished(dir);
    }

    private PinnObjective objective(Problem problem, Module network) {
        return new PinnObjective(problem, network, seed, resampleEvery, batchSize, adaptive, weighting);
    }

    private Solution solution(Problem problem, Module network, org.sciml4j.train.Trainer.Result r) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (Variable v : problem.unknowns()) {
            values.put(v.name(), v.current());
        }
        double firstSeconds = epochs > 0 ? r.phaseSeconds().get(0) : 0;
        return new Solution(problem, network, values, r.history(), r.epochs(), r.seconds(), firstSeconds,
                r.stopReason());
    }

    /** Builds a {@link Trainer}. */
    public static final class Builder {
        private Phase.FirstOrder firstOrder = Phase.adam(1e-3, 10000);
        private Phase.QuasiNewton lbfgs = Phase.lbfgs(0, 1);
        private Phase.GaussNewton lm = Phase.levenbergMarquardt(0);
        private List<Phase> schedule;
        private long seed;
        private TrainingListener listener;
        private int resampleEvery;
        private int batchSize;
        private AdaptiveSampling adaptive;
        private Weighting weighting;
        private Duration timeBudget;
        private Path checkpointDir;
        private Boolean replay;
        private int checkpointEvery;

        private Builder() {
        }

        /**
         * Places the collocation points of each {@link #resample} redraw by the equations' residual instead of
         * drawing them afresh from the sampler (null, the default: from the sampler); see {@link AdaptiveSampling}.
         * The count stays the problem's; the first points come from the sampler.
         */
        public Builder adaptive(AdaptiveSampling sampling) {
            this.adaptive = sampling;
            return this;
        }

        /**
         * Draws new collocation points every {@code epochs} first-order epochs (0: never, the default), with seeds
         * that follow from the trainer's seed: worthwhile with a random sampler ({@code random}, {@code lhs}), which
         * gives new points for each seed; the deterministic ones (uniform, Sobol, Halton, Hammersley) give the same
         * points again. L-BFGS uses the last draw, except with {@link #adaptive} sampling: then it also runs in rounds
         * of {@code epochs} iterations, each on points placed by the residual after the last (a fresh L-BFGS memory
         * each round).
         */
        public Builder resample(int epochs) {
            this.resampleEvery = nonNegative("resampling period", epochs);
            return this;
        }

        /**
         * Evaluates the equations at a mini-batch of {@code size} collocation points each first-order epoch, drawn
         * anew every epoch (0: all points, the default); conditions always use all their points. L-BFGS uses all
         * collocation points.
         */
        public Builder batch(int size) {
            this.batchSize = nonNegative("batch size", size);
            return this;
        }

        /**
         * Loss-shaping remedies (null, the default: none): term balancing (grad_norm, ntk), point weights
         * (self_adaptive, rba), causal weights, refinement (RAR); see {@link org.sciml4j.pinn.weighting}. Point
         * weights need full batches; refinement is not combined with resampling or adaptive sampling.
         */
        public Builder weighting(Weighting remedies) {
            this.weighting = remedies;
            return this;
        }

        /** Adam at learning rate {@code lr} for {@code epochs} epochs (0 for none); see {@link Phase#adam}. */
        public Builder adam(double lr, int epochs) {
            this.firstOrder = Phase.adam(lr, epochs);
            return this;
        }

        /** A first-order optimiser, made fresh for each training run, for {@code epochs} epochs (0 for none). */
        public Builder optimizer(String phaseName, Supplier<Optimizer> factory, int epochs) {
            this.firstOrder = new Phase.FirstOrder(phaseName, factory, epochs);
            return this;
        }

        /** L-BFGS (strong-Wolfe line search) for at most {@code iterations} iterations after the first phase. */
        public Builder lbfgs(int iterations) {
            this.lbfgs = Phase.lbfgs(iterations, Math.max(1, iterations));
            return this;
        }

        /**
         * Levenberg-Marquardt ({@link org.sciml4j.optim.LevenbergMarquardt}, default settings) for at most
         * {@code iterations} iterations after the first phase and L-BFGS, on all collocation points: the way to
         * drive the loss of a small network (up to a few thousand parameters) to rounding level.
         */
        public Builder lm(int iterations) {
            this.lm = Phase.levenbergMarquardt(iterations);
            return this;
        }

        /**
         * The phases after the first-order one, in order (null, the default: L-BFGS then Levenberg-Marquardt): any of
         * {@link Phase#lbfgs}, {@link Phase#levenbergMarquardt}, {@link Phase#naturalGradient}, {@link Phase#ssbfgs},
         * {@link Phase#ssbroyden}; an entry named {@code "lbfgs"} or {@code "lm"} runs for the iterations set by
         * {@link #lbfgs} or {@link #lm}.
         */
        public Builder schedule(List<Phase> phases) {
            this.schedule = phases == null ? null : List.copyOf(phases);
            return this;
        }

        /** Seeds the sampling of collocation and condition points. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Told about every epoch; may stop training. */
        public Builder listener(TrainingListener listener) {
            this.listener = listener;
            return this;
        }

        /** Stops training with the reason "time budget" after the first epoch or iteration that ends past it. */
        public Builder timeBudget(Duration budget) {
            this.timeBudget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /**
         * Writes a checkpoint into the run folder {@code dir} every {@code every} epochs and L-BFGS iterations
         * (0: only at the end), and when training ends or stops; {@link Trainer#resume} continues from it. See
         * {@link org.sciml4j.train.Trainer.Builder#checkpoint}, which checks the values when this builder builds.
         */
        public Builder checkpoint(Path dir, int every) {
            this.checkpointDir = Objects.requireNonNull(dir, "dir");
            this.checkpointEvery = every;
            return this;
        }

        /** See {@link org.sciml4j.train.Trainer.Builder#replay}: on by default; the results are the same. */
        public Builder replay(boolean on) {
            this.replay = on;
            return this;
        }

        private static int nonNegative(String what, int value) {
            if (value < 0) {
                throw new IllegalArgumentException(what + " must be >= 0, got " + value);
            }
            return value;
        }

        /**
         * The trainer.
         *
         * @throws IllegalArgumentException with adaptive sampling but no redraws, or when there is nothing to train
         *                                  (no epochs and no L-BFGS iterations), or a bad time budget or checkpoint
         *                                  interval
         */
        public Trainer build() {
            if (adaptive != null && resampleEvery == 0) {
                throw new IllegalArgumentException("adaptive sampling places the points of each redraw, but no redraw"
                        + " is set: set how often with resample(epochs) (resample_every in a problem file), e.g."
                        + " every 1000 epochs");
            }
            if (weighting != null && weighting.refinement() != null && resampleEvery > 0) {
                throw new IllegalArgumentException("refinement (rar) adds points to a fixed set, which resampling"
                        + (adaptive != null ? " with adaptive sampling" : "") + " would replace: use one of them");
            }
            if (weighting != null && weighting.points() != null && batchSize > 0) {
                throw new IllegalArgumentException("point weights belong to the collocation points and need all of"
                        + " them every epoch; leave the mini-batch (adam: {batch}) out");
            }
            return new Trainer(this);
        }
    }
}
