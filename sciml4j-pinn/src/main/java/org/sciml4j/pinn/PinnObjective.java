package org.sciml4j.pinn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.sciml4j.domain.expr.Derivative;
import org.sciml4j.domain.expr.Evaluation;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.nn.Module;
import org.sciml4j.nn.Variable;
import org.sciml4j.optim.TrainingDivergedException;
import org.sciml4j.pinn.energy.EnergyForm;
import org.sciml4j.pinn.energy.IntegralTerm;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.optim.LeastSquares;
import org.sciml4j.pinn.weighting.Weighting;
import org.sciml4j.pinn.weighting.WeightingRun;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.train.LeastSquaresObjective;
import org.sciml4j.train.Objective;

/**
 * A {@link Problem} as an {@link Objective} of the general {@link org.sciml4j.train.Trainer}: the terms are each
 * equation's mean square residual at the collocation points and each condition's loss, weighted by the problem's
 * weights; the parameters are the network's and the unknowns'. Before each first-order epoch it draws new
 * collocation points every {@code resampleEvery} epochs (from the sampler, or placed by the residual with
 * {@link AdaptiveSampling}) and takes the epoch's mini-batch of them; between quasi-Newton rounds it places the
 * points again. Its {@link #state()} is the current collocation points and the number of draws.
 * <p>
 * Updates the network and the unknowns' {@link Variable}s in place; one instance belongs to one training run.
 */
public final class PinnObjective implements LeastSquaresObjective {
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
    private final List<Tensor> parameters = new ArrayList<>();
    private Tensor collocation;    // the current draw of collocation points, all of them
    private int draws;             // how many times the collocation points were drawn again
    private Tensor batch;          // the points the evaluator uses: all, or this epoch's mini-batch
    private PointEvaluator evaluator;
    private long pointChanges;     // how many times use() has placed points (graphVersion)
    private boolean evaluated;     // whether the evaluator has made a pass (its later passes lay out rows otherwise)
    private final boolean hasCollocation;
    /** The loss terms in order: each equation as a condition at the collocation points, then the conditions. */
    private final List<Condition.Resolved> terms = new ArrayList<>();
    /** Per term, the point set of the evaluation it reads (0: the collocation points when there are equations). */
    private final int[] termSets;
    private final int equationCount;
    private final double[] weights;
    private final List<String> unknownNames;
    /** Per term, the evaluator of {@link #residuals} and the points it was made for. */
    private PointEvaluator[] termEvaluators;
    private Tensor[] termPoints;
    /** Per term, the rows it had in the last {@link #residuals}. */
    private int[] termRows;
    /** The energy (Deep Ritz), or null; its integrals are the last terms, from {@link #integralStart}. */
    private final EnergyForm energy;
    private final List<IntegralTerm> integrals = new ArrayList<>();
    private int integralStart;
    /** The loss-shaping remedies (balancing, point and causal weights, refinement), or null. */
    private final WeightingRun remedies;

    /**
     * @param problem       the problem
     * @param network       inputs: the problem's variables; outputs: its fields
     * @param seed          seeds the collocation and condition points, their redraws and the mini-batches
     * @param resampleEvery draw new collocation points every this many first-order epochs (0: never)
     * @param batchSize     collocation points per first-order epoch (0: all)
     * @param adaptive      places the points of each redraw by the residual (null: drawn from the sampler)
     * @throws IllegalArgumentException if the network does not fit the problem, or adaptive sampling is asked of a
     *                                  problem without a collocation sampler
     */
    public PinnObjective(Problem problem, Module network, long seed, int resampleEvery, int batchSize,
            AdaptiveSampling adaptive) {
        this(problem, network, seed, resampleEvery, batchSize, adaptive, null);
    }

    /**
     * An objective shaped by {@code weighting} (null or empty: the plain weighted sum): see
     * {@link org.sciml4j.pinn.weighting}. Its term weights may then change between epochs, and with refinement the
     * collocation points grow.
     *
     * @throws IllegalArgumentException as the other constructor, and if the remedies do not fit the problem
     */
    public PinnObjective(Problem problem, Module network, long seed, int resampleEvery, int batchSize,
            AdaptiveSampling adaptive, Weighting weighting) {
        if (network.outputSize() != problem.fields().size()) {
            throw new IllegalArgumentException("the network has " + network.outputSize() + " outputs but the problem"
                    + " has " + problem.fields().size() + " fields " + problem.fields());
        }
        if (adaptive != null && problem.collocationSampler().isEmpty()) {
            throw new IllegalArgumentException("adaptive sampling draws collocation points from the problem's sampler,"
                    + " but this problem has " + (problem.equations().isEmpty() ? "no equation"
                    : "explicit collocation points") + "; give it collocation(sampler, n)");
        }
        this.problem = problem;
        this.network = network;
        this.seed = seed;
        this.resampleEvery = resampleEvery;
        this.batchSize = batchSize;
        this.adaptive = adaptive;
        collocation = problem.equations().isEmpty() ? null : problem.collocationPoints(seed);
        hasCollocation = collocation != null;
        equationCount = problem.equations().size();
        termSets = new int[problem.termNames().size()]; // equations read set 0
        for (Problem.Equation e : problem.equations()) {
            Condition.Resolved r = e.atPoints(collocation);
            terms.add(r);
            equationsNeed.addAll(r.derivatives());
        }
        needed.addAll(equationsNeed);
        for (Condition c : problem.conditions()) {
            Condition.Resolved r = c.resolve(problem, seed);
            termSets[terms.size()] = conditionSets.size() + (hasCollocation ? 1 : 0);
            terms.add(r);
            conditionSets.add(r.points());
            needed.addAll(r.derivatives());
        }
        energy = problem.energy().orElse(null);
        integralStart = terms.size();
        if (energy != null) {
            for (IntegralTerm it : IntegralTerm.resolve(energy, problem, seed)) {
                termSets[terms.size()] = conditionSets.size() + (hasCollocation ? 1 : 0);
                terms.add(it.resolved());
                conditionSets.add(it.points());
                integrals.add(it);
                needed.addAll(it.derivatives());
            }
        }
        use(collocation);
        weights = problem.termNames().stream().mapToDouble(problem::weight).toArray();
        parameters.addAll(network.parameters().trainable());
        unknownNames = problem.unknowns().stream().map(Variable::name).toList();
        for (Variable v : problem.unknowns()) {
            parameters.addAll(v.parameters().trainable());
        }
        remedies = weighting == null || weighting.isEmpty() ? null
                : new WeightingRun(weighting, new PinnWeightingHost(this), seed);
    }

    @Override
    public List<String> termNames() {
        return problem.termNames();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    /** The network's trainable parameters, then each unknown's. */
    @Override
    public List<Tensor> parameters() {
        return List.copyOf(parameters);
    }

    /** The unknowns' names, then the remedies' logged values (term weights, causal min w, ...). */
    @Override
    public List<String> loggedNames() {
        if (remedies == null) {
            return unknownNames;
        }
        List<String> names = new ArrayList<>(unknownNames);
        names.addAll(remedies.loggedNames());
        return names;
    }

    /** The remedies' run (null without remedies): their weights, lambdas and causal schedule, for inspection. */
    public WeightingRun weighting() {
        return remedies;
    }

    /** All current collocation points (N, variables); (0, variables) without equations. */
    public Tensor collocation() {
        return hasCollocation ? collocation : Tensor.zeros(0, problem.variables().size());
    }

    /**
     * The number of times the points changed (redraws, mini-batches, new quadrature nodes): the graph is the same
     * between changes; with adaptive weighting (weights and residual shapes that move every epoch) negative.
     */
    @Override
    public long graphVersion() {
        return remedies == null ? pointChanges : -1;
    }

    /** The unknowns' current values. */
    @Override
    public double[] loggedValues() {
        double[] values = new double[unknownNames.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = problem.unknowns().get(i).current();
        }
        if (remedies == null) {
            return values;
        }
        double[] more = remedies.loggedValues();
        double[] all = Arrays.copyOf(values, values.length + more.length);
        System.arraycopy(more, 0, all, values.length, more.length);
        return all;
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
        evaluated = false;
        pointChanges++;
    }

    private PointEvaluator evaluator(List<Tensor> sets, Set<Derivative> derivatives) {
        return new PointEvaluator(network, problem.transforms().isEmpty() ? null
                : problem::transform, problem.variables().size(), sets, derivatives, true);
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
    double[] residualNorms(Tensor points, int epoch) {
        int m = points.size(0);
        double[] norms = new double[m];
        Map<String, Tensor> unknowns = unknownValues();
        for (int from = 0; from < m; from += RESIDUAL_CHUNK) {
            int to = Math.min(m, from + RESIDUAL_CHUNK);
            Evaluation at = evaluator(List.of(points.slice(0, from, to)), equationsNeed).evaluate(unknowns).get(0);
            for (int k = 0; k < equationCount; k++) {
                double[] r = terms.get(k).residual(0, at).data();
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
     * Draws new collocation points every {@code resampleEvery} epochs, and takes this epoch's mini-batch of them,
     * both from seeds fixed by the seed and the epoch.
     */
    @Override
    public void beforeEpoch(int epoch) {
        boolean moved = energy != null && energy.resampleEvery() > 0 && epoch > 1
                && (epoch - 1) % energy.resampleEvery() == 0 && redrawIntegrals(seed + epoch * DRAW_STEP);
        if (!hasCollocation) {
            if (moved) {
                use(collocation);
            }
            if (remedies != null) {
                remedies.balance(epoch);
            }
            return;
        }
        int before = collocation.size(0);
        if (remedies != null) {
            remedies.beforeEpoch(epoch); // may grow the collocation points (refinement)
        }
        boolean redraw = resampleEvery > 0 && epoch > 1 && (epoch - 1) % resampleEvery == 0;
        if (redraw) {
            collocation = draw(++draws, epoch);
            if (remedies != null) {
                remedies.pointsReplaced();
            }
        }
        redraw |= collocation.size(0) != before;
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
        } else if (redraw || moved) {
            use(collocation);
        }
        if (remedies != null) {
            remedies.balance(epoch);
        }
    }

    /**
     * Draws the energy's quadrature nodes anew (random rules only) and puts them in place of the old ones; the
     * caller makes the evaluator for them.
     *
     * @return whether the nodes moved
     */
    private boolean redrawIntegrals(long drawSeed) {
        if (!energy.rule().random()) {
            return false;
        }
        List<IntegralTerm> fresh = IntegralTerm.resolve(energy, problem, drawSeed);
        for (int i = 0; i < fresh.size(); i++) {
            int t = integralStart + i;
            integrals.set(i, fresh.get(i));
            terms.set(t, fresh.get(i).resolved());
            conditionSets.set(termSets[t] - (hasCollocation ? 1 : 0), fresh.get(i).points());
        }
        return true;
    }

    /** Draws new collocation points (placed by the residual with adaptive sampling) and evaluates at all of them. */
    @Override
    public void beforeRound(int round, int epoch) {
        boolean moved = energy != null && redrawIntegrals(seed + (epoch + 1) * DRAW_STEP);
        if (hasCollocation) {
            collocation = draw(++draws, epoch + 1);
        }
        if (hasCollocation || moved) {
            use(collocation);
        }
        if (remedies != null) {
            remedies.pointsReplaced();
            remedies.freeze();
        }
    }

    /** Evaluates at all the current collocation points again (for L-BFGS, which needs a fixed objective). */
    @Override
    public void fullBatch() {
        if (remedies != null) {
            remedies.freeze();
        }
        if (hasCollocation && batch != collocation) {
            use(collocation);
        }
    }

    @Override
    public List<Tensor> loss() {
        List<Evaluation> at = evaluator.evaluate(unknownValues());
        evaluated = true;
        Tensor[] values = new Tensor[terms.size()];
        for (int t = 0; t < values.length; t++) {
            values[t] = t >= integralStart ? integrals.get(t - integralStart).loss(at.get(termSets[t]))
                    : t < equationCount && remedies != null && remedies.shapesEquations()
                    ? remedies.equationLoss(t, terms.get(t), at.get(termSets[t]), batch)
                    : terms.get(t).loss(at.get(termSets[t]));
        }
        return Arrays.asList(values);
    }

    /**
     * Every requirement's residual at every point of its term (the equations at all current collocation points, each
     * condition at its points), scaled by {@code sqrt(weight / N)} for a term of weight w whose requirement has N
     * rows, and the Jacobian of them all. Each term is evaluated on its own point set by the generic (reverse-mode)
     * path, so that the Jacobian of its rows comes from one {@link Autodiff#jacobianRows} pass; a periodic condition
     * (whose rows pair two points) and a requirement without fields (one row) take one backward pass per row.
     */
    @Override
    public LeastSquares.Residuals residuals(boolean withJacobian) {
        if (energy != null) {
            throw new IllegalStateException("an energy (Deep Ritz) is not a sum of squares: least-squares phases"
                    + " (Levenberg-Marquardt, natural gradient) do not apply; use lbfgs, ssbfgs or ssbroyden");
        }
        Map<String, Tensor> unknowns = unknownValues();
        int p = 0;
        for (Tensor t : parameters) {
            p += t.numel();
        }
        List<Tensor> residuals = new ArrayList<>();
        List<Tensor> tracked = new ArrayList<>();
        List<Double> scales = new ArrayList<>();
        int[] rows = new int[terms.size()];
        int m = 0;
        for (int t = 0; t < terms.size(); t++) {
            Condition.Resolved term = terms.get(t);
            Tensor points = hasCollocation && termSets[t] == 0 ? collocation : term.points();
            Tensor on = points.requireGrad();
            Evaluation at = termEvaluator(t, points).evaluateAt(on, unknowns);
            for (int i = 0; i < term.sides().size(); i++) {
                Tensor r = term.residual(i, at);
                int n = r.rank() == 0 ? 1 : r.size(0);
                residuals.add(r);
                tracked.add(term.paired() > 0 ? null : on);
                scales.add(Math.sqrt(weights[t] / n));
                rows[t] += n;
                m += n;
            }
        }
        double[] values = new double[m];
        double[] jacobian = withJacobian ? new double[m * p] : null;
        int row = 0;
        for (int k = 0; k < residuals.size(); k++) {
            Tensor r = residuals.get(k);
            double scale = scales.get(k);
            double[] v = r.data();
            int n = r.rank() == 0 ? 1 : r.size(0);
            for (int i = 0; i < n; i++) {
                values[row + i] = v[i] * scale;
            }
            if (withJacobian) {
                ResidualJacobian.into(parameters, r, n, tracked.get(k), p, scale, jacobian, row * p);
            }
            row += n;
        }
        termRows = rows;
        return new LeastSquares.Residuals(values, jacobian);
    }

    /**
     * Each term's unweighted value from residuals returned by the last {@link #residuals} call (the sum of squares of
     * its rows over its weight), or null when a term has weight 0 (its rows are 0 whatever its value).
     */
    @Override
    public double[] termValues(LeastSquares.Residuals at) {
        if (termRows == null || Arrays.stream(termRows).sum() != at.values().length) {
            return null;
        }
        double[] out = new double[termRows.length];
        double[] r = at.values();
        int row = 0;
        for (int t = 0; t < out.length; t++) {
            if (!(weights[t] > 0)) {
                return null;
            }
            double s = 0;
            for (int i = 0; i < termRows[t]; i++, row++) {
                s += r[row] * r[row];
            }
            out[t] = s / weights[t];
        }
        return out;
    }

    /** The evaluator of term {@code t} alone on {@code points}, kept while the term's points stay the same. */
    private PointEvaluator termEvaluator(int t, Tensor points) {
        if (termEvaluators == null) {
            termEvaluators = new PointEvaluator[terms.size()];
            termPoints = new Tensor[terms.size()];
        }
        if (termPoints[t] != points) {
            termEvaluators[t] = evaluator(List.of(points), terms.get(t).derivatives());
            termPoints[t] = points;
        }
        return termEvaluators[t];
    }

    /**
     * {@code collocation} (all current points, shape (N, variables)) and {@code draws} (a scalar) if the problem has
     * equations, and {@code evaluator}: 0 on all points and not yet used, 1 on all points and used, 2 on a
     * mini-batch. The evaluator's first pass computes derivatives at every point set and its later passes only at
     * the sets that asked for them, which sums the gradient in another order, so a resumed run must continue with
     * an evaluator in the same stage to give the same bits.
     */
    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> state = new LinkedHashMap<>();
        if (hasCollocation) {
            state.put("collocation", collocation.copy());
            state.put("draws", Tensor.scalar(draws));
        }
        state.put("evaluator", Tensor.scalar(batch != collocation ? 2 : evaluated ? 1 : 0));
        if (remedies != null) {
            state.putAll(remedies.state());
        }
        return state;
    }

    @Override
    public void restore(Map<String, Tensor> saved) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        Map<String, Tensor> remedyState = new LinkedHashMap<>();
        saved.forEach((k, v) -> (WeightingRun.owns(k) ? remedyState : state).put(k, v));
        if (remedies != null) {
            remedies.restore(remedyState);
        } else if (!remedyState.isEmpty()) {
            throw new IllegalArgumentException("the checkpoint holds loss-weighting state " + remedyState.keySet()
                    + " but this problem has no weighting scheme");
        }
        Tensor stage = state.get("evaluator");
        if (stage == null || state.size() != (hasCollocation ? 3 : 1)) {
            throw new IllegalArgumentException("the PINN's state must hold " + (hasCollocation
                    ? "'collocation', 'draws' and " : "") + "'evaluator', got " + state.keySet());
        }
        if (hasCollocation) {
            restorePoints(state.get("collocation"), state.get("draws"));
        }
        use(collocation);
        if (stage.item() == 1) {
            loss(); // the first pass, whose result the interrupted run had used already
        } else if (stage.item() == 2) {
            batch = null; // on a mini-batch: the next epoch takes its own, a quasi-Newton phase all points anew
        }
    }

    private void restorePoints(Tensor points, Tensor drawn) {
        if (points == null || drawn == null) {
            throw new IllegalArgumentException("the PINN's state lacks 'collocation' or 'draws'");
        }
        boolean grows = remedies != null && remedies.refines();
        if (points.rank() != 2 || points.size(1) != problem.variables().size()
                || (grows ? points.size(0) < collocation.size(0) : points.size(0) != collocation.size(0))) {
            throw new IllegalArgumentException("the saved collocation points have shape "
                    + Arrays.toString(points.shape()) + " but the problem draws " + collocation.size(0) + " points of "
                    + problem.variables().size() + " variables");
        }
        collocation = points.copy();
        draws = (int) drawn.item();
    }

    Problem problem() {
        return problem;
    }

    int equationCount() {
        return equationCount;
    }

    /** The live term weights, which the remedies change in place. */
    double[] liveWeights() {
        return weights;
    }

    int[] termRows() {
        return termRows.clone();
    }

    Tensor liveCollocation() {
        return collocation;
    }

    void growCollocation(Tensor added) {
        collocation = Tensor.concat(0, collocation, added.detach());
        use(collocation);
    }
}
