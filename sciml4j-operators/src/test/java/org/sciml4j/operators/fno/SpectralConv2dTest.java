package org.sciml4j.operators.fno;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sciml4j.nn.Parameters;
import org.sciml4j.operators.spectral.Fourier;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The 2-D spectral convolution as truncated DFTs in matrix products equals the one through full FFTs
 * ({@code rfft2}, keep the modes, zero-filled {@code irfft2}) in values, in first-order gradients (input and
 * weights) and in a second-order derivative, for odd and even grids, a prime factor (94 = 2 x 47, Darcy's padded
 * grid at small scale: 47), {@code 2 m = n1} (every k1 kept) and {@code m = n2/2 + 1} (the Nyquist bin kept).
 */
class SpectralConv2dTest {

    @ParameterizedTest
    @CsvSource({"12, 10, 3", "11, 9, 4", "8, 10, 4", "10, 8, 5", "47, 13, 5", "6, 6, 3"})
    void truncatedDftsEqualTheFftPath(int n1, int n2, int m) {
        Parameters p = new Parameters();
        SpectralConv k = new SpectralConv(2, 3, 4, m, new Rng(1), p, "k");
        Tensor v = Tensor.randn(new Rng(2), 2, 3, n1, n2).requireGrad();
        Tensor dft = k.apply(v);
        Tensor fft = fft2d(k, v);
        assertThat(dft.shape()).containsExactly(2, 4, n1, n2);
        assertClose(dft.data(), fft.data(), "values");
        Tensor w = Tensor.randn(new Rng(3), dft.shape());
        List<Tensor> leaves = List.of(v, k.weightsRe(), k.weightsIm());
        List<Tensor> gd = Autodiff.grad(k.apply(v).mul(w).sum(), leaves, null, true);
        List<Tensor> gf = Autodiff.grad(fft2d(k, v).mul(w).sum(), leaves, null, true);
        for (int i = 0; i < leaves.size(); i++) {
            assertClose(gd.get(i).data(), gf.get(i).data(), "gradient " + i);
        }
        // second order: d/d weights of sum(dL/dv squared), through both paths
        List<Tensor> hd = Autodiff.grad(gd.get(0).square().sum(), List.of(k.weightsRe()), null, false);
        List<Tensor> hf = Autodiff.grad(gf.get(0).square().sum(), List.of(k.weightsRe()), null, false);
        assertClose(hd.get(0).data(), hf.get(0).data(), "second order");
    }

    /** Equal to 1e-12 of the largest magnitude of the expected values (the two paths round differently). */
    private static void assertClose(double[] actual, double[] expected, String what) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertThat(scale).as(what + " scale").isGreaterThan(0);
        assertThat(actual).as(what).containsExactly(expected, within(1e-12 * scale));
    }

    /** 2-D through the FFT primitives (full transforms): the reference the truncated-DFT path is tested against. */
    private static Tensor fft2d(SpectralConv k, Tensor v) {
        int in = k.weightsRe().size(0);
        int out = k.weightsRe().size(1);
        int modes = k.modes();
        int b = v.size(0);
        int n1 = v.size(2);
        int n2 = v.size(3);
        int h2 = n2 / 2 + 1;
        Tensor x = Fourier.rfft2(v).slice(3, 0, modes);            // (B, in, n1, m, 2)
        Tensor low = x.slice(2, 0, modes);
        Tensor high = x.slice(2, n1 - modes, n1);
        Tensor blocks = Tensor.concat(2, low, high).reshape(b, in, 2 * modes * modes, 2);
        Tensor wr = k.weightsRe().reshape(in, out, 2 * modes * modes);
        Tensor wi = k.weightsIm().reshape(in, out, 2 * modes * modes);
        Tensor y = SpectralConv.mix(blocks, wr, wi, 2 * modes * modes).reshape(b, out, 2 * modes, modes, 2);
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
}
