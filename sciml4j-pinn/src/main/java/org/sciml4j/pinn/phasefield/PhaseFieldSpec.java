package org.sciml4j.pinn.phasefield;

import org.sciml4j.nn.NetworkSpec;
import org.sciml4j.pinn.config.ProblemFile.TrainingSpec;

/**
 * Everything a {@code kind: phase_field} file sets (see docs/PHASE-FIELD.md for the keys).
 *
 * @param film       the film and its material
 * @param load       the shrinkage strains eps0 of the load steps, increasing
 * @param lbfgs      quasi-Newton iterations per load step (length of {@code load}), or null: the training's in every
 *                   step (the steps where a crack forms or grows need more)
 * @param offset     the phase output's shift (sigmoid(z - offset) is the new damage)
 * @param quadrature the training quadrature: {points, intervals, sets, rotateEvery, round}: Gauss-Legendre nodes
 *                   per cell and cells per axis; the number of node sets (intervals n, n + 1, n - 1, n + 2, ...
 *                   per axis), first-order epochs between moves to the next set (0: never) and quasi-Newton
 *                   iterations per round, each round on the next set (0: one round)
 * @param reference  the grid solver: cells per side, tolerance on phi, alternations at most per step
 * @param network    the network (2 inputs, 3 outputs)
 * @param training   the optimiser schedule of every load step, seed and log interval, as a PINN file's
 *                   {@code training:}
 */
public record PhaseFieldSpec(Film film, double[] load, int[] lbfgs, double offset, int[] quadrature,
        Reference reference, NetworkSpec network, TrainingSpec training) {

    /** The quasi-Newton iterations of load step k. */
    public int lbfgsIterations(int k) {
        return lbfgs == null ? training.lbfgsIterations() : lbfgs[k];
    }

    /**
     * @param cells         cells per side of the grid (the comparison evaluates the network on its nodes)
     * @param tolerance     the largest change of phi over one alternation that ends a load step
     * @param maxIterations alternations per load step at most
     */
    public record Reference(int cells, double tolerance, int maxIterations) {
    }
}
