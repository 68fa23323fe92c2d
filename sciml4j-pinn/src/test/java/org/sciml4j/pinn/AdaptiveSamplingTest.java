package org.sciml4j.pinn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Tensor;

/** The residual-weighted draw: where the points go, that they are distinct candidates, and the knobs' checks. */
class AdaptiveSamplingTest {
    /** 2000 candidates x = i / 2000 in [0, 1), residual 1 below x = 0.1 and {@code outside} elsewhere. */
    private static final int M = 2000;

    private static Tensor candidates() {
        double[] x = new double[M];
        for (int i = 0; i < M; i++) {
            x[i] = (double) i / M;
        }
        return Tensor.wrap(x, M, 1);
    }

    private static double[] residual(double outside) {
        double[] r = new double[M];
        for (int i = 0; i < M; i++) {
            r[i] = i < M / 10 ? 1 : outside;
        }
        return r;
    }

    private static double shareBelow(Tensor chosen, double x) {
        int below = 0;
        for (double v : chosen.data()) {
            below += v < x ? 1 : 0;
        }
        return (double) below / chosen.size(0);
    }

    @Test
    void withoutOffsetEveryPointGoesWhereTheResidualIs() {
        Tensor chosen = new AdaptiveSampling(1, 0, 0).choose(candidates(), residual(0), 150, 7);
        assertThat(chosen.shape()).containsExactly(150, 1);
        assertThat(shareBelow(chosen, 0.1)).isEqualTo(1.0);
    }

    @Test
    void theShareFollowsTheWeights() {
        // k = 1, c = 1: weight 1/0.1 + 1 = 11 below 0.1 against 1 elsewhere, so 200 * 11 / (200 * 11 + 1800) = 55 %
        // of a draw with replacement; drawing 200 of 2000 without replacement leaves that near 55 % too
        double adaptive = shareBelow(AdaptiveSampling.residual().choose(candidates(), residual(0), 200, 3), 0.1);
        assertThat(adaptive).isBetween(0.45, 0.62);
        // k = 0 ignores the residual: a uniform draw puts about 10 % there
        double uniform = shareBelow(new AdaptiveSampling(0, 1, 0).choose(candidates(), residual(0), 200, 3), 0.1);
        assertThat(uniform).isBetween(0.05, 0.15);
        // a larger exponent concentrates harder: residual 0.5 outside weighs 2^-k against the inside
        double k1 = shareBelow(new AdaptiveSampling(1, 0, 0).choose(candidates(), residual(0.5), 200, 3), 0.1);
        double k4 = shareBelow(new AdaptiveSampling(4, 0, 0).choose(candidates(), residual(0.5), 200, 3), 0.1);
        assertThat(k4).isGreaterThan(k1 + 0.2);
    }

    @Test
    void theDrawIsDistinctCandidatesInCandidateOrderAndDeterministic() {
        AdaptiveSampling rad = AdaptiveSampling.residual();
        Tensor a = rad.choose(candidates(), residual(0.3), 500, 11);
        Set<Double> seen = new HashSet<>();
        double previous = -1;
        for (double v : a.data()) {
            assertThat(seen.add(v)).as("repeated candidate " + v).isTrue();
            assertThat(v).isGreaterThan(previous);
            assertThat(v * M).isCloseTo(Math.rint(v * M), within(1e-9));
            previous = v;
        }
        assertThat(rad.choose(candidates(), residual(0.3), 500, 11).data()).containsExactly(a.data());
        assertThat(rad.choose(candidates(), residual(0.3), 500, 12).data()).isNotEqualTo(a.data());
        // all the candidates: every one once
        assertThat(rad.choose(candidates(), residual(0.3), M, 1).data()).containsExactly(candidates().data());
    }

    @Test
    void theCandidateCountDefaultsToTwentyPerPoint() {
        assertThat(AdaptiveSampling.residual().candidateCount(2540)).isEqualTo(50800);
        assertThat(new AdaptiveSampling(1, 1, 100000).candidateCount(2540)).isEqualTo(100000);
        assertThat(new AdaptiveSampling(1, 1, 10).candidateCount(2540)).isEqualTo(2540);
    }

    @Test
    void badKnobsAreRejectedByName() {
        assertThatThrownBy(() -> new AdaptiveSampling(-1, 1, 0)).hasMessageContaining("exponent must be finite and"
                + " >= 0, got -1.0");
        assertThatThrownBy(() -> new AdaptiveSampling(1, Double.NaN, 0)).hasMessageContaining("offset");
        assertThatThrownBy(() -> new AdaptiveSampling(1, 1, -5)).hasMessageContaining("candidates must be >= 0");
        assertThatThrownBy(() -> AdaptiveSampling.residual().choose(candidates(), residual(0), M + 1, 0))
                .hasMessageContaining("choosing 2001 of 2000 candidates");
    }
}
