package org.sciml4j.inference.sbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sciml4j.inference.diagnostics.Sbc;
import org.sciml4j.inference.flow.FlowSpec;
import org.sciml4j.inference.tasks.BenchmarkTask;
import org.sciml4j.inference.tasks.SbibmTasks;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * A small NPE on sbibm's gaussian_linear (trained once for the class) against its analytic posterior N(x / 2, 0.05 I),
 * and simulation-based calibration of the same estimate (issue 20's acceptance: rank histograms uniform by a
 * chi-square test at 1 % in every dimension).
 */
public class NpeGaussianLinearTest {
    private static BenchmarkTask task;
    private static Posterior post;

    public static void main(String[] a) throws Exception {
        train();
        new NpeGaussianLinearTest().posteriorMeanAndSdMatchTheAnalyticPosterior();
        new NpeGaussianLinearTest().sbcRanksAreUniformAtOnePercent();
    }

    @BeforeAll
    static void train() throws Exception {
        task = SbibmTasks.gaussianLinear();
        SimulationData data = new Simulations(task.prior(), task.simulator(), 500, 2).run(3000, 1, n -> { })
                .data();
        NpeSettings s = new NpeSettings(new FlowSpec("maf", 2, 32, 1), 64, 2e-3, 0.1, 8, 60, 5);
        long t0 = System.nanoTime();
        Npe.Result r = new Npe(s).train(data, 2, null);
        System.out.printf("trained %d passes (best %d, val nll %.3f) in %.1f s%n", r.passes(), r.bestPass(),
                r.bestValidation(), (System.nanoTime() - t0) / 1e9);
        post = new Posterior(r.flow(), task.prior());
    }

    @Test
    void sbcRanksAreUniformAtOnePercent() throws Exception {
        long t0 = System.nanoTime();
        Sbc.Result sbc = Sbc.run(task.prior(), task.simulator(), post, 200, 99, 10, 7);
        double[] coverage = sbc.coverage(new double[] {0.5, 0.9});
        System.out.printf("sbc p-values %s, coverage at 0.5 / 0.9: %s (%.1f s)%n", Arrays.toString(sbc.pValues()),
                Arrays.toString(coverage), (System.nanoTime() - t0) / 1e9);
        assertThat(sbc.pValues()).hasSize(10);
        for (double p : sbc.pValues()) {
            assertThat(p).isGreaterThan(0.01);
        }
        assertThat(sbc.uniformAt(0.01)).isTrue();
        // expected coverage on the diagonal within about 3 binomial sds of 200 pairs (0.035 at 0.5, 0.021 at 0.9)
        assertThat(coverage[0]).isCloseTo(0.5, within(0.11));
        assertThat(coverage[1]).isCloseTo(0.9, within(0.07));
    }

    @Test
    void posteriorMeanAndSdMatchTheAnalyticPosterior() throws Exception {
        Rng rng = new Rng(5);
        double worstMean = 0;
        double worstSd = 0;
        double meanErr = 0;
        double sdErr = 0;
        for (int k = 0; k < 3; k++) {
            double[] x = task.simulator().simulate(new double[][] {task.prior().sample(rng)}, new long[] {k})[0];
            Tensor samples = post.sample(4000, x, rng);
            for (int j = 0; j < 10; j++) {
                double[] col = samples.col(j).toArray();
                double m = 0;
                for (double v : col) {
                    m += v / col.length;
                }
                double var = 0;
                for (double v : col) {
                    var += (v - m) * (v - m) / (col.length - 1);
                }
                worstMean = Math.max(worstMean, Math.abs(m - x[j] / 2));
                worstSd = Math.max(worstSd, Math.abs(Math.sqrt(var) / Math.sqrt(0.05) - 1));
                meanErr += Math.abs(m - x[j] / 2) / 30;
                sdErr += Math.abs(Math.sqrt(var) / Math.sqrt(0.05) - 1) / 30;
            }
        }
        System.out.printf("|mean - x/2|: average %.4f, worst %.4f; relative sd error: average %.4f, worst %.4f%n",
                meanErr, worstMean, sdErr, worstSd);
        // the posterior sd is 0.224 and the prior sd 0.316: the bounds are well inside what a prior-only fit gives
        // (a fit of the prior alone would give |mean error| ~ |x| / 2 ~ 0.2 and an sd error of 0.41)
        assertThat(meanErr).isLessThan(0.04);
        assertThat(sdErr).isLessThan(0.08);
        assertThat(worstMean).isLessThan(0.1);
        assertThat(worstSd).isLessThan(0.2);
    }
}
