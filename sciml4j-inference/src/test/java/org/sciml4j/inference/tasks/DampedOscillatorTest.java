package org.sciml4j.inference.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sciml4j.inference.mcmc.McmcSettings;
import org.sciml4j.inference.mcmc.SliceSampler;
import org.sciml4j.inference.sbi.Prior;
import org.sciml4j.tensor.Rng;

public class DampedOscillatorTest {

    @Test
    void theClosedFormSolvesTheOdeInAllThreeRegimes() {
        // (c, k): underdamped, critically damped, overdamped
        double[][] cases = {{0.4, 3}, {2, 1}, {3, 1}};
        double h = 1e-4;
        for (double[] ck : cases) {
            double c = ck[0];
            double k = ck[1];
            assertThat(DampedOscillator.displacement(c, k, 0)).isCloseTo(1, within(1e-14));
            double slope0 = (DampedOscillator.displacement(c, k, h) - DampedOscillator.displacement(c, k, -h))
                    / (2 * h);
            assertThat(slope0).as("u'(0) for c=%s k=%s", c, k).isCloseTo(0, within(1e-7));
            for (double t = 0.5; t < 10; t += 0.7) {
                double um = DampedOscillator.displacement(c, k, t - h);
                double u = DampedOscillator.displacement(c, k, t);
                double up = DampedOscillator.displacement(c, k, t + h);
                double residual = (up - 2 * u + um) / (h * h) + c * (up - um) / (2 * h) + k * u;
                assertThat(residual).as("residual at t=%s, c=%s, k=%s", t, c, k).isCloseTo(0, within(2e-5));
            }
        }
    }

    @Test
    void mcmcOnTheExactLikelihoodConcentratesAtTheTruth() throws Exception {
        BenchmarkTask task = DampedOscillator.task();
        double[] truth = {0.5, 2.5};
        double[] x = task.simulator().simulate(new double[][] {truth}, new long[] {11})[0];
        assertThat(x).hasSize(30);
        int n = 4000;
        SliceSampler.Result r = new SliceSampler(McmcSettings.defaults()).sample(task.prior(),
                DampedOscillator.likelihood(x), n, new Rng(1));
        double[] s = r.samples().data();
        Prior prior = task.prior();
        double[] mean = new double[2];
        double[] sd = new double[2];
        for (int i = 0; i < n; i++) {
            assertThat(prior.inSupport(new double[] {s[2 * i], s[2 * i + 1]})).isTrue();
            mean[0] += s[2 * i] / n;
            mean[1] += s[2 * i + 1] / n;
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 2; j++) {
                sd[j] += Math.pow(s[2 * i + j] - mean[j], 2) / (n - 1);
            }
        }
        for (int j = 0; j < 2; j++) {
            sd[j] = Math.sqrt(sd[j]);
            // 30 points at noise 0.05 pin (c, k) down to a few hundredths; the truth lies within 3 sd
            assertThat(sd[j]).isLessThan(0.05);
            assertThat(Math.abs(mean[j] - truth[j])).isLessThan(3 * sd[j]);
            assertThat(r.rhat()[j]).isLessThan(1.05);
        }
    }
}
