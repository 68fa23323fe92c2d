package org.sciml4j.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

class PiecewiseTest {

    @Test
    void eachPointGoesThroughItsRegionsNetworkWithItsConstants() {
        NetworkSpec spec = new NetworkSpec(new int[] {5}, "tanh", "glorot_normal")
                .withOption(Piecewise.SPLIT_AXIS, 1).withOption(Piecewise.SPLIT_AT, -0.5, 0.5)
                .withOption(Piecewise.CONSTANTS, 1, 2, 3, 4, 5, 6); // two constants per region
        Piecewise net = (Piecewise) Networks.build(spec, 2, 3, 4);
        assertThat(net.outputSize()).isEqualTo(3);
        assertThat(net.parts()).hasSize(3);
        Tensor x = Tensor.uniform(new Rng(2), -1, 1, 50, 2).requireGrad();
        Tensor y = net.forward(x);
        Tensor dy = Autodiff.grad(y.col(0), List.of(x), null, false).get(0);
        for (int i = 0; i < 50; i++) {
            int k = net.region(x.get(i, 1));
            Tensor xi = Tensor.of(new double[] {x.get(i, 0), x.get(i, 1)}, 1, 2).requireGrad();
            Tensor own = net.parts().get(k).forward(xi);
            Tensor dOwn = Autodiff.grad(own, xi)[0];
            // equal to rounding (a batch of one sums in another order)
            assertThat(y.get(i, 0)).isCloseTo(own.get(0, 0), within(1e-14));
            assertThat(dy.get(i, 0)).isCloseTo(dOwn.get(0, 0), within(1e-13));
            assertThat(dy.get(i, 1)).isCloseTo(dOwn.get(0, 1), within(1e-13));
            assertThat(y.get(i, 1)).isEqualTo(1 + 2 * k);
            assertThat(y.get(i, 2)).isEqualTo(2 + 2 * k);
        }
        assertThat(net.region(-0.5)).isEqualTo(1); // a point on a cut belongs to the region above
        assertThat(net.region(Math.nextDown(-0.5))).isZero();
        assertThat(net.parameters().names()).contains("regions.2.layers.1.bias");
    }

    @Test
    void badSplitsAreRefused() {
        assertThatThrownBy(() -> new Piecewise(0, new double[] {0.5, 0.2}, new double[3][0],
                k -> Mlp.builder().sizes(1, 1).build())).hasMessageContaining("increasing");
        assertThatThrownBy(() -> new Piecewise(1, new double[] {0.5}, new double[2][0],
                k -> Mlp.builder().sizes(1, 1).build())).hasMessageContaining("axis 1 is not an input");
    }
}
