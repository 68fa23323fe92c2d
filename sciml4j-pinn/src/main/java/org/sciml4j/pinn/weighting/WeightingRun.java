package org.sciml4j.pinn.weighting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.sciml4j.domain.expr.Evaluation;
import org.sciml4j.optim.LeastSquares;
import org.sciml4j.optim.TrainingDivergedException;
import org.sciml4j.pinn.Condition;
import org.sciml4j.pinn.Problem;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * The remedies of a {@link Weighting} applied to one training run of one objective: the live term weights, each
 * equation's point weights, the causal schedule, the refinement draws. The objective calls {@link #beforeEpoch}
 * and {@link #balance} around its own draws before every first-order epoch, {@link #equationLoss} for each equation
 * term, {@link #freeze} before a quasi-Newton phase or round, and {@link #pointsReplaced} when its collocation points
 * are drawn again. Its state (weights, lambdas, schedule) is saved with the objective's for an exact resume.
 */
public final class WeightingRun {
    /** Seed increment between refinement draws (differs from the objective's redraw step). */
    private static final long RAR_STEP = 0x632BE59BD9B4E019L;
    private static final String PREFIX = "weighting.";

    private final Weighting weighting;
    private final WeightingHost host;
    private final long seed;
    private final int equations;
    /** Per equation, lambda per collocation point (null: all 1 on the next evaluation). */
    private final double[][] lambda;
    /** Per equation, its residual per point at the last evaluation (null: none yet). */
    private final double[][] lastResidual;
    /** Per equation, the slab weights fixed for a quasi-Newton phase (null: computed on the next evaluation). */
    private final double[][] frozenSlabWeights;
    private final int timeColumn;
    private final double timeLo;
    private final double timeHi;
    private int epsilonIndex;
    private double minW = Double.NaN;
    private boolean frozen;

    /**
     * @param weighting the remedies (not empty)
     * @param host      the objective they shape
     * @param seed      seeds the refinement's candidate draws
     * @throws IllegalArgumentException if causal weights name a variable the problem lacks, or grad_norm's
     *                                  max_mean ratio is asked of a problem without equations
     */
    public WeightingRun(Weighting weighting, WeightingHost host, long seed) {
        this.weighting = weighting;
        this.host = host;
        this.seed = seed;
        equations = host.equationCount();
        lambda = new double[equations][];
        lastResidual = new double[equations][];
        frozenSlabWeights = new double[equations][];
        Problem p = host.problem();
        CausalWeighting c = weighting.causal();
        if (c != null) {
            timeColumn = p.variableIndex(c.variable());
            if (timeColumn < 0) {
                throw new IllegalArgumentException("causal weights: '" + c.variable() + "' is not a variable; the"
                        + " variables are " + p.variableNames());
            }
            timeLo = p.lower()[timeColumn];
            timeHi = p.upper()[timeColumn];
        } else {
            timeColumn = -1;
            timeLo = 0;
            timeHi = 1;
        }
        TermBalancing t = weighting.terms();
        if (t != null && t.scheme() == TermBalancing.Scheme.GRAD_NORM && t.ratio() == TermBalancing.Ratio.MAX_MEAN
                && equations == 0) {
            throw new IllegalArgumentException("grad_norm with ratio max_mean balances the conditions against the"
                    + " equations, but the problem has none; use ratio: norm");
        }
        if (equations == 0 && (weighting.points() != null || c != null || weighting.refinement() != null)) {
            throw new IllegalArgumentException("point weights, causal weights and refinement act on the equations'"
                    + " collocation points, but the problem has no equation");
        }
    }

    /** Whether refinement adds collocation points (so that their count grows). */
    public boolean refines() {
        return weighting.refinement() != null;
    }

    /** Whether {@link #equationLoss} differs from the plain mean square (point or causal weights are on). */
    public boolean shapesEquations() {
        return weighting.points() != null || weighting.causal() != null;
    }

    /**
     * Before first-order epoch {@code epoch}, ahead of the objective's own redraws: updates the point weights from
     * the last step's residuals, moves the causal tolerance on when {@code min w > delta}, and adds the refinement's
     * points when due.
     */
    public void beforeEpoch(int epoch) {
        frozen = false;
        PointWeighting pw = weighting.points();
        if (pw != null) {
            for (int e = 0; e < equations; e++) {
                if (lambda[e] != null && lastResidual[e] != null && lastResidual[e].length == lambda[e].length) {
                    pw.update(lambda[e], lastResidual[e]);
                }
            }
        }
        CausalWeighting c = weighting.causal();
        if (c != null && minW > c.delta() && epsilonIndex < c.epsilons().length - 1) {
            epsilonIndex++;
            minW = Double.NaN;
        }
        Refinement r = weighting.refinement();
        if (r != null && r.due(epoch)) {
            refine(r, epoch);
        }
    }

    private void refine(Refinement r, int epoch) {
        Tensor candidates = host.candidates(r.candidates(), seed + epoch * RAR_STEP);
        int[] worst = Refinement.largest(host.residualNorms(candidates, epoch), r.add());
        int d = candidates.size(1);
        double[] all = candidates.data();
        double[] out = new double[worst.length * d];
        for (int i = 0; i < worst.length; i++) {
            System.arraycopy(all, worst[i] * d, out, i * d, d);
        }
        host.growCollocation(Tensor.wrap(out, worst.length, d));
        for (int e = 0; e < equations; e++) {
            if (lambda[e] != null) {
                int n = lambda[e].length;
                lambda[e] = Arrays.copyOf(lambda[e], n + worst.length);
                Arrays.fill(lambda[e], n, n + worst.length, 1.0);
            }
            lastResidual[e] = null;
        }
    }

    /** After the objective's draws for epoch {@code epoch}: sets the term weights again when due. */
    public void balance(int epoch) {
        TermBalancing t = weighting.terms();
        if (t == null || !t.due(epoch)) {
            return;
        }
        double[] weights = host.liveWeights();
        double[] targets = t.scheme() == TermBalancing.Scheme.NTK ? TermBalancing.ntkTargets(traces(weights))
                : t.gradNormTargets(gradients(epoch), equations, weights);
        try {
            t.blend(weights, targets);
        } catch (IllegalStateException e) {
            throw new TrainingDivergedException(epoch, -1, "at epoch " + epoch + ", " + e.getMessage() + " ("
                    + host.termNames() + ")");
        }
    }

    /** Each term's gradient with respect to all parameters, flattened; null for a term that depends on none. */
    private double[][] gradients(int epoch) {
        List<Tensor> terms = host.evaluate();
        List<Tensor> params = host.parameters();
        double[][] out = new double[terms.size()][];
        for (int i = 0; i < out.length; i++) {
            Tensor term = terms.get(i);
            if (!Double.isFinite(term.item())) {
                throw new TrainingDivergedException(epoch, -1, "training diverged at epoch " + epoch + ": loss term "
                        + host.termNames().get(i) + " = " + term.item());
            }
            if (!term.isTracked()) {
                continue;
            }
            List<double[]> parts = new ArrayList<>();
            int size = 0;
            for (Tensor g : Autodiff.grad(term, params, null, false)) {
                parts.add(g.data());
                size += g.data().length;
            }
            double[] flat = new double[size];
            int at = 0;
            for (double[] part : parts) {
                System.arraycopy(part, 0, flat, at, part.length);
                at += part.length;
            }
            out[i] = flat;
        }
        return out;
    }

    /**
     * Each term's NTK trace per row, the mean over its residual rows of {@code ||d r / d theta||^2}, from the
     * Levenberg-Marquardt rows (scaled by {@code sqrt(w / N)}); 0 for a term of weight 0.
     */
    private double[] traces(double[] weights) {
        LeastSquares.Residuals res = host.residuals(true);
        int[] rows = host.termRows();
        int m = res.values().length;
        int p = m == 0 ? 0 : res.jacobian().length / m;
        double[] j = res.jacobian();
        double[] out = new double[rows.length];
        int row = 0;
        for (int t = 0; t < rows.length; t++) {
            double s = 0;
            for (int i = 0; i < rows[t]; i++, row++) {
                for (int k = row * p; k < (row + 1) * p; k++) {
                    s += j[k] * j[k];
                }
            }
            out[t] = weights[t] > 0 ? s / weights[t] : 0;
        }
        return out;
    }

    /**
     * The loss of equation {@code e} with point and causal weights: {@code sum_n c_n r_n^2}.
     *
     * @param term   the equation as a resolved condition
     * @param at     the evaluation at {@code points}
     * @param points the points evaluated, shape (N, variables)
     */
    public Tensor equationLoss(int e, Condition.Resolved term, Evaluation at, Tensor points) {
        Tensor r = term.residual(0, at);
        int n = points.size(0);
        r = r.rank() == 0 ? r.reshape(1, 1).mul(Tensor.ones(n, 1)) : r.reshape(n, 1);
        double[] rv = r.data();
        lastResidual[e] = rv.clone();
        double[] p = pointWeights(e, n);
        double[] coef = new double[n];
        CausalWeighting c = weighting.causal();
        if (c == null) {
            for (int i = 0; i < n; i++) {
                coef[i] = p[i] / n;
            }
        } else {
            causalCoefficients(e, c, rv, p, points, coef);
        }
        Tensor total = r.square().mul(Tensor.wrap(coef, n, 1)).sum();
        // an equation with several requirements is not made by the problem builder; keep the rest plain
        for (int i = 1; i < term.sides().size(); i++) {
            total = total.add(term.residual(i, at).square().mean());
        }
        return total;
    }

    /** Each point's multiplier {@code c_n} of the point weights (1 without them). */
    private double[] pointWeights(int e, int n) {
        PointWeighting pw = weighting.points();
        double[] p = new double[n];
        if (pw == null) {
            Arrays.fill(p, 1);
            return p;
        }
        if (lambda[e] == null || lambda[e].length != n) {
            lambda[e] = new double[n];
            Arrays.fill(lambda[e], 1);
        }
        for (int i = 0; i < n; i++) {
            p[i] = pw.weight(lambda[e][i]);
        }
        return p;
    }

    /** Writes into {@code coef} each point's {@code p_n w_k / (M count_k)} for its slab k. */
    private void causalCoefficients(int e, CausalWeighting c, double[] r, double[] p, Tensor points, double[] coef) {
        int n = r.length;
        int[] slab = c.slabOf(points.data(), points.size(1), timeColumn, timeLo, timeHi);
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = p[i] * r[i] * r[i];
        }
        int[] counts = new int[c.slabs()];
        double[] losses = c.slabMeans(q, slab, counts);
        double[] w;
        if (frozen && frozenSlabWeights[e] != null) {
            w = frozenSlabWeights[e];
        } else {
            w = CausalWeighting.weights(losses, c.epsilons()[epsilonIndex]);
            if (frozen) {
                frozenSlabWeights[e] = w;
            }
        }
        double min = Double.POSITIVE_INFINITY;
        for (double v : w) {
            min = Math.min(min, v);
        }
        minW = e == 0 || Double.isNaN(minW) ? min : Math.min(minW, min);
        for (int i = 0; i < n; i++) {
            coef[i] = p[i] * w[slab[i]] / ((double) c.slabs() * counts[slab[i]]);
        }
    }

    /** Before a quasi-Newton phase or round: the causal slab weights stay those of its first evaluation. */
    public void freeze() {
        frozen = true;
        Arrays.fill(frozenSlabWeights, null);
    }

    /** The collocation points were drawn again: the point weights start again at 1. */
    public void pointsReplaced() {
        Arrays.fill(lambda, null);
        Arrays.fill(lastResidual, null);
    }

    /** The values logged each epoch: term weights, the largest point weight, causal min w and epsilon, points. */
    public List<String> loggedNames() {
        List<String> names = new ArrayList<>();
        if (weighting.terms() != null) {
            host.termNames().forEach(t -> names.add("weight." + t));
        }
        if (weighting.points() != null) {
            names.add("point_weight.max");
        }
        if (weighting.causal() != null) {
            names.add("causal.min_w");
            names.add("causal.epsilon");
        }
        if (weighting.refinement() != null) {
            names.add("collocation.points");
        }
        return names;
    }

    /** The values of {@link #loggedNames()}. */
    public double[] loggedValues() {
        List<Double> v = new ArrayList<>();
        if (weighting.terms() != null) {
            for (double w : host.liveWeights()) {
                v.add(w);
            }
        }
        if (weighting.points() != null) {
            double max = 0;
            for (double[] l : lambda) {
                for (int i = 0; l != null && i < l.length; i++) {
                    max = Math.max(max, weighting.points().weight(l[i]));
                }
            }
            v.add(max);
        }
        if (weighting.causal() != null) {
            v.add(minW);
            v.add(weighting.causal().epsilons()[epsilonIndex]);
        }
        if (weighting.refinement() != null) {
            v.add((double) host.collocation().size(0));
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The current causal tolerance. */
    public double epsilon() {
        return weighting.causal() == null ? Double.NaN : weighting.causal().epsilons()[epsilonIndex];
    }

    /** The last evaluation's smallest causal slab weight (NaN before any). */
    public double minW() {
        return minW;
    }

    /** Equation {@code e}'s point lambdas, a copy (null before its first evaluation or without point weights). */
    public double[] lambdas(int e) {
        return lambda[e] == null ? null : lambda[e].clone();
    }

    /** The state to save, its keys prefixed {@code weighting.}. */
    public Map<String, Tensor> state() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        if (weighting.terms() != null) {
            s.put(PREFIX + "weights", Tensor.of(host.liveWeights(), host.liveWeights().length));
        }
        for (int e = 0; e < equations; e++) {
            if (lambda[e] != null) {
                s.put(PREFIX + "lambda." + e, Tensor.of(lambda[e], lambda[e].length));
            }
            if (lastResidual[e] != null && weighting.points() != null) {
                s.put(PREFIX + "residual." + e, Tensor.of(lastResidual[e], lastResidual[e].length));
            }
        }
        s.put(PREFIX + "causal", Tensor.vector(epsilonIndex, minW, frozen ? 1 : 0));
        return s;
    }

    /**
     * Restores a {@link #state()}: the entries of {@code state} whose keys start with {@code weighting.}.
     *
     * @throws IllegalArgumentException if an entry does not fit
     */
    public void restore(Map<String, Tensor> state) {
        Arrays.fill(lambda, null);
        Arrays.fill(lastResidual, null);
        for (Map.Entry<String, Tensor> en : state.entrySet()) {
            String k = en.getKey().substring(PREFIX.length());
            double[] v = en.getValue().data().clone();
            if (k.equals("weights")) {
                if (v.length != host.liveWeights().length) {
                    throw new IllegalArgumentException("the saved term weights have " + v.length + " entries but the"
                            + " problem has " + host.liveWeights().length + " terms");
                }
                System.arraycopy(v, 0, host.liveWeights(), 0, v.length);
            } else if (k.equals("causal") && v.length == 3) {
                epsilonIndex = (int) v[0];
                minW = v[1];
                frozen = v[2] != 0;
            } else if (k.startsWith("lambda.")) {
                lambda[equation(k)] = v;
            } else if (k.startsWith("residual.")) {
                lastResidual[equation(k)] = v;
            } else {
                throw new IllegalArgumentException("unknown weighting state '" + en.getKey() + "'");
            }
        }
    }

    private int equation(String key) {
        int e = Integer.parseInt(key.substring(key.indexOf('.') + 1));
        if (e < 0 || e >= equations) {
            throw new IllegalArgumentException("weighting state '" + key + "' names equation " + e + " of "
                    + equations);
        }
        return e;
    }

    /** Whether a state key belongs to a weighting run. */
    public static boolean owns(String key) {
        return key.startsWith(PREFIX);
    }
}
