package org.sciml4j.dynamics.hamiltonian;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.ode.OdeSolver;
import org.sciml4j.dynamics.ode.VectorField;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Progress;
import org.sciml4j.train.TrainingListener;

/**
 * Validation-based choice of the training step, as the SSGP paper's code trains (Tanaka et al. 2022, yusuk-e/SSGP
 * {@code train.py}: after every step the held-out trajectories are rolled out from their first observation with the
 * current (mean) field and the step with the lowest error is kept). Every {@code every} epochs this listener rolls
 * the validation trajectories out ({@link #rolloutMse}), and when the error is the lowest so far copies the
 * parameters' values; {@link #restoreBest()} writes the kept values back after training. It never stops training.
 */
public final class ValidationCheckpoint implements TrainingListener {
    private final List<Tensor> parameters;
    private final Supplier<VectorField> field;
    private final OdeSolver solver;
    private final TrajectoryData validation;
    private final int every;
    private List<double[]> kept;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch = -1;

    /**
     * @param parameters the trained leaves whose values are kept and restored
     * @param field      the field to roll out at the current parameters (e.g. an SSGP's posterior-mean field)
     * @param solver     the rollout's solver
     * @param validation held-out trajectories (K, T, d), not used in training
     * @param every      epochs between validations (>= 1)
     */
    public ValidationCheckpoint(List<Tensor> parameters, Supplier<VectorField> field, OdeSolver solver,
            TrajectoryData validation, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("the validation interval must be >= 1 epoch, got " + every);
        }
        this.parameters = List.copyOf(parameters);
        this.field = field;
        this.solver = solver;
        this.validation = validation;
        this.every = every;
    }

    @Override
    public boolean onEpoch(Progress progress) {
        if (progress.epoch() % every == 0) {
            double e = rolloutMse(field.get(), solver, validation);
            if (e < best) {
                best = e;
                bestEpoch = progress.epoch();
                kept = new ArrayList<>();
                for (Tensor p : parameters) {
                    kept.add(p.data().clone());
                }
            }
        }
        return true;
    }

    /** Writes the kept parameter values back (no change when no validation ran). */
    public void restoreBest() {
        if (kept == null) {
            return;
        }
        for (int i = 0; i < parameters.size(); i++) {
            double[] v = kept.get(i);
            System.arraycopy(v, 0, parameters.get(i).data(), 0, v.length);
        }
    }

    /** The lowest validation error seen (infinite before the first validation). */
    public double bestError() {
        return best;
    }

    /** The epoch whose parameters are kept; -1 before the first validation. */
    public int bestEpoch() {
        return bestEpoch;
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
