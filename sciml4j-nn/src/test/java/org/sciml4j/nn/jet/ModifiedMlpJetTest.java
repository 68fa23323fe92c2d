package org.sciml4j.nn.jet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sciml4j.nn.FourierFeatures;
import org.sciml4j.nn.ModifiedMlp;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.NotDifferentiableException;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.Parallel;
import org.sciml4j.tensor.kernel.Thresholds;

/**
 * The fused jet of the modified MLP equals the generic path (one Taylor pass over the recorded graph,
 * {@link org.sciml4j.tensor.Taylor#jets}, then reverse mode): every block, and the gradients of a loss mixing all blocks with respect to
 * every trainable parameter and the points, to 1e-12 relative; with derivatives at all points or the first ones only,
 * plain or factorised layers, with or without Fourier features. Chunked results are the same bits for any number of
 * threads.
 */
class ModifiedMlpJetTest {

    @AfterEach
    void restore() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    private static ModifiedMlp net(int[] sizes, String activation, long seed, boolean factorised, int fourier) {
        ModifiedMlp.Builder b = ModifiedMlp.builder().sizes(sizes).activation(activation).seed(seed);
        if (fourier > 0) {
            b.fourierFeatures(fourier, 1.5, true);
        }
        return (factorised ? b.weightFactorization() : b).build();
    }

    @ParameterizedTest(name = "{0} {1}, along [{2}] orders [{3}], {4} points ({5} with derivatives), "
            + "factorised {6}, Fourier features {7}")
    @CsvSource({
            "2 7 7 7 2, tanh, 0 1,   2 2,   17,  17,  false, 0",
            "2 7 7 7 2, sin,  1 0,   2 1,   40,  40,  false, 0",
            "2 7 7 7 2, tanh, 0,     1,     23,  9,   false, 0",
            "3 8 8 1,   tanh, 2 0 1, 1 2 2, 600, 600, false, 0",
            "3 8 8 1,   sin,  0 2,   2 1,   530, 300, false, 0",
            "3 8 8 1,   tanh, 1,     2,     300, 0,   false, 0",
            "2 7 7 7 2, tanh, '',    '',    40,  40,  false, 0",
            "2 7 7 7 2, tanh, 0 1,   2 1,   300, 250, true,  0",
            "2 7 7 7 2, sin,  0 1,   2 2,   40,  40,  false, 4",
            "3 8 8 1,   tanh, 1 2,   2 2,   530, 400, true,  3"})
    void blocksAndGradientsMatchTheGenericTaylorPath(String sizes, String activation, String vars, String ords,
                                                     int n, int nd, boolean factorised, int fourier) {
        int[] variables = MlpJetMultiTest.ints(vars);
        int[] orders = MlpJetMultiTest.ints(ords);
        ModifiedMlp net = net(MlpJetMultiTest.ints(sizes), activation, 3 + n, factorised, fourier);
        Rng rng = new Rng(7 + n);
        Tensor x = Tensor.uniform(rng, -1, 1, n, net.inputSize());
        Tensor w = Tensor.randn(rng, n, net.outputSize());
        List<Tensor> params = net.parameters().trainable();

        Tensor xi = x.requireGrad();
        List<Tensor> expected = MlpJetThirdOrderTest.generic(net, xi, variables, orders, nd);
        List<Tensor> wrtG = new ArrayList<>(params);
        wrtG.add(xi);
        List<Tensor> genericGrads = Autodiff.grad(FusedNetworksJetTest.loss(expected, w, nd), wrtG, null, false);

        Tensor xs = x.requireGrad();
        Tensor[] blocks = net.taylorJet().orElseThrow().evaluate(xs, variables, orders, nd);
        assertThat(blocks).hasSize(expected.size());
        for (int k = 0; k < blocks.length; k++) {
            assertThat(blocks[k].shape()).containsExactly(k == 0 ? n : nd, net.outputSize());
            if (blocks[k].numel() > 0) {
                assertThat(MlpJetMultiTest.maxDiff(blocks[k], expected.get(k))).as("block %d", k).isLessThan(1e-12);
            }
        }
        List<Tensor> wrt = new ArrayList<>(params);
        wrt.add(xs);
        List<Tensor> grads = Autodiff.grad(FusedNetworksJetTest.loss(List.of(blocks), w, nd), wrt, null, false);
        assertThat(grads).hasSameSizeAs(genericGrads);
        for (int k = 0; k < grads.size(); k++) {
            assertThat(MlpJetMultiTest.maxDiff(grads.get(k), genericGrads.get(k))).as("gradient %d", k)
                    .isLessThan(1e-12);
        }
    }

    @ParameterizedTest
    @CsvSource({"tanh, false, 0", "sin, false, 0", "tanh, true, 0", "tanh, false, 3"})
    void chunkedResultsAreTheSameBitForBitWhateverTheThreadCount(String activation, boolean factorised,
                                                                int fourier) throws Exception {
        ModifiedMlp net = net(new int[] {2, 10, 10, 2}, activation, 6, factorised, fourier);
        Rng rng = new Rng(11);
        int n = 3 * Thresholds.JET_CHUNK_ROWS + 37; // three full chunks and a short one
        int nd = n - 100; // and value-only chunks
        Tensor x = Tensor.uniform(rng, -1.5, 1.5, n, 2);
        Tensor w = Tensor.randn(rng, n, 2);
        List<Tensor> params = net.parameters().trainable();
        TaylorJet jet = net.taylorJet().orElseThrow();
        Supplier<List<Tensor>> step = () -> {
            Tensor xs = x.requireGrad();
            Tensor[] blocks = jet.evaluate(xs, new int[] {1, 0}, new int[] {2, 2}, nd);
            List<Tensor> all = new ArrayList<>();
            for (Tensor t : blocks) {
                all.add(t.detach());
            }
            List<Tensor> wrt = new ArrayList<>(params);
            wrt.add(xs);
            all.addAll(Autodiff.grad(FusedNetworksJetTest.loss(List.of(blocks), w, nd), wrt, null, false));
            return all;
        };
        Parallel.setThreads(2);
        List<Tensor> parallel = step.get();
        Parallel.setThreads(1);
        MlpJetMultiTest.assertSame(step.get(), parallel);
        Parallel.setThreads(2);
        ForkJoinPool single = new ForkJoinPool(1);
        try {
            MlpJetMultiTest.assertSame(single.submit(step::get).get(), parallel);
        } finally {
            single.shutdown();
        }
        MlpJetMultiTest.assertSame(step.get(), parallel);
    }

    @Test
    void valuesAreTheNetworksAndWorkspacesAreReusedAndRecomputed() {
        ModifiedMlp net = net(new int[] {2, 7, 7, 1}, "tanh", 3, false, 0);
        TaylorJet jet = net.taylorJet().orElseThrow();
        Rng rng = new Rng(5);
        Tensor xa = Tensor.uniform(rng, -1, 1, 13, 2);
        Tensor xb = Tensor.uniform(rng, -1, 1, 13, 2);
        int[] v = {0, 1};
        int[] o = {2, 1};
        assertThat(MlpJetMultiTest.maxDiff(jet.evaluate(xa, v, o, 13)[0], net.forward(xa))).isLessThan(1e-15);
        List<Tensor> params = net.parameters().trainable();
        Tensor w = Tensor.ones(13, 1);
        List<Tensor> ga = Autodiff.grad(MlpJetMultiTest.loss(List.of(jet.evaluate(xa, v, o, 13)), w), params, null,
                false);
        Tensor[] ja = jet.evaluate(xa, v, o, 13);
        Tensor[] jb = jet.evaluate(xb, v, o, 13); // another workspace while ja holds its own
        Tensor la = MlpJetMultiTest.loss(List.of(ja), w);
        MlpJetMultiTest.assertSame(Autodiff.grad(la, params, null, false), ga);
        Autodiff.grad(MlpJetMultiTest.loss(List.of(jb), w), params, null, false);
        jet.evaluate(xb, v, o, 13);
        MlpJetMultiTest.assertSame(Autodiff.grad(la, params, null, false), ga); // workspace given back: recomputed
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor[] plain = jet.evaluate(xa, v, o, 13);
            for (int k = 0; k < plain.length; k++) {
                assertThat(plain[k].isTracked()).isFalse();
                assertThat(plain[k].toArray()).containsExactly(ja[k].toArray());
            }
        }
    }

    @Test
    void networksTheJetDoesNotHandleOfferNoneAndTheJetIsDifferentiableOnce() {
        assertThat(ModifiedMlp.builder().sizes(2, 8, 8, 1).activation("gelu").build().taylorJet()).isEmpty();
        ModifiedMlp net = net(new int[] {2, 4, 4, 1}, "tanh", 1, false, 0);
        assertThat(net.embedding()).isEmpty();
        TaylorJet jet = net.taylorJet().orElseThrow();
        assertThat(jet.maxOrder()).isEqualTo(2);
        Tensor x = Tensor.ones(3, 2);
        assertThatThrownBy(() -> jet.evaluate(x, new int[] {2}, new int[] {1}, 3))
                .hasMessageContaining("ModifiedMlpJet: variable 2 is not an input column");
        assertThatThrownBy(() -> jet.evaluate(x, new int[] {0}, new int[] {3}, 3)).hasMessageContaining("order 3");
        assertThatThrownBy(() -> jet.evaluate(x, new int[] {0}, new int[] {1}, 4))
                .hasMessageContaining("derivatives at 4 of 3 points");
        assertThatThrownBy(() -> jet.evaluate(Tensor.ones(3, 3), new int[] {0}, new int[] {1}, 3))
                .hasMessageContaining("points must have shape (N, 2)");
        Tensor l = jet.evaluate(x, new int[] {0}, new int[] {2}, 3)[2].square().sum();
        assertThatThrownBy(() -> Autodiff.grad(l, net.parameters().trainable(), null, true))
                .isInstanceOf(NotDifferentiableException.class).hasMessageContaining("modified_mlp_multi_jet");
        ModifiedMlp fourier = net(new int[] {2, 4, 4, 1}, "sin", 1, false, 3);
        assertThat(fourier.embedding().orElseThrow()).isInstanceOf(FourierFeatures.class);
        assertThat(fourier.taylorJet()).isPresent();
    }
}
