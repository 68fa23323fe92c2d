package org.sciml4j.dynamics.hamiltonian;

import java.util.List;
import java.util.SplittableRandom;
import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.ode.Adjoint;
import org.sciml4j.dynamics.ode.FixedStepSolver;
import org.sciml4j.dynamics.ode.OdeSolver;
import org.sciml4j.dynamics.ode.VectorField;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Objective;

/**
 * Training through the integrator on trajectory segments (for sparse data, where derivatives are not observed):
 * from each observed state x(t_i), integrate the field over the next {@code segment} observation intervals and
 * compare with the observed x(t_{i+1}), ..., x(t_{i+segment}); the term {@code trajectory_mse} is the mean square
 * over all predicted points. Gradients flow either through the solver's steps ({@link Gradient#DIRECT}) or by the
 * adjoint method ({@link Gradient#ADJOINT}, memory flat in the number of steps).
 * <p>
 * The observation times must be evenly spaced (every segment then shares one time grid and all segments integrate
 * as one batch). With {@code batchSize > 0} each epoch takes that many segments drawn from a generator seeded by the
 * seed and the epoch, so a resumed run draws the same batches.
 */
public final class TrajectoryObjective implements Objective {
    /** How the parameter gradient of a solution is taken. */
    public enum Gradient {
        /** Backpropagation through every step of the solver. */
        DIRECT,
        /** The adjoint method: one recorded node, augmented backward solve. */
        ADJOINT
    }

    private final VectorField field;
    private final OdeSolver solver;
    private final Gradient gradient;
    private final double[] x;
    private final int trajectories;
    private final int times;
    private final int d;
    private final int segment;
    private final int batchSize;
    private final long seed;
    private final double[] grid;
    private final double backwardStep;
    private final List<Tensor> params;
    private int[] batch;

    /**
     * @param data      trajectories with evenly spaced times
     * @param segment   observation intervals per segment, 1 to T - 1
     * @param batchSize segments per epoch; 0 for all of them
     */
    public TrajectoryObjective(VectorField field, OdeSolver solver, Gradient gradient, TrajectoryData data,
            int segment, int batchSize, long seed) {
        times = data.times();
        if (segment < 1 || segment >= times) {
            throw new IllegalArgumentException("segment must be 1 to " + (times - 1) + " observation intervals, got "
                    + segment);
        }
        double[] t = data.t().data();
        double dt = t[1] - t[0];
        for (int i = 1; i < times; i++) {
            if (Math.abs(t[i] - t[i - 1] - dt) > 1e-9 * Math.max(1, Math.abs(t[i]))) {
                throw new IllegalArgumentException("training on segments needs evenly spaced times, but t[" + i
                        + "] - t[" + (i - 1) + "] = " + (t[i] - t[i - 1]) + " differs from " + dt);
            }
        }
        this.field = field;
        this.solver = solver;
        this.gradient = gradient;
        this.x = data.x().toArray();
        this.trajectories = data.trajectories();
        this.d = data.dimension();
        this.segment = segment;
        this.batchSize = Math.max(0, batchSize);
        this.seed = seed;
        this.grid = new double[segment + 1];
        for (int k = 0; k <= segment; k++) {
            grid[k] = k * dt;
        }
        this.backwardStep = solver instanceof FixedStepSolver f ? f.maxStep() : dt / 4;
        this.params = List.copyOf(field.parameters());
        this.batch = allStarts();
    }

    private int[] allStarts() {
        int per = times - segment;
        int[] all = new int[trajectories * per];
        for (int k = 0; k < trajectories; k++) {
            for (int i = 0; i < per; i++) {
                all[k * per + i] = k * times + i;
            }
        }
        return all;
    }

    @Override
    public List<String> termNames() {
        return List.of("trajectory_mse");
    }

    @Override
    public List<Tensor> parameters() {
        return params;
    }

    @Override
    public void beforeEpoch(int epoch) {
        if (batchSize == 0) {
            return;
        }
        int[] all = allStarts();
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + epoch);
        int n = Math.min(batchSize, all.length);
        for (int i = 0; i < n; i++) { // partial Fisher-Yates: the first n of a random permutation
            int j = i + rng.nextInt(all.length - i);
            int keep = all[i];
            all[i] = all[j];
            all[j] = keep;
        }
        batch = java.util.Arrays.copyOf(all, n);
    }

    @Override
    public void fullBatch() {
        batch = allStarts();
    }

    @Override
    public List<Tensor> loss() {
        int b = batch.length;
        double[] start = new double[b * d];
        double[] target = new double[segment * b * d];
        for (int s = 0; s < b; s++) {
            int row = batch[s];
            System.arraycopy(x, row * d, start, s * d, d);
            for (int k = 1; k <= segment; k++) {
                System.arraycopy(x, (row + k) * d, target, ((k - 1) * b + s) * d, d);
            }
        }
        Tensor x0 = Tensor.wrap(start, b, d);
        Tensor path = gradient == Gradient.ADJOINT ? Adjoint.solve(solver, field, x0, grid, backwardStep)
                : solver.solve(field, x0, grid);
        Tensor predicted = path.slice(0, 1, segment + 1);
        return List.of(predicted.sub(Tensor.wrap(target, segment, b, d)).square().mean());
    }
}
