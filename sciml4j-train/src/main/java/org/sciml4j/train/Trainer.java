package org.sciml4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.sciml4j.optim.Adam;
import org.sciml4j.optim.LeastSquares;
import org.sciml4j.optim.LeastSquaresMinimizer;
import org.sciml4j.optim.Minimizer;
import org.sciml4j.optim.Optimizer;
import org.sciml4j.optim.ParameterVector;
import org.sciml4j.optim.SteppingMinimizer;
import org.sciml4j.optim.TrainingDivergedException;
import org.sciml4j.tensor.Tensor;

/**
 * Trains any {@link Objective} through a schedule of {@link Phase}s: first-order optimisers for a number of epochs
 * (one optimiser step each), then quasi-Newton minimisers in rounds. Every epoch or iteration is logged in a
 * {@link LossHistory} and told to the {@link TrainingListener}s, which may stop the run. Training also stops when a
 * time budget runs out ("time budget") or when the total grows far above its best ("diverged: ..."); a loss term
 * that turns NaN or infinite throws a {@link TrainingDivergedException} naming the epoch and the term.
 * <p>
 * With {@link Builder#checkpoint checkpoints}, the run folder receives, atomically, every {@code N} epochs and when
 * training ends or stops, the parameters, the optimiser's or minimiser's state, the objective's draws and the
 * history; {@link #resume} continues from there with the same bits as a run that was never interrupted.
 * <pre>{@code
 * Trainer.Result r = Trainer.builder().adam(1e-3, 3000).phase(Phase.lbfgs(500, 500))
 *         .listener(TrainingListener.printing(System.out, 500)).checkpoint(runDir, 1000).build().train(objective);
 * }</pre>
 * Immutable; each run makes its optimisers afresh.
 */
public final class Trainer {
    /** The checkpoint's file name in the run folder given to {@link Builder#checkpoint} and {@link #resume}. */
    public static final String CHECKPOINT_FILE = RunCheckpoint.FILE;
    /** How far above its best the total may grow before the run stops as diverged, unless set. */
    public static final double DEFAULT_DIVERGENCE_FACTOR = 1e6;
    /** How a stop reason that says the total diverged begins. */
    private static final String DIVERGED = "diverged: ";

    /** The default of {@link Builder#replay}: on, unless {@code -Dsciml4j.replay=off}. */
    private static final boolean REPLAY = !"off".equals(System.getProperty("sciml4j.replay"));

    private final List<Phase> phases;
    private final List<TrainingListener> listeners;
    private final Duration timeBudget;
    private final double divergenceFactor;
    private final Path checkpointDir;
    private final int checkpointEvery;
    private final boolean replay;

    private Trainer(Builder b) {
        phases = List.copyOf(b.phases);
        listeners = List.copyOf(b.listeners);
        timeBudget = b.timeBudget;
        divergenceFactor = b.divergenceFactor;
        checkpointDir = b.checkpointDir;
        checkpointEvery = b.checkpointEvery;
        replay = b.replay;
    }

    /** A builder with no phase, no listener, no time budget, no checkpoint. */
    public static Builder builder() {
        return new Builder();
    }

    /** The phases, in order. */
    public List<Phase> phases() {
        return phases;
    }

    /**
     * How a run ended.
     *
     * @param history      the loss per epoch or iteration
     * @param epochs       epochs and iterations run, across phases (those before a resume included)
     * @param seconds      wall time of this call
     * @param phaseSeconds wall time of each phase in this call (0 for phases not run)
     * @param stopReason   "completed" after a first-order phase, the minimiser's termination after a quasi-Newton
     *                     one, or why training stopped early: "stopped by listener", "time budget", "diverged: ..."
     */
    public record Result(LossHistory history, int epochs, double seconds, List<Double> phaseSeconds,
            String stopReason) {
        /** Copies the phase times. */
        public Result {
            phaseSeconds = List.copyOf(phaseSeconds);
        }
    }

    /** Whether a result's {@link Result#stopReason()} says the total diverged (grew far above its best). */
    public static boolean diverged(String stopReason) {
        return stopReason.startsWith(DIVERGED);
    }

    /**
     * Trains the objective's parameters (in place) from where they are.
     *
     * @throws TrainingDivergedException if a loss term becomes NaN or infinite (naming it)
     * @throws UncheckedIOException      if a checkpoint cannot be written
     */
    public Result train(Objective objective) {
        return new Run(objective).execute(null);
    }

    /**
     * Whether the run checkpointed in {@code dir} went through this trainer's whole schedule, so that a
     * {@link #resume} would train nothing (and report no phase).
     *
     * @throws org.sciml4j.io.DataFormatException if {@code dir} holds no checkpoint, or a malformed one
     */
    public boolean finished(Path dir) throws IOException {
        return RunCheckpoint.read(dir).phase() >= phases.size();
    }

    /**
     * Continues the run whose checkpoint is in {@code dir}, on an objective built as for the interrupted run (same
     * data, network shape, seeds): restores its parameters, the objective's draws, the history and the optimiser's
     * or minimiser's state, then trains to the end of the schedule. The final parameters and history equal, bit for
     * bit, those of a run that was never interrupted. New checkpoints go to this trainer's checkpoint folder.
     *
     * @throws org.sciml4j.io.DataFormatException if {@code dir} holds no checkpoint, or a malformed one
     * @throws IllegalArgumentException           if the checkpoint does not fit this trainer or objective (more
     *                                            phases done than the schedule has, other parameter shapes, other
     *                                            history columns, an objective state it cannot take), naming what
     *                                            differs
     */
    public Result resume(Path dir, Objective objective) throws IOException {
        RunCheckpoint from = RunCheckpoint.read(dir);
        if (from.phase() > phases.size()) {
            throw new IllegalArgumentException("the checkpoint in " + dir + " has " + from.phase() + " phases done"
                    + " but this trainer has " + phases.size() + " phases");
        }
        Run run = new Run(objective);
        run.restore(from, dir);
        return run.execute(from);
    }

    /** One training run: the objective, its parameters, the history and where the schedule stands. */
    private final class Run {
        private final Objective objective;
        private final List<Tensor> params;
        private final double[] weights;
        private final List<String> termNames;
        private final List<String> loggedNames;
        private final LossHistory history;
        private final long start = System.nanoTime();
        private final double[] phaseSeconds = new double[phases.size()];
        private int phaseIndex;
        private int epoch;
        private int phaseStart;
        private int round;
        private int roundStart;
        private List<Tensor> terms;
        private Tensor total;
        private double best = Double.POSITIVE_INFINITY;
        private String stopReason;
        /** How the last phase run so far ended ("completed" before any). */
        private String ending = "completed";
        private Optimizer optimizer;
        private SteppingMinimizer.Run minimizerRun;

        Run(Objective objective) {
            this.objective = Objects.requireNonNull(objective, "objective");
            params = List.copyOf(objective.parameters());
            weights = objective.weights().clone();
            termNames = List.copyOf(objective.termNames()); // names are fixed for a run: not fetched every epoch
            loggedNames = List.copyOf(objective.loggedNames());
            if (weights.length != objective.termNames().size()) {
                throw new IllegalArgumentException("the objective has " + objective.termNames().size() + " terms "
                        + objective.termNames() + " but " + weights.length + " weights");
            }
            history = new LossHistory(objective.termNames(), objective.loggedNames());
            for (Phase p : phases) {
                if (p instanceof Phase.GaussNewton && !(objective instanceof LeastSquaresObjective)) {
                    throw new IllegalArgumentException("phase " + p.name() + " needs the residuals and their"
                            + " Jacobian (a LeastSquaresObjective), but " + objective.getClass().getSimpleName()
                            + " gives its loss terms only");
                }
            }
        }

        void restore(RunCheckpoint from, Path dir) {
            try {
                history.restore(from.columns(), from.history());
                if (from.parameters().size() != params.size()) {
                    throw new IllegalArgumentException("the checkpoint has " + from.parameters().size()
                            + " parameter tensors but the objective has " + params.size());
                }
                for (int i = 0; i < params.size(); i++) {
                    Tensor saved = from.parameters().get(i);
                    if (!Arrays.equals(saved.shape(), params.get(i).shape())) {
                        throw new IllegalArgumentException("parameter " + i + " has shape "
                                + Arrays.toString(params.get(i).shape()) + " but the checkpoint's has "
                                + Arrays.toString(saved.shape()));
                    }
                    System.arraycopy(saved.data(), 0, params.get(i).data(), 0, saved.data().length);
                }
                objective.restore(from.objective());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cannot resume from " + dir.resolve(RunCheckpoint.FILE) + ": "
                        + e.getMessage(), e);
            }
            phaseIndex = from.phase();
            epoch = from.epoch();
            ending = from.ending();
            double[] totals = history.column("total");
            for (double t : totals) {
                best = Math.min(best, t);
            }
        }

        Result execute(RunCheckpoint from) {
            listeners.forEach(l -> l.onStart(history));
            try {
                Result result = runPhases(from);
                if (stopReason != null) {
                    listeners.forEach(l -> l.onStop(stopReason));
                }
                return result;
            } finally {
                listeners.forEach(TrainingListener::onEnd);
            }
        }

        private Result runPhases(RunCheckpoint from) {
            for (; phaseIndex < phases.size() && stopReason == null; phaseIndex++) {
                Phase phase = phases.get(phaseIndex);
                boolean resumed = from != null && from.phase() == phaseIndex;
                phaseStart = resumed ? from.phaseStart() : epoch;
                long t0 = System.nanoTime();
                if (phase.length() > 0) {
                    int before = phaseStart;
                    listeners.forEach(l -> l.onPhaseStart(phase, before, epoch - before));
                    RunCheckpoint at = resumed ? from : null;
                    ending = phase instanceof Phase.FirstOrder f ? firstOrder(f, at)
                            : phase instanceof Phase.GaussNewton g ? gaussNewton(g, at)
                            : quasiNewton((Phase.QuasiNewton) phase, at);
                }
                phaseSeconds[phaseIndex] = (System.nanoTime() - t0) / 1e9;
            }
            if (stopReason == null) {
                optimizer = null;
                minimizerRun = null;
                checkpoint();
            }
            List<Double> times = new ArrayList<>();
            for (double s : phaseSeconds) {
                times.add(s);
            }
            return new Result(history, epoch, (System.nanoTime() - start) / 1e9, times,
                    stopReason != null ? stopReason : ending);
        }

        private String firstOrder(Phase.FirstOrder phase, RunCheckpoint from) {
            optimizer = phase.optimizer().get();
            if (from != null) {
                optimizer.loadState(from.optimizer());
            }
            round = 0;
            roundStart = phaseStart;
            EpochGraphs graphs = new EpochGraphs(objective, params, replay);
            while (epoch - phaseStart < phase.epochs()) {
                epoch++;
                objective.beforeEpoch(epoch);
                Tensor loss = graphs.loss(this::evaluate);
                checkFinite(epoch);
                optimizer.step(params, graphs.gradients(loss));
                // logged values are those the step's gradient was taken at, as in PyTorch loops
                if (!reported(phase.name(), loss.item())) {
                    return stopReason;
                }
            }
            optimizer = null;
            return "completed";
        }

        private String quasiNewton(Phase.QuasiNewton phase, RunCheckpoint from) {
            objective.fullBatch();
            Minimizer.Result r = null;
            for (round = from != null ? from.round() : 0; round < phase.rounds() && stopReason == null; round++) {
                boolean resumed = from != null && round == from.round();
                if (round > 0 && !resumed) {
                    objective.beforeRound(round, epoch);
                }
                roundStart = resumed ? from.roundStart() : epoch;
                int iterations = Math.min(phase.roundLength(), phase.iterations() - round * phase.roundLength());
                boolean[] checkStart = {!resumed};
                EpochGraphs graphs = new EpochGraphs(objective, params, replay); // the minimiser's evaluations
                org.sciml4j.optim.Objective f = ParameterVector.objective(() -> {
                    Tensor loss = graphs.loss(this::evaluate);
                    if (checkStart[0]) {
                        // a term that is not finite where the round starts is named, not left to the line search
                        checkStart[0] = false;
                        checkFinite(epoch + 1);
                    }
                    return loss;
                }, params);
                SteppingMinimizer minimizer = phase.minimizer().apply(iterations);
                minimizerRun = resumed ? minimizer.restore(f, from.minimizer())
                        : minimizer.start(f, ParameterVector.get(params));
                while (minimizerRun.step()) {
                    epoch = roundStart + minimizerRun.iterations();
                    if (!reported(phase.name(), minimizerRun.value())) {
                        minimizerRun.stop(Minimizer.Termination.STOPPED_BY_LISTENER);
                    }
                }
                r = minimizerRun.result();
                minimizerRun = null;
                ParameterVector.set(params, r.x());
                if (!Double.isFinite(r.value())) {
                    throw new TrainingDivergedException(epoch, -1, "the " + phase.name() + " phase diverged: the"
                            + " loss is " + r.value());
                }
            }
            return phase.rounds() == 1 ? r.message()
                    : r.message() + ", the last of " + phase.rounds() + " rounds, points placed again between them";
        }

        /**
         * A least-squares phase in one run: every taken step is an iteration, logged with the terms at the new point;
         * the minimiser's trial points move the parameters, which are set to the taken point before each log.
         */
        private String gaussNewton(Phase.GaussNewton phase, RunCheckpoint from) {
            LeastSquaresObjective ls = (LeastSquaresObjective) objective;
            objective.fullBatch();
            round = 0;
            roundStart = phaseStart;
            if (from == null) {
                evaluate();
                checkFinite(epoch + 1); // name a term that is not finite where the phase starts
            }
            LeastSquares.Residuals[] last = new LeastSquares.Residuals[1];
            double[][] lastX = new double[1][];
            LeastSquares f = (x, withJacobian) -> {
                ParameterVector.set(params, x);
                last[0] = ls.residuals(withJacobian);
                lastX[0] = x.clone();
                return last[0];
            };
            LeastSquaresMinimizer minimizer = phase.minimizer().apply(phase.iterations());
            SteppingMinimizer.Run run = from != null ? minimizer.restore(f, from.minimizer())
                    : minimizer.start(f, ParameterVector.get(params));
            minimizerRun = run;
            while (run.step()) {
                epoch = phaseStart + run.iterations();
                double[] x = run.x();
                ParameterVector.set(params, x);
                double[] values = Arrays.equals(x, lastX[0]) ? ls.termValues(last[0]) : null;
                if (values != null) {
                    terms = Arrays.stream(values).mapToObj(Tensor::scalar).toList();
                } else {
                    evaluate();
                }
                if (!reported(phase.name(), run.value())) {
                    run.stop(Minimizer.Termination.STOPPED_BY_LISTENER);
                }
            }
            Minimizer.Result r = run.result();
            minimizerRun = null;
            ParameterVector.set(params, r.x());
            return r.message();
        }

        /** The weighted total of the objective's terms, which are kept for the log. */
        private Tensor evaluate() {
            terms = objective.loss();
            if (terms.size() != weights.length) {
                throw new IllegalStateException("the objective returned " + terms.size() + " loss terms but names "
                        + weights.length + " " + objective.termNames());
            }
            total = null;
            double[] now = objective.weights(); // an objective may balance its terms as it trains
            if (!Arrays.equals(now, weights)) {
                // totals under other weights do not compare: divergence is judged from the new weights' best
                System.arraycopy(now, 0, weights, 0, weights.length);
                best = Double.POSITIVE_INFINITY;
            }
            for (int i = 0; i < weights.length; i++) {
                Tensor w = weights[i] == 1 ? terms.get(i) : terms.get(i).mul(weights[i]);
                total = total == null ? w : total.add(w);
            }
            return total;
        }

        private void checkFinite(int at) {
            if (Double.isFinite(total.item())) {
                return;
            }
            List<String> names = objective.termNames();
            StringBuilder bad = new StringBuilder();
            List<String> badNames = new ArrayList<>();
            for (int i = 0; i < terms.size(); i++) {
                double v = terms.get(i).item();
                if (!Double.isFinite(v)) {
                    bad.append(bad.length() == 0 ? "" : ", ").append(names.get(i)).append(" = ").append(v);
                    badNames.add(names.get(i));
                }
            }
            String which = bad.length() == 0 ? "total = " + total.item() : bad.toString();
            if (at == 1) {
                // nothing has been trained yet: the learning rate is not the cause, the term's formula or data is
                throw new TrainingDivergedException(at, -1, "training cannot start: loss term " + which + " at the"
                        + " initial parameters, before any step; look in that term for a division by zero, the log or"
                        + " square root of a negative number, an exponential that overflows, or non-finite data",
                        badNames);
            }
            throw new TrainingDivergedException(at, -1, String.format(Locale.ROOT, "training diverged at epoch %d:"
                    + " loss term %s; lower the learning rate or the loss weights, or rescale the problem", at,
                    which), badNames);
        }

        /**
         * Logs the epoch and tells the listeners; then checks the stops (listener, divergence, time budget) and
         * writes a checkpoint when one is due or training stops.
         *
         * @return whether to go on
         */
        private boolean reported(String phase, double value) {
            double[] values = new double[terms.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = terms.get(i).item();
            }
            Progress p = new Progress(phase, epoch, value, termNames, values, loggedNames, objective.loggedValues());
            history.add(p);
            boolean go = true;
            for (TrainingListener l : listeners) {
                go &= l.onEpoch(p);
            }
            best = Math.min(best, value);
            if (!go) {
                stopReason = "stopped by listener";
            } else if (diverged(value)) {
                stopReason = DIVERGED + (best > 0 ? String.format(Locale.ROOT, "the loss grew to %.3e at epoch %d,"
                        + " more than %.0e times its best %.3e", value, epoch, divergenceFactor, best)
                        : String.format(Locale.ROOT, "the loss grew to %.3e at epoch %d, more than %.0e times"
                        + " |%.3e| above its best %.3e", value, epoch, divergenceFactor - 1, best, best));
            } else if (timeBudget != null && System.nanoTime() - start > timeBudget.toNanos()) {
                stopReason = "time budget";
            }
            if (stopReason != null || checkpointEvery > 0 && epoch % checkpointEvery == 0) {
                checkpoint();
            }
            return stopReason == null;
        }

        /**
         * Whether {@code value} lies more than (factor - 1) |best| above the best total: for a positive best the same
         * as {@code value > factor * best}; an energy (Deep Ritz) may be negative, and then the distance above its
         * best is measured against |best| too. A best of exactly 0 gives no scale and never stops.
         */
        private boolean diverged(double value) {
            return best != 0 && value - best > (divergenceFactor - 1) * Math.abs(best);
        }

        /** Writes where the run stands, if checkpoints were asked for. */
        private void checkpoint() {
            if (checkpointDir == null) {
                return;
            }
            List<Tensor> values = new ArrayList<>();
            params.forEach(p -> values.add(p.copy()));
            Map<String, Tensor> none = Map.of();
            try {
                new RunCheckpoint(phaseIndex, epoch, phaseStart, round, roundStart, ending, values,
                        optimizer != null ? optimizer.state() : none,
                        minimizerRun != null ? minimizerRun.state() : none, objective.state(), history.columns(),
                        history.values()).write(checkpointDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the checkpoint in " + checkpointDir, e);
            }
        }
    }

    /** Builds a {@link Trainer}. */
    public static final class Builder {
        private final List<Phase> phases = new ArrayList<>();
        private final List<TrainingListener> listeners = new ArrayList<>();
        private Duration timeBudget;
        private double divergenceFactor = DEFAULT_DIVERGENCE_FACTOR;
        private Path checkpointDir;
        private int checkpointEvery;
        private boolean replay = REPLAY;

        private Builder() {
        }

        /** Appends a phase to the schedule. */
        public Builder phase(Phase phase) {
            phases.add(Objects.requireNonNull(phase, "phase"));
            return this;
        }

        /** Appends {@code epochs} steps of a first-order optimiser made fresh for each run by {@code factory}. */
        public Builder firstOrder(String name, Supplier<Optimizer> factory, int epochs) {
            return phase(new Phase.FirstOrder(name, factory, epochs));
        }

        /** Appends {@code epochs} steps of Adam at learning rate {@code lr} ({@link Phase#adam}). */
        public Builder adam(double lr, int epochs) {
            return phase(Phase.adam(lr, epochs));
        }

        /** Appends at most {@code iterations} iterations of L-BFGS in one round ({@link Phase#lbfgs}). */
        public Builder lbfgs(int iterations) {
            return phase(Phase.lbfgs(iterations, Math.max(1, iterations)));
        }

        /** Appends at most {@code iterations} iterations of Levenberg-Marquardt ({@link Phase#levenbergMarquardt}). */
        public Builder levenbergMarquardt(int iterations) {
            return phase(Phase.levenbergMarquardt(iterations));
        }

        /** Adds a listener, told about every epoch and iteration in the order added; any of them may stop. */
        public Builder listener(TrainingListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** Stops training ("time budget") after the first epoch or iteration that ends past {@code budget}. */
        public Builder timeBudget(Duration budget) {
            if (budget.isNegative() || budget.isZero()) {
                throw new IllegalArgumentException("time budget must be > 0, got " + budget);
            }
            this.timeBudget = budget;
            return this;
        }

        /**
         * Stops training ("diverged: ...") when the total exceeds {@code factor} times its best so far (default
         * {@value #DEFAULT_DIVERGENCE_FACTOR}; infinity: never).
         */
        public Builder divergenceFactor(double factor) {
            if (!(factor > 1)) {
                throw new IllegalArgumentException("divergence factor must be > 1, got " + factor);
            }
            this.divergenceFactor = factor;
            return this;
        }

        /**
         * Writes a checkpoint into {@code dir} every {@code every} epochs and iterations (counted across phases; 0:
         * only when training ends or stops), and when training ends or stops. Quasi-Newton phases must then use
         * {@link SteppingMinimizer}s.
         */
        public Builder checkpoint(Path dir, int every) {
            if (every < 0) {
                throw new IllegalArgumentException("checkpoint interval must be >= 0, got " + every);
            }
            this.checkpointDir = Objects.requireNonNull(dir, "dir");
            this.checkpointEvery = every;
            return this;
        }

        /**
         * Whether first-order epochs replay the graph recorded at the second evaluation of an objective's
         * {@linkplain Objective#graphVersion() graph version} ({@link Tape}) instead of building it again: the same
         * values (the same bits), without the objective's own code. On by default ({@code -Dsciml4j.replay=off}).
         */
        public Builder replay(boolean on) {
            this.replay = on;
            return this;
        }

        /** The trainer. */
        public Trainer build() {
            if (phases.stream().mapToInt(Phase::length).sum() == 0) {
                throw new IllegalArgumentException("nothing to train: set the Adam epochs, the L-BFGS or the LM"
                        + " iterations (or another phase's length) above 0");
            }
            return new Trainer(this);
        }
    }
}
