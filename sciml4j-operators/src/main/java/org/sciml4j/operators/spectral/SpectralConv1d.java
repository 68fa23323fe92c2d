package org.sciml4j.operators.spectral;

import org.sciml4j.tensor.FusedOp;
import org.sciml4j.tensor.ShapeException;
import org.sciml4j.tensor.Tensor;
import org.jtransforms.fft.DoubleFFT_1D;

import java.util.Arrays;

/**
 * The FNO's 1-D spectral convolution as one fused operation over flat {@code double[]}: rfft of each channel, per
 * mode complex channel mixing of the lowest {@code m} modes, irfft; the hand-written reverse rule runs the same
 * steps transposed. Equal to {@code irfft(pad(mix(rfft(v)[..., :m], w)), n)} composed of {@link Fourier}'s
 * primitives (tested), with far fewer temporaries; differentiable once, in reverse mode (a {@link FusedOp}).
 * <p>
 * Inputs: {@code v (B, in, n)}, {@code wr, wi (in, out, m)} (real and imaginary parts of the weights, mode last);
 * output {@code (B, out, n)}: {@code y[b, o] = irfft(sum_i rfft(v[b, i])[k] w[i, o, k] for k < m, else 0)}.
 */
public final class SpectralConv1d extends FusedOp {
    /** The one instance (it holds no state). */
    public static final SpectralConv1d INSTANCE = new SpectralConv1d();

    private SpectralConv1d() {
    }

    @Override
    protected String name() {
        return "spectral_conv_1d";
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        int[] s = in[0].shape();
        int[] w = in[1].shape();
        if (s.length != 3 || w.length != 3 || w[0] != s[1] || !Arrays.equals(w, in[2].shape())
                || w[2] > s[2] / 2 + 1) {
            throw new ShapeException("spectral_conv_1d: need v (B, in, n) and weights (in, out, m <= n/2 + 1), got "
                    + Arrays.toString(s) + ", " + Arrays.toString(w) + ", " + Arrays.toString(in[2].shape()));
        }
        int b = s[0];
        int cin = s[1];
        int n = s[2];
        int cout = w[1];
        int m = w[2];
        double[] x = modes(in[0].data(), b * cin, n, m);              // (B, in, m, 2)
        double[] y = mix(x, in[1].data(), in[2].data(), b, cin, cout, m);  // (B, out, m, 2)
        return Tensor.wrap(synthesize(y, b * cout, n, m, false), b, cout, n);
    }

    @Override
    protected Tensor[] backward(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
        int[] s = in[0].shape();
        int b = s[0];
        int cin = s[1];
        int n = s[2];
        int cout = in[1].size(1);
        int m = in[1].size(2);
        // the adjoint of irfft (zero-padded above m): rfft(g) c_k / n on the kept modes
        double[] gy = modes(g.data(), b * cout, n, m);
        for (int r = 0; r < b * cout; r++) {
            for (int k = 0; k < m; k++) {
                double c = (k == 0 || 2 * k == n) ? 1.0 / n : 2.0 / n;
                gy[(r * m + k) * 2] *= c;
                gy[(r * m + k) * 2 + 1] *= c;
            }
        }
        double[] x = modes(in[0].data(), b * cin, n, m);
        double[] wr = in[1].data();
        double[] wi = in[2].data();
        Tensor[] r = new Tensor[3];
        if (need[1] || need[2]) {
            double[] gwr = new double[cin * cout * m];
            double[] gwi = new double[cin * cout * m];
            weightGrads(x, gy, gwr, gwi, b, cin, cout, m);
            r[1] = Tensor.wrap(gwr, cin, cout, m);
            r[2] = Tensor.wrap(gwi, cin, cout, m);
        }
        if (need[0]) {
            double[] gx = inputGrads(gy, wr, wi, b, cin, cout, m);
            // the adjoint of rfft restricted to m modes: n irfft(gx / c) = sum_k Re(gx_k e^{i theta j k})
            r[0] = Tensor.wrap(synthesize(gx, b * cin, n, m, true), b, cin, n);
        }
        return r;
    }

    /** The first m bins of the rfft of each of {@code rows} signals of length n: (rows, m, 2). */
    private static double[] modes(double[] v, int rows, int n, int m) {
        double[] out = new double[rows * m * 2];
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        double[] buf = new double[2 * n];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(v, r * n, buf, 0, n);
            Arrays.fill(buf, n, 2 * n, 0);
            fft.realForwardFull(buf);
            System.arraycopy(buf, 0, out, r * m * 2, 2 * m);
        }
        return out;
    }

    /**
     * Real signals from m bins per row: irfft with the other bins zero ({@code adjoint} false), or the adjoint of
     * the truncated rfft, {@code sum_k Re(z_k e^{2 pi i j k / n})} ({@code adjoint} true).
     */
    private static double[] synthesize(double[] z, int rows, int n, int m, boolean adjoint) {
        double[] out = new double[rows * n];
        double[] half = new double[(n / 2 + 1) * 2];
        for (int r = 0; r < rows; r++) {
            Arrays.fill(half, 0);
            System.arraycopy(z, r * m * 2, half, 0, 2 * m);
            if (adjoint) {
                // n irfft(z / c): c_k = 1 at bin 0 and Nyquist, 2 elsewhere
                for (int k = 0; k < m; k++) {
                    double f = (k == 0 || 2 * k == n) ? n : n / 2.0;
                    half[2 * k] *= f;
                    half[2 * k + 1] *= f;
                }
            }
            double[] row = FftKernels.irfft(half, 1, n);
            System.arraycopy(row, 0, out, r * n, n);
        }
        return out;
    }

    /** y[b, o, k] = sum_i x[b, i, k] w[i, o, k], complex. */
    private static double[] mix(double[] x, double[] wr, double[] wi, int b, int cin, int cout, int m) {
        double[] y = new double[b * cout * m * 2];
        for (int bb = 0; bb < b; bb++) {
            for (int i = 0; i < cin; i++) {
                int xo = (bb * cin + i) * m * 2;
                for (int o = 0; o < cout; o++) {
                    int wo = (i * cout + o) * m;
                    int yo = (bb * cout + o) * m * 2;
                    for (int k = 0; k < m; k++) {
                        double ar = x[xo + 2 * k];
                        double ai = x[xo + 2 * k + 1];
                        y[yo + 2 * k] += ar * wr[wo + k] - ai * wi[wo + k];
                        y[yo + 2 * k + 1] += ar * wi[wo + k] + ai * wr[wo + k];
                    }
                }
            }
        }
        return y;
    }

    private static void weightGrads(double[] x, double[] gy, double[] gwr, double[] gwi, int b, int cin, int cout,
                                    int m) {
        for (int bb = 0; bb < b; bb++) {
            for (int i = 0; i < cin; i++) {
                int xo = (bb * cin + i) * m * 2;
                for (int o = 0; o < cout; o++) {
                    int wo = (i * cout + o) * m;
                    int yo = (bb * cout + o) * m * 2;
                    for (int k = 0; k < m; k++) {
                        double ar = x[xo + 2 * k];
                        double ai = x[xo + 2 * k + 1];
                        double gr = gy[yo + 2 * k];
                        double gi = gy[yo + 2 * k + 1];
                        gwr[wo + k] += ar * gr + ai * gi;
                        gwi[wo + k] += ar * gi - ai * gr;
                    }
                }
            }
        }
    }

    private static double[] inputGrads(double[] gy, double[] wr, double[] wi, int b, int cin, int cout, int m) {
        double[] gx = new double[b * cin * m * 2];
        for (int bb = 0; bb < b; bb++) {
            for (int i = 0; i < cin; i++) {
                int xo = (bb * cin + i) * m * 2;
                for (int o = 0; o < cout; o++) {
                    int wo = (i * cout + o) * m;
                    int yo = (bb * cout + o) * m * 2;
                    for (int k = 0; k < m; k++) {
                        double gr = gy[yo + 2 * k];
                        double gi = gy[yo + 2 * k + 1];
                        gx[xo + 2 * k] += wr[wo + k] * gr + wi[wo + k] * gi;
                        gx[xo + 2 * k + 1] += -wi[wo + k] * gr + wr[wo + k] * gi;
                    }
                }
            }
        }
        return gx;
    }
}
