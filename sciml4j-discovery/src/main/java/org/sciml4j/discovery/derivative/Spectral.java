package org.sciml4j.discovery.derivative;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Spectral differentiation of periodic data on a uniform grid: multiply the discrete Fourier transform by (i k)^d
 * and transform back (JTransforms). The samples must cover exactly one period without repeating the first sample
 * at the end (period = n * dt). Exact to rounding for band-limited periodic signals; useless for non-periodic ones
 * (the jump at the ends rings everywhere). The Nyquist mode is dropped for odd derivative orders.
 */
public final class Spectral implements Differentiator {
    private final int derivative;

    /** @param derivative the derivative order, at least 1 */
    public Spectral(int derivative) {
        if (derivative < 1) {
            throw new IllegalArgumentException("derivative order must be at least 1, got " + derivative);
        }
        this.derivative = derivative;
    }

    @Override
    public double[] apply(double[] t, double[] x, int vars) {
        int n = Differentiator.checkShapes(t, x, vars);
        if (n < 2 || !Differentiator.uniform(t)) {
            throw new IllegalArgumentException("spectral differentiation needs a uniform grid of at least 2 samples");
        }
        double period = (t[n - 1] - t[0]) * n / (n - 1);
        double[] out = new double[n * vars];
        for (int j = 0; j < vars; j++) {
            double[] d = differentiate(Differentiator.column(x, n, vars, j), period, derivative);
            for (int i = 0; i < n; i++) {
                out[i * vars + j] = d[i];
            }
        }
        return out;
    }

    /**
     * The d-th derivative of one period of samples.
     *
     * @param f      the samples, shape (n)
     * @param period the period covered by the n samples
     * @param d      the derivative order
     * @return the derivative at the samples, shape (n)
     */
    // numerical kernel
    public static double[] differentiate(double[] f, double period, int d) {
        int n = f.length;
        double[] c = new double[2 * n];
        for (int i = 0; i < n; i++) {
            c[2 * i] = f[i];
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        fft.complexForward(c);
        for (int k = 0; k < n; k++) {
            int wave = k <= n / 2 ? k : k - n;
            double re = c[2 * k];
            double im = c[2 * k + 1];
            if (n % 2 == 0 && k == n / 2 && d % 2 == 1) {
                c[2 * k] = 0;
                c[2 * k + 1] = 0;
                continue;
            }
            double w = 2 * Math.PI * wave / period;
            double mag = Math.pow(w, d);
            // (i w)^d = w^d * i^d; i^d cycles 1, i, -1, -i
            switch (d % 4) {
                case 0 -> { c[2 * k] = mag * re; c[2 * k + 1] = mag * im; }
                case 1 -> { c[2 * k] = -mag * im; c[2 * k + 1] = mag * re; }
                case 2 -> { c[2 * k] = -mag * re; c[2 * k + 1] = -mag * im; }
                default -> { c[2 * k] = mag * im; c[2 * k + 1] = -mag * re; }
            }
        }
        fft.complexInverse(c, true);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = c[2 * i];
        }
        return out;
    }

    @Override
    public String describe() {
        return "spectral(derivative " + derivative + ")";
    }
}
