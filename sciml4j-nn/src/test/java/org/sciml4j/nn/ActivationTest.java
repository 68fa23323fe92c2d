package org.sciml4j.nn;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Tensor;

import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ActivationTest {
    private static final double[] XS = {-3.0, -0.7, 0.2, 1.5, 4.0};

    private static void check(String name, DoubleUnaryOperator expected) {
        Tensor y = Activation.of(name).apply(Tensor.vector(XS));
        for (int i = 0; i < XS.length; i++) {
            assertThat(y.get(i)).as(name + "(" + XS[i] + ")").isCloseTo(expected.applyAsDouble(XS[i]), within(1e-14));
        }
    }

    @Test
    void namedActivationsComputeTheirFormulas() {
        check("tanh", Math::tanh);
        check("sin", Math::sin);
        check("softplus", x -> Math.log1p(Math.exp(x)));
        check("silu", x -> x / (1 + Math.exp(-x)));
        check("swish", x -> x / (1 + Math.exp(-x)));
        check("gelu", x -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x))));
        check("relu", x -> Math.max(x, 0));
        check("sigmoid", x -> 1 / (1 + Math.exp(-x)));
        check("identity", x -> x);
        check(" TANH ", Math::tanh);
    }

    @Test
    void namesPrintAndUnknownNamesAreListed() {
        assertThat(Activation.TANH).hasToString("tanh");
        assertThat(Activation.of("swish")).isSameAs(Activation.SILU);
        assertThatThrownBy(() -> Activation.of("elu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown activation 'elu'").hasMessageContaining("tanh, sin, softplus");
    }
}
