package org.sciml4j.solvers.pde;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The Allen-Cahn equation {@code u_t = d u_xx + a u - b u^3}, periodic on [lo, hi), on n equispaced points
 * {@code x_j = lo + j (hi - lo) / n}: Fourier pseudo-spectral in space, ETDRK4 in time ({@link Etdrk4}) with the
 * stiff linear part {@code -d k^2 + a} integrated exactly and {@code -b u^3} evaluated on the grid (not de-aliased:
 * for the smooth solutions a reference is made of, the cube's aliased modes lie far below the time-stepping error).
 * jaxpi's benchmark is d = 1e-4, a = b = 5 on [-1, 1) with u0 = x^2 cos(pi x). It is a gradient flow: the free
 * energy {@link #energy} never increases. Immutable.
 */
public final class AllenCahn1d {
    private final int n;
    private final double lo;
    private final double hi;
    private final double dt;
    private final double d;
    private final double a;
    private final double b;
    private final DoubleFFT_1D fft;
    private final Etdrk4 scheme;

    /**
     * @param n  grid points, even, >= 8
     * @param lo left end of the period
     * @param hi right end, above lo
     * @param d  diffusion coefficient >= 0
     * @param a  linear reaction coefficient
     * @param b  cubic coefficient >= 0
     * @param dt time step > 0
     */
    public AllenCahn1d(int n, double lo, double hi, double d, double a, double b, double dt) {
        if (n < 8 || n % 2 != 0 || !(hi > lo) || !Double.isFinite(hi - lo) || !(dt > 0) || !(d >= 0)
                || !(b >= 0) || !Double.isFinite(a) || !Double.isFinite(d) || !Double.isFinite(b)) {
            throw new IllegalArgumentException("allen-cahn needs an even grid >= 8, lo < hi, dt > 0, d >= 0, b >= 0"
                    + " and finite a; got grid " + n + ", [" + lo + ", " + hi + "), dt " + dt + ", d " + d + ", a "
                    + a + ", b " + b);
        }
        this.n = n;
        this.lo = lo;
        this.hi = hi;
        this.dt = dt;
        this.d = d;
        this.a = a;
        this.b = b;
        this.fft = new DoubleFFT_1D(n);
        double[] linear = new double[n / 2 + 1];
        for (int j = 0; j < linear.length; j++) {
            double k = SpectralTrajectory.wavenumber(j, hi - lo);
            linear[j] = -d * k * k + a;
        }
        this.scheme = new Etdrk4(n, dt, linear, this::cubic);
    }

    /** The packed spectrum of {@code -b u^3}. */
    private double[] cubic(double[] v) {
        double[] u = v.clone();
        fft.realInverse(u, true);
        for (int i = 0; i < n; i++) {
            u[i] = -b * u[i] * u[i] * u[i];
        }
        fft.realForward(u);
        return u;
    }

    /** The grid, shape (n,). */
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
        return SpectralTrajectory.run("allen-cahn", n, fft, scheme, dt, u0, snapshots, every);
    }

    /**
     * The free energy {@code E = h sum_j [d/2 u_x^2 + b/4 u^4 - a/2 u^2]} (u_x spectral), which the flow never
     * increases.
     *
     * @param u values on the grid, shape (n,)
     */
    public double energy(double[] u) {
        double[] ux = u.clone();
        fft.realForward(ux);
        ux[0] = 0;
        ux[1] = 0; // the Nyquist mode of a first derivative
        for (int j = 1; j < n / 2; j++) {
            double k = SpectralTrajectory.wavenumber(j, hi - lo);
            double re = ux[2 * j];
            ux[2 * j] = -k * ux[2 * j + 1];
            ux[2 * j + 1] = k * re;
        }
        fft.realInverse(ux, true);
        double h = (hi - lo) / n;
        double e = 0;
        for (int i = 0; i < n; i++) {
            double u2 = u[i] * u[i];
            e += d / 2 * ux[i] * ux[i] + b / 4 * u2 * u2 - a / 2 * u2;
        }
        return h * e;
    }
}
