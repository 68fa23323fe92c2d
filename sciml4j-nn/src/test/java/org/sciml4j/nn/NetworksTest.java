package org.sciml4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/** A spec builds, bit for bit, the network its builder gives under the same seed; bad specs say what is wrong. */
class NetworksTest {
    private static final Tensor X = Tensor.randn(new Rng(99), 7, 2);

    /** Same parameter names and bits, same outputs bit for bit. */
    private static void assertSame(Module actual, Module expected) {
        assertThat(actual.parameters().names()).isEqualTo(expected.parameters().names());
        for (String n : expected.parameters().names()) {
            assertThat(actual.parameters().get(n).data()).as(n).isEqualTo(expected.parameters().get(n).data());
        }
        assertThat(actual.forward(X).data()).isEqualTo(expected.forward(X).data());
    }

    @Test
    void anMlpSpecBuildsTheBuildersMlp() {
        NetworkSpec spec = new NetworkSpec(new int[] {20, 20}, "tanh", "glorot_normal");
        Module net = Networks.build(spec, 2, 1, 42);
        assertThat(net).isInstanceOf(Mlp.class);
        assertThat(((Mlp) net).sizes()).containsExactly(2, 20, 20, 1);
        assertSame(net, Mlp.builder().sizes(2, 20, 20, 1).activation("tanh").initializer("glorot_normal").seed(42)
                .build());
        assertThat(net.parameters().count()).isEqualTo(2 * 20 + 20 + 20 * 20 + 20 + 20 + 1);
    }

    @Test
    void aModifiedMlpWithFourierFeaturesBuildsTheBuildersNetwork() {
        NetworkSpec spec = new NetworkSpec(new int[] {16, 16}, "sin", "he_uniform").withType("modified_mlp")
                .withFourierFeatures(8, 2.5);
        Module net = Networks.build(spec, 2, 3, 5);
        assertThat(net).isInstanceOf(ModifiedMlp.class);
        assertSame(net, ModifiedMlp.builder().sizes(2, 16, 16, 3).activation("sin").initializer("he_uniform")
                .fourierFeatures(8, 2.5).seed(5).build());
        assertThat(net.parameters().names()).contains("embedding.B");
        assertThat(net.parameters().isFrozen("embedding.B")).isTrue();
    }

    @Test
    void fieldNetworksComeLastWithTheNextSeeds() {
        Map<String, NetworkSpec> own = new LinkedHashMap<>();
        own.put("k", new NetworkSpec(new int[] {8}, "sin", "glorot_normal"));
        own.put("m", new NetworkSpec(new int[] {4, 4}, "tanh", "zeros"));
        NetworkSpec spec = new NetworkSpec(new int[] {10}, "tanh", "glorot_normal").withFieldNetworks(own);
        Concat net = (Concat) Networks.build(spec, 2, 4, 3);
        assertThat(net.parts()).hasSize(3);
        assertSame(net.parts().get(0), Mlp.builder().sizes(2, 10, 2).seed(3).build());
        assertSame(net.parts().get(1), Mlp.builder().sizes(2, 8, 1).activation("sin").seed(4).build());
        assertSame(net.parts().get(2), Mlp.builder().sizes(2, 4, 4, 1).initializer("zeros").seed(5).build());
        assertThat(net.outputSize()).isEqualTo(4);
    }

    @Test
    void onlyFieldNetworksGiveNoMainNetwork() {
        NetworkSpec spec = new NetworkSpec(new int[] {10}, "tanh", "glorot_normal")
                .withFieldNetworks(Map.of("u", new NetworkSpec(new int[] {6}, "tanh", "glorot_normal")));
        Module net = Networks.build(spec, 2, 1, 0);
        assertSame(net, Mlp.builder().sizes(2, 6, 1).seed(1).build());
    }

    @Test
    void badSpecsSayWhatIsWrong() {
        NetworkSpec spec = new NetworkSpec(new int[] {8}, "tanh", "glorot_normal");
        assertThatThrownBy(() -> spec.withType("resnet")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown network type 'resnet'; valid types are fbpinn, mlp, modified_mlp");
        assertThatThrownBy(() -> spec.withActivation("tanhh")).hasMessageStartingWith("unknown activation 'tanhh'");
        assertThatThrownBy(() -> spec.withInitializer("glorot")).hasMessageStartingWith("unknown initializer 'glorot'");
        assertThatThrownBy(() -> spec.withFourierFeatures(-1, 1)).hasMessageContaining("Fourier features must be >= 0");
        assertThatThrownBy(() -> Networks.build(spec.withType("modified_mlp").withHidden(8, 4), 2, 1, 0))
                .hasMessageContaining("ModifiedMlp: all hidden layers must have the same width");
        assertThatThrownBy(() -> Networks.build(spec.withFourierFeatures(4, -1), 2, 1, 0))
                .hasMessageContaining("scale must be positive");
        assertThatThrownBy(() -> Networks.build(spec.withFieldNetworks(Map.of("a", spec, "b", spec)), 2, 1, 0))
                .hasMessageContaining("only 1 outputs");
        assertThatThrownBy(() -> Networks.register("mlp", (s, sizes, seed) -> null))
                .hasMessageContaining("'mlp' is registered already");
    }

    @Test
    void specsAreValuesAndCopyTheirWidths() {
        int[] widths = {5, 5};
        NetworkSpec a = new NetworkSpec(widths, "tanh", "glorot_normal");
        widths[0] = 99;
        assertThat(a.hidden()).containsExactly(5, 5);
        assertThat(a).isEqualTo(new NetworkSpec(new int[] {5, 5}, "tanh", "glorot_normal"));
        assertThat(a).isNotEqualTo(a.withHidden(5));
        assertThat(a.hashCode()).isEqualTo(new NetworkSpec(new int[] {5, 5}, "tanh", "glorot_normal").hashCode());
        assertThat(a.type()).isEqualTo(NetworkSpec.DEFAULT_TYPE);
    }
}
