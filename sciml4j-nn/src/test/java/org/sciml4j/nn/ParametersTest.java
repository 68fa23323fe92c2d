package org.sciml4j.nn;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Tensor;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParametersTest {
    private static Parameters layer(int in, int out) {
        Parameters p = new Parameters();
        p.add("weight", Tensor.zeros(out, in));
        p.add("bias", Tensor.zeros(out));
        return p;
    }

    @Test
    void addMakesLeavesSharingStorage() {
        Parameters p = new Parameters();
        Tensor init = Tensor.vector(1, 2, 3);
        Tensor leaf = p.add("w", init);
        assertThat(leaf.requiresGrad()).isTrue();
        assertThat(leaf.data()).isSameAs(init.data());
        assertThat(p.get("w")).isSameAs(leaf);
        assertThat(p.names()).containsExactly("w");
        assertThatThrownBy(() -> p.add("w", Tensor.scalar(0))).hasMessageContaining("duplicate parameter name 'w'");
        assertThatThrownBy(() -> p.add("a..b", Tensor.scalar(0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.add("c", leaf.mul(2))).hasMessageContaining("must be a leaf");
        assertThatThrownBy(() -> p.get("nope")).hasMessageContaining("no parameter 'nope'").hasMessageContaining("[w]");
    }

    @Test
    void registerBuildsNestedNamesAndSharesEntries() {
        Parameters l0 = layer(1, 20);
        Parameters l1 = layer(20, 1);
        Parameters net = new Parameters().register("layers.0", l0).register("layers.1", l1);
        assertThat(net.names()).containsExactly("layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias");
        assertThat(net.get("layers.1.weight")).isSameAs(l1.get("weight"));
        assertThat(net.count()).isEqualTo(20 + 20 + 20 + 1);

        net.freeze("layers.0");
        assertThat(l0.isFrozen("weight")).isTrue(); // frozen state is shared with the child's collection
        assertThat(l0.trainable()).isEmpty();
        assertThat(l1.withPrefix("head").names()).containsExactly("head.weight", "head.bias");
        assertThatThrownBy(() -> net.register("layers.0", l0)).hasMessageContaining("duplicate");
    }

    @Test
    void freezeExcludesFromTrainableAndCount() {
        Parameters net = new Parameters();
        for (int i = 0; i < 11; i++) {
            net.register("layers." + i, layer(2, 2));
        }
        assertThat(net.count()).isEqualTo(11 * 6);
        net.freeze("layers.1"); // must not catch layers.10
        assertThat(net.isFrozen("layers.1.weight")).isTrue();
        assertThat(net.isFrozen("layers.1.bias")).isTrue();
        assertThat(net.isFrozen("layers.10.weight")).isFalse();
        assertThat(net.trainable()).hasSize(20).doesNotContain(net.get("layers.1.weight"), net.get("layers.1.bias"));
        assertThat(net.trainableNames()).doesNotContain("layers.1.weight").contains("layers.10.weight");
        assertThat(net.countTrainable()).isEqualTo(10 * 6);
        assertThat(net.all()).hasSize(22);

        net.freeze("layers.10.bias");
        assertThat(net.countTrainable()).isEqualTo(10 * 6 - 2);
        net.unfreeze("layers.1", "layers.10");
        assertThat(net.countTrainable()).isEqualTo(11 * 6);
        assertThatThrownBy(() -> net.freeze("layers.2.w")).hasMessageContaining("'layers.2.w' matches no parameter");
    }

    @Test
    void snapshotIsADeepCopyAndLoadRestoresInPlace() {
        Parameters p = layer(3, 2);
        Tensor w = p.get("weight");
        double[] storage = w.data();
        for (int i = 0; i < storage.length; i++) {
            storage[i] = i + 0.5;
        }
        Map<String, Tensor> snap = p.snapshot();
        assertThat(snap.keySet()).containsExactly("weight", "bias");
        storage[0] = 99;
        assertThat(snap.get("weight").get(0, 0)).isEqualTo(0.5);
        assertThat(snap.get("weight").requiresGrad()).isFalse();

        p.load(snap);
        assertThat(p.get("weight")).isSameAs(w);
        assertThat(w.data()).isSameAs(storage).containsExactly(0.5, 1.5, 2.5, 3.5, 4.5, 5.5);
    }

    @Test
    void loadReportsMismatchedMissingAndUnknownNames() {
        Parameters p = layer(1, 20);
        Map<String, Tensor> wrongShape = new HashMap<>(p.snapshot());
        wrongShape.put("weight", Tensor.ones(1, 20));
        assertThatThrownBy(() -> p.load(wrongShape)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parameter 'weight' has shape (20, 1) but the value given has shape (1, 20)");

        Map<String, Tensor> missing = new HashMap<>(p.snapshot());
        missing.remove("bias");
        assertThatThrownBy(() -> p.load(missing)).hasMessageContaining("no value for [bias]");

        Map<String, Tensor> extra = new HashMap<>(p.snapshot());
        extra.put("layers.9.bias", Tensor.ones(20));
        extra.put("weight", Tensor.ones(20, 1));
        assertThatThrownBy(() -> p.load(extra)).hasMessageContaining("unknown parameter name(s) [layers.9.bias]");
        assertThat(p.get("weight").data()).containsOnly(0.0); // nothing loaded when a check fails
    }

    @Test
    void copyIsIndependentAndKeepsFrozenFlags() {
        Parameters p = layer(2, 2).freeze("bias");
        Parameters c = p.copy();
        assertThat(c.names()).isEqualTo(p.names());
        assertThat(c.isFrozen("bias")).isTrue();
        assertThat(c.get("weight").requiresGrad()).isTrue();
        c.get("weight").data()[0] = 7;
        assertThat(p.get("weight").data()[0]).isZero();
        c.unfreeze("bias");
        assertThat(p.isFrozen("bias")).isTrue();
    }
}
