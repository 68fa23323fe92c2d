package org.sciml4j.solvers.pde;

/**
 * The sine-Gordon equation {@code u_tt = u_xx - sin(u)}, periodic on [0, L), on {@code x_j = j L / n}: a Hamiltonian
 * PDE integrated by the Stormer-Verlet (leapfrog) method, which is symplectic and time-reversible, so the discrete
 * energy {@link #energy} does not drift: its error stays O(dt^2) over long times. Second-order central differences
 * in space; the state is (u, v = u_t).
 * <p>
 * Discrete energy (the Hamiltonian of the semi-discrete system, conserved exactly by the exact flow):
 * {@code H = h sum_j [ v_j^2 / 2 + ((u_{j+1} - u_j) / h)^2 / 2 + 1 - cos(u_j) ]}, {@code h = L / n}.
 */
public final class SineGordon1d {
    private final int n;
    private final double length;
    private final double dt;

    /**
     * @param points grid points n >= 4
     * @param length domain length L > 0
     * @param dt     time step > 0; stable for dt &lt; h (the CFL limit of the wave part)
     */
    public SineGordon1d(int points, double length, double dt) {
        if (points < 4 || !(length > 0) || !(dt > 0)) {
            throw new IllegalArgumentException("sine-gordon needs >= 4 points, length > 0 and dt > 0; got " + points
                    + ", " + length + ", " + dt);
        }
        this.n = points;
        this.length = length;
        this.dt = dt;
    }

    /**
     * The discrete energy of a state.
     *
     * @param u      values, shape (n,)
     * @param v      time derivative, shape (n,)
     * @param length domain length L (h = L / n)
     */
    public static double energy(double[] u, double[] v, double length) {
        int n = u.length;
        double h = length / n;
        double sum = 0;
        for (int j = 0; j < n; j++) {
            double ux = (u[(j + 1) % n] - u[j]) / h;
            sum += 0.5 * v[j] * v[j] + 0.5 * ux * ux + 1 - Math.cos(u[j]);
        }
        return h * sum;
    }

    /**
     * The state at time t from (u0, v0), in {@code ceil(t / dt)} equal steps.
     *
     * @return {u(t), v(t)}, each shape (n,)
     */
    public double[][] solve(double[] u0, double[] v0, double t) { // numerical kernel
        if (u0.length != n || v0.length != n) {
            throw new IllegalArgumentException("sine-gordon: state has " + u0.length + " and " + v0.length
                    + " values, grid has " + n);
        }
        double h = length / n;
        int steps = Math.max(1, (int) Math.ceil(t / dt - 1e-9));
        double k = t / steps;
        if (k >= h) {
            throw new IllegalArgumentException("sine-gordon: dt " + k + " is not below the grid spacing " + h
                    + " (leapfrog's stability limit); use a smaller dt");
        }
        double[] u = u0.clone();
        double[] v = v0.clone();
        double[] force = new double[n];
        forces(u, force, h);
        for (int s = 0; s < steps; s++) {
            for (int j = 0; j < n; j++) {
                v[j] += 0.5 * k * force[j];
                u[j] += k * v[j];
            }
            forces(u, force, h);
            for (int j = 0; j < n; j++) {
                v[j] += 0.5 * k * force[j];
            }
        }
        return new double[][] {u, v};
    }

    private static void forces(double[] u, double[] out, double h) {
        int n = u.length;
        double inv = 1 / (h * h);
        for (int j = 0; j < n; j++) {
            double left = u[j == 0 ? n - 1 : j - 1];
            double right = u[j == n - 1 ? 0 : j + 1];
            out[j] = (left - 2 * u[j] + right) * inv - Math.sin(u[j]);
        }
    }
}
