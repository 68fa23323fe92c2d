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

    private Tensor apply2d(Tensor v) {
        int b = v.size(0);
        int n1 = v.size(2);
        int n2 = v.size(3);
        int h2 = n2 / 2 + 1;
        Tensor x = Fourier.rfft2(v).slice(3, 0, modes);            // (B, in, n1, m, 2)
        Tensor low = x.slice(2, 0, modes);
        Tensor high = x.slice(2, n1 - modes, n1);
        Tensor blocks = Tensor.concat(2, low, high).reshape(b, in, 2 * modes * modes, 2);
        Tensor wr = re.reshape(in, out, 2 * modes * modes);
        Tensor wi = im.reshape(in, out, 2 * modes * modes);
        Tensor y = mix(blocks, wr, wi, 2 * modes * modes).reshape(b, out, 2 * modes, modes, 2);
        Tensor lowOut = y.slice(2, 0, modes);
        Tensor highOut = y.slice(2, modes, 2 * modes);
        Tensor full = n1 > 2 * modes
                ? Tensor.concat(2, lowOut, Tensor.zeros(b, out, n1 - 2 * modes, modes, 2), highOut)
                : Tensor.concat(2, lowOut, highOut);
        if (h2 > modes) {
            full = Tensor.concat(3, full, Tensor.zeros(b, out, n1, h2 - modes, 2));
        }
        return Fourier.irfft2(full, n1, n2);
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
