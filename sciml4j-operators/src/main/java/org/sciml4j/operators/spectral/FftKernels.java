package org.sciml4j.operators.spectral;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Real FFTs on flat row-major {@code double[]} over JTransforms, in numpy's conventions ({@code norm="backward"}:
 * the forward transform unscaled, the inverse scaled by 1/n). A half spectrum of a length-n signal holds
 * {@code h = n/2 + 1} bins as interleaved (re, im) pairs; the inverse reads only the real part of bin 0 and, for
 * even n, of the Nyquist bin n/2 (as {@code numpy.fft.irfft}). JTransforms' packed real layout is avoided: the full
 * complex transform is used, which costs at most a factor two and keeps the bins where one expects them.
 */
final class FftKernels {
    private FftKernels() {
    }

    /** Bins of the half spectrum of a length-n real signal. */
    static int half(int n) {
        return n / 2 + 1;
    }

    /** rfft of {@code rows} signals of length n: in (rows, n), out (rows, h, 2). */
    static double[] rfft(double[] x, int rows, int n) {
        int h = half(n);
        double[] out = new double[rows * h * 2];
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        double[] buf = new double[2 * n];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, r * n, buf, 0, n);
            fft.realForwardFull(buf);
            System.arraycopy(buf, 0, out, r * h * 2, 2 * h);
        }
        return out;
    }

    /** irfft of {@code rows} half spectra to length n: in (rows, h, 2), out (rows, n). */
    static double[] irfft(double[] y, int rows, int n) {
        int h = half(n);
        double[] out = new double[rows * n];
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        double[] buf = new double[2 * n];
        for (int r = 0; r < rows; r++) {
            hermitian(y, r * h * 2, n, buf);
            fft.complexInverse(buf, true);
            for (int j = 0; j < n; j++) {
                out[r * n + j] = buf[2 * j];
            }
        }
        return out;
    }

    /** Fills buf (2n) with the Hermitian extension of the half spectrum at y[from..]; imag of bin 0 and Nyquist 0. */
    private static void hermitian(double[] y, int from, int n, double[] buf) {
        int h = half(n);
        java.util.Arrays.fill(buf, 0);
        System.arraycopy(y, from, buf, 0, 2 * h);
        buf[1] = 0;
        if (n % 2 == 0) {
            buf[n + 1] = 0;
        }
        for (int k = 1; k < h && n - k > k; k++) {
            buf[2 * (n - k)] = buf[2 * k];
            buf[2 * (n - k) + 1] = -buf[2 * k + 1];
        }
    }

    /** rfft2 over the last two axes: in (rows, n1, n2), out (rows, n1, h2, 2). */
    static double[] rfft2(double[] x, int rows, int n1, int n2) {
        int h2 = half(n2);
        double[] out = rfft(x, rows * n1, n2);
        columns(out, rows, n1, h2, true);
        return out;
    }

    /** irfft2 over the last two axes: in (rows, n1, h2, 2), out (rows, n1, n2). */
    static double[] irfft2(double[] y, int rows, int n1, int n2) {
        int h2 = half(n2);
        double[] z = y.clone();
        columns(z, rows, n1, h2, false);
        return irfft(z, rows * n1, n2);
    }

    /** Complex FFT (or scaled inverse) along axis n1 of (rows, n1, h2, 2), in place. */
    private static void columns(double[] a, int rows, int n1, int h2, boolean forward) {
        DoubleFFT_1D fft = new DoubleFFT_1D(n1);
        double[] col = new double[2 * n1];
        for (int r = 0; r < rows; r++) {
            int base = r * n1 * h2 * 2;
            for (int k = 0; k < h2; k++) {
                for (int j = 0; j < n1; j++) {
                    col[2 * j] = a[base + (j * h2 + k) * 2];
                    col[2 * j + 1] = a[base + (j * h2 + k) * 2 + 1];
                }
                if (forward) {
                    fft.complexForward(col);
                } else {
                    fft.complexInverse(col, true);
                }
                for (int j = 0; j < n1; j++) {
                    a[base + (j * h2 + k) * 2] = col[2 * j];
                    a[base + (j * h2 + k) * 2 + 1] = col[2 * j + 1];
                }
            }
        }
    }
}
