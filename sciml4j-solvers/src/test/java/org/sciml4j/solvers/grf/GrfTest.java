package org.sciml4j.solvers.grf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Rng;

class GrfTest {
    private static final int DRAWS = 20000;

    @Test
    void periodic1dSampleCovarianceMatchesTheSpectralSum() {
        int s = 16;
        PeriodicGrf grf = new PeriodicGrf(7, 3, 1.5, 0);
        double[] lagSums = new double[s];
        Rng rng = new Rng(1);
        for (int d = 0; d < DRAWS; d++) {
            double[] u = grf.sample1d(s, rng);
            for (int lag = 0; lag < s; lag++) {
                for (int j = 0; j < s; j++) {
                    lagSums[lag] += u[j] * u[(j + lag) % s];
                }
            }
        }
        double var = grf.covariance1d(0, s);
        for (int lag : new int[] {0, 1, 2, 5}) {
            double sample = lagSums[lag] / ((double) DRAWS * s);
            assertThat(sample).as("lag %d", lag).isCloseTo(grf.covariance1d((double) lag / s, s), within(0.03 * var));
        }
    }

    @Test
    void periodic1dModeVarianceMatchesTheEigenvalue() {
        // the power in frequency k of a sample is lambda_k (times s^2 by the DFT's scaling), k = 0 has none
        int s = 32;
        PeriodicGrf grf = new PeriodicGrf(2, 1, 2, 0);
        Rng rng = new Rng(2);
        double power3 = 0;
        double power0 = 0;
        for (int d = 0; d < DRAWS; d++) {
            double[] u = grf.sample1d(s, rng);
            double re = 0;
            double im = 0;
            double mean = 0;
            for (int j = 0; j < s; j++) {
                re += u[j] * Math.cos(2 * Math.PI * 3 * j / s);
                im += u[j] * Math.sin(2 * Math.PI * 3 * j / s);
                mean += u[j];
            }
            power3 += (re * re + im * im) / ((double) s * s);
            power0 += mean * mean;
        }
        // a real field's mode k holds half of lambda_k + lambda_{-k}: |c_k|^2 = (lambda_k + lambda_-k) / 2 = lambda_k
        assertThat(power3 / DRAWS).isCloseTo(grf.eigenvalue(9), within(0.03 * grf.eigenvalue(9)));
        assertThat(power0).isLessThan(1e-20);
    }

    @Test
    void periodic2dPointVarianceIsTheSumOfEigenvalues() {
        int s = 8;
        PeriodicGrf grf = new PeriodicGrf(5, 2, 2, 3);
        double expected = 0;
        for (int a = 0; a < s; a++) {
            for (int b = 0; b < s; b++) {
                int ka = PeriodicGrf.frequency(a, s);
                int kb = PeriodicGrf.frequency(b, s);
                if (Math.abs(ka) <= 3 && Math.abs(kb) <= 3) {
                    expected += grf.eigenvalue((double) ka * ka + kb * kb);
                }
            }
        }
        Rng rng = new Rng(3);
        double sum = 0;
        for (int d = 0; d < DRAWS / 4; d++) {
            double[] u = grf.sample2d(s, rng);
            for (double v : u) {
                sum += v * v;
            }
        }
        assertThat(sum / (DRAWS / 4.0 * s * s)).isCloseTo(expected, within(0.03 * expected));
    }

    @Test
    void fixedModesGiveTheSameFunctionOnEveryGrid() {
        PeriodicGrf grf = new PeriodicGrf(3, 2, 2, 10);
        double[] coarse = grf.sample1d(32, new Rng(9));
        double[] fine = grf.sample1d(128, new Rng(9));
        double[] coarse2 = grf.sample2d(32, new Rng(10));
        double[] fine2 = grf.sample2d(64, new Rng(10));
        for (int j = 0; j < 32; j++) {
            assertThat(fine[4 * j]).isCloseTo(coarse[j], within(1e-12));
            assertThat(fine2[2 * j * 64 + 2 * 5]).isCloseTo(coarse2[j * 32 + 5], within(1e-12));
        }
    }

    @Test
    void cosineSumEqualsTheDirectSum() {
        int s = 11;
        double[] c = new double[s];
        Rng rng = new Rng(4);
        for (int k = 0; k < s; k++) {
            c[k] = rng.normal();
        }
        double[] f = new NeumannGrf2d.CosineSum(s).apply(c);
        for (int j = 0; j < s; j++) {
            double direct = 0;
            for (int k = 0; k < s; k++) {
                direct += c[k] * Math.cos(Math.PI * k * j / (s - 1));
            }
            assertThat(f[j]).isCloseTo(direct, within(1e-12));
        }
    }

    @Test
    void neumannPointVarianceMatchesTheKarhunenLoeveSum() {
        int s = 9;
        int modes = 4;
        NeumannGrf2d grf = new NeumannGrf2d(3, 3, 2, modes);
        int i = 2;
        int j = 7;
        double x = i / (s - 1.0);
        double y = j / (s - 1.0);
        double expected = 0;
        for (int a = 0; a < modes; a++) {
            for (int b = 0; b < modes; b++) {
                double phi = NeumannGrf2d.basis(a, x) * NeumannGrf2d.basis(b, y);
                expected += grf.eigenvalue(a, b) * phi * phi;
            }
        }
        Rng rng = new Rng(5);
        double sum = 0;
        for (int d = 0; d < DRAWS; d++) {
            double v = grf.sample(s, rng)[i * s + j];
            sum += v * v;
        }
        assertThat(sum / DRAWS).isCloseTo(expected, within(0.04 * expected));
    }

    @Test
    void rbfSampleCovarianceMatchesTheKernel() {
        RbfGrf1d grf = new RbfGrf1d(1.5, 0.2, 101, 1e-10);
        Rng rng = new Rng(6);
        double s00 = 0;
        double s0q = 0;
        for (int d = 0; d < DRAWS; d++) {
            double[] v = grf.sampleNodes(rng);
            s00 += v[10] * v[10];
            s0q += v[10] * v[30];
        }
        double var = 1.5 * 1.5;
        assertThat(s00 / DRAWS).isCloseTo(var, within(0.03 * var));
        assertThat(s0q / DRAWS).isCloseTo(var * Math.exp(-0.04 / 0.08), within(0.03 * var));
    }

    @Test
    void rbfThousandNodesFactorsWithTheDeepOnetJitter() {
        RbfGrf1d grf = new RbfGrf1d(1, 0.2, 1000, 1e-13);
        double[] v = grf.sampleNodes(new Rng(7));
        assertThat(java.util.Arrays.stream(v).allMatch(Double::isFinite)).isTrue();
        assertThat(RbfGrf1d.interpolate(new double[] {0, 1, 4}, new double[] {0.25, 0.75}))
                .containsExactly(0.5, 2.5);
    }
}
