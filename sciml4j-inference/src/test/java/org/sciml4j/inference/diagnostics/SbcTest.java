package org.sciml4j.inference.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sciml4j.inference.sbi.PosteriorEstimate;
import org.sciml4j.inference.tasks.BenchmarkTask;
import org.sciml4j.inference.tasks.SbibmTasks;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

class SbcTest {

    /** gaussian_linear's posterior N(x / 2, (0.05 * widen^2) I). */
    private static PosteriorEstimate analytic(double widen) {
        double sd = Math.sqrt(0.05) * widen;
        return new PosteriorEstimate() {
            @Override
            public Tensor sample(int n, double[] x, Rng rng) {
                double[] s = new double[n * x.length];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < x.length; j++) {
                        s[i * x.length + j] = x[j] / 2 + sd * rng.normal();
                    }
                }
                return Tensor.of(s, n, x.length);
            }

            @Override
            public double[] logProb(Tensor theta, Tensor x) {
                int d = theta.size(1);
                double[] lp = new double[theta.size(0)];
                for (int i = 0; i < lp.length; i++) {
                    for (int j = 0; j < d; j++) {
                        double z = (theta.get(i, j) - x.get(i, j) / 2) / sd;
                        lp[i] -= 0.5 * z * z;
                    }
                }
                return lp;
            }
        };
    }

    @Test
    void theExactPosteriorIsCalibratedAndATooNarrowOneIsNot() throws Exception {
        BenchmarkTask t = SbibmTasks.gaussianLinear();
        Sbc.Result exact = Sbc.run(t.prior(), t.simulator(), analytic(1), 400, 99, 10, 1);
        assertThat(exact.uniformAt(0.001)).isTrue();
        double[] levels = {0.1, 0.5, 0.9};
        double[] cov = exact.coverage(levels);
        for (int k = 0; k < levels.length; k++) {
            assertThat(cov[k]).isCloseTo(levels[k], within(0.08));
        }
        Sbc.Result narrow = Sbc.run(t.prior(), t.simulator(), analytic(0.6), 400, 99, 10, 1);
        assertThat(narrow.uniformAt(0.01)).isFalse();
        assertThat(narrow.coverage(new double[] {0.5})[0]).isLessThan(0.3);
    }

    @Test
    void binsThatHoldUnequalRankCountsGetTheirOwnExpectedCounts() {
        // M = 100 samples: ranks 0..100 in 10 bins, the first holds 0..10 (11 of 101), the others 10 each
        Sbc.Result r = new Sbc.Result(new int[0][1], 100, 10, new double[1], new double[0]);
        double[] shares = r.binShares();
        assertThat(shares[0]).isCloseTo(11.0 / 101, within(1e-15));
        for (int k = 1; k < 10; k++) {
            assertThat(shares[k]).isCloseTo(10.0 / 101, within(1e-15));
        }
        int[] exact = {22, 20, 20, 20, 20, 20, 20, 20, 20, 20};
        assertThat(ChiSquare.statistic(exact, shares)).isCloseTo(0, within(1e-12));
        // against equal shares the same counts give (22 - 20.2)^2 / 20.2 + 9 (20 - 20.2)^2 / 20.2 = 3.6 / 20.2
        assertThat(ChiSquare.uniformStatistic(exact)).isCloseTo(3.6 / 20.2, within(1e-12));
    }

    @Test
    void chiSquareTailMatchesKnownQuantiles() {
        // scipy.stats.chi2.sf: sf(21.666, 9) = 0.01, sf(3.325, 9) = 0.95, sf(6.635, 1) = 0.01
        assertThat(ChiSquare.survival(21.665994333461924, 9)).isCloseTo(0.01, within(1e-9));
        assertThat(ChiSquare.survival(3.3251128430668158, 9)).isCloseTo(0.95, within(1e-9));
        assertThat(ChiSquare.survival(6.6348966010212145, 1)).isCloseTo(0.01, within(1e-9));
    }
}
