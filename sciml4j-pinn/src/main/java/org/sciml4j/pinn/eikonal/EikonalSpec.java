package org.sciml4j.pinn.eikonal;

import org.sciml4j.nn.NetworkSpec;
import org.sciml4j.pinn.config.ProblemFile.TrainingSpec;

/**
 * Everything an {@code kind: eikonal} file sets (see docs/EIKONAL.md for the keys).
 *
 * @param box         the region (receivers and sources)
 * @param velocity    the velocity model
 * @param residual    the residual's form
 * @param collocation the training points
 * @param weights     {eikonal, source} term weights
 * @param network     the network (2d inputs, 1 output)
 * @param training    the optimiser schedule, seed and log interval, as a PINN file's {@code training:}
 * @param evaluation  the check against fast marching
 * @param location    the hypocentre-location study, or null
 */
public record EikonalSpec(Box box, Velocity velocity, Residual residual, Collocation collocation, double[] weights,
        NetworkSpec network, TrainingSpec training, Evaluation evaluation, Location location) {

    /**
     * @param pairs         receiver-source pairs drawn together
     * @param sourcePoints  points (xs, xs) of the source condition (0: none)
     * @param resampleEvery first-order epochs between new draws (0: never)
     * @param round         quasi-Newton iterations per round, each round on newly drawn points with a fresh
     *                      curvature memory (0: one round on one fixed set)
     */
    public record Collocation(int pairs, int sourcePoints, int resampleEvery, int round) {
    }

    /**
     * @param grid    nodes per axis of the fast-marching grid (its nodes are the receivers)
     * @param sources how many random sources
     * @param seed    their seed
     * @param levels  contour levels in the plot
     */
    public record Evaluation(int[] grid, int sources, long seed, int levels) {
    }

    /**
     * @param source     the true hypocentre (length d)
     * @param receivers  how many receivers (drawn in the box with {@code seed})
     * @param noise      the arrival times' noise standard deviation (seconds, Gaussian)
     * @param starts     starting points of the gradient search
     * @param iterations Adam steps per start
     * @param seed       receivers', noise's and starts' seed
     */
    public record Location(double[] source, int receivers, double noise, int starts, int iterations, long seed) {
    }
}
