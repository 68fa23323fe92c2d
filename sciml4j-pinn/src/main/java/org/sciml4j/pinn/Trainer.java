package org.sciml4j.pinn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.sciml4j.nn.Module;
import org.sciml4j.nn.Variable;
import org.sciml4j.optim.Adam;
import org.sciml4j.optim.Lbfgs;
import org.sciml4j.optim.Minimizer;
import org.sciml4j.optim.Optimizer;
import org.sciml4j.optim.ParameterVector;
import org.sciml4j.optim.TrainingDivergedException;
import org.sciml4j.domain.expr.Derivative;
import org.sciml4j.domain.expr.Evaluation;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * Trains a network, and the problem's unknown parameters, on a {@link Problem}: a first-order phase (Adam by default)
 * for a number of epochs, then optionally L-BFGS, full batch. The loss is the weighted sum of the terms: each
 * equation's mean square residual at the collocation points and each condition's loss. Immutable; every
 * {@link #train} call starts a fresh optimiser.
 * <pre>{@code
 * Solution s = Trainer.builder().adam(1e-3, 10000).lbfgs(2000).seed(0)
 *         .listener(TrainingListener.printing(System.out, 1000)).build()
 *         .train(problem, Mlp.builder().sizes(1, 20, 20, 1).activation("tanh").seed(0).build());
 * }</pre>
 * Training that diverges (a loss term turns NaN or infinite) stops with a {@link TrainingDivergedException} naming
 * the epoch and the term.
 */
public final class Trainer {
    private final String phase;
    private final Supplier<Optimizer> optimizer;
    private final int epochs;
    private final int lbfgsIterations;
    private final long seed;
    private final TrainingListener listener;
    private final int resampleEvery;
    private final int batchSize;
    private final AdaptiveSampling adaptive;

    private Trainer(Builder b) {
        resampleEvery = b.resampleEvery;
        adaptive = b.adaptive;
        batchSize = b.batchSize;
        phase = b.phase;
        optimizer = b.optimizer;
        epochs = b.epochs;
        lbfgsIterations = b.lbfgsIterations;
        seed = b.seed;
        listener = b.listener;
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
        if (network.outputSize() != problem.fields().size()) {
            throw new IllegalArgumentException("the network has " + network.outputSize() + " outputs but the problem"
                    + " has " + problem.fields().size() + " fields " + problem.fields());
        }
        if (adaptive != null && problem.collocationSampler().isEmpty()) {
            throw new IllegalArgumentException("adaptive sampling draws collocation points from the problem's sampler,"
                    + " but this problem has " + (problem.equations().isEmpty() ? "no equation"
                    : "explicit collocation points") + "; give it collocation(sampler, n)");
        }
        Step step = new Step(problem, network, seed, resampleEvery, batchSize, adaptive);
        List<Tensor> params = new ArrayList<>(network.parameters().trainable());
        for (Variable v : problem.unknowns()) {
            params.addAll(v.parameters().trainable());
        }
        LossHistory history = new LossHistory(problem.termNames(), step.paramNames);
        if (listener != null) {
            listener.onStart(history);
        }
        String reason = "completed";
        int epoch = 0;
        long start = System.nanoTime();
        Optimizer opt = epochs > 0 ? optimizer.get() : null;
        while (epoch < epochs) {
            epoch++;
            step.prepare(epoch);
            Tensor total = step.loss();
            step.checkFinite(epoch);
            opt.step(params, Autodiff.grad(total, params, null, false));
            // logged values are those the step's gradient was taken at, as in PyTorch loops
            if (!report(history, step.progress(phase, epoch))) {
                reason = "stopped by listener";
                break;
            }
        }
        double firstSeconds = (System.nanoTime() - start) / 1e9;
        if (lbfgsIterations > 0 && reason.equals("completed")) {
            step.fullBatch();
            // with adaptive sampling L-BFGS also works in rounds, each on points placed by the last round's residual
            int round = adaptive != null ? resampleEvery : lbfgsIterations;
            boolean[] stopped = {false};
            Minimizer.Result r = null;
            for (int done = 0; done < lbfgsIterations && !stopped[0]; done += round) {
                if (done > 0) {
                    step.redraw(epoch + 1);
                }
                int iterations = Math.min(round, lbfgsIterations - done);
                int first = epoch;
                int[] last = {epoch};
                Lbfgs lbfgs = Lbfgs.builder().maxIterations(iterations).maxEvaluations(iterations * 5 / 4 + 20)
                        .gradientTolerance(0).functionTolerance(0).stepTolerance(0).build();
                r = lbfgs.minimize(ParameterVector.objective(step::loss, params), ParameterVector.get(params),
                        (k, f, g) -> {
                            if (k == 0) {
                                return true;
                            }
                            last[0] = first + k;
                            Progress p = step.progress("lbfgs", first + k);
                            p = new Progress(p.phase(), p.epoch(), f, p.termNames(), p.terms(), p.paramNames(),
                                    p.params());
                            stopped[0] = !report(history, p);
                            return !stopped[0];
                        });
                ParameterVector.set(params, r.x());
                epoch = last[0];
                if (!Double.isFinite(r.value())) {
                    throw new TrainingDivergedException(epoch, -1, "L-BFGS diverged: the loss is " + r.value());
                }
            }
            int rounds = (lbfgsIterations + round - 1) / round;
            reason = stopped[0] ? "stopped by listener" : rounds == 1 ? r.message()
                    : r.message() + ", the last of " + rounds + " rounds, points placed again between them";
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> values = new LinkedHashMap<>();
        for (Variable v : problem.unknowns()) {
            values.put(v.name(), v.current());
        }
        return new Solution(problem, network, values, history, epoch, seconds, firstSeconds, reason);
    }

    private boolean report(LossHistory history, Progress p) {
        history.add(p);
        return listener == null || listener.onEpoch(p);
    }

    /** The loss of one step: points, evaluator and the terms of the last evaluation. */
    private static final class Step {
        /** Seed increment between successive draws of resampled collocation points. */
        private static final long DRAW_STEP = 0x9E3779B97F4A7C15L;
        /** Candidate points per evaluator pass when adaptive sampling measures the residual. */
        private static final int RESIDUAL_CHUNK = 4096;

        private final Problem problem;
        private final Module network;
        private final long seed;
        private final int resampleEvery;
        private final int batchSize;
        private final AdaptiveSampling adaptive;
        private final Set<Derivative> needed = new TreeSet<>();
        private final Set<Derivative> equationsNeed = new TreeSet<>();
        private final List<Tensor> conditionSets = new ArrayList<>();
        private Tensor collocation;    // the current draw of collocation points, all of them
        private int draws;             // how many times the collocation points were drawn again
        private Tensor batch;          // the points the evaluator uses: all, or this epoch's mini-batch
        private PointEvaluator evaluator;
        private final boolean hasCollocation;
        private final List<Condition.Resolved> conditions = new ArrayList<>();
        private final double[] weights;
        private final List<String> paramNames = new ArrayList<>();
        private Tensor[] terms;
        private Tensor total;

        Step(Problem problem, Module network, long seed, int resampleEvery, int batchSize,
                AdaptiveSampling adaptive) {
            this.problem = problem;
            this.network = network;
            this.seed = seed;
            this.resampleEvery = resampleEvery;
            this.batchSize = batchSize;
            this.adaptive = adaptive;
            collocation = problem.equations().isEmpty() ? null : problem.collocationPoints(seed);
            hasCollocation = collocation != null;
            if (hasCollocation) {
                problem.equations().forEach(e -> equationsNeed.addAll(e.derivatives()));
                needed.addAll(equationsNeed);
            }
            for (Condition c : problem.conditions()) {
                Condition.Resolved r = c.resolve(problem, seed);
                conditions.add(r);
                conditionSets.add(r.points());
                needed.addAll(r.derivatives());
            }
            use(collocation);
            weights = problem.termNames().stream().mapToDouble(problem::weight).toArray();
            problem.unknowns().forEach(v -> paramNames.add(v.name()));
        }

        /** Evaluates at {@code points} (collocation) and the conditions' points from now on. */
        private void use(Tensor points) {
            List<Tensor> sets = new ArrayList<>();
            if (hasCollocation) {
                sets.add(points);
            }
            sets.addAll(conditionSets);
            batch = points;
            evaluator = evaluator(sets, needed);
        }

        private PointEvaluator evaluator(List<Tensor> sets, Set<Derivative> derivatives) {
            return new PointEvaluator(network, problem.transforms().isEmpty() ? null
                    : x -> problem.output(network, x), problem.variables().size(), sets, derivatives, true);
        }

        /** New collocation points for draw {@code round}: from the sampler, or placed by the residual. */
        private Tensor draw(int round, int epoch) {
            long drawSeed = seed + round * DRAW_STEP;
            if (adaptive == null) {
                return problem.collocationPoints(drawSeed);
            }
            int n = collocation.size(0);
            int count = adaptive.candidateCount(n);
            Tensor candidates;
            try {
                candidates = problem.domainPoints(problem.collocationSampler().orElseThrow(), count, drawSeed);
            } catch (IllegalArgumentException fixedCount) {
                // a grid has the points it has (m^d for uniform): the candidates are then pseudo-random
                candidates = problem.domainPoints(Sampler.random(), count, drawSeed);
            }
            return adaptive.choose(candidates, residualNorms(candidates, epoch), n, drawSeed + 1);
        }

        /** The Euclidean norm of the equations' residuals at each of the points (shape (M, variables)), length M. */
        private double[] residualNorms(Tensor points, int epoch) {
            int m = points.size(0);
            double[] norms = new double[m];
            Map<String, Tensor> unknowns = unknownValues();
            for (int from = 0; from < m; from += RESIDUAL_CHUNK) {
                int to = Math.min(m, from + RESIDUAL_CHUNK);
                Evaluation at = evaluator(List.of(points.slice(0, from, to)), equationsNeed).evaluate(unknowns)
                        .get(0);
                for (Problem.Equation e : problem.equations()) {
                    double[] r = e.residual(at).data();
                    for (int i = from; i < to; i++) {
                        double v = r.length == 1 ? r[0] : r[i - from];
                        norms[i] += v * v;
                    }
                }
            }
            for (int i = 0; i < m; i++) {
                norms[i] = Math.sqrt(norms[i]);
                if (!Double.isFinite(norms[i])) {
                    throw new TrainingDivergedException(epoch, -1, "training diverged at epoch " + epoch + ": the"
                            + " residual is " + norms[i] + " at candidate point " + Arrays.toString(
                            Arrays.copyOfRange(points.data(), i * points.size(1), (i + 1) * points.size(1))));
                }
            }
            return norms;
        }

        private Map<String, Tensor> unknownValues() {
            Map<String, Tensor> unknowns = new LinkedHashMap<>();
            for (Variable v : problem.unknowns()) {
                unknowns.put(v.name(), v.value());
            }
            return unknowns;
        }

        /**
         * Before first-order epoch {@code epoch} (from 1): draws new collocation points every {@code resampleEvery}
         * epochs, and takes this epoch's mini-batch of them, both from seeds fixed by the trainer's seed and the
         * epoch.
         */
        void prepare(int epoch) {
            if (!hasCollocation) {
                return;
            }
            boolean redraw = resampleEvery > 0 && epoch > 1 && (epoch - 1) % resampleEvery == 0;
            if (redraw) {
                collocation = draw(++draws, epoch);
            }
            int n = collocation.size(0);
            if (batchSize > 0 && batchSize < n) {
                int[] perm = new Rng(seed + epoch).permutation(n);
                int d = collocation.size(1);
                double[] all = collocation.data();
                double[] out = new double[batchSize * d];
                for (int i = 0; i < batchSize; i++) {
                    System.arraycopy(all, perm[i] * d, out, i * d, d);
                }
                use(Tensor.wrap(out, batchSize, d));
            } else if (redraw) {
                use(collocation);
            }
        }

        /** Draws new collocation points before epoch {@code epoch} and evaluates at all of them. */
        void redraw(int epoch) {
            if (hasCollocation) {
                collocation = draw(++draws, epoch);
                use(collocation);
            }
        }

        /** Evaluates at all the current collocation points again (for L-BFGS, which needs a fixed objective). */
        void fullBatch() {
            if (hasCollocation && batch != collocation) {
                use(collocation);
            }
        }

        Tensor loss() {
            List<Evaluation> at = evaluator.evaluate(unknownValues());
            terms = new Tensor[weights.length];
            int t = 0;
            for (Problem.Equation e : problem.equations()) {
                terms[t++] = e.residual(at.get(0)).square().mean();
            }
            int set = hasCollocation ? 1 : 0;
            for (Condition.Resolved c : conditions) {
                terms[t++] = c.loss(at.get(set++));
            }
            total = null;
            for (int i = 0; i < terms.length; i++) {
                Tensor w = weights[i] == 1 ? terms[i] : terms[i].mul(weights[i]);
                total = total == null ? w : total.add(w);
            }
            return total;
        }

        void checkFinite(int epoch) {
            if (Double.isFinite(total.item())) {
                return;
            }
            List<String> names = problem.termNames();
            StringBuilder bad = new StringBuilder();
            for (int i = 0; i < terms.length; i++) {
                double v = terms[i].item();
                if (!Double.isFinite(v)) {
                    bad.append(bad.length() == 0 ? "" : ", ").append(names.get(i)).append(" = ").append(v);
                }
            }
            throw new TrainingDivergedException(epoch, -1, String.format(Locale.ROOT, "training diverged at epoch %d:"
                    + " loss term %s; lower the learning rate or the loss weights, or rescale the problem", epoch,
                    bad.length() == 0 ? "total = " + total.item() : bad));
        }

        Progress progress(String phase, int epoch) {
            double[] values = new double[terms.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = terms[i].item();
            }
            double[] params = new double[paramNames.size()];
            for (int i = 0; i < params.length; i++) {
                params[i] = problem.unknowns().get(i).current();
            }
            return new Progress(phase, epoch, total.item(), problem.termNames(), values, paramNames, params);
        }
    }

    /** Builds a {@link Trainer}. */
    public static final class Builder {
        private String phase = "adam";
        private Supplier<Optimizer> optimizer = () -> Adam.of(1e-3);
        private int epochs = 10000;
        private int lbfgsIterations;
        private long seed;
        private TrainingListener listener;
        private int resampleEvery;
        private int batchSize;
        private AdaptiveSampling adaptive;

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

        /** Adam at learning rate {@code lr} for {@code epochs} epochs (0 for none). */
        public Builder adam(double lr, int epochs) {
            if (!(lr > 0) || !Double.isFinite(lr)) {
                throw new IllegalArgumentException("learning rate must be finite and > 0, got " + lr);
            }
            return optimizer("adam", () -> Adam.of(lr), epochs);
        }

        /** A first-order optimiser, made fresh for each training run, for {@code epochs} epochs. */
        public Builder optimizer(String phaseName, Supplier<Optimizer> factory, int epochs) {
            this.epochs = nonNegative("epochs", epochs);
            this.phase = Objects.requireNonNull(phaseName, "phaseName");
            this.optimizer = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /** L-BFGS (strong-Wolfe line search) for at most {@code iterations} iterations after the first phase. */
        public Builder lbfgs(int iterations) {
            this.lbfgsIterations = nonNegative("L-BFGS iterations", iterations);
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

        private static int nonNegative(String what, int value) {
            if (value < 0) {
                throw new IllegalArgumentException(what + " must be >= 0, got " + value);
            }
            return value;
        }

        /** The trainer. */
        public Trainer build() {
            if (epochs == 0 && lbfgsIterations == 0) {
                throw new IllegalArgumentException("nothing to train: set Adam epochs or L-BFGS iterations");
            }
            if (adaptive != null && resampleEvery == 0) {
                throw new IllegalArgumentException("adaptive sampling places the points of each redraw: set how"
                        + " often with resample(epochs)");
            }
            return new Trainer(this);
        }
    }
}
