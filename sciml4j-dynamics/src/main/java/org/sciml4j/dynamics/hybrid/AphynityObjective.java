package org.sciml4j.dynamics.hybrid;

import java.util.List;
import java.util.Map;

import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.hamiltonian.TrajectoryObjective;
import org.sciml4j.dynamics.ode.OdeSolver;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Objective;

/**
 * Training of a {@link HybridField} through the integrator on trajectory segments, with or without APHYNITY's
 * minimum-norm principle (Yin et al. 2021).
 * <p>
 * With {@code minNorm}, the loss is APHYNITY's augmented Lagrangian {@code ||g_phi||^2 + lambda L_traj}: the
 * residual norm is the mean over all observed states (K T of them) of {@code sum_j g_j(x)^2}, {@code L_traj} the
 * trajectory MSE of the segments, and every {@code niter} steps {@code lambda <- lambda + tau2 L_traj} (their
 * Algorithm 1: lambda rises while the fit is poor, so the fit is a constraint and the network is kept as small as the
 * constraint allows). The terms are {@code residual_norm} and {@code lambda_fit} (= lambda L_traj); the logged
 * values are {@code trajectory_mse} and {@code lambda}.
 * <p>
 * Without {@code minNorm}, the one term is {@code trajectory_mse} (the plain hybrid: nothing ties the split between
 * physics and network, so the physical parameters may drift); {@code residual_norm} is logged.
 */
public final class AphynityObjective implements Objective {
    private final HybridField field;
    private final TrajectoryObjective fit;
    private final Tensor states;
    private final boolean minNorm;
    private final double tau2;
    private final int niter;
    private double lambda;
    private double lastFit = Double.NaN;
    private double lastNorm = Double.NaN;

    /**
     * @param data      trajectories (K, T, d) at evenly spaced times
     * @param segment   observation intervals per segment (1 to T - 1; T - 1 fits each trajectory from its start)
     * @param batchSize segments per step, 0 for all
     * @param minNorm   APHYNITY's min-norm objective; false for the plain hybrid
     * @param lambda0   initial lambda (> 0)
     * @param tau2      lambda's step (>= 0; 0 keeps lambda fixed, a plain penalty)
     * @param niter     steps between lambda updates (>= 1)
     */
    public AphynityObjective(HybridField field, OdeSolver solver, TrajectoryData data, int segment, int batchSize,
            long seed, boolean minNorm, double lambda0, double tau2, int niter) {
        if (!(lambda0 > 0) || !(tau2 >= 0) || niter < 1) {
            throw new IllegalArgumentException("APHYNITY needs lambda0 > 0, tau2 >= 0 and niter >= 1, got " + lambda0
                    + ", " + tau2 + ", " + niter);
        }
        this.field = field;
        this.fit = new TrajectoryObjective(field, solver, TrajectoryObjective.Gradient.DIRECT, data, segment,
                batchSize, seed);
        this.states = data.states();
        this.minNorm = minNorm;
        this.lambda = lambda0;
        this.tau2 = tau2;
        this.niter = niter;
    }

    /** The current lambda. */
    public double lambda() {
        return lambda;
    }

    @Override
    public List<String> termNames() {
        return minNorm ? List.of("residual_norm", "lambda_fit") : List.of("trajectory_mse");
    }

    @Override
    public List<Tensor> parameters() {
        return field.parameters();
    }

    @Override
    public List<String> loggedNames() {
        return minNorm ? List.of("trajectory_mse", "lambda") : List.of("residual_norm");
    }

    @Override
    public double[] loggedValues() {
        return minNorm ? new double[] {lastFit, lambda} : new double[] {lastNorm};
    }

    /** Mean over the observed states of |g_phi(x)|^2, a scalar tensor. */
    public Tensor residualNorm() {
        Tensor g = field.residual(states);
        return g.square().sum().mul(1.0 / states.shape()[0]);
    }

    @Override
    public void beforeEpoch(int epoch) {
        // Algorithm 1 of APHYNITY: lambda_{j+1} = lambda_j + tau2 L_traj after each block of niter descent steps
        if (minNorm && epoch > 1 && (epoch - 1) % niter == 0 && Double.isFinite(lastFit)) {
            lambda += tau2 * lastFit;
        }
        fit.beforeEpoch(epoch);
    }

    @Override
    public void fullBatch() {
        fit.fullBatch();
    }

    @Override
    public Map<String, Tensor> state() {
        return Map.of("lambda", Tensor.scalar(lambda));
    }

    @Override
    public void restore(Map<String, Tensor> state) {
        Tensor l = state.get("lambda");
        if (l == null) {
            throw new IllegalArgumentException("the saved objective state has no 'lambda': " + state.keySet());
        }
        lambda = l.item();
    }

    @Override
    public List<Tensor> loss() {
        Tensor mse = fit.loss().get(0);
        Tensor norm = residualNorm();
        lastFit = mse.item();
        lastNorm = norm.item();
        return minNorm ? List.of(norm, mse.mul(lambda)) : List.of(mse);
    }
}
