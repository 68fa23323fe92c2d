package org.sciml4j.solvers.pde;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The Korteweg-de Vries equation {@code u_t + a u u_x + b u_xxx = 0}, periodic on [lo, hi), on n equispaced points:
 * Fourier pseudo-spectral in space (the product de-aliased by the 2/3 rule), ETDRK4 in time with the dispersive part
 * {@code -b (i k)^3 = i b k^3} integrated exactly (a complex linear part, {@link Etdrk4}); the Nyquist wavenumber of
 * the odd derivatives is dropped. Mass {@code sum u} is conserved to rounding, momentum {@code sum u^2} to the scheme's
 * accuracy. A soliton {@code u = (3c/a) sech^2(sqrt(c/b)/2 (x - c t - x0))} travels unchanged at speed c (b > 0).
 * Immutable.
 */
public final class Kdv1d {
    private final int n;
    private final double lo;
    private final double hi;
    private final double dt;
    private final DoubleFFT_1D fft;
    private final Etdrk4 scheme;

    /**
     * @param n  grid points, even, >= 8
     * @param lo left end of the period
     * @param hi right end, above lo
     * @param a  the nonlinear coefficient
     * @param b  the dispersion coefficient
     * @param dt time step > 0
     */
    public Kdv1d(int n, double lo, double hi, double a, double b, double dt) {
        if (n < 8 || n % 2 != 0 || !(hi > lo) || !Double.isFinite(hi - lo) || !(dt > 0) || !Double.isFinite(a)
                || !Double.isFinite(b)) {
            throw new IllegalArgumentException("kdv needs an even grid >= 8, lo < hi, dt > 0 and finite a, b; got grid "
                    + n + ", [" + lo + ", " + hi + "), dt " + dt + ", a " + a + ", b " + b);
        }
        this.n = n;
        this.lo = lo;
        this.hi = hi;
        this.dt = dt;
        this.fft = new DoubleFFT_1D(n);
        double[] re = new double[n / 2 + 1];
        double[] im = new double[n / 2 + 1];
        for (int j = 1; j < n / 2; j++) {
            double k = SpectralTrajectory.wavenumber(j, hi - lo);
            im[j] = b * k * k * k;
        }
        // a u u_x = a (u^2 / 2)_x: ConservativeAdvection gives -(u^2 / 2)_x, scaled by a
        ConservativeAdvection advection = new ConservativeAdvection(n, hi - lo, fft);
        this.scheme = new Etdrk4(n, dt, re, im, v -> scaled(advection.of(v), a));
    }

    private static double[] scaled(double[] x, double s) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= s;
        }
        return x;
    }

    /** The grid {@code x_j = lo + j (hi - lo) / n}, shape (n,). */
    public double[] grid() {
        return SpectralTrajectory.grid(n, lo, hi);
    }

    /**
     * The solution every {@code every} steps from {@code u0}.
     *
     * @param u0        initial values on {@link #grid()}, shape (n,)
     * @param snapshots rows after u0 (>= 1)
     * @param every     steps between rows (>= 1)
     * @return shape (snapshots + 1, n): row s is u at time {@code s every dt}
     * @throws IllegalStateException if the solution stops being finite
     */
    public double[][] trajectory(double[] u0, int snapshots, int every) {
        return SpectralTrajectory.run("kdv", n, fft, scheme, dt, u0, snapshots, every);
    }
}
