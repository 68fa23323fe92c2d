package org.sciml4j.solvers.pde;

import org.sciml4j.solvers.linear.ConjugateGradients;

/**
 * Steady Darcy flow {@code -div(a grad u) = f} on the unit square, u = 0 on the boundary, on the vertex grid
 * {@code (i / n, j / n)}: 5-point finite differences with harmonic-mean face coefficients (second order for smooth
 * a; the right flux for a piecewise-constant a), solved by conjugate gradients preconditioned by one geometric
 * multigrid V-cycle ({@link Multigrid}) to a relative residual {@code tolerance}. About 10 iterations for the FNO
 * threshold coefficients (contrast 4) whatever the grid.
 */
public final class Darcy2d {
    private final int n;
    private final double tolerance;
    private final int maxIterations;
    private int lastIterations;

    /**
     * @param points    vertices per side, boundary included ({@code n = points - 1} intervals), >= 3
     * @param tolerance relative residual {@code |f - A u| / |f|} to stop at, in (0, 1)
     */
    public Darcy2d(int points, double tolerance) {
        if (points < 3 || !(tolerance > 0 && tolerance < 1)) {
            throw new IllegalArgumentException("darcy needs at least 3 points per side and a tolerance in (0, 1); got "
                    + points + " points, tolerance " + tolerance);
        }
        this.n = points - 1;
        this.tolerance = tolerance;
        this.maxIterations = 500;
    }

    /** CG iterations of the last solve. */
    public int lastIterations() {
        return lastIterations;
    }

    /**
     * Solves for u.
     *
     * @param a coefficient at the vertices, > 0, shape (points, points) row-major ({@code a[i * points + j]} at
     *          {@code (x_i, y_j)})
     * @param f source at the vertices, same shape (boundary values unused)
     * @return u at the vertices, same shape, zero on the boundary
     * @throws IllegalStateException if CG does not reach the tolerance
     */
    public double[] solve(double[] a, double[] f) { // numerical kernel
        int w = n + 1;
        if (a.length != w * w || f.length != w * w) {
            throw new IllegalArgumentException("darcy: a and f need " + w + " x " + w + " values, got " + a.length
                    + " and " + f.length);
        }
        for (double v : a) {
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new IllegalArgumentException("darcy: the coefficient must be finite and > 0 everywhere, found "
                        + v);
            }
        }
        GridOperator op = GridOperator.fromVertexCoefficient(n, a);
        Multigrid mg = new Multigrid(op);
        double[] rhs = new double[w * w];
        for (int i = 1; i < n; i++) {
            System.arraycopy(f, i * w + 1, rhs, i * w + 1, n - 1);
        }
        double[] u = new double[w * w];
        lastIterations = ConjugateGradients.solve(op::apply, mg::precondition, rhs, u, tolerance, maxIterations,
                "darcy");
        return u;
    }

}
