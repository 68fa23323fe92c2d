package org.sciml4j.solvers.pde;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The viscous Burgers equation {@code u_t = nu u_xx - (u^2 / 2)_x}, periodic on [0, 1), on n equispaced points
 * {@code x_j = j / n}: Fourier pseudo-spectral in space (real FFT, the product u^2 de-aliased by the 2/3 rule,
 * {@link ConservativeAdvection}), and in time ETDRK4 with Kassam and Trefethen's contour coefficients
 * ({@link Etdrk4}): the diffusion term is integrated exactly, so the step is limited only by the advection term
 * (accuracy, not stiffness).
 */
public final class Burgers1d {
    private final int n;
    private final double viscosity;
    private final double dt;
    private final DoubleFFT_1D fft;
    private final Etdrk4 scheme;

    /**
     * @param n         grid points, even, >= 8
     * @param viscosity nu >= 0
     * @param dt        time step > 0 (the last step of a solve is shortened or all are evened out; see solve)
     */
    public Burgers1d(int n, double viscosity, double dt) {
        if (n < 8 || n % 2 != 0 || !(viscosity >= 0) || !(dt > 0)) {
            throw new IllegalArgumentException("burgers needs an even grid >= 8, viscosity >= 0 and dt > 0; got grid "
                    + n + ", viscosity " + viscosity + ", dt " + dt);
        }
        this.n = n;
        this.viscosity = viscosity;
        this.dt = dt;
        this.fft = new DoubleFFT_1D(n);
        double[] linear = new double[n / 2 + 1];
        for (int j = 0; j < linear.length; j++) {
            double k = 2 * Math.PI * j;
            linear[j] = -viscosity * k * k;
        }
        this.scheme = new Etdrk4(n, dt, linear, new ConservativeAdvection(n, 1, fft));
    }

    /** The grid size n. */
    public int points() {
        return n;
    }

    /**
     * The solution at time {@code t} from {@code u0}, in {@code ceil(t / dt)} equal steps of at most dt.
     *
     * @param u0 initial values at {@code x_j = j / n}, shape (n,)
     * @return u(t) at the same points, shape (n,)
     * @throws IllegalStateException if the solution stops being finite (too large a step for the data)
     */
    public double[] solve(double[] u0, double t) {
        if (u0.length != n) {
            throw new IllegalArgumentException("burgers: initial condition has " + u0.length + " values, grid has "
                    + n);
        }
        int steps = Math.max(1, (int) Math.ceil(t / dt - 1e-9));
        Burgers1d stepper = Math.abs(steps * dt - t) < 1e-12 * Math.max(1, t) ? this
                : new Burgers1d(n, viscosity, t / steps);
        double[] v = u0.clone();
        fft.realForward(v);
        v[1] = 0;
        for (int s = 0; s < steps; s++) {
            stepper.scheme.step(v);
        }
        if (!Etdrk4.allFinite(v)) {
            throw new IllegalStateException("burgers: the solution is no longer finite; use a smaller dt (now "
                    + dt + ") or a finer grid");
        }
        fft.realInverse(v, true);
        return v;
    }
}
