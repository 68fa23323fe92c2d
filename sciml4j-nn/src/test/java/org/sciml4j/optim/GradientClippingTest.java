package org.sciml4j.optim;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Tensor;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GradientClippingTest {

    @Test
    void clipByNormScalesByMaxNormOverNormPlusEpsilon() {
        // norms 5 and 12, global norm 13
        Tensor g0 = Tensor.vector(3, 4);
        Tensor g1 = Tensor.matrix(new double[] {12});
        double norm = GradientClipping.clipByNorm(List.of(g0, g1), 6.5);
        assertThat(norm).isEqualTo(13.0);
        double coef = 6.5 / (13 + 1e-6);
        assertThat(g0.toArray()).containsExactly(3 * coef, 4 * coef);
        assertThat(g1.toArray()).containsExactly(12 * coef);
        assertThat(GradientClipping.globalNorm(List.of(g0, g1))).isCloseTo(6.5, within(1e-6));
    }

    @Test
    void clipByNormLeavesSmallGradientsAlone() {
        Tensor g = Tensor.vector(0.3, -0.4);
        assertThat(GradientClipping.clipByNorm(List.of(g), 1.0)).isCloseTo(0.5, within(1e-16));
        assertThat(g.toArray()).containsExactly(0.3, -0.4);
        // exactly at the limit: 1 / (1 + 1e-6) < 1, so torch scales by it (a hair)
        Tensor h = Tensor.vector(0.6, 0.8);
        GradientClipping.clipByNorm(List.of(h), 1.0);
        assertThat(h.toArray()).containsExactly(0.6 * (1.0 / (1.0 + 1e-6)), 0.8 * (1.0 / (1.0 + 1e-6)));
    }

    @Test
    void clipByNormHandlesHugeAndNonFinite() {
        Tensor g = Tensor.vector(3e200, 4e200);
        double n = GradientClipping.clipByNorm(List.of(g), 1.0);
        assertThat(n).isCloseTo(5e200, within(1e186));
        assertThat(g.toArray()).containsExactly(new double[] {0.6, 0.8}, within(1e-12));
        Tensor bad = Tensor.vector(1, Double.NaN);
        assertThat(GradientClipping.clipByNorm(List.of(bad), 1.0)).isNaN();
        assertThat(bad.toArray()[0]).isEqualTo(1.0);
    }

    @Test
    void clipByValueClamps() {
        Tensor g0 = Tensor.vector(-3, -0.5, 0, 0.5, 3);
        Tensor g1 = Tensor.vector(1.0000001, Double.NaN);
        GradientClipping.clipByValue(List.of(g0, g1), 1.0);
        assertThat(g0.toArray()).containsExactly(-1, -0.5, 0, 0.5, 1);
        assertThat(g1.toArray()[0]).isEqualTo(1.0);
        assertThat(g1.toArray()[1]).isNaN();
    }
}
