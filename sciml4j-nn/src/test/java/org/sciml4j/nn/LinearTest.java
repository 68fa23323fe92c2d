package org.sciml4j.nn;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.GradCheck;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.ShapeException;
import org.sciml4j.tensor.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LinearTest {
    @Test
    void parametersAreNamedAndShapedLikePytorch() {
        Linear l = new Linear(3, 5, Initializer.glorotNormal(), new Rng(1));
        assertThat(l.parameters().names()).containsExactly("weight", "bias");
        assertThat(l.weight().shape()).containsExactly(5, 3);
        assertThat(l.bias().shape()).containsExactly(5);
        assertThat(l.parameters().count()).isEqualTo(20);
        assertThat(l.inputSize()).isEqualTo(3);
        assertThat(l.outputSize()).isEqualTo(5);
        assertThat(l.weight().requiresGrad()).isTrue();
    }

    @Test
    void forwardIsXTimesWTransposePlusB() {
        Tensor w = Tensor.matrix(new double[] {1, 2, 3}, new double[] {-1, 0.5, 4});
        Tensor b = Tensor.vector(0.25, -2);
        Linear l = new Linear(w, b);
        Tensor x = Tensor.matrix(new double[] {1, 0, -1}, new double[] {2, 3, 0.5});
        Tensor y = l.forward(x);
        assertThat(y.shape()).containsExactly(2, 2);
        // row 0: (1 - 3 + 0.25, -1 - 4 - 2); row 1: (2 + 6 + 1.5 + 0.25, -2 + 1.5 + 2 - 2)
        assertThat(y.data()).containsExactly(new double[] {-1.75, -7, 9.75, -0.5}, within(1e-15));
    }

    @Test
    void forwardChecksTheInputShape() {
        Linear l = new Linear(3, 2, Initializer.glorotNormal(), new Rng(1));
        assertThatThrownBy(() -> l.forward(Tensor.zeros(4, 2))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("expected input of shape (N, 3), got (4, 2)");
        assertThatThrownBy(() -> l.forward(Tensor.zeros(3))).hasMessageContaining("reshape a single point to (1, 3)");
        assertThatThrownBy(() -> new Linear(Tensor.zeros(2, 3), Tensor.zeros(3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sameSeedSameLayer() {
        Linear a = new Linear(4, 6, Initializer.pytorchDefault(), new Rng(9));
        Linear b = new Linear(4, 6, Initializer.pytorchDefault(), new Rng(9));
        Linear c = new Linear(4, 6, Initializer.pytorchDefault(), new Rng(10));
        assertThat(a.weight().data()).containsExactly(b.weight().data());
        assertThat(a.bias().data()).containsExactly(b.bias().data());
        assertThat(a.weight().data()).isNotEqualTo(c.weight().data());
    }

    @Test
    void factorizedLayerStartsAsThePlainLayer() {
        Tensor x = Tensor.randn(new Rng(3), 16, 7);
        for (Initializer init : new Initializer[] {Initializer.glorotNormal(), Initializer.pytorchDefault()}) {
            Linear plain = new Linear(7, 11, init, new Rng(5));
            FactorizedLinear fact = new FactorizedLinear(7, 11, init, new Rng(5));
            assertThat(fact.forward(x).data()).as(init.toString())
                    .containsExactly(plain.forward(x).data(), within(1e-14));
            assertThat(fact.weight().data()).containsExactly(plain.weight().data(), within(1e-15));

            FactorizedLinear fromPlain = FactorizedLinear.factorize(plain, new Rng(8), 0.5, 0.1);
            assertThat(fromPlain.forward(x).data()).containsExactly(plain.forward(x).data(), within(1e-14));
        }
    }

    @Test
    void factorizedLayerParametersAndScaleDistribution() {
        FactorizedLinear f = new FactorizedLinear(3, 2000, Initializer.glorotNormal(), new Rng(2), 1.0, 0.1);
        assertThat(f.parameters().names()).containsExactly("weight_s", "weight_v", "bias");
        assertThat(f.logScale().shape()).containsExactly(2000);
        assertThat(f.direction().shape()).containsExactly(2000, 3);
        assertThat(f.parameters().count()).isEqualTo(2000 + 6000 + 2000);
        double mean = f.logScale().mean().item();
        double std = f.logScale().sub(mean).square().mean().sqrt().item();
        assertThat(mean).isCloseTo(1.0, within(0.01));
        assertThat(std).isCloseTo(0.1, within(0.005));
        assertThatThrownBy(() -> new FactorizedLinear(3, 2, Initializer.glorotNormal(), new Rng(2), 1.0, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void derivativesMatchFiniteDifferences() {
        Rng rng = new Rng(11);
        Tensor x = Tensor.randn(rng, 5, 3);
        FactorizedLinear f = new FactorizedLinear(3, 4, Initializer.glorotNormal(), new Rng(1));
        Linear l = new Linear(3, 4, Initializer.pytorchDefault(), new Rng(1));
        assertThat(NnTesting.parameterGradientError(f, x, rng)).isLessThan(1e-8);
        assertThat(NnTesting.parameterGradientError(l, x, rng)).isLessThan(1e-8);
        for (GradCheck.Mode mode : GradCheck.Mode.values()) {
            assertThat(new GradCheck().maxError(in -> f.forward(in[0]), new Tensor[] {x}, 2, mode, rng, 2))
                    .isLessThan(1e-6);
        }
    }
}
