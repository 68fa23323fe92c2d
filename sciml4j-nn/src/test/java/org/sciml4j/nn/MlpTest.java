package org.sciml4j.nn;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.GradCheck;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MlpTest {
    private static Mlp net(long seed) {
        return Mlp.builder().sizes(1, 20, 20, 1).activation("tanh").initializer("glorot_normal").seed(seed).build();
    }

    @Test
    void namesShapesAndCountLikePytorch() {
        Mlp net = net(42);
        Parameters p = net.parameters();
        assertThat(p.count()).isEqualTo(481);
        assertThat(p.names()).containsExactly("layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias",
                "layers.2.weight", "layers.2.bias");
        assertThat(p.get("layers.0.weight").shape()).containsExactly(20, 1);
        assertThat(p.get("layers.1.weight").shape()).containsExactly(20, 20);
        assertThat(p.get("layers.2.weight").shape()).containsExactly(1, 20);
        assertThat(p.get("layers.2.bias").shape()).containsExactly(1);
        assertThat(net.layers()).hasSize(3);
        assertThat(net.forward(Tensor.zeros(7, 1)).shape()).containsExactly(7, 1);
        assertThat(net.forward(Tensor.zeros(2, 7, 1)).shape()).containsExactly(2, 7, 1); // leading batch axes
        assertThat(net).hasToString("Mlp(sizes=[1, 20, 20, 1], activation=tanh, parameters=481)");
    }

    @Test
    void forwardComposesLayersWithActivationBetweenAndLinearOutput() {
        Mlp net = Mlp.builder().sizes(2, 5, 4, 3).activation(Activation.SIN).initializer("pytorch_default").seed(3)
                .build();
        Tensor x = Tensor.randn(new Rng(1), 6, 2);
        Linear l0 = (Linear) net.layers().get(0);
        Linear l1 = (Linear) net.layers().get(1);
        Linear l2 = (Linear) net.layers().get(2);
        Tensor expected = l2.forward(l1.forward(l0.forward(x).sin()).sin());
        assertThat(net.forward(x).data()).containsExactly(expected.data(), within(1e-15));
        assertThat(net.forward(x).shape()).containsExactly(6, 3);
    }

    @Test
    void sameSeedSameWeightsDifferentSeedDifferent() {
        Map<String, Tensor> a = net(42).parameters().snapshot();
        Map<String, Tensor> b = net(42).parameters().snapshot();
        Map<String, Tensor> c = net(43).parameters().snapshot();
        for (String name : a.keySet()) {
            if (name.endsWith("weight")) {
                assertThat(a.get(name).data()).as(name).containsExactly(b.get(name).data());
                assertThat(a.get(name).data()).as(name).isNotEqualTo(c.get(name).data());
            }
        }
        Rng shared = new Rng(7);
        Mlp first = new Mlp(new int[] {1, 20, 20, 1}, Activation.TANH, Initializer.glorotNormal(), shared);
        Mlp second = new Mlp(new int[] {1, 20, 20, 1}, Activation.TANH, Initializer.glorotNormal(), shared);
        assertThat(first.parameters().get("layers.0.weight").data())
                .isNotEqualTo(second.parameters().get("layers.0.weight").data());
    }

    @Test
    void invalidSizesAreRejected() {
        assertThatThrownBy(() -> Mlp.builder().build()).hasMessageContaining("need at least 2 layer sizes");
        assertThatThrownBy(() -> Mlp.builder().sizes(1, 0, 1).build()).hasMessageContaining("must be positive");
        assertThatThrownBy(() -> net(1).forward(Tensor.zeros(3, 2))).hasMessageContaining("Mlp: expected input");
    }

    @Test
    void freezingLayersExcludesThemFromTraining() {
        Mlp net = net(1);
        net.parameters().freeze("layers.0", "layers.1");
        assertThat(net.parameters().countTrainable()).isEqualTo(21);
        assertThat(net.parameters().trainable()).containsExactly(net.parameters().get("layers.2.weight"),
                net.parameters().get("layers.2.bias"));
        assertThat(net.parameters().count()).isEqualTo(481);
    }

    @Test
    void loadMovesWeightsBetweenNetworks() {
        Mlp source = net(1);
        Mlp target = net(2);
        Tensor x = Tensor.linspace(-1, 1, 9).reshape(9, 1);
        assertThat(target.forward(x).data()).isNotEqualTo(source.forward(x).data());
        target.parameters().load(source.parameters().snapshot());
        assertThat(target.forward(x).data()).containsExactly(source.forward(x).data());

        Mlp wider = Mlp.builder().sizes(1, 30, 20, 1).build();
        assertThatThrownBy(() -> wider.parameters().load(source.parameters().snapshot()))
                .hasMessageContaining("parameter 'layers.0.weight' has shape (30, 1) but the value given has shape"
                        + " (20, 1)")
                .hasMessageContaining("parameter 'layers.1.weight' has shape (20, 30)");
        Mlp deeper = Mlp.builder().sizes(1, 20, 20, 20, 1).build();
        assertThatThrownBy(() -> deeper.parameters().load(source.parameters().snapshot()))
                .hasMessageContaining("no value for [layers.3.weight, layers.3.bias]");
    }

    @Test
    void inputDerivativesMatchFiniteDifferences() {
        Mlp net = Mlp.builder().sizes(2, 16, 16, 1).activation("tanh").seed(5).build();
        Rng rng = new Rng(9);
        Tensor x = Tensor.randn(rng, 6, 2);
        double h = 1e-5;
        for (int j = 0; j < 2; j++) {
            Tensor e = Tensor.zeros(6, 2).add(Tensor.of(j == 0 ? new double[] {1, 0} : new double[] {0, 1}, 1, 2));
            Tensor dydx = Autodiff.jvp(net::forward, x, e)[1];
            Tensor fd;
            try (Autodiff.Scope s = Autodiff.noGrad()) {
                fd = net.forward(x.add(e.mul(h))).sub(net.forward(x.sub(e.mul(h)))).div(2 * h);
            }
            assertThat(dydx.data()).as("d/dx" + j).containsExactly(fd.data(), within(1e-9));

            // second derivative: nested forward mode against a second difference
            Tensor d2 = Autodiff.jvp(z -> Autodiff.jvp(net::forward, z, e)[1], x, e)[1];
            double h2 = 1e-4;
            Tensor fd2;
            try (Autodiff.Scope s = Autodiff.noGrad()) {
                fd2 = net.forward(x.add(e.mul(h2))).sub(net.forward(x).mul(2)).add(net.forward(x.sub(e.mul(h2))))
                        .div(h2 * h2);
            }
            assertThat(d2.data()).as("d2/dx" + j + "2").containsExactly(fd2.data(), within(1e-5));
        }
        for (GradCheck.Mode mode : GradCheck.Mode.values()) {
            assertThat(new GradCheck().maxError(in -> net.forward(in[0]), new Tensor[] {x}, 3, mode, rng, 2))
                    .as(mode.toString()).isLessThan(1e-6);
        }
        assertThat(NnTesting.parameterGradientError(net, x, rng)).isLessThan(1e-8);
    }

    @Test
    void fourierEmbeddingAndWeightFactorization() {
        Mlp net = Mlp.builder().sizes(2, 32, 32, 1).fourierFeatures(8, 1.0).weightFactorization().seed(4).build();
        Parameters p = net.parameters();
        assertThat(p.names()).containsExactly("embedding.B", "layers.0.weight_s", "layers.0.weight_v",
                "layers.0.bias", "layers.1.weight_s", "layers.1.weight_v", "layers.1.bias", "layers.2.weight_s",
                "layers.2.weight_v", "layers.2.bias");
        assertThat(p.get("embedding.B").shape()).containsExactly(2, 8);
        assertThat(p.get("layers.0.weight_v").shape()).containsExactly(32, 16);
        assertThat(p.isFrozen("embedding.B")).isTrue();
        assertThat(p.countTrainable()).isEqualTo(p.count() - 16);
        assertThat(net.embedding()).containsInstanceOf(FourierFeatures.class);
        Tensor x = Tensor.randn(new Rng(2), 5, 2);
        assertThat(net.forward(x).shape()).containsExactly(5, 1);
        assertThat(NnTesting.parameterGradientError(net, x, new Rng(3))).isLessThan(1e-8);

        assertThatThrownBy(() -> Mlp.builder().sizes(2, 8, 1)
                .embedding(new FourierFeatures(3, 4, 1.0, true, new Rng(1))).build())
                .hasMessageContaining("the embedding takes 3 input features but sizes[0] is 2");
    }
}
