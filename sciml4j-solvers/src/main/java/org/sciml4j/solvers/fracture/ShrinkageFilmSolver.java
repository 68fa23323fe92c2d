package org.sciml4j.solvers.fracture;

import java.util.ArrayList;
import java.util.List;

/**
 * Quasi-static phase-field fracture of a shrinking film ({@link FilmGrid}) by alternating minimisation: at each load
 * step (a shrinkage strain eps0), repeat (1) the u-step, linear elasticity with the stiffness degraded by
 * (1 - phi)^2 plus the substrate, solved by conjugate gradients, and (2) the phi-step, a quadratic in phi minimised
 * under the bounds {@code phi_prev <= phi <= 1} (irreversibility: phi_prev is the field of the previous load step)
 * by projected Gauss-Seidel, which lowers the energy at every node update and converges to the constrained
 * minimiser; until phi moves less than a tolerance. Each half-step lowers the energy.
 */
public final class ShrinkageFilmSolver {
    private final FilmGrid grid;
    private final double tolerance;
    private final int maxIterations;

    /**
     * @param grid          the discrete energy
     * @param tolerance     stop a load step when phi's largest change over one alternation is below this, > 0
     * @param maxIterations alternations per load step at most, >= 1
     */
    public ShrinkageFilmSolver(FilmGrid grid, double tolerance, int maxIterations) {
        if (!(tolerance > 0) || maxIterations < 1) {
            throw new IllegalArgumentException("shrinkage solver: need tolerance > 0 and maxIterations >= 1, got "
                    + tolerance + ", " + maxIterations);
        }
        this.grid = grid;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /**
     * The state after a load step.
     *
     * @param eps0       the shrinkage strain
     * @param u1         x displacement at the nodes
     * @param u2         y displacement at the nodes
     * @param phi        phase field at the nodes
     * @param energy     its energy
     * @param iterations alternations used
     * @param converged  whether phi settled below the tolerance
     * @param history    the total energy after every half-step (u-step, phi-step, u-step, ...)
     */
    public record Step(double eps0, double[] u1, double[] u2, double[] phi, FilmGrid.Energy energy, int iterations,
            boolean converged, double[] history) {
    }

    /** The film's states at growing strains {@code eps0s}, from rest (u = 0, phi = 0), each step from the last. */
    public List<Step> solve(double[] eps0s) {
        int n = grid.nodes();
        double[] u1 = new double[n];
        double[] u2 = new double[n];
        double[] phi = new double[n];
        List<Step> steps = new ArrayList<>();
        for (double e : eps0s) {
            Step st = step(e, u1, u2, phi);
            steps.add(st);
            u1 = st.u1();
            u2 = st.u2();
            phi = st.phi();
        }
        return steps;
    }

    /**
     * One load step from a state (not modified): phi may only grow from {@code phiPrev}.
     */
    public Step step(double eps0, double[] u1Start, double[] u2Start, double[] phiPrev) {
        double[] u1 = u1Start.clone();
        double[] u2 = u2Start.clone();
        double[] phi = phiPrev.clone();
        int n = grid.nodes();
        double[] stencil = new double[9 * n];
        double[] rhs = new double[n];
        List<Double> history = new ArrayList<>();
        int it = 0;
        boolean converged = false;
        while (it < maxIterations && !converged) {
            it++;
            solveDisplacement(u1, u2, phi, eps0);
            history.add(grid.energy(u1, u2, phi, eps0).total());
            grid.phaseSystem(u1, u2, eps0, stencil, rhs);
            double change = projectedGaussSeidel(stencil, rhs, phi, phiPrev);
            history.add(grid.energy(u1, u2, phi, eps0).total());
            converged = change < tolerance;
        }
        solveDisplacement(u1, u2, phi, eps0);
        double[] hist = history.stream().mapToDouble(Double::doubleValue).toArray();
        return new Step(eps0, u1, u2, phi, grid.energy(u1, u2, phi, eps0), it, converged, hist);
    }

    /**
     * The u-step: conjugate gradients with the Jacobi preconditioner ({@link FilmGrid#displacementDiagonal}) on
     * A u = b from the current u, to a relative residual of 1e-10.
     */
    void solveDisplacement(double[] u1, double[] u2, double[] phi, double eps0) { // numerical kernel
        int n = grid.nodes();
        double[] r1 = new double[n];
        double[] r2 = new double[n];
        double[] b1 = new double[n];
        double[] b2 = new double[n];
        double[] zero = new double[n];
        grid.displacementGradient(zero, zero, phi, eps0, b1, b2); // -b
        double bb = dot(b1, b1) + dot(b2, b2);
        if (bb == 0) {
            java.util.Arrays.fill(u1, 0);
            java.util.Arrays.fill(u2, 0);
            return;
        }
        double[] d1 = new double[n];
        double[] d2 = new double[n];
        grid.displacementDiagonal(phi, d1, d2);
        grid.displacementGradient(u1, u2, phi, eps0, r1, r2);
        double[] p1 = new double[n];
        double[] p2 = new double[n];
        for (int k = 0; k < n; k++) {
            r1[k] = -r1[k];
            r2[k] = -r2[k];
            p1[k] = r1[k] / d1[k];
            p2[k] = r2[k] / d2[k];
        }
        double[] q1 = new double[n];
        double[] q2 = new double[n];
        double rz = dot(r1, p1) + dot(r2, p2);
        double rr = dot(r1, r1) + dot(r2, r2);
        for (int k = 0; k < 20 * n && rr > 1e-20 * bb; k++) {
            grid.displacementGradient(p1, p2, phi, 0, q1, q2);
            double alpha = rz / (dot(p1, q1) + dot(p2, q2));
            rr = 0;
            double next = 0;
            for (int m = 0; m < n; m++) {
                u1[m] += alpha * p1[m];
                u2[m] += alpha * p2[m];
                r1[m] -= alpha * q1[m];
                r2[m] -= alpha * q2[m];
                rr += r1[m] * r1[m] + r2[m] * r2[m];
                next += r1[m] * r1[m] / d1[m] + r2[m] * r2[m] / d2[m];
            }
            double beta = next / rz;
            rz = next;
            for (int m = 0; m < n; m++) {
                p1[m] = r1[m] / d1[m] + beta * p1[m];
                p2[m] = r2[m] / d2[m] + beta * p2[m];
            }
        }
    }

    /**
     * The phi-step: projected Gauss-Seidel sweeps on {@code min phi^T K phi / 2 - f^T phi} over
     * {@code lower <= phi <= 1} until a sweep moves no value by more than tolerance / 100 (at most 2000 sweeps).
     *
     * @return the largest change of phi over the whole step
     */
    double projectedGaussSeidel(double[] stencil, double[] rhs, double[] phi, double[] lower) { // numerical kernel
        int w = grid.nodesPerSide();
        double[] start = phi.clone();
        for (int sweep = 0; sweep < 2000; sweep++) {
            double moved = 0;
            for (int j = 0; j < w; j++) {
                for (int i = 0; i < w; i++) {
                    int k = j * w + i;
                    double sum = 0;
                    for (int dj = -1; dj <= 1; dj++) {
                        for (int di = -1; di <= 1; di++) {
                            int ii = i + di;
                            int jj = j + dj;
                            if ((di != 0 || dj != 0) && ii >= 0 && ii < w && jj >= 0 && jj < w) {
                                sum += stencil[9 * k + 3 * (dj + 1) + di + 1] * phi[jj * w + ii];
                            }
                        }
                    }
                    double v = Math.min(1, Math.max(lower[k], (rhs[k] - sum) / stencil[9 * k + 4]));
                    moved = Math.max(moved, Math.abs(v - phi[k]));
                    phi[k] = v;
                }
            }
            if (moved < tolerance / 100) {
                break;
            }
        }
        double change = 0;
        for (int k = 0; k < phi.length; k++) {
            change = Math.max(change, Math.abs(phi[k] - start[k]));
        }
        return change;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
