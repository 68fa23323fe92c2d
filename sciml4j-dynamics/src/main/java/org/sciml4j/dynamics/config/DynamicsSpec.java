package org.sciml4j.dynamics.config;

import java.nio.file.Path;
import org.sciml4j.dynamics.data.DynamicalSystem;
import org.sciml4j.dynamics.hamiltonian.TrajectoryObjective;
import org.sciml4j.nn.NetworkSpec;

/**
 * A {@code hamiltonian} or {@code neural_ode} problem file, read and checked.
 *
 * @param kind       {@code hamiltonian} or {@code neural_ode}
 * @param model      {@code hnn}, {@code baseline}, {@code dissipative_hnn} (hamiltonian) or {@code network}
 * @param system     the reference system (data and evaluation truth), or null when the data come from a file only
 * @param data       how the trajectories are made or read
 * @param network    the network's settings
 * @param training   the schedule and objective
 * @param evaluation the rolled-out test trajectories
 * @param seed       the file's seed
 */
public record DynamicsSpec(String kind, String model, DynamicalSystem system, Data data, NetworkSpec network,
        Training training, Evaluation evaluation, long seed) {

    /**
     * The data section: generated from {@code system} (file null) or read from {@code file}; the first
     * {@code 1 - testSplit} share of the trajectories trains, the rest tests.
     */
    public record Data(Path file, int trajectories, double testSplit, double[] timeSpan, double rate, double noise,
            double[] radius) {
    }

    /**
     * The training section.
     *
     * @param target       {@code derivatives} (Greydanus) or {@code trajectories} (through the integrator)
     * @param integrator   the solver's name for trajectory training
     * @param step         its (longest) step
     * @param segment      observation intervals per segment
     * @param batchSize    segments per epoch (0: all)
     * @param gradient     direct or adjoint
     * @param weightDecay  the L2 coefficient
     */
    public record Training(String target, int epochs, double learningRate, double weightDecay, String integrator,
            double step, int segment, int batchSize, TrajectoryObjective.Gradient gradient, int printEvery) {
    }

    /**
     * Rolled-out test trajectories: how many, over [0, duration], at how many points; {@code notebook}: Greydanus's
     * notebook protocol ({@link org.sciml4j.dynamics.hamiltonian.Rollouts#greydanusNotebook}: growing horizons,
     * the model's time rescaled by 1 + 0.9 noise).
     */
    public record Evaluation(int trajectories, double duration, int points, boolean notebook) {
    }
}
