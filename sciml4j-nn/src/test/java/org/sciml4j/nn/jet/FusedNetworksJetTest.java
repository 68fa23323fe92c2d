package org.sciml4j.nn.jet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.sciml4j.nn.Concat;
import org.sciml4j.nn.FourierFeatures;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.ModifiedMlp;
import org.sciml4j.nn.Module;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * The jets networks offer through {@link Module#taylorJet()} beyond a plain MLP: an MLP after a Fourier feature
 * embedding, networks side by side; each against the generic engine (values, every derivative block, gradients of a
 * loss mixing them with respect to every trainable parameter and the points, 1e-12 relative), with derivatives at
 * all points or at the first ones only. Networks the jets do not handle offer none.
 */
class FusedNetworksJetTest {

    private static Mlp mlp(int in, int out, String activation, long seed, int fourier, boolean trainableB,
                           boolean factorised) {
        Mlp.Builder b = Mlp.builder().sizes(in, 11, 9, out).activation(activation).seed(seed);
        if (fourier > 0) {
            b.fourierFeatures(fourier, 1.5, trainableB);
        }
        return (factorised ? b.weightFactorization() : b).build();
    }

    /** The network's jet at x against the generic engine, derivatives at the first nd points. */
    private static void assertMatchesGenericEngine(Module net, int n, int nd, int[] variables, int[] orders) {
        Rng rng = new Rng(3 + n);
        Tensor x = Tensor.uniform(rng, -1, 1, n, net.inputSize());
        Tensor w = Tensor.randn(rng, n, net.outputSize());
        List<Tensor> params = net.parameters().trainable();

        Tensor xi = x.requireGrad();
        List<Tensor> expected = new ArrayList<>();
        for (Tensor t : MlpJetMultiTest.generic(net, xi, variables, orders)) {
            expected.add(expected.isEmpty() ? t : t.slice(0, 0, nd));
        }
        List<Tensor> wrtG = new ArrayList<>(params);
        wrtG.add(xi);
        List<Tensor> genericGrads = Autodiff.grad(loss(expected, w, nd), wrtG, null, false);

        Tensor xs = x.requireGrad();
        TaylorJet jet = net.taylorJet().orElseThrow();
        Tensor[] blocks = jet.evaluate(xs, variables, orders, nd);
        assertThat(blocks).hasSize(expected.size());
        for (int k = 0; k < blocks.length; k++) {
            assertThat(blocks[k].shape()).containsExactly(expected.get(k).shape());
            assertThat(MlpJetMultiTest.maxDiff(blocks[k], expected.get(k))).as("block %d", k).isLessThan(1e-12);
        }
        List<Tensor> wrt = new ArrayList<>(params);
        wrt.add(xs);
        List<Tensor> grads = Autodiff.grad(loss(List.of(blocks), w, nd), wrt, null, false);
        for (int k = 0; k < grads.size(); k++) {
            assertThat(MlpJetMultiTest.maxDiff(grads.get(k), genericGrads.get(k))).as("gradient %d", k)
                    .isLessThan(1e-12);
        }
    }

    /** {@link MlpJetMultiTest#loss} on the points with derivatives, plus the squared values at the others. */
    static Tensor loss(List<Tensor> blocks, Tensor w, int nd) {
        List<Tensor> atDerivatives = new ArrayList<>(blocks);
        atDerivatives.set(0, blocks.get(0).slice(0, 0, nd));
        Tensor l = MlpJetMultiTest.loss(atDerivatives, w.slice(0, 0, nd));
        int n = blocks.get(0).size(0);
        return nd == n ? l : l.add(blocks.get(0).slice(0, nd, n).square().mean());
    }

    @ParameterizedTest(name = "{0}, {1} inputs, along [{2}] orders [{3}], {4} points ({5} with derivatives), "
            + "trainable B {6}, factorised {7}")
    @CsvSource({
            "tanh, 1, 0,   2,   17,  17,  false, false",
            "sin,  2, 0 1, 2 1, 40,  40,  true,  false",
            "tanh, 2, 1 0, 1 2, 600, 600, true,  false",
            "tanh, 2, 0 1, 2 2, 700, 300, false, true",
            "sin,  3, 2,   2,   530, 530, true,  true",
            "tanh, 2, '',  '',  300, 0,   true,  false"})
    void anMlpAfterFourierFeaturesFusesTheEmbedding(String activation, int inputs, String vars, String ords, int n,
                                                    int nd, boolean trainableB, boolean factorised) {
        Mlp net = mlp(inputs, 2, activation, 7 + inputs, 6, trainableB, factorised);
        assertThat(net.embedding().orElseThrow()).isInstanceOf(FourierFeatures.class);
        assertMatchesGenericEngine(net, n, nd, MlpJetMultiTest.ints(vars), MlpJetMultiTest.ints(ords));
    }

    @ParameterizedTest(name = "along [{0}] orders [{1}], {2} points ({3} with derivatives)")
    @CsvSource({
            "0 1, 2 1, 23,  23",
            "1,   2,   600, 250",
            "'',  '',  40,  0"})
    void networksSideBySideFuseEachPart(String vars, String ords, int n, int nd) {
        Concat net = Concat.of(mlp(2, 1, "tanh", 1, 0, false, false), mlp(2, 2, "sin", 2, 5, true, false),
                mlp(2, 1, "tanh", 3, 0, false, true));
        assertMatchesGenericEngine(net, n, nd, MlpJetMultiTest.ints(vars), MlpJetMultiTest.ints(ords));
    }

    @Test
    void theValuesOfAFusedEmbeddingAreThoseOfTheNetworkBitForBit() {
        Mlp net = mlp(2, 1, "tanh", 5, 4, true, false);
        Tensor x = Tensor.uniform(new Rng(1), -1, 1, 9, 2);
        Tensor[] jet = net.taylorJet().orElseThrow().evaluate(x, new int[] {0}, new int[] {2}, 9);
        Tensor[] embedding = net.embedding().orElseThrow().taylorJet().orElseThrow()
                .evaluate(x, new int[0], new int[0], 0);
        assertThat(embedding[0].toArray()).containsExactly(net.embedding().get().forward(x).toArray());
        assertThat(MlpJetMultiTest.maxDiff(jet[0], net.forward(x))).isLessThan(1e-15);
    }

    /**
     * A frozen embedding's stacked jet at untracked points is kept while the points, B and the derivatives asked for
     * are the same values, and computed again when any of them changes, in place too; with B trainable it is
     * recorded against B.
     */
    @Test
    void aFrozenEmbeddingKeepsItsStackedJetWhileItsInputsAreTheSame() {
        FourierFeatures embedding = new FourierFeatures(2, 3, 1.0, false, new Rng(2));
        TaylorJet jet = embedding.taylorJet().orElseThrow();
        Tensor x = Tensor.uniform(new Rng(4), -1, 1, 7, 2);
        int[] variables = {0, 1};
        int[] orders = {2, 1};
        Tensor first = jet.stacked(x, variables, orders, 5);
        assertThat(first.toArray()).containsExactly(Tensor.concat(0, jet.evaluate(x, variables, orders, 5)).toArray());
        assertThat(embedding.taylorJet().orElseThrow().stacked(x.copy(), variables, orders, 5))
                .as("equal points in another tensor, the embedding's jet asked again").isSameAs(first);
        assertThat(jet.stacked(x, variables, new int[] {1, 1}, 5)).isNotSameAs(first);
        assertThat(jet.stacked(x, variables, orders, 4).size(0)).isEqualTo(7 + 3 * 4);

        x.data()[3] += 0.25; // the points moved in place
        Tensor moved = jet.stacked(x, variables, orders, 5);
        assertThat(moved.toArray()).containsExactly(Tensor.concat(0, jet.evaluate(x, variables, orders, 5)).toArray())
                .isNotEqualTo(first.toArray());
        embedding.frequencies().data()[1] *= 2; // B changed in place (a loaded state)
        Tensor rescaled = jet.stacked(x, variables, orders, 5);
        assertThat(rescaled.toArray())
                .containsExactly(Tensor.concat(0, jet.evaluate(x, variables, orders, 5)).toArray())
                .isNotEqualTo(moved.toArray());
        assertThat(rescaled.isTracked()).isFalse();

        embedding.parameters().unfreeze("B");
        Tensor tracked = jet.stacked(x, variables, orders, 5);
        assertThat(tracked).isNotSameAs(rescaled);
        assertThat(tracked.toArray()).containsExactly(rescaled.toArray());
        Tensor gradB = Autodiff.grad(tracked.sum(), List.of(embedding.frequencies()), null, false).get(0);
        assertThat(Math.abs(gradB.toArray()[0])).isGreaterThan(1e-3);
    }

    @Test
    void networksTheJetsDoNotHandleOfferNone() {
        assertThat(Mlp.builder().sizes(2, 8, 1).activation("gelu").build().taylorJet()).isEmpty();
        assertThat(new ModifiedMlp(new int[] {2, 8, 8, 1}, org.sciml4j.nn.Activation.named("tanh", Tensor::tanh),
                org.sciml4j.nn.Initializer.of("glorot_normal"), new Rng(1)).taylorJet()).isEmpty();
        Mlp relu = Mlp.builder().sizes(2, 8, 1).activation("relu").build();
        assertThat(Concat.of(mlp(2, 1, "tanh", 1, 0, false, false), relu).taylorJet()).isEmpty();
        Mlp custom = Mlp.builder().sizes(2, 8, 1).activation(org.sciml4j.nn.Activation.named("tanh", Tensor::tanh))
                .build();
        assertThat(custom.taylorJet()).as("an activation known by name only has no fused rule").isEmpty();
        assertThatThrownBy(() -> MlpJet.multi(relu, Tensor.ones(3, 2), new int[] {0}, new int[] {1}))
                .hasMessageContaining("activation 'relu' has no fused rule");
        TaylorJet fourier = new FourierFeatures(2, 3, 1.0, false, new Rng(2)).taylorJet().orElseThrow();
        assertThatThrownBy(() -> fourier.evaluate(Tensor.ones(3, 2), new int[] {0}, new int[] {3}, 3))
                .hasMessageContaining("FourierJet: order 3 along variable 0");
    }
}
