package org.sciml4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** atan2: values, its branch cut, derivatives of orders 1 to 3 in both modes, a scalar operand. */
class Atan2Test {

    @Test
    void valuesAndTheCutFollowMathAtan2() {
        Tensor a = Tensor.wrap(new double[] {1, -1, 0.0, -Double.MIN_VALUE, 2}, 5);
        Tensor b = Tensor.wrap(new double[] {1, 1, -1, -1, -3}, 5);
        double[] y = Atan2.of(a, b).toArray();
        assertThat(y[0]).isEqualTo(Math.PI / 4);
        assertThat(y[1]).isEqualTo(-Math.PI / 4);
        assertThat(y[2] - y[3]).isCloseTo(2 * Math.PI, within(1e-15)); // the jump across the cut
        assertThat(y[4]).isEqualTo(StrictMath.atan2(2, -3));
    }

    @Test
    void derivativesMatchFiniteDifferencesToThirdOrderInBothModes() {
        Rng rng = new Rng(3);
        // points away from the origin (the only singular point)
        Tensor[] at = {Tensor.randn(rng, 4, 3).add(1.5), Tensor.randn(rng, 4, 3).sub(0.5)};
        for (GradCheck.Mode mode : GradCheck.Mode.values()) {
            for (int order = 1; order <= 3; order++) {
                double err = new GradCheck().maxError(t -> Atan2.of(t[0], t[1]), at, order, mode, rng, 3);
                assertThat(err).as(mode + " order " + order).isLessThan(1e-6);
            }
        }
        // a scalar second argument (the expression language's atan(x) = atan2(x, 1))
        Tensor[] one = {Tensor.randn(rng, 5, 1), Tensor.scalar(0.7)};
        assertThat(new GradCheck().maxError(t -> Atan2.of(t[0], t[1]), one, 2, GradCheck.Mode.REVERSE, rng, 3))
                .isLessThan(1e-6);
    }

    @Test
    void theGradientIsSmoothAcrossTheCut() {
        Tensor a = Tensor.wrap(new double[] {1e-12, -1e-12}, 2).requireGrad();
        Tensor b = Tensor.wrap(new double[] {-2, -2}, 2).requireGrad();
        Tensor y = Atan2.of(a, b);
        Tensor[] g = Autodiff.grad(y.sum(), a, b);
        double[] ga = g[0].toArray();
        assertThat(ga[0]).isCloseTo(-0.5, within(1e-12)); // d/da = b / (a^2 + b^2)
        assertThat(ga[1]).isCloseTo(ga[0], within(1e-12));
    }

    @Test
    void shapesThatDifferAreRefused() {
        assertThatThrownBy(() -> Atan2.of(Tensor.zeros(3), Tensor.zeros(2))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("atan2");
    }
}
