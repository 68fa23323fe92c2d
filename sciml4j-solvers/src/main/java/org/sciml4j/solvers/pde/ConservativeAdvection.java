package org.sciml4j.solvers.pde;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The term {@code -(u^2 / 2)_x = -u u_x} of Burgers-type equations on a periodic interval of length {@code length},
 * pseudo-spectrally: u squared on the grid, the product de-aliased by the 2/3 rule (modes with {@code 3 j >= n}
 * dropped), differentiated in Fourier space. Works on JTransforms' packed real spectra (see {@link Etdrk4}).
 */
final class ConservativeAdvection implements Etdrk4.Nonlinear {
    private final int n;
    private final DoubleFFT_1D fft;
    private final double[] derivative; // -0.5 k_j for kept modes, 0 for those the 2/3 rule removes

    ConservativeAdvection(int n, double length, DoubleFFT_1D fft) {
        this.n = n;
        this.fft = fft;
        int half = n / 2;
        derivative = new double[half + 1];
        for (int j = 0; j < half; j++) {
            derivative[j] = 3 * j < n ? -0.5 * 2 * Math.PI * j / length : 0;
        }
    }

    @Override
    public double[] of(double[] v) {
        double[] u = v.clone();
        fft.realInverse(u, true);
        for (int i = 0; i < n; i++) {
            u[i] *= u[i];
        }
        fft.realForward(u);
        u[0] = 0;
        u[1] = 0;
        for (int j = 1; j < n / 2; j++) {
            double re = u[2 * j];
            double im = u[2 * j + 1];
            double d = derivative[j]; // (re + i im) * (i k) * (-1/2) = d * (i re - im)
            u[2 * j] = -d * im;
            u[2 * j + 1] = d * re;
        }
        return u;
    }
}
