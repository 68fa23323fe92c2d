package org.sciml4j.operators.fno;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sciml4j.nn.Parameters;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fused 1-D spectral convolution equals the composition of the FFT primitives, values and gradients. */
class FusedSpectralConvTest {

    @ParameterizedTest
    @CsvSource({"16, 5", "15, 8", "8, 5"})
    void fusedEqualsComposedInValueAndGradient(int n, int m) {
        Parameters p = new Parameters();
        SpectralConv conv = new SpectralConv(1, 3, 4, m, new Rng(1), p, "c");
        Tensor v = Tensor.randn(new Rng(2), 2, 3, n).requireGrad();
        Tensor w = Tensor.randn(new Rng(3), 2, 4, n);
        Tensor fused = conv.fused1d(v);
        Tensor composed = conv.composite1d(v);
        assertThat(fused.data()).containsExactly(composed.data(), within(1e-12));
        List<Tensor> xs = List.of(v, p.get("c.weights_re"), p.get("c.weights_im"));
        List<Tensor> gf = Autodiff.grad(fused.mul(w).sum(), xs, null, false);
        List<Tensor> gc = Autodiff.grad(composed.mul(w).sum(), xs, null, false);
        for (int i = 0; i < xs.size(); i++) {
            assertThat(gf.get(i).data()).containsExactly(gc.get(i).data(), within(1e-12));
        }
    }
}
