package org.sciml4j.pinn.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sciml4j.pinn.AdaptiveSampling;
import org.sciml4j.pinn.PinnObjective;
import org.sciml4j.pinn.Trainer;

/** RAR: the worst candidates join the collocation points, at the residual spike. */
class RefinementTest {

    @Test
    void largestPicksTheTopValuesInIndexOrder() {
        assertThat(Refinement.largest(new double[] {0.1, 5, 0.3, 7, 5}, 3)).containsExactly(1, 3, 4);
        assertThat(Refinement.largest(new double[] {2, 2, 2}, 2)).containsExactly(0, 1);
    }

    @Test
    void dueEveryPeriodUntilTheLastEpoch() {
        Refinement r = new Refinement(10, 100, 5, 25);
        assertThat(r.due(1)).isFalse();
        assertThat(r.due(11)).isTrue();
        assertThat(r.due(12)).isFalse();
        assertThat(r.due(21)).isTrue();
        assertThat(r.due(31)).isFalse();
        assertThatThrownBy(() -> new Refinement(10, 4, 5, 0)).hasMessageContaining("candidates (4) must be at least"
                + " add (5)");
    }

    @Test
    void addedPointsLieAtTheResidualSpike() {
        int n = 50;
        PinnObjective o = Spike.train(Spike.poisson(n), Weighting.none().withRefinement(
                new Refinement(5, 2000, 4, 0)), 21);
        double[] x = o.collocation().data();
        assertThat(x).hasSize(n + 4 * 4); // before epochs 6, 11, 16, 21
        for (int i = n; i < x.length; i++) {
            assertThat(x[i]).as("added point %d", i).isCloseTo(Spike.CENTRE, within(0.04));
        }
        double[] logged = o.loggedValues();
        assertThat(logged[logged.length - 1]).isEqualTo(n + 16);
    }

    @Test
    void refinementAndResamplingAreNotCombined() {
        Weighting w = Weighting.none().withRefinement(new Refinement(5, 100, 4, 0));
        assertThatThrownBy(() -> Trainer.builder().resample(100).adaptive(AdaptiveSampling.residual()).weighting(w)
                .build()).hasMessageContaining("refinement (rar) adds points to a fixed set, which resampling with"
                + " adaptive sampling would replace");
    }
}
