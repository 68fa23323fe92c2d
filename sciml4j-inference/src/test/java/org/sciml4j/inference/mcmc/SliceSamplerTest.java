package org.sciml4j.inference.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sciml4j.inference.diagnostics.C2st;
import org.sciml4j.inference.sbi.Prior;
import org.sciml4j.inference.tasks.BenchmarkTask;
import org.sciml4j.inference.tasks.ExactLikelihoods;
import org.sciml4j.inference.tasks.SbibmTasks;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

public class SliceSamplerTest {
    static final Path DATA = Path.of(System.getProperty("sciml4j.repoRoot", "/work/wt/sbiphys"))
            .resolve("../shared/data/sbibm").normalize();

    /** N((1, -0.5), [[1, 0.4], [0.4, 0.25]]) (sds 1 and 0.5, correlation 0.8) inside a wide box. */
    private static final double[] MU = {1, -0.5};
    private static final double[][] COV = {{1, 0.4}, {0.4, 0.25}};

    private static LogDensity correlatedGaussian() {
        double det = COV[0][0] * COV[1][1] - COV[0][1] * COV[0][1];
        return LogDensity.pointwise(t -> {
            double a = t[0] - MU[0];
            double b = t[1] - MU[1];
            return -0.5 * (COV[1][1] * a * a - 2 * COV[0][1] * a * b + COV[0][0] * b * b) / det;
        });
    }

    @Test
    void aCorrelatedGaussiansMeanAndCovarianceWithinMonteCarloError() {
        Prior box = Prior.uniform(new double[] {-10, -10}, new double[] {10, 10});
        SliceSampler.Result r = new SliceSampler(McmcSettings.defaults()).sample(box, correlatedGaussian(), 20000,
                new Rng(5));
        double[] s = r.samples().data();
        int n = 20000;
        double[] m = new double[2];
        for (int i = 0; i < n; i++) {
            m[0] += s[2 * i] / n;
            m[1] += s[2 * i + 1] / n;
        }
        double[][] c = new double[2][2];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < 2; a++) {
                for (int b = 0; b < 2; b++) {
                    c[a][b] += (s[2 * i + a] - m[a]) * (s[2 * i + b] - m[b]) / (n - 1);
                }
            }
        }
        // thinned per-coordinate slice sampling at correlation 0.8: effective sample size >= n / 5, so the standard
        // error of the mean is <= sd * sqrt(5 / n) = 0.016 sd; the bounds are 3 standard errors
        assertThat(m[0]).isCloseTo(MU[0], within(0.05));
        assertThat(m[1]).isCloseTo(MU[1], within(0.025));
        assertThat(c[0][0]).isCloseTo(COV[0][0], within(0.06));
        assertThat(c[1][1]).isCloseTo(COV[1][1], within(0.015));
        assertThat(c[0][1]).isCloseTo(COV[0][1], within(0.03));
        for (double v : r.rhat()) {
            assertThat(v).isLessThan(1.01);
        }
        // deterministic under the seed
        SliceSampler.Result again = new SliceSampler(McmcSettings.defaults()).sample(box, correlatedGaussian(), 20000,
                new Rng(5));
        assertThat(again.samples().data()).containsExactly(s);
    }

    @Test
    void thePriorsSupportIsRespected() {
        // a flat likelihood inside the box [0, 1] x [2, 5]: the posterior is the uniform box
        Prior box = Prior.uniform(new double[] {0, 2}, new double[] {1, 5});
        Tensor t = new SliceSampler(McmcSettings.defaults().withChains(10)).sample(box, p -> new double[p.length],
                10000, new Rng(2)).samples();
        double[] s = t.data();
        double m0 = 0;
        double m1 = 0;
        for (int i = 0; i < 10000; i++) {
            assertThat(s[2 * i]).isBetween(0.0, 1.0);
            assertThat(s[2 * i + 1]).isBetween(2.0, 5.0);
            m0 += s[2 * i] / 10000;
            m1 += s[2 * i + 1] / 10000;
        }
        assertThat(m0).isCloseTo(0.5, within(0.02));
        assertThat(m1).isCloseTo(3.5, within(0.06));
    }

    @Test
    void onGaussianLinearItMatchesTheExactPosteriorAndSbibmsReferenceSamples() throws Exception {
        BenchmarkTask task = SbibmTasks.gaussianLinear();
        double[] xo = task.observation(DATA, 1);
        int n = 1000;
        Tensor q = new SliceSampler(McmcSettings.defaults()).sample(task.prior(), ExactLikelihoods.gaussianLinear(xo),
                n, new Rng(3)).samples();
        // the exact posterior: N(x_o / 2, 0.05 I)
        double[] s = q.data();
        for (int j = 0; j < 10; j++) {
            double m = 0;
            double v = 0;
            for (int i = 0; i < n; i++) {
                m += s[10 * i + j] / n;
            }
            for (int i = 0; i < n; i++) {
                v += (s[10 * i + j] - m) * (s[10 * i + j] - m) / (n - 1);
            }
            assertThat(m).isCloseTo(xo[j] / 2, within(4 * Math.sqrt(0.05 / n * 2)));
            assertThat(v).isCloseTo(0.05, within(0.01));
        }
        Tensor ref = task.referenceSamples(DATA, 1).slice(0, 0, n);
        double c2st = new C2st(3, 30, 1).score(ref, q);
        assertThat(c2st).isBetween(0.45, 0.55);
    }
}
