package org.sciml4j.solvers.pde;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The time loop that the periodic ETDRK4 solvers share: from grid values to the packed spectrum, {@code every}
 * steps between rows, back to grid values for each row, with a clear error once the solution stops being finite.
 */
final class SpectralTrajectory {
    private SpectralTrajectory() {
    }

    /**
     * @param equation  the equation's name, for messages
     * @param fft       the grid's transform
     * @param scheme    the stepper
     * @param dt        its step
     * @param u0        initial values, shape (n,)
     * @param snapshots rows after u0 (>= 1)
     * @param every     steps between rows (>= 1)
     * @return shape (snapshots + 1, n): row s is u at time {@code s every dt}
     */
    static double[][] run(String equation, int n, DoubleFFT_1D fft, Etdrk4 scheme, double dt, double[] u0,
            int snapshots, int every) {
        if (u0.length != n || snapshots < 1 || every < 1) {
            throw new IllegalArgumentException(equation + ": initial condition of " + u0.length
                    + " values for a grid of " + n + ", snapshots " + snapshots + " and every " + every
                    + " (both >= 1)");
        }
        double[][] out = new double[snapshots + 1][];
        out[0] = u0.clone();
        double[] v = u0.clone();
        fft.realForward(v);
        for (int s = 1; s <= snapshots; s++) {
            for (int k = 0; k < every; k++) {
                scheme.step(v);
            }
            if (!Etdrk4.allFinite(v)) {
                throw new IllegalStateException(equation + ": the solution is no longer finite at t = "
                        + s * every * dt + "; use a smaller dt (now " + dt + ")");
            }
            double[] u = v.clone();
            fft.realInverse(u, true);
            out[s] = u;
        }
        return out;
    }

    /** The periodic grid {@code lo + j (hi - lo) / n}, j = 0 .. n-1. */
    static double[] grid(int n, double lo, double hi) {
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = lo + j * (hi - lo) / n;
        }
        return x;
    }

    /** The wavenumber of mode j on a period of {@code length}. */
    static double wavenumber(int j, double length) {
        return 2 * Math.PI * j / length;
    }
}
