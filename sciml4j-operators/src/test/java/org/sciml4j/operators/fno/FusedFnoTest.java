package org.sciml4j.operators.fno;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sciml4j.nn.Linear;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.Parallel;

import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The FNO-1D training path (grid-first layout, {@link FourierLayer1d}, {@link Dense}) equals the model composed of
 * the engine's primitives in values and gradients, its fused operations pass finite differences, and its gradients
 * do not depend on the thread count.
 */
class FusedFnoTest {

    @ParameterizedTest
    @CsvSource({"16, 5, 6, 2, 0, 1, 1", "15, 8, 4, 3, 0, 2, 1", "12, 3, 5, 2, 0.25, 1, 1", "10, 6, 3, 1, 0, 1, 1",
            "16, 5, 6, 2, 0, 2, 2", "12, 4, 5, 2, 0.25, 1, 3"})
    void fusedPathEqualsTheComposedModelInValuesAndGradients(int s, int modes, int width, int layers, double padding,
                                                             int outputs, int fields) {
        Fno f = new Fno(1, fields, modes, width, layers, padding, outputs, new Rng(1));
        Tensor u = fields == 1 ? Tensor.randn(new Rng(2), 3, s) : Tensor.randn(new Rng(2), 3, fields, s);
        Tensor fused = f.apply(u);
        Tensor composed = f.applyComposed(u);
        assertThat(fused.shape()).containsExactly(composed.shape());
        assertClose(fused.data(), composed.data(), "values");
        Tensor w = Tensor.randn(new Rng(3), fused.shape());
        List<Tensor> params = f.parameters().trainable();
        List<Tensor> gf = Autodiff.grad(f.apply(u).mul(w).sum(), params, null, false);
        List<Tensor> gc = Autodiff.grad(f.applyComposed(u).mul(w).sum(), params, null, false);
        for (int i = 0; i < params.size(); i++) {
            assertClose(gf.get(i).data(), gc.get(i).data(), "gradient " + i);
        }
    }

    @ParameterizedTest
    @CsvSource({"10, 6", "9, 3"})   // n = 10, m = 6 = n/2 + 1 keeps the Nyquist bin
    void fourierLayerAndDenseMatchCentralDifferences(int n, int m) {
        Rng rng = new Rng(4);
        Tensor[] layer = {Tensor.randn(rng, n, 2, 3), Tensor.randn(rng, 3, 4, m), Tensor.randn(rng, 3, 4, m),
            Tensor.randn(rng, 4, 3), Tensor.randn(rng, 4)};
        checkCentralDifferences(a -> FourierLayer1d.apply(a[0], a[1], a[2], a[3], a[4]).tanh(), layer, rng);
        Tensor[] dense = {Tensor.randn(rng, 7, 3), Tensor.randn(rng, 4, 3), Tensor.randn(rng, 4)};
        checkCentralDifferences(a -> Dense.apply(a[0], a[1], a[2]).tanh(), dense, rng);
    }

    /**
     * The reverse-mode gradient of {@code sum(w f(x))} along a random direction of every input against the central
     * difference (step 1e-5) of the same sum, to 1e-7 relative.
     */
    private static void checkCentralDifferences(Function<Tensor[], Tensor> f, Tensor[] x, Rng rng) {
        Tensor[] leaves = new Tensor[x.length];
        Tensor[] dirs = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            leaves[i] = Tensor.of(x[i].data(), x[i].shape()).requireGrad();
            dirs[i] = Tensor.randn(rng, x[i].shape());
        }
        Tensor y = f.apply(leaves);
        Tensor w = Tensor.randn(rng, y.shape());
        List<Tensor> g = Autodiff.grad(y.mul(w).sum(), List.of(leaves), null, false);
        double analytic = 0;
        for (int i = 0; i < x.length; i++) {
            analytic += g.get(i).mul(dirs[i]).sum().item();
        }
        double h = 1e-5;
        double numeric = (along(f, x, dirs, h, w) - along(f, x, dirs, -h, w)) / (2 * h);
        assertThat(numeric).isCloseTo(analytic, within(1e-7 * Math.max(1, Math.abs(analytic))));
    }

    private static double along(Function<Tensor[], Tensor> f, Tensor[] x, Tensor[] dirs, double h, Tensor w) {
        Tensor[] moved = new Tensor[x.length];
        for (int i = 0; i < x.length; i++) {
            moved[i] = x[i].add(dirs[i].mul(h));
        }
        return f.apply(moved).mul(w).sum().item();
    }

    @Test
    void denseIsLinearForward() {
        Linear l = new Linear(3, 5, org.sciml4j.nn.Initializer.pytorchDefault(), new Rng(5));
        Tensor x = Tensor.randn(new Rng(6), 4, 3);
        assertClose(Dense.apply(x, l.weight(), l.bias()).data(), l.forward(x).data(), "dense");
    }

    @Test
    void gradientsAreTheSameBitsOnOneAndTwoThreads() {
        // large enough that the products and the GELU split over threads
        Fno f = new Fno(1, 8, 32, 2, 0, 1, new Rng(7));
        Tensor u = Tensor.randn(new Rng(8), 8, 128);
        int before = Parallel.threads();
        try {
            Parallel.setThreads(1);
            List<Tensor> one = Autodiff.grad(f.apply(u).square().sum(), f.parameters().trainable(), null, false);
            Parallel.setThreads(2);
            List<Tensor> two = Autodiff.grad(f.apply(u).square().sum(), f.parameters().trainable(), null, false);
            for (int i = 0; i < one.size(); i++) {
                assertThat(two.get(i).data()).as("gradient " + i).containsExactly(one.get(i).data());
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    /** Equal to 1e-12 of the largest magnitude of the expected values (the two paths round differently). */
    private static void assertClose(double[] actual, double[] expected, String what) {
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertThat(actual).as(what).containsExactly(expected, within(1e-12 * Math.max(scale, 1e-300)));
    }
}
