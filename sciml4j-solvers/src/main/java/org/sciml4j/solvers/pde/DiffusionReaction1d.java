package org.sciml4j.solvers.pde;

/**
 * DeepONet's diffusion-reaction equation {@code u_t = D u_xx + k u^2 + f(x, t)} on [0, 1], u = 0 at both ends,
 * u(x, 0) = 0 (or a given start), on the vertex grid {@code x_j = j / n}: second-order central differences in space;
 * in time Crank-Nicolson for the diffusion (unconditionally stable), second-order Adams-Bashforth for the reaction
 * term and the source at the half step (implicit-explicit, so each step is one tridiagonal solve with a matrix
 * factored once). Second order in space and time; the first step uses the start for the missing previous reaction.
 */
public final class DiffusionReaction1d {
    /** A source term f(x, t). */
    @FunctionalInterface
    public interface Source {
        /** The source at x and t. */
        double at(double x, double t);
    }

    private final int n;
    private final double diffusion;
    private final double reaction;
    private final double dt;
    private final double[] lower; // Thomas factors of (I - dt/2 D Laplacian) on the n - 1 interior points
    private final double[] pivot;

    /**
     * @param points    grid points on [0, 1], ends included, >= 3
     * @param diffusion D >= 0
     * @param reaction  k
     * @param dt        time step > 0
     */
    public DiffusionReaction1d(int points, double diffusion, double reaction, double dt) {
        if (points < 3 || !(diffusion >= 0) || !Double.isFinite(reaction) || !(dt > 0)) {
            throw new IllegalArgumentException("diffusion-reaction needs >= 3 points, D >= 0, finite k, dt > 0; got "
                    + points + ", " + diffusion + ", " + reaction + ", " + dt);
        }
        this.n = points - 1;
        this.diffusion = diffusion;
        this.reaction = reaction;
        this.dt = dt;
        double r = 0.5 * dt * diffusion * n * n;
        int m = n - 1;
        lower = new double[m];
        pivot = new double[m];
        pivot[0] = 1 + 2 * r;
        for (int i = 1; i < m; i++) {
            lower[i] = -r / pivot[i - 1];
            pivot[i] = 1 + 2 * r - lower[i] * -r;
        }
    }

    /**
     * u at time t from u(x, 0) = start, in {@code ceil(t / dt)} equal steps.
     *
     * @param start u at the grid points, shape (points,); the end values are ignored (taken as 0)
     * @return u at time t, shape (points,)
     */
    public double[] solve(double[] start, Source f, double t) { // numerical kernel
        if (start.length != n + 1) {
            throw new IllegalArgumentException("diffusion-reaction: start has " + start.length + " values, grid has "
                    + (n + 1));
        }
        int steps = Math.max(1, (int) Math.ceil(t / dt - 1e-9));
        double h = t / steps;
        DiffusionReaction1d stepper = Math.abs(h - dt) < 1e-15 ? this : new DiffusionReaction1d(n + 1, diffusion,
                reaction, h);
        double[] u = start.clone();
        u[0] = 0;
        u[n] = 0;
        double[] previousReaction = new double[n + 1];
        double[] reactionNow = new double[n + 1];
        for (int j = 1; j < n; j++) {
            previousReaction[j] = reaction * u[j] * u[j];
        }
        double r = 0.5 * h * diffusion * n * n;
        double[] rhs = new double[n - 1];
        for (int s = 0; s < steps; s++) {
            double tHalf = (s + 0.5) * h;
            for (int j = 1; j < n; j++) {
                reactionNow[j] = reaction * u[j] * u[j];
                double explicit = 1.5 * reactionNow[j] - 0.5 * previousReaction[j] + f.at((double) j / n, tHalf);
                rhs[j - 1] = u[j] + r * (u[j - 1] - 2 * u[j] + u[j + 1]) + h * explicit;
            }
            stepper.tridiagonalSolve(rhs);
            System.arraycopy(rhs, 0, u, 1, n - 1);
            double[] swap = previousReaction;
            previousReaction = reactionNow;
            reactionNow = swap;
        }
        for (double v : u) {
            if (!Double.isFinite(v)) {
                throw new IllegalStateException("diffusion-reaction: the solution blew up (not finite) before t = "
                        + t + "; use a smaller dt or a smaller source");
            }
        }
        return u;
    }

    /** Solves (I - dt/2 D Laplacian) y = b in place with the stored Thomas factors. */
    private void tridiagonalSolve(double[] b) {
        int m = b.length;
        double r = 0.5 * dt * diffusion * n * n;
        for (int i = 1; i < m; i++) {
            b[i] -= lower[i] * b[i - 1];
        }
        b[m - 1] /= pivot[m - 1];
        for (int i = m - 2; i >= 0; i--) {
            b[i] = (b[i] + r * b[i + 1]) / pivot[i];
        }
    }
}
