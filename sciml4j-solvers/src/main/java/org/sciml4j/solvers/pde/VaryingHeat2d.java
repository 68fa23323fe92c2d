package org.sciml4j.solvers.pde;

import java.util.function.DoubleBinaryOperator;

/**
 * The heat equation with a varying coefficient in front of the Laplacian, {@code u_t = a(x, y) (u_xx + u_yy) +
 * f(x, y, t)} on the unit square with u = 0 on its edges and u = 0 at t = 0 (PINNacle's Heat2d-VC form), on the grid
 * {@code x_i = i / n, y_j = j / n}: second-order central differences in space and the Peaceman-Rachford alternating
 * direction implicit scheme in time (Crank-Nicolson-like, second order, unconditionally stable; each half step solves
 * one tridiagonal system per grid line). The reference solution of the Heat2d-VC example.
 */
public final class VaryingHeat2d {

    /** A source term f(x, y, t). */
    @FunctionalInterface
    public interface Source {
        /** The source at (x, y) and time t. */
        double at(double x, double y, double t);
    }

    private final int n;
    private final double dt;
    private final double[] a;

    /**
     * @param intervals   n, grid intervals per side (n + 1 points with the edges), at least 4
     * @param dt          time step, positive
     * @param coefficient a(x, y), positive on the square
     * @throws IllegalArgumentException for bad sizes or a coefficient that is not finite and positive somewhere
     */
    public VaryingHeat2d(int intervals, double dt, DoubleBinaryOperator coefficient) {
        if (intervals < 4 || !(dt > 0) || !Double.isFinite(dt)) {
            throw new IllegalArgumentException("varying heat: needs >= 4 intervals and dt > 0, got " + intervals
                    + ", " + dt);
        }
        this.n = intervals;
        this.dt = dt;
        a = new double[(n + 1) * (n + 1)];
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                double v = coefficient.applyAsDouble((double) i / n, (double) j / n);
                if (!(v > 0) || !Double.isFinite(v)) {
                    throw new IllegalArgumentException("varying heat: the coefficient is " + v + " at ("
                            + (double) i / n + ", " + (double) j / n + "); it must be finite and positive");
                }
                a[i * (n + 1) + j] = v;
            }
        }
    }

    /**
     * The solution at each of {@code times} (ascending, each a whole number of steps from 0).
     *
     * @return per time, the (n + 1) x (n + 1) grid values, {@code [i * (n + 1) + j]} at (x_i, y_j)
     * @throws IllegalArgumentException if a time is negative, not ascending or not a multiple of dt
     */
    public double[][] solve(Source f, double... times) {
        int m = n + 1;
        double[] u = new double[m * m];
        double[][] out = new double[times.length][];
        int step = 0;
        for (int k = 0; k < times.length; k++) {
            long target = Math.round(times[k] / dt);
            if (target < step || Math.abs(target * dt - times[k]) > 1e-9 * Math.max(1, times[k])) {
                throw new IllegalArgumentException("varying heat: output time " + times[k] + " must be ascending and"
                        + " a multiple of dt = " + dt);
            }
            while (step < target) {
                step(u, f, step * dt);
                step++;
            }
            out[k] = u.clone();
        }
        return out;
    }

    /** One Peaceman-Rachford step from time t: implicit in x then implicit in y, the source at t + dt / 2. */
    private void step(double[] u, Source f, double t) { // numerical kernel
        int m = n + 1;
        double r = 0.5 * dt * n * n; // dt / 2 / h^2
        double[] half = new double[m * m];
        double[] fm = new double[m * m];
        for (int i = 1; i < n; i++) {
            for (int j = 1; j < n; j++) {
                fm[i * m + j] = 0.5 * dt * f.at((double) i / n, (double) j / n, t + 0.5 * dt);
            }
        }
        double[] lo = new double[m];
        double[] di = new double[m];
        double[] up = new double[m];
        double[] rhs = new double[m];
        // implicit in x along each line j, explicit in y
        for (int j = 1; j < n; j++) {
            for (int i = 1; i < n; i++) {
                int p = i * m + j;
                double c = r * a[p];
                rhs[i] = u[p] + c * (u[p + 1] - 2 * u[p] + u[p - 1]) + fm[p];
                lo[i] = -c;
                di[i] = 1 + 2 * c;
                up[i] = -c;
            }
            thomas(lo, di, up, rhs, n - 1);
            for (int i = 1; i < n; i++) {
                half[i * m + j] = rhs[i];
            }
        }
        // implicit in y along each line i, explicit in x
        for (int i = 1; i < n; i++) {
            for (int j = 1; j < n; j++) {
                int p = i * m + j;
                double c = r * a[p];
                rhs[j] = half[p] + c * (half[p + m] - 2 * half[p] + half[p - m]) + fm[p];
                lo[j] = -c;
                di[j] = 1 + 2 * c;
                up[j] = -c;
            }
            thomas(lo, di, up, rhs, n - 1);
            for (int j = 1; j < n; j++) {
                u[i * m + j] = rhs[j];
            }
        }
    }

    /** Solves the tridiagonal system on unknowns 1..k (zero values beyond them) in place into {@code rhs}. */
    private static void thomas(double[] lo, double[] di, double[] up, double[] rhs, int k) { // numerical kernel
        double[] c = new double[k + 2];
        c[1] = up[1] / di[1];
        rhs[1] /= di[1];
        for (int i = 2; i <= k; i++) {
            double den = di[i] - lo[i] * c[i - 1];
            c[i] = up[i] / den;
            rhs[i] = (rhs[i] - lo[i] * rhs[i - 1]) / den;
        }
        for (int i = k - 1; i >= 1; i--) {
            rhs[i] -= c[i] * rhs[i + 1];
        }
    }
}
