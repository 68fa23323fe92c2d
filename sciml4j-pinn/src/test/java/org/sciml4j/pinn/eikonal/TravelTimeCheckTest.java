package org.sciml4j.pinn.eikonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.nn.Activation;
import org.sciml4j.nn.Initializer;
import org.sciml4j.nn.Mlp;
import org.sciml4j.tensor.Rng;

/**
 * The check against fast marching: a network with output 0 is exact in a constant medium (T = |x - xs| / v), and
 * so is factored fast marching; in v = 2 + 1.5 z fast marching converges to the closed form with order 2.
 */
class TravelTimeCheckTest {
    private static final Box BOX = new Box(List.of("x", "z"), new double[] {0, 0}, new double[] {2, 1});

    private static EikonalSurrogate zero(Velocity v) {
        return new EikonalSurrogate(new Mlp(new int[] {4, 4, 1}, Activation.TANH, Initializer.of("zeros"),
                new Rng(0)), BOX, v);
    }

    @Test
    void aZeroNetworkIsExactInAConstantMedium() {
        TravelTimeCheck.Result r = TravelTimeCheck.random(BOX, new int[] {41, 21}, 5, 1)
                .run(zero(new LinearGradientVelocity(2.5, 0)));
        assertThat(r.relativeError()).isLessThan(1e-13);
        assertThat(r.marchingError().getAsDouble()).isLessThan(1e-13);
    }

    @Test
    void inThreeDimensionsTooAZeroNetworkIsExactInAConstantMedium() {
        Box cube = new Box(List.of("x", "y", "z"), new double[] {0, 0, 0}, new double[] {1, 1, 1});
        EikonalSurrogate s = new EikonalSurrogate(new Mlp(new int[] {6, 4, 1}, Activation.TANH,
                Initializer.of("zeros"), new Rng(0)), cube, new LinearGradientVelocity(1.5, 0));
        TravelTimeCheck.Result r = TravelTimeCheck.random(cube, new int[] {9, 9, 9}, 2, 3).run(s);
        assertThat(r.relativeError()).isLessThan(1e-13);
        assertThat(r.marchingError().getAsDouble()).isLessThan(1e-13);
    }

    @Test
    void fastMarchingConvergesWithOrderTwoInAGradientMedium() {
        TravelTimeCheck.Result r = TravelTimeCheck.random(BOX, new int[] {41, 21}, 4, 2)
                .run(zero(new LinearGradientVelocity(2, 1.5)));
        assertThat(r.marchingError().getAsDouble()).isLessThan(4e-4);
        assertThat(r.marchingOrder().getAsDouble()).isGreaterThan(1.8);
        // the zero network is the straight ray at the source's velocity: far off in this medium
        assertThat(r.relativeError()).isGreaterThan(0.05);
        assertThat(r.networkExactError().getAsDouble()).isCloseTo(r.relativeError(), within(0.01));
    }

    @Test
    void theLocatorFindsTheSourceThroughAnExactSurrogate() {
        EikonalSurrogate exact = zero(new LinearGradientVelocity(2, 0));
        double[] truth = {1.3, 0.6};
        double[] receivers = BOX.sample(new Rng(5), 8);
        double[] observed = exact.timesFrom(truth, receivers);
        HypocentreLocator.Located found = new HypocentreLocator(exact).locate(receivers, observed, 4, 300, 7);
        assertThat(found.source()[0]).isCloseTo(1.3, within(2e-3));
        assertThat(found.source()[1]).isCloseTo(0.6, within(2e-3));
        assertThat(found.rmsMisfit()).isLessThan(1e-3);
    }
}
