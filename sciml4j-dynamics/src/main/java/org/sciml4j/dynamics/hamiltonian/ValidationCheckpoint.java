package org.sciml4j.dynamics.hamiltonian;

import java.util.List;
import java.util.function.Supplier;

import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.ode.OdeSolver;
import org.sciml4j.dynamics.ode.VectorField;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.KeepBest;

/**
 * Validation-based choice of the training step, as the SSGP paper's code trains (Tanaka et al. 2022, yusuk-e/SSGP
 * {@code train.py}: after every step the held-out trajectories are rolled out from their first observation with the
 * current (mean) field and the step with the lowest error is kept): the shared {@link KeepBest} listener scored by
 * {@link #rolloutMse} of the validation trajectories every {@code every} epochs. The kept values are written back
 * when training ends ({@link #restoreBest()} may be called again). It never stops training.
 */
public final class ValidationCheckpoint extends KeepBest {

    /**
     * @param parameters the trained leaves whose values are kept and restored
     * @param field      the field to roll out at the current parameters (e.g. an SSGP's posterior-mean field)
     * @param solver     the rollout's solver
     * @param validation held-out trajectories (K, T, d), not used in training
     * @param every      epochs between validations (>= 1)
     */
    public ValidationCheckpoint(List<Tensor> parameters, Supplier<VectorField> field, OdeSolver solver,
            TrajectoryData validation, int every) {
        super(parameters, every, () -> rolloutMse(field.get(), solver, validation));
    }

    /** The lowest validation error seen (infinite before the first validation). */
    public double bestError() {
        return keptScore();
    }

    /** The epoch whose parameters are kept; -1 before the first validation. */
    public int bestEpoch() {
        return keptEpoch();
    }

    /**
     * MSE (over trajectories, times and coordinates) of the rollouts from each trajectory's first observed state,
     * over all its times, against its observations (K, T, d); computed without recording.
     */
    public static double rolloutMse(VectorField field, OdeSolver solver, TrajectoryData data) {
        int k = data.trajectories();
        int d = data.dimension();
        Tensor x0 = data.x().slice(1, 0, 1).reshape(k, d).copy();
        Tensor path;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            path = solver.solve(field, x0, data.t().toArray());
        }
        Tensor observed = data.x().permute(1, 0, 2);
        return path.sub(observed).square().mean().item();
    }
}
