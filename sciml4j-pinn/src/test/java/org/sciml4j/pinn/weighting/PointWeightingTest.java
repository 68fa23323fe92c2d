package org.sciml4j.pinn.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sciml4j.pinn.PinnObjective;

/** Point weights: the update rules by hand, and the largest weight where the residual spikes. */
class PointWeightingTest {

    @Test
    void rbaUpdateIsDecayPlusScaledResidual() {
        PointWeighting rba = PointWeighting.of(PointWeighting.Scheme.RBA);
        double[] lambda = {1, 1, 2};
        rba.update(lambda, new double[] {1, -2, 4});
        assertThat(lambda).containsExactly(new double[] {0.999 + 0.0025, 0.999 + 0.005, 1.998 + 0.01}, within(1e-15));
        assertThat(rba.weight(3)).isEqualTo(9);
    }

    @Test
    void selfAdaptiveAscendsAlongTheNormalisedGradient() {
        PointWeighting sa = new PointWeighting(PointWeighting.Scheme.SELF_ADAPTIVE, 0.01, PointWeighting.Mask.SQUARE,
                0.999, 0.01);
        double[] lambda = {1, 1, 1};
        // g = 2 lambda r^2 = (2, 2, 8), mean 4
        sa.update(lambda, new double[] {1, 1, 2});
        assertThat(lambda).containsExactly(new double[] {1.005, 1.005, 1.02}, within(1e-15));
        assertThat(sa.weight(1.5)).isEqualTo(2.25);
        PointWeighting linear = new PointWeighting(PointWeighting.Scheme.SELF_ADAPTIVE, 0.01,
                PointWeighting.Mask.LINEAR, 0.999, 0.01);
        assertThat(linear.weight(1.5)).isEqualTo(1.5);
    }

    @Test
    void knobsAreChecked() {
        assertThatThrownBy(() -> new PointWeighting(PointWeighting.Scheme.RBA, 1e-3, PointWeighting.Mask.SQUARE, 1,
                0.01)).hasMessageContaining("gamma must lie in [0, 1)");
        assertThatThrownBy(() -> new PointWeighting(PointWeighting.Scheme.RBA, 0, PointWeighting.Mask.SQUARE, 0.9,
                0.01)).hasMessageContaining("lr must be > 0");
    }

    @Test
    void rbaWeightIsLargestAtTheResidualSpike() {
        assertLargestNearSpike(PointWeighting.of(PointWeighting.Scheme.RBA));
    }

    @Test
    void selfAdaptiveWeightIsLargestAtTheResidualSpike() {
        assertLargestNearSpike(new PointWeighting(PointWeighting.Scheme.SELF_ADAPTIVE, 0.01,
                PointWeighting.Mask.SQUARE, 0.999, 0.01));
    }

    private static void assertLargestNearSpike(PointWeighting scheme) {
        PinnObjective o = Spike.train(Spike.poisson(201), Weighting.none().withPoints(scheme), 60);
        double[] lambda = o.weighting().lambdas(0);
        double[] x = o.collocation().data();
        int best = 0;
        for (int i = 0; i < lambda.length; i++) {
            best = lambda[i] > lambda[best] ? i : best;
        }
        assertThat(x[best]).isCloseTo(Spike.CENTRE, within(0.02));
        // far from the spike the weights stay near where they started
        assertThat(lambda[0]).isLessThan(lambda[best]);
    }
}
