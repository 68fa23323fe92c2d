package org.sciml4j.operators.spectral;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.GradCheck;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.ShapeException;
import org.sciml4j.tensor.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FourierTest {

    /** Direct O(n^2) DFT of one row: (h, 2). */
    private static double[] dft(double[] x, int from, int n) {
        int h = n / 2 + 1;
        double[] out = new double[2 * h];
        for (int k = 0; k < h; k++) {
            for (int j = 0; j < n; j++) {
                double a = -2 * Math.PI * j * k / n;
                out[2 * k] += x[from + j] * Math.cos(a);
                out[2 * k + 1] += x[from + j] * Math.sin(a);
            }
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 8, 16})
    void rfftMatchesTheDirectSumAndIrfftInvertsIt(int n) {
        Tensor x = Tensor.randn(new Rng(n), 3, n);
        Tensor y = Fourier.rfft(x);
        assertThat(y.shape()).containsExactly(3, n / 2 + 1, 2);
        for (int r = 0; r < 3; r++) {
            double[] ref = dft(x.data(), r * n, n);
            for (int i = 0; i < ref.length; i++) {
                assertThat(y.data()[r * ref.length + i]).isCloseTo(ref[i], within(1e-12));
            }
        }
        double[] back = Fourier.irfft(y, n).data();
        for (int i = 0; i < back.length; i++) {
            assertThat(back[i]).isCloseTo(x.data()[i], within(1e-12));
        }
    }

    @Test
    void irfftIgnoresTheImaginaryPartOfBinZeroAndNyquistAsNumpy() {
        // numpy.fft.irfft([1+5j, 2+1j, 3+7j], 4) = [2, -1, 0, 0] (imag of bins 0 and 2 dropped)
        Tensor y = Tensor.of(new double[] {1, 5, 2, 1, 3, 7}, 3, 2);
        assertThat(Fourier.irfft(y, 4).data()).containsExactly(new double[] {2, -1, 0, 0}, within(1e-14));
    }

    @Test
    void rfft2MatchesRowsThenColumnsAndIrfft2InvertsIt() {
        int n1 = 5;
        int n2 = 6;
        Tensor x = Tensor.randn(new Rng(3), 2, n1, n2);
        Tensor y = Fourier.rfft2(x);
        assertThat(y.shape()).containsExactly(2, n1, 4, 2);
        // X[k1, k2] = sum_{j1, j2} x exp(-2 pi i (j1 k1 / n1 + j2 k2 / n2)), checked directly at a few bins
        for (int[] k : new int[][] {{0, 0}, {1, 2}, {4, 3}, {2, 1}}) {
            double re = 0;
            double im = 0;
            for (int j1 = 0; j1 < n1; j1++) {
                for (int j2 = 0; j2 < n2; j2++) {
                    double a = -2 * Math.PI * ((double) j1 * k[0] / n1 + (double) j2 * k[1] / n2);
                    re += x.get(1, j1, j2) * Math.cos(a);
                    im += x.get(1, j1, j2) * Math.sin(a);
                }
            }
            assertThat(y.get(1, k[0], k[1], 0)).isCloseTo(re, within(1e-12));
            assertThat(y.get(1, k[0], k[1], 1)).isCloseTo(im, within(1e-12));
        }
        double[] back = Fourier.irfft2(y, n1, n2).data();
        for (int i = 0; i < back.length; i++) {
            assertThat(back[i]).isCloseTo(x.data()[i], within(1e-12));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {6, 7})
    void derivativesPassGradCheckInBothModesToSecondOrder(int n) {
        GradCheck check = new GradCheck();
        Rng rng = new Rng(11);
        Tensor x = Tensor.randn(rng, 2, n);
        Tensor spec = Tensor.randn(rng, 2, n / 2 + 1, 2);
        // a non-linear wrapper so that the second derivative is not zero
        java.util.function.Function<Tensor[], Tensor> f = a -> Fourier.rfft(a[0].tanh()).sin();
        java.util.function.Function<Tensor[], Tensor> g = a -> Fourier.irfft(a[0].tanh(), n).sin();
        for (GradCheck.Mode mode : GradCheck.Mode.values()) {
            assertThat(check.maxError(f, new Tensor[] {x}, 2, mode, rng, 3)).isLessThan(1e-6);
            assertThat(check.maxError(g, new Tensor[] {spec}, 2, mode, rng, 3)).isLessThan(1e-6);
        }
    }

    @Test
    void twoDimensionalDerivativesPassGradCheckInBothModes() {
        GradCheck check = new GradCheck();
        Rng rng = new Rng(12);
        Tensor x = Tensor.randn(rng, 2, 4, 5);
        Tensor spec = Tensor.randn(rng, 2, 4, 3, 2);
        java.util.function.Function<Tensor[], Tensor> f = a -> Fourier.rfft2(a[0].tanh()).sin();
        java.util.function.Function<Tensor[], Tensor> g = a -> Fourier.irfft2(a[0].tanh(), 4, 5).sin();
        for (GradCheck.Mode mode : GradCheck.Mode.values()) {
            assertThat(check.maxError(f, new Tensor[] {x}, 2, mode, rng, 2)).isLessThan(1e-6);
            assertThat(check.maxError(g, new Tensor[] {spec}, 2, mode, rng, 2)).isLessThan(1e-6);
        }
    }

    @Test
    void aSpectrumOfTheWrongLengthIsRefusedWithBothShapes() {
        assertThatThrownBy(() -> Fourier.irfft(Tensor.zeros(3, 4, 2), 8))
                .isInstanceOf(ShapeException.class).hasMessageContaining("[3, 4, 2]").hasMessageContaining("5, 2");
    }
}
