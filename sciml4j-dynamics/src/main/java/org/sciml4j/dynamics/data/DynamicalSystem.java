package org.sciml4j.dynamics.data;

import java.util.SplittableRandom;

/**
 * A reference system whose trajectories are made for training and testing: its exact vector field, its energy
 * (the Hamiltonian for conservative systems, the mechanical energy for damped ones) and how initial states are
 * drawn. States are flat {@code double[]} of width {@link #dimension()}; for mechanical systems the positions come
 * first, then the momenta (or velocities).
 */
public interface DynamicalSystem {
    /** The name problem files use ({@code mass_spring}, {@code pendulum}, ...). */
    String name();

    /** The state's width d. */
    int dimension();

    /** The exact time derivative at state {@code x} (length d). */
    double[] derivative(double[] x);

    /** The energy at state {@code x}; NaN for systems without one. */
    double energy(double[] x);

    /** Whether the energy is conserved along exact trajectories. */
    boolean conservative();

    /**
     * Draws an initial state. Greydanus et al. draw a random direction and scale it to a radius drawn uniformly from
     * {@code [radiusLow, radiusHigh]}; systems with more degrees of freedom use the radius as their scale.
     */
    double[] initialState(SplittableRandom rng, double radiusLow, double radiusHigh);

    /** The default radius range of {@link #initialState} (Greydanus's for the mass-spring and the pendulum). */
    double[] defaultRadius();

    /** The default observation rate (points per unit time). */
    double defaultRate();

    /** The default time span of one training trajectory. */
    double[] defaultTimeSpan();
}
