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
 * seed and the epoch, so a resumed run draws the same batches; a batch of at least the number of segments takes all
 * of them every epoch, as {@code batchSize} 0 does (the project's rule, {@code org.sciml4j.train.MiniBatches}).
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
    private final double dt;
    private int segment;
    private int batchSize;
    private final long seed;
    private double[] grid;
    private int laterFrom = Integer.MAX_VALUE;
    private int laterSegment;
    private int laterBatch;
    private final double backwardStep;
    private List<Tensor> params;
    private Tensor startCorrection;
    private int[] batch;

    /**
     * @param data      trajectories with evenly spaced times
     * @param segment   observation intervals per segment, 1 to T - 1
     * @param batchSize segments per epoch; 0, or at least the number of segments, for all of them
     */
    public TrajectoryObjective(VectorField field, OdeSolver solver, Gradient gradient, TrajectoryData data,
            int segment, int batchSize, long seed) {
        times = data.times();
        checkSegment(segment, times);
        double[] t = data.t().data();
        dt = t[1] - t[0];
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
        this.seed = seed;
        useSegments(segment, batchSize);
        this.backwardStep = solver instanceof FixedStepSolver f ? f.maxStep() : dt / 4;
        this.params = List.copyOf(field.parameters());
    }

    /**
     * A segment schedule (a curriculum): from epoch {@code epoch + 1} on, each epoch takes {@code batch} segments of
     * {@code segment} observation intervals instead (0: all), e.g. whole trajectories after a phase of short ones.
     *
     * @param epoch   the last epoch of the first segments (the first phase's epochs, counted from 1)
     * @param segment observation intervals per later segment, 1 to T - 1
     * @param batch   later segments per epoch (0: all)
     */
    public TrajectoryObjective longSegmentsAfter(int epoch, int segment, int batch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("the switch epoch must be >= 0, got " + epoch);
        }
        checkSegment(segment, times);
        this.laterFrom = epoch + 1;
        this.laterSegment = segment;
        this.laterBatch = Math.max(0, batch);
        return this;
    }

    /**
     * Treats the segment starts as latent states, as {@code SsgpObjective.correctStarts()}: x0 = y0 + delta, one
     * learned delta (d) per observation (zero at first), trained with the field; the start's own observation is
     * scored like the others, so the term becomes (sum of squared errors + |delta|^2) / (values predicted + starts).
     * Direct gradient only.
     */
    public TrajectoryObjective correctStarts() {
        if (gradient == Gradient.ADJOINT) {
            throw new IllegalArgumentException("corrected starts need the direct gradient (the adjoint solve here"
                    + " differentiates the field's parameters, not the start)");
        }
        this.startCorrection = Tensor.of(new double[x.length], x.length / d, d).requireGrad();
        List<Tensor> p = new java.util.ArrayList<>(params);
        p.add(startCorrection);
        this.params = List.copyOf(p);
        return this;
    }

    /**
     * The segment rule: 1 to T - 1 observation intervals for trajectories of T points (problem readers place its
     * message at their {@code segment:}).
     *
     * @return {@code segment}
     * @throws IllegalArgumentException if {@code segment} is outside 1 to T - 1
     */
    public static int checkSegment(int segment, int times) {
        if (segment < 1 || segment >= times) {
            throw new IllegalArgumentException("segment must be 1 to " + (times - 1) + " observation intervals (the"
                    + " trajectories have " + times + " points), got " + segment);
        }
        return segment;
    }

    /**
     * Sets the segment length, its time grid and the batch size, and takes all segments as the batch. A batch of at
     * least the segments is all of them, in order, as 0 is (the project's rule, {@code org.sciml4j.train.MiniBatches}).
     */
    private void useSegments(int length, int size) {
        this.segment = length;
        this.batchSize = size >= trajectories * (times - length) ? 0 : Math.max(0, size);
        this.grid = new double[length + 1];
        for (int k = 0; k <= length; k++) {
            grid[k] = k * dt;
        }
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
        if (epoch >= laterFrom && laterSegment > 0) {
            useSegments(laterSegment, laterBatch);
            laterSegment = 0; // switched once
        }
        if (batchSize == 0) {
            return; // all segments, set by useSegments (no array per epoch)
        }
        int[] all = allStarts();
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + epoch);
        int n = batchSize;
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
        Tensor delta = startCorrection == null ? null : startCorrection.indexSelect(0, batch);
        if (delta != null) {
            x0 = x0.add(delta);
        }
        Tensor path = gradient == Gradient.ADJOINT ? Adjoint.solve(solver, field, x0, grid, backwardStep)
                : solver.solve(field, x0, grid);
        Tensor err = path.slice(0, 1, segment + 1).sub(Tensor.wrap(target, segment, b, d)).square();
        return List.of(delta == null ? err.mean()
                : err.sum().add(delta.square().sum()).mul(1.0 / (target.length + start.length)));
    }
}
