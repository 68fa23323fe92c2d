package org.sciml4j.pinn.weighting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sciml4j.pinn.PinnObjective;
import org.sciml4j.pinn.Solution;
import org.sciml4j.pinn.Trainer;

/** Term-level balancing: the targets by hand, and the neglected boundary term's weight rising in training. */
class TermBalancingTest {

    @Test
    void maxMeanTargetIsTheEquationsLargestGradientOverTheTermsMeanGradient() {
        TermBalancing t = new TermBalancing(TermBalancing.Scheme.GRAD_NORM, 1, 0.9, TermBalancing.Ratio.MAX_MEAN);
        double[][] grads = {{1, -4, 2}, {0.5, -0.25, 0.75}};
        double[] w = {2, 1};
        double[] target = t.gradNormTargets(grads, 1, w);
        // max |2 * grad L_r| = 8, mean |grad L_b| = 0.5
        assertThat(target[0]).isNaN();
        assertThat(target[1]).isCloseTo(16, within(1e-12));
        t.blend(w, target);
        assertThat(w[0]).isEqualTo(2);
        assertThat(w[1]).isCloseTo(0.1 * 1 + 0.9 * 16, within(1e-12));
    }

    @Test
    void normTargetIsTheSumOfNormsOverTheTermsNorm() {
        TermBalancing t = new TermBalancing(TermBalancing.Scheme.GRAD_NORM, 1, 1, TermBalancing.Ratio.NORM);
        double[] target = t.gradNormTargets(new double[][] {{3, 4}, {0, 1}, null}, 1, new double[] {1, 1, 1});
        assertThat(target[0]).isCloseTo(6.0 / 5, within(1e-12));
        assertThat(target[1]).isCloseTo(6.0, within(1e-12));
        assertThat(target[2]).isNaN(); // no gradient: the weight stays
    }

    @Test
    void ntkTargetIsTheTotalTraceOverTheTermsTrace() {
        double[] target = TermBalancing.ntkTargets(new double[] {1, 3, 0});
        assertThat(target).containsExactly(new double[] {4, 4.0 / 3, Double.NaN}, within(1e-12));
    }

    @Test
    void knobsAreChecked() {
        assertThatThrownBy(() -> new TermBalancing(TermBalancing.Scheme.NTK, 0, 0.5, TermBalancing.Ratio.NORM))
                .hasMessageContaining("every must be >= 1");
        assertThatThrownBy(() -> new TermBalancing(TermBalancing.Scheme.NTK, 10, 1.5, TermBalancing.Ratio.NORM))
                .hasMessageContaining("alpha must lie in (0, 1]");
    }

    /**
     * On -u'' = pi^2 sin(pi x) the equation's gradient dwarfs the boundary's (the residual carries pi^2 and second
     * derivatives): each scheme raises the boundary weight from 1, and logs it.
     */
    @Test
    void gradNormRaisesTheNeglectedBoundaryWeight() {
        Weighting w = Weighting.none().withTerms(new TermBalancing(TermBalancing.Scheme.GRAD_NORM, 50, 0.9,
                TermBalancing.Ratio.MAX_MEAN));
        Solution s = Trainer.builder().adam(1e-3, 151).weighting(w).build().train(Spike.smooth(64), Spike.net(1));
        double[] boundary = s.history().column("weight.boundary");
        assertThat(s.history().column("weight.equation")).containsOnly(1.0);
        assertThat(boundary[0]).isGreaterThan(5); // updated before the first step
        assertThat(boundary[boundary.length - 1]).isGreaterThan(5);
    }

    /**
     * NTK weighting evens out the terms' traces: multiplying the equation by 100 multiplies its trace by 10^4, so the
     * boundary is neglected and its weight rises far above the equation's; on the unscaled problem a fresh tanh
     * network's u_xx moves less with the parameters than u, and the equation is the term that gains.
     */
    @Test
    void ntkRaisesTheWeightOfTheTermWithTheSmallerTrace() {
        Weighting w = Weighting.none().withTerms(new TermBalancing(TermBalancing.Scheme.NTK, 50, 1,
                TermBalancing.Ratio.MAX_MEAN));
        double[] stiff = Spike.train(Spike.scaled(64, 100), w, 1).weights();
        double[] plain = Spike.train(Spike.scaled(64, 1), w, 1).weights();
        assertThat(stiff[1] / stiff[0]).isGreaterThan(100);
        // lambda_i tr_i is the same for both terms: scaling the equation by 100 scales its trace by 1e4
        assertThat((stiff[1] / stiff[0]) / (plain[1] / plain[0])).isCloseTo(1e4, within(1e-6 * 1e4));
    }
}
