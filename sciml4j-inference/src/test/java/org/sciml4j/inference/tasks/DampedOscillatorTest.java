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
        double[] grid = gridMoments(DampedOscillator.likelihood(x), mean, new double[] {Math.sqrt(sd[0]),
            Math.sqrt(sd[1])});
        for (int j = 0; j < 2; j++) {
            sd[j] = Math.sqrt(sd[j]);
            // the MCMC moments agree with quadrature of the exact posterior on a 301 x 301 grid over mean +- 8 sd
            // (Monte-Carlo error of the mean about sd / sqrt(4000 / 3) = 0.03 sd)
            assertThat(mean[j]).isCloseTo(grid[j], within(0.1 * sd[j]));
            assertThat(sd[j]).isCloseTo(grid[2 + j], within(0.08 * sd[j]));
            // 30 points at noise 0.05 pin (c, k) down to a few hundredths; the truth lies within 3 sd
            assertThat(sd[j]).isLessThan(0.05);
            assertThat(Math.abs(mean[j] - truth[j])).isLessThan(3 * sd[j]);
            assertThat(r.rhat()[j]).isLessThan(1.05);
        }
    }

    /** Posterior mean and sd per parameter by quadrature on a 301 x 301 grid over centre +- 8 scale. */
    private static double[] gridMoments(org.sciml4j.inference.mcmc.LogDensity ll, double[] centre, double[] scale) {
        int n = 301;
        double[][] pts = new double[n * n][];
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                pts[a * n + b] = new double[] {centre[0] + scale[0] * 8 * (2.0 * a / (n - 1) - 1),
                    centre[1] + scale[1] * 8 * (2.0 * b / (n - 1) - 1)};
            }
        }
        double[] lp = ll.evaluate(pts);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < lp.length; i++) {
            // the uniform prior: zero outside its box
            if (pts[i][0] < 0.1 || pts[i][0] > 1 || pts[i][1] < 1 || pts[i][1] > 5) {
                lp[i] = Double.NEGATIVE_INFINITY;
            }
            max = Math.max(max, lp[i]);
        }
        double z = 0;
        double[] m = new double[2];
        double[] m2 = new double[2];
        for (int i = 0; i < lp.length; i++) {
            double w = Math.exp(lp[i] - max);
            z += w;
            for (int j = 0; j < 2; j++) {
                m[j] += w * pts[i][j];
                m2[j] += w * pts[i][j] * pts[i][j];
            }
        }
        return new double[] {m[0] / z, m[1] / z, Math.sqrt(m2[0] / z - m[0] * m[0] / (z * z)),
            Math.sqrt(m2[1] / z - m[1] * m[1] / (z * z))};
    }
}
