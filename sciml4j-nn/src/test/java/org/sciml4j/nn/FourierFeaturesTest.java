package org.sciml4j.nn;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.GradCheck;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FourierFeaturesTest {
    @Test
    void valuesFollowTheFormulaForAFixedB() {
        double[][] b = {{0.5, -1.25, 2.0}, {0.1, 0.75, -0.3}};
        FourierFeatures ff = new FourierFeatures(Tensor.matrix(b), false);
        Tensor x = Tensor.matrix(new double[] {0.2, -0.4}, new double[] {1.5, 0.3}, new double[] {0, 0},
                new double[] {-0.7, 2.2});
        Tensor y = ff.forward(x);
        assertThat(y.shape()).containsExactly(4, 6);
        for (int n = 0; n < 4; n++) {
            for (int j = 0; j < 3; j++) {
                double phase = 2 * Math.PI * (x.get(n, 0) * b[0][j] + x.get(n, 1) * b[1][j]);
                assertThat(y.get(n, j)).isCloseTo(Math.cos(phase), within(1e-14));
                assertThat(y.get(n, 3 + j)).isCloseTo(Math.sin(phase), within(1e-14));
            }
        }
    }

    @Test
    void randomBIsFrozenUnlessTrainableAndHasTheScale() {
        FourierFeatures frozen = new FourierFeatures(2, 5000, 3.0, false, new Rng(1));
        assertThat(frozen.parameters().names()).containsExactly("B");
        assertThat(frozen.parameters().isFrozen("B")).isTrue();
        assertThat(frozen.parameters().trainable()).isEmpty();
        assertThat(frozen.inputSize()).isEqualTo(2);
        assertThat(frozen.outputSize()).isEqualTo(10000);
        Tensor bMatrix = frozen.frequencies();
        assertThat(bMatrix.mean().item()).isCloseTo(0, within(0.1));
        assertThat(bMatrix.square().mean().sqrt().item()).isCloseTo(3.0, within(0.06));

        FourierFeatures trainable = new FourierFeatures(2, 4, 1.0, true, new Rng(1));
        assertThat(trainable.parameters().trainable()).containsExactly(trainable.frequencies());
    }

    @Test
    void derivativesMatchFiniteDifferences() {
        FourierFeatures ff = new FourierFeatures(3, 4, 0.5, true, new Rng(2));
        Rng rng = new Rng(3);
        Tensor x = Tensor.randn(rng, 5, 3);
        for (GradCheck.Mode mode : GradCheck.Mode.values()) {
            assertThat(new GradCheck().maxError(in -> ff.forward(in[0]), new Tensor[] {x}, 2, mode, rng, 2))
                    .isLessThan(1e-6);
        }
        assertThat(NnTesting.parameterGradientError(ff, x, rng)).isLessThan(1e-8);
    }
}
