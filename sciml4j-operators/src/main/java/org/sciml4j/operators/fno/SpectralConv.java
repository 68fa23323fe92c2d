package org.sciml4j.operators.fno;

import org.sciml4j.nn.Parameters;
import org.sciml4j.operators.spectral.Fourier;
import org.sciml4j.operators.spectral.SpectralConv1d;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * A Fourier layer's spectral convolution (neuraloperator's {@code SpectralConv1d/2d} of the original FNO code): FFT,
 * multiplication of the lowest modes by learned complex matrices {@code R_k (in, out)}, zero for the other modes,
 * inverse FFT. 1-D keeps modes {@code 0..m-1}; 2-D keeps {@code k1 in [0, m) and [n1 - m, n1)} (two weight
 * tensors, as the original) and {@code k2 in [0, m)}. Weights are drawn as the original: {@code U[0, 1) / (in out)}
 * for real and imaginary parts. Parameters: {@code weights_re}, {@code weights_im} of shape {@code (in, out, m)}
 * (2-D: {@code (in, out, 2 m, m)}, the low-k1 block first).
 */
final class SpectralConv {
    private final int dims;
    private final int in;
    private final int out;
    private final int modes;
    private final Tensor re;
    private final Tensor im;

    SpectralConv(int dims, int in, int out, int modes, Rng rng, Parameters params, String prefix) {
        this.dims = dims;
        this.in = in;
        this.out = out;
        this.modes = modes;
        int[] shape = dims == 1 ? new int[] {in, out, modes} : new int[] {in, out, 2 * modes, modes};
        double scale = 1.0 / (in * out);
        this.re = params.add(prefix + ".weights_re", Tensor.rand(rng, shape).mul(scale));
        this.im = params.add(prefix + ".weights_im", Tensor.rand(rng, shape).mul(scale));
    }

    /** Modes kept per axis. */
    int modes() {
        return modes;
    }

    /** Real parts of the weights, {@code (in, out, m)} (2-D: {@code (in, out, 2 m, m)}). */
    Tensor weightsRe() {
        return re;
    }

    /** Imaginary parts of the weights, the shape of {@link #weightsRe()}. */
    Tensor weightsIm() {
        return im;
    }

    /**
     * Applies the convolution.
     *
     * @param v {@code (B, in, n)} (1-D) or {@code (B, in, n1, n2)} (2-D)
     * @return {@code (B, out, n)} or {@code (B, out, n1, n2)}
     */
    Tensor apply(Tensor v) {
        return dims == 1 ? apply1d(v) : apply2d(v);
    }

    /**
     * 1-D composed of the FFT primitives, differentiable to any order in both modes: {@link Fno}'s reference path.
     * Its training path is {@link FourierLayer1d} (the layer fused into matrix products, grid-first layout).
     */
    private Tensor apply1d(Tensor v) {
        return composite1d(v);
    }

    /** 1-D through the fused kernel ({@link SpectralConv1d}): differentiable once, in reverse mode. */
    Tensor fused1d(Tensor v) {
        return SpectralConv1d.INSTANCE.apply(v, re, im);
    }

    /** 1-D composed of the FFT primitives. */
    Tensor composite1d(Tensor v) {
        int b = v.size(0);
        int n = v.size(2);
        Tensor x = Fourier.rfft(v).slice(2, 0, modes);             // (B, in, m, 2)
        Tensor y = mix(x, re, im, modes);                          // (B, out, m, 2)
        int h = n / 2 + 1;
        if (h > modes) {
            y = Tensor.concat(2, y, Tensor.zeros(b, out, h - modes, 2));
        }
        return Fourier.irfft(y, n);
    }

    /**
     * 2-D as truncated DFTs in matrix products (tensor operations: differentiable to any order in both modes), equal
     * to the full-FFT path ({@code SpectralConv2dTest}) to rounding. Only the kept modes are ever formed: along axis 3 the real DFT of the lowest m
     * modes {@code (n2, 2m)}, along axis 2 the complex DFT of the 2m kept k1 rows, then the channel mixing, and back
     * through the synthesis matrices of numpy's {@code ifft} (axis 2) and {@code irfft} (axis 3, the weight 2 of the
     * bins that stand for a conjugate pair, the imaginary part of bin 0 unread). Why not the FFT: the padded grid of
     * Darcy flow, 85 + 9 = 94 = 2 x 47, has a large prime factor, which the FFT library handles by a slow generic
     * pass; and a full transform computes 48 x 94 modes of which 12 x 24 are kept.
     */
    private Tensor apply2d(Tensor v) {
        int b = v.size(0);
        int n1 = v.size(2);
        int n2 = v.size(3);
        int m = modes;
        int k = 2 * m;                                             // kept k1 rows: [0, m) and [n1 - m, n1)
        int[] rows = new int[k];
        for (int i = 0; i < m; i++) {
            rows[i] = i;
            rows[m + i] = n1 - m + i;
        }
        // axis 3: y[.., j1, (re k2 | im k2)] = sum_j2 v[.., j1, j2] e^{-2 pi i k2 j2 / n2}
        Tensor y = v.reshape(b * in * n1, n2).matmul(realAnalysis(n2, m)).reshape(b, in, n1, 2 * m);
        // axis 2: p[.., (y re | y im), k2, (cos | -sin), k1] = sum_j1 y[.., j1, k2] e^{-2 pi i k1 j1 / n1} parts
        Tensor p = y.permute(0, 1, 3, 2).reshape(b * in * 2 * m, n1).matmul(complexTable(n1, rows, -1, false))
                .reshape(b, in, 2, m, 2, k);
        Tensor xr = part(p, 0, 0).sub(part(p, 1, 1));             // (B, in, m k2, K k1)
        Tensor xi = part(p, 1, 0).add(part(p, 0, 1));
        Tensor blocks = Tensor.stack(3, xr.mT().reshape(b, in, k * m), xi.mT().reshape(b, in, k * m));
        Tensor wr = re.reshape(in, out, k * m);
        Tensor wi = im.reshape(in, out, k * m);
        Tensor z = mix(blocks, wr, wi, k * m).reshape(b, out, k, m, 2);
        // axis 2 back: t[j1, k2] = sum_k1 z[k1, k2] e^{2 pi i k1 j1 / n1} / n1
        Tensor q = z.permute(0, 1, 4, 3, 2).reshape(b * out * 2 * m, k).matmul(complexTable(n1, rows, 1, true))
                .reshape(b, out, 2, m, 2, n1);
        Tensor tr = part(q, 0, 0).sub(part(q, 1, 1));             // (B, out, m k2, n1 j1)
        Tensor ti = part(q, 1, 0).add(part(q, 0, 1));
        // axis 3 back (irfft): u[j1, j2] = sum_k2 tr c_k cos(2 pi k2 j2 / n2) / n2 - ti c_k sin(..) / n2
        Tensor t = Tensor.concat(2, tr, ti).mT().reshape(b * out * n1, 2 * m);
        return t.matmul(realSynthesis(n2, m)).reshape(b, out, n1, n2);
    }

    /** {@code p[:, :, a, :, c, :]} of a {@code (B, C, 2, m, 2, L)} tensor: {@code (B, C, m, L)}. */
    private static Tensor part(Tensor p, int a, int c) {
        return p.slice(2, a, a + 1).slice(4, c, c + 1).squeeze(4).squeeze(2);
    }

    /** {@code (n, 2m)}: columns {@code cos(2 pi k j / n)} then {@code -sin(2 pi k j / n)}, k below m. */
    private static Tensor realAnalysis(int n, int m) {
        double[] a = new double[n * 2 * m];
        for (int j = 0; j < n; j++) {
            for (int kk = 0; kk < m; kk++) {
                double angle = 2 * Math.PI * ((long) kk * j % n) / n;
                a[j * 2 * m + kk] = Math.cos(angle);
                a[j * 2 * m + m + kk] = -Math.sin(angle);
            }
        }
        return Tensor.wrap(a, n, 2 * m);
    }

    /**
     * {@code (2m, n)}: rows {@code c_k cos(2 pi k j / n) / n} then {@code -c_k sin(2 pi k j / n) / n}, k below m,
     * {@code c_k} 1 at bin 0 and the Nyquist bin, else 2 (numpy's {@code irfft} of the m lowest bins).
     */
    private static Tensor realSynthesis(int n, int m) {
        double[] a = new double[2 * m * n];
        for (int kk = 0; kk < m; kk++) {
            double c = (kk == 0 || 2 * kk == n ? 1.0 : 2.0) / n;
            for (int j = 0; j < n; j++) {
                double angle = 2 * Math.PI * ((long) kk * j % n) / n;
                a[kk * n + j] = c * Math.cos(angle);
                a[(m + kk) * n + j] = -c * Math.sin(angle);
            }
        }
        return Tensor.wrap(a, 2 * m, n);
    }

    /**
     * The complex DFT between the n grid points and the kept frequencies {@code rows} as one real table
     * {@code e^{sign 2 pi i k j / n}} (times 1/n when {@code inverse}): forward {@code (n, 2K)}, columns the real
     * then the imaginary parts for each k; inverse {@code (K, 2n)}, columns the real then the imaginary parts for
     * each j.
     */
    private static Tensor complexTable(int n, int[] rows, int sign, boolean inverse) {
        int kk = rows.length;
        double scale = inverse ? 1.0 / n : 1.0;
        double[] a = new double[n * 2 * kk];
        for (int r = 0; r < kk; r++) {
            for (int j = 0; j < n; j++) {
                double angle = 2 * Math.PI * ((long) rows[r] * j % n) / n;
                double c = scale * Math.cos(angle);
                double s = sign * scale * Math.sin(angle);
                if (inverse) {
                    a[r * 2 * n + j] = c;
                    a[r * 2 * n + n + j] = s;
                } else {
                    a[j * 2 * kk + r] = c;
                    a[j * 2 * kk + kk + r] = s;
                }
            }
        }
        return inverse ? Tensor.wrap(a, kk, 2 * n) : Tensor.wrap(a, n, 2 * kk);
    }

    /**
     * Per-mode complex channel mixing {@code y[b, o, k] = sum_i x[b, i, k] w[i, o, k]} as batched real matrix
     * products over the modes.
     *
     * @param x  {@code (B, in, K, 2)}
     * @param wr real parts {@code (in, out, K)}
     * @param wi imaginary parts {@code (in, out, K)}
     * @return {@code (B, out, K, 2)}
     */
    static Tensor mix(Tensor x, Tensor wr, Tensor wi, int k) {
        Tensor xr = x.slice(3, 0, 1).squeeze(3).permute(2, 0, 1);  // (K, B, in)
        Tensor xi = x.slice(3, 1, 2).squeeze(3).permute(2, 0, 1);
        Tensor ar = wr.permute(2, 0, 1);                           // (K, in, out)
        Tensor ai = wi.permute(2, 0, 1);
        Tensor yr = xr.matmul(ar).sub(xi.matmul(ai));              // (K, B, out)
        Tensor yi = xr.matmul(ai).add(xi.matmul(ar));
        return Tensor.stack(3, yr.permute(1, 2, 0), yi.permute(1, 2, 0));
    }
}
