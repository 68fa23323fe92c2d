package org.sciml4j.operators.fno;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.ShapeException;
import org.sciml4j.tensor.Tensor;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FnoTest {

    @Test
    void parameterCountsAreNeuraloperators() {
        // fourier_1d.py (width 64, modes 16) and fourier_2d.py (width 32, modes 12) print these counts
        assertThat(new Fno(1, 16, 64, 4, 0, 1, new Rng(1)).parameters().count()).isEqualTo(549_569L);
        assertThat(new Fno(2, 12, 32, 4, 0.1, 1, new Rng(1)).parameters().count()).isEqualTo(2_368_001L);
    }

    @Test
    void shapesAtAnyResolutionWithSeveralOutputs() {
        Fno one = new Fno(1, 4, 6, 2, 0, 1, new Rng(2));
        assertThat(one.apply(Tensor.randn(new Rng(3), 3, 16)).shape()).containsExactly(3, 16);
        assertThat(one.apply(Tensor.randn(new Rng(3), 3, 64)).shape()).containsExactly(3, 64);
        Fno two = new Fno(2, 3, 5, 2, 0.25, 2, new Rng(2));
        assertThat(two.apply(Tensor.randn(new Rng(3), 2, 8, 10)).shape()).containsExactly(2, 2, 8, 10);
    }

    @Test
    void tooManyModesForTheGridIsRefused() {
        Fno f = new Fno(1, 9, 4, 1, 0, 1, new Rng(2));
        assertThatThrownBy(() -> f.apply(Tensor.zeros(1, 14))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("modes 9 > s/2 + 1 = 8");
    }

    @Test
    void theSpectralConvolutionIsTheCircularConvolutionItsWeightsDefine() {
        // one channel, all modes kept, weight 1 + 0i at every mode: the layer is the identity
        org.sciml4j.nn.Parameters p = new org.sciml4j.nn.Parameters();
        SpectralConv conv = new SpectralConv(1, 1, 1, 5, new Rng(1), p, "c");
        p.get("c.weights_re").data()[0] = 1;
        java.util.Arrays.fill(p.get("c.weights_re").data(), 1);
        java.util.Arrays.fill(p.get("c.weights_im").data(), 0);
        Tensor v = Tensor.randn(new Rng(4), 2, 1, 8);
        assertThat(conv.apply(v).data()).containsExactly(v.data(), within(1e-12));
        // keeping 2 of 5 modes of cos(2 pi 3 j / 8) + 1 leaves the constant
        SpectralConv low = new SpectralConv(1, 1, 1, 2, new Rng(1), p, "d");
        java.util.Arrays.fill(p.get("d.weights_re").data(), 1);
        java.util.Arrays.fill(p.get("d.weights_im").data(), 0);
        double[] w = new double[8];
        for (int j = 0; j < 8; j++) {
            w[j] = 1 + Math.cos(2 * Math.PI * 3 * j / 8);
        }
        for (double y : low.apply(Tensor.of(w, 1, 1, 8)).data()) {
            assertThat(y).isCloseTo(1, within(1e-12));
        }
    }

    @Test
    void parameterGradientsMatchFiniteDifferences() {
        Fno f = new Fno(2, 2, 3, 2, 0.2, 1, new Rng(5));
        Tensor u = Tensor.randn(new Rng(6), 2, 5, 6);
        Tensor w = Tensor.randn(new Rng(8), 2, 5, 6);
        List<Tensor> params = f.parameters().trainable();
        List<Tensor> grads = Autodiff.grad(f.apply(u).mul(w).sum(), params, null, false);
        Rng rng = new Rng(7);
        double analytic = 0;
        double[][] dirs = new double[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            dirs[i] = Tensor.randn(rng, params.get(i).numel()).toArray();
            for (int k = 0; k < dirs[i].length; k++) {
                analytic += grads.get(i).data()[k] * dirs[i][k];
            }
        }
        double h = 1e-5;
        double plus = shifted(f, u, w, params, dirs, h);
        double minus = shifted(f, u, w, params, dirs, -2 * h);
        shifted(f, u, w, params, dirs, h);
        assertThat((plus - minus) / (2 * h)).isCloseTo(analytic, within(1e-6 * Math.abs(analytic)));
    }

    /** Moves every parameter by step * direction and returns sum(f(u) w) there. */
    private static double shifted(Fno f, Tensor u, Tensor w, List<Tensor> params, double[][] dirs, double step) {
        for (int i = 0; i < params.size(); i++) {
            double[] p = params.get(i).data();
            for (int k = 0; k < p.length; k++) {
                p[k] += step * dirs[i][k];
            }
        }
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return f.apply(u).mul(w).sum().item();
        }
    }
}
