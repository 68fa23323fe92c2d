package org.sciml4j.solvers.pde;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The Kuramoto-Sivashinsky equation {@code u_t = -u u_x - u_xx - u_xxxx}, periodic on [0, length), on n equispaced
 * points {@code x_j = j length / n}: Fourier pseudo-spectral in space (the product de-aliased by the 2/3 rule) and
 * ETDRK4 in time, the method Kassam and Trefethen (2005) demonstrate on exactly this equation: the stiff linear part
 * {@code k^2 - k^4} is integrated exactly. The mean of u is conserved. Immutable.
 */
public final class KuramotoSivashinsky1d {
    private final int n;
    private final double length;
    private final double dt;
    private final DoubleFFT_1D fft;
    private final Etdrk4 scheme;

    /**
     * @param n      grid points, even, >= 8
     * @param length the period L > 0 (Kassam and Trefethen: 32 pi)
     * @param dt     time step > 0
     */
    public KuramotoSivashinsky1d(int n, double length, double dt) {
        if (n < 8 || n % 2 != 0 || !(length > 0) || !(dt > 0) || !Double.isFinite(length)) {
            throw new IllegalArgumentException("kuramoto-sivashinsky needs an even grid >= 8, a length > 0 and dt > 0;"
                    + " got grid " + n + ", length " + length + ", dt " + dt);
        }
        this.n = n;
        this.length = length;
        this.dt = dt;
        this.fft = new DoubleFFT_1D(n);
        double[] linear = new double[n / 2 + 1];
        for (int j = 0; j < linear.length; j++) {
            double k = 2 * Math.PI * j / length;
            linear[j] = k * k - k * k * k * k;
        }
        this.scheme = new Etdrk4(n, dt, linear, new ConservativeAdvection(n, length, fft));
    }

    /** The grid, {@code x_j = j length / n}, shape (n,). */
    public double[] grid() {
        return SpectralTrajectory.grid(n, 0, length);
    }

    /**
     * The solution every {@code every} steps from {@code u0}: row 0 is u0, row s is u at time {@code s every dt}.
     *
     * @param u0        initial values on {@link #grid()}, shape (n,)
     * @param snapshots rows after u0 (>= 1)
     * @param every     steps between rows (>= 1)
     * @return shape (snapshots + 1, n), row-major
     * @throws IllegalStateException if the solution stops being finite
     */
    public double[][] trajectory(double[] u0, int snapshots, int every) {
        return SpectralTrajectory.run("kuramoto-sivashinsky", n, fft, scheme, dt, u0, snapshots, every);
    }
}
