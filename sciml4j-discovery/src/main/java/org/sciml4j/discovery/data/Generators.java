package org.sciml4j.discovery.data;

import java.util.List;

/**
 * Test systems with known equations, sampled on uniform grids. ODE data come from {@link OdeSampler} at tolerances
 * 1e-12 (accurate to about 1e-10 relative, far below any noise or derivative error studied).
 */
public final class Generators {
    private Generators() {
    }

    /**
     * A sampled trajectory.
     *
     * @param t     the times, shape (n)
     * @param x     the states, shape (n, names.size()) row-major
     * @param names the state names
     */
    public record Trajectory(double[] t, double[] x, List<String> names) {
        public int vars() {
            return names.size();
        }
    }

    /**
     * A field on a space-time grid.
     *
     * @param t the times, shape (nt)
     * @param x the space grid, shape (nx), periodic (the end point is not repeated)
     * @param u the field, shape (nt, nx) row-major
     */
    public record Field(double[] t, double[] x, double[] u) {
    }

    /** Times 0, dt, ..., up to tEnd (inclusive within rounding). */
    public static double[] times(double dt, double tEnd) {
        int n = (int) Math.floor(tEnd / dt + 1e-9) + 1;
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * dt;
        }
        return t;
    }

    /**
     * Lorenz: x' = sigma (y - x), y' = x (rho - z) - y, z' = x y - beta z.
     *
     * @param sigma the Prandtl number (10 in the classic setting)
     * @param rho   the Rayleigh number (28)
     * @param beta  the geometric factor (8/3)
     * @param x0    the initial state, shape (3); PySINDy's example uses (-8, 8, 27)
     * @param dt    the sampling step (0.002 in PySINDy's example)
     * @param tEnd  the final time (10 in PySINDy's example)
     */
    public static Trajectory lorenz(double sigma, double rho, double beta, double[] x0, double dt, double tEnd) {
        double[] t = times(dt, tEnd);
        OdeSampler.Rhs f = (s, v, d) -> {
            d[0] = sigma * (v[1] - v[0]);
            d[1] = v[0] * (rho - v[2]) - v[1];
            d[2] = v[0] * v[1] - beta * v[2];
        };
        return new Trajectory(t, OdeSampler.sample(f, 3, t, x0, 1e-12, 1e-12).x(), List.of("x", "y", "z"));
    }

    /**
     * The damped cubic oscillator of Brunton et al. (PNAS 2016): x' = -0.1 x^3 + 2 y^3, y' = -2 x^3 - 0.1 y^3.
     *
     * @param x0   the initial state, shape (2); (2, 0) in the paper
     * @param dt   the sampling step (0.01)
     * @param tEnd the final time (25)
     */
    public static Trajectory cubicOscillator(double[] x0, double dt, double tEnd) {
        double[] t = times(dt, tEnd);
        OdeSampler.Rhs f = (s, v, d) -> {
            double x3 = v[0] * v[0] * v[0];
            double y3 = v[1] * v[1] * v[1];
            d[0] = -0.1 * x3 + 2 * y3;
            d[1] = -2 * x3 - 0.1 * y3;
        };
        return new Trajectory(t, OdeSampler.sample(f, 2, t, x0, 1e-12, 1e-12).x(), List.of("x", "y"));
    }

    /**
     * The Kuramoto-Sivashinsky equation u_t = -u u_x - u_xx - u_xxxx on [0, length) with nx points from Kassam and
     * Trefethen's u0 = cos(x/16)(1 + sin(x/16)) (made for length 32 pi), by {@code org.sciml4j.solvers.pde}'s ETDRK4
     * at a step of a sixteenth of the sampling interval, sampled at nt times in [0, tEnd]; u is (nt, nx) row-major.
     */
    public static Field kuramotoSivashinsky(double length, int nx, int nt, double tEnd) {
        double interval = tEnd / (nt - 1);
        org.sciml4j.solvers.pde.KuramotoSivashinsky1d ks =
                new org.sciml4j.solvers.pde.KuramotoSivashinsky1d(nx, length, interval / 16);
        double[] x = ks.grid();
        double[] u0 = new double[nx];
        for (int i = 0; i < nx; i++) {
            u0[i] = Math.cos(x[i] / 16) * (1 + Math.sin(x[i] / 16));
        }
        double[][] rows = ks.trajectory(u0, nt - 1, 16);
        double[] t = new double[nt];
        double[] u = new double[nt * nx];
        for (int s = 0; s < nt; s++) {
            t[s] = s * interval;
            System.arraycopy(rows[s], 0, u, s * nx, nx);
        }
        return new Field(t, x, u);
    }

    /**
     * Viscous Burgers u_t = -u u_x + nu u_xx on [0, 2 pi) periodic, from the Cole-Hopf transform u = -2 nu phi_x /
     * phi with phi = 2 + 1.5 cos(x) exp(-nu t) + 0.4 cos(3 x + 1) exp(-9 nu t), a positive solution of the heat
     * equation phi_t = nu phi_xx. Exact to rounding at every grid point.
     *
     * @param nu   the viscosity (0.1 in PDE-FIND's example)
     * @param nx   the number of grid points in space
     * @param nt   the number of times
     * @param tEnd the final time
     */
    public static Field burgers(double nu, int nx, int nt, double tEnd) {
        double[] x = new double[nx];
        for (int i = 0; i < nx; i++) {
            x[i] = 2 * Math.PI * i / nx;
        }
        double[] t = new double[nt];
        double[] u = new double[nt * nx];
        for (int s = 0; s < nt; s++) {
            t[s] = nt == 1 ? 0 : tEnd * s / (nt - 1);
            double e1 = 1.5 * Math.exp(-nu * t[s]);
            double e3 = 0.4 * Math.exp(-9 * nu * t[s]);
            for (int i = 0; i < nx; i++) {
                double phi = 2 + e1 * Math.cos(x[i]) + e3 * Math.cos(3 * x[i] + 1);
                double phiX = -e1 * Math.sin(x[i]) - 3 * e3 * Math.sin(3 * x[i] + 1);
                u[s * nx + i] = -2 * nu * phiX / phi;
            }
        }
        return new Field(t, x, u);
    }
}
