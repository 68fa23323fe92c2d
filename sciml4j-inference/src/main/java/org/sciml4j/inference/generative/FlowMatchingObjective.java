package org.sciml4j.inference.generative;

import java.util.List;
import java.util.Objects;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Objective;

/**
 * The conditional flow-matching objective of Lipman et al. (2023) with optimal-transport conditional paths, for
 * {@link org.sciml4j.train.Trainer}: x_t = (1 - (1 - sigma_min) t) x0 + t x1 with x0 ~ N(0, I), x1 a data field,
 * t ~ U(0, 1), and the regression target u = x1 - (1 - sigma_min) x0; the loss is the mean of (v_theta(x_t, t) - u)^2
 * over the batch and the field.
 * <p>
 * Each epoch draws a fresh mini-batch of data (rows drawn with replacement), fresh x0 and t from a generator seeded by
 * (seed, epoch), so a run is reproducible and a resumed run draws what an uninterrupted one would (no state to
 * checkpoint). A batch of 0 or at least the number of fields takes every field once per epoch, in order (the rule of
 * {@link org.sciml4j.train.MiniBatches}); x0 and t are still drawn afresh.
 * <p>
 * Residual-regularised training adds the term mean_B sum_k R_k(x1_hat)^2, weighted by lambda, where
 * x1_hat = (1 - sigma_min) x_t + (1 - (1 - sigma_min) t) v_theta is the end point the network predicts by one Euler
 * step to t = 1 (the soft-constraint alternative to {@link ConstrainedSampler}).
 */
public final class FlowMatchingObjective implements Objective {
    private final VectorField field;
    private final double[] data;
    private final int count;
    private final int n;
    private final int batch;
    private final boolean fullBatch;
    private final double sigmaMin;
    private final long seed;
    private final List<Constraint> constraints;
    private final double lambda;
    private Tensor xt;
    private Tensor t;
    private Tensor target;

    /**
     * @param field       the vector field to train
     * @param data        training fields, flat (N, n) row-major
     * @param batch       fields per step; 0 or at least N: all N fields, each once
     * @param sigmaMin    the path's end width sigma_min in [0, 1)
     * @param seed        seed of the draws
     * @param constraints constraints of the residual term (empty: plain flow matching)
     * @param lambda      the residual term's weight (ignored without constraints)
     */
    public FlowMatchingObjective(VectorField field, double[] data, int batch, double sigmaMin, long seed,
                                 List<Constraint> constraints, double lambda) {
        this.field = Objects.requireNonNull(field, "field");
        this.n = field.size();
        if (data.length == 0 || data.length % n != 0) {
            throw new IllegalArgumentException("the training data hold " + data.length + " values, not a positive"
                    + " multiple of the field size " + n);
        }
        this.data = data;
        this.count = data.length / n;
        if (batch < 0) {
            throw new IllegalArgumentException("the batch must be >= 0 (0: all fields), got " + batch);
        }
        if (!(sigmaMin >= 0 && sigmaMin < 1)) {
            throw new IllegalArgumentException("sigma_min must be in [0, 1), got " + sigmaMin);
        }
        this.fullBatch = batch == 0 || batch >= count;
        this.batch = fullBatch ? count : batch;
        this.sigmaMin = sigmaMin;
        this.seed = seed;
        this.constraints = List.copyOf(constraints);
        this.lambda = lambda;
        beforeEpoch(1);
    }

    @Override
    public List<String> termNames() {
        return constraints.isEmpty() ? List.of("flow_matching") : List.of("flow_matching", "residual");
    }

    @Override
    public double[] weights() {
        return constraints.isEmpty() ? new double[] {1} : new double[] {1, lambda};
    }

    @Override
    public List<Tensor> parameters() {
        return field.parameters();
    }

    @Override
    public void beforeEpoch(int epoch) {
        Rng rng = new Rng(seed * 0x9E3779B97F4A7C15L + epoch);
        double[] x = new double[batch * n];
        double[] u = new double[batch * n];
        double[] times = new double[batch];
        double a = 1 - sigmaMin;
        for (int i = 0; i < batch; i++) {
            int row = fullBatch ? i : rng.nextInt(count);
            double ti = rng.uniform();
            times[i] = ti;
            for (int j = 0; j < n; j++) {
                double x0 = rng.normal();
                double x1 = data[row * n + j];
                x[i * n + j] = (1 - a * ti) * x0 + ti * x1;
                u[i * n + j] = x1 - a * x0;
            }
        }
        xt = Tensor.wrap(x, batch, n);
        t = Tensor.wrap(times, batch, 1);
        target = Tensor.wrap(u, batch, n);
    }

    @Override
    public List<Tensor> loss() {
        Tensor v = field.velocity(xt, t);
        Tensor fm = v.sub(target).square().mean();
        if (constraints.isEmpty()) {
            return List.of(fm);
        }
        double a = 1 - sigmaMin;
        Tensor x1hat = xt.mul(a).add(t.mul(-a).add(1).mul(v));
        Tensor res = null;
        for (Constraint c : constraints) {
            Tensor sq = c.residual(x1hat).square().mean();
            res = res == null ? sq : res.add(sq);
        }
        return List.of(fm, res);
    }
}
