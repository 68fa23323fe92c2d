package org.sciml4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.ShapeException;
import org.sciml4j.tensor.Tensor;

/** Modules side by side: values, parameter names and gradients are those of the parts. */
class ConcatTest {
    private static Mlp mlp(long seed, int... sizes) {
        return Mlp.builder().sizes(sizes).activation("tanh").seed(seed).build();
    }

    @Test
    void theOutputIsThePartsOutputsSideBySide() {
        Mlp u = mlp(1, 2, 8, 1);
        Mlp k = mlp(2, 2, 5, 5, 2);
        Concat both = Concat.of(u, k);
        assertThat(both.inputSize()).isEqualTo(2);
        assertThat(both.outputSize()).isEqualTo(3);
        Tensor x = Tensor.matrix(new double[] {0.1, -0.4}, new double[] {0.7, 0.2}, new double[] {-1, 1});
        Tensor y = both.forward(x);
        assertThat(y.shape()).containsExactly(3, 3);
        Tensor yu = u.forward(x);
        Tensor yk = k.forward(x);
        for (int i = 0; i < 3; i++) {
            assertThat(y.data()[3 * i]).isEqualTo(yu.data()[i]);
            assertThat(y.data()[3 * i + 1]).isEqualTo(yk.data()[2 * i]);
            assertThat(y.data()[3 * i + 2]).isEqualTo(yk.data()[2 * i + 1]);
        }
    }

    @Test
    void parametersArePrefixedAndShared() {
        Mlp u = mlp(1, 2, 8, 1);
        Mlp k = mlp(2, 2, 4, 1);
        Concat both = Concat.of(u, k);
        assertThat(both.parameters().names()).containsExactly("0.layers.0.weight", "0.layers.0.bias",
                "0.layers.1.weight", "0.layers.1.bias", "1.layers.0.weight", "1.layers.0.bias", "1.layers.1.weight",
                "1.layers.1.bias");
        assertThat(both.parameters().get("1.layers.0.weight")).isSameAs(k.parameters().get("layers.0.weight"));
        assertThat(both.parameters().count()).isEqualTo(u.parameters().count() + k.parameters().count());
    }

    @Test
    void gradientsAreThePartsOwn() {
        Mlp u = mlp(1, 1, 6, 1);
        Mlp k = mlp(2, 1, 6, 1);
        Tensor x = Tensor.linspace(-1, 1, 7).reshape(7, 1);
        // loss = sum(u^2) + 3 sum(k): each part's gradient is what its own loss term gives
        Tensor y = Concat.of(u, k).forward(x);
        Tensor loss = y.col(0).square().sum().add(y.col(1).sum().mul(3));
        List<Tensor> g = Autodiff.grad(loss, Concat.of(u, k).parameters().trainable(), null, false);
        List<Tensor> gu = Autodiff.grad(u.forward(x).square().sum(), u.parameters().trainable(), null, false);
        List<Tensor> gk = Autodiff.grad(k.forward(x).sum().mul(3), k.parameters().trainable(), null, false);
        for (int i = 0; i < gu.size(); i++) {
            assertThat(g.get(i).data()).containsExactly(gu.get(i).data(), within(1e-14));
        }
        for (int i = 0; i < gk.size(); i++) {
            assertThat(g.get(gu.size() + i).data()).containsExactly(gk.get(i).data(), within(1e-14));
        }
    }

    @Test
    void mismatchedPartsAndInputsAreRejected() {
        assertThatThrownBy(Concat::of).hasMessageContaining("no module given");
        assertThatThrownBy(() -> Concat.of(mlp(1, 2, 4, 1), mlp(2, 3, 4, 1)))
                .hasMessageContaining("module 1 takes 3 inputs but module 0 takes 2");
        assertThatThrownBy(() -> Concat.of(mlp(1, 2, 4, 1), mlp(2, 2, 4, 1)).forward(Tensor.zeros(5, 3)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("must end in 2");
    }
}
