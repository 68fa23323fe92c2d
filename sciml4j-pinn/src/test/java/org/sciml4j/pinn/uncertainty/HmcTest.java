package org.sciml4j.pinn.uncertainty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/** HMC on Gaussians whose moments are known, and the leapfrog integrator's energy behaviour. */
class HmcTest {

    /** A Gaussian N(mean, Sigma) given by its precision matrix P = Sigma^-1 (row-major, d x d). */
    static LogDensity gaussian(double[] mean, double[] precision) {
        int d = mean.length;
        return new LogDensity() {
            @Override
            public int dimension() {
                return d;
            }

            @Override
            public double logDensity(double[] x, double[] g) {
                double q = 0;
                for (int i = 0; i < d; i++) {
                    double gi = 0;
                    for (int j = 0; j < d; j++) {
                        gi -= precision[i * d + j] * (x[j] - mean[j]);
                    }
                    g[i] = gi;
                    q -= 0.5 * (x[i] - mean[i]) * gi;
                }
                return -q;
            }
        };
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double sd(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    @Test
    void drawsMatchTheMomentsOfACorrelatedGaussianWithScalesThatDifferTwentyfold() {
        // Sigma = [[1, 0.05*0.8], [0.05*0.8, 0.0025]]: sd 1 and 0.05, correlation 0.8
        double s1 = 1;
        double s2 = 0.05;
        double rho = 0.8;
        double det = s1 * s1 * s2 * s2 * (1 - rho * rho);
        double[] precision = {s2 * s2 / det, -rho * s1 * s2 / det, -rho * s1 * s2 / det, s1 * s1 / det};
        double[] mu = {3, -1};
        HmcResult r = new Hmc(HmcSettings.of(4000, 1000, 10)).sample(gaussian(mu, precision), new double[] {0, 0},
                11, null);
        assertThat(r.draws()).hasNumberOfRows(4000);
        assertThat(r.acceptance()).isBetween(0.5, 0.95);
        assertThat(r.divergent()).isZero();
        double[] a = r.coordinate(0);
        double[] b = r.coordinate(1);
        // Monte-Carlo error of the mean: sd / sqrt(ESS); HMC's ESS here is hundreds at least, so 5 sd/sqrt(400)
        assertThat(mean(a)).isCloseTo(3, within(5 * s1 / 20));
        assertThat(mean(b)).isCloseTo(-1, within(5 * s2 / 20));
        assertThat(sd(a)).isCloseTo(s1, within(0.1 * s1));
        assertThat(sd(b)).isCloseTo(s2, within(0.1 * s2));
        // the adapted inverse mass matrix is the posterior's variance, to within sampling error
        assertThat(r.invMass()[0]).isCloseTo(s1 * s1, within(0.35 * s1 * s1));
        assertThat(r.invMass()[1]).isCloseTo(s2 * s2, within(0.35 * s2 * s2));
    }

    @Test
    void theSameSeedGivesTheSameDrawsAndAnotherSeedOthers() {
        LogDensity t = gaussian(new double[] {0}, new double[] {4});
        HmcSettings s = HmcSettings.of(50, 40, 5);
        HmcResult a = new Hmc(s).sample(t, new double[] {1}, 5, null);
        HmcResult b = new Hmc(s).sample(t, new double[] {1}, 5, null);
        HmcResult c = new Hmc(s).sample(t, new double[] {1}, 6, null);
        assertThat(a.coordinate(0)).containsExactly(b.coordinate(0));
        assertThat(a.coordinate(0)).isNotEqualTo(c.coordinate(0));
    }

    @Test
    void thinningKeepsEveryKthTransitionAndAMonitorStopsTheRun() {
        LogDensity t = gaussian(new double[] {0}, new double[] {1});
        HmcResult r = new Hmc(HmcSettings.of(30, 10, 3).withThin(4)).sample(t, new double[] {0}, 1, null);
        assertThat(r.draws()).hasNumberOfRows(30);
        assertThat(r.transitions()).isEqualTo(10 + 120);
        HmcResult stopped = new Hmc(HmcSettings.of(30, 10, 3)).sample(t, new double[] {0}, 1,
                (it, total, warm, logp, step, a) -> it < 15);
        assertThat(stopped.stopped()).isTrue();
        assertThat(stopped.transitions()).isEqualTo(15);
        assertThat(stopped.draws()).hasNumberOfRows(5);
    }

    @Test
    void leapfrogEnergyErrorIsSecondOrderInTheStepAndDoesNotDrift() {
        double[] precision = {4, 1, 1, 2};
        LogDensity t = gaussian(new double[] {0, 0}, precision);
        double[] invMass = {1, 1};
        double[] errors = new double[2];
        double[] steps = {0.1, 0.05};
        for (int k = 0; k < 2; k++) {
            double[] x = {1, -0.5};
            double[] p = {0.3, 0.7};
            double[] g = new double[2];
            double h0 = -t.logDensity(x, g) + Leapfrog.kinetic(p, invMass);
            double worst = 0;
            // a long trajectory (tens of periods) in pieces: the error oscillates, it does not grow
            double late = 0;
            for (int piece = 0; piece < 100; piece++) {
                double logp = Leapfrog.integrate(t, x, p, g, steps[k], (int) Math.round(1 / steps[k]), invMass);
                double dh = Math.abs(-logp + Leapfrog.kinetic(p, invMass) - h0);
                worst = Math.max(worst, dh);
                if (piece >= 90) {
                    late = Math.max(late, dh);
                }
            }
            errors[k] = worst;
            assertThat(late).isLessThanOrEqualTo(worst).isGreaterThan(0.3 * worst);
        }
        assertThat(errors[0] / errors[1]).isCloseTo(4, within(0.4));
        assertThat(errors[1]).isLessThan(0.01);
    }

    @Test
    void leapfrogIsTimeReversible() {
        LogDensity t = gaussian(new double[] {0.5, 0}, new double[] {3, 0.5, 0.5, 1});
        double[] invMass = {0.7, 1.3};
        double[] x = {1, -0.5};
        double[] p = {0.3, 0.7};
        double[] g = new double[2];
        t.logDensity(x, g);
        Leapfrog.integrate(t, x, p, g, 0.07, 25, invMass);
        p[0] = -p[0];
        p[1] = -p[1];
        Leapfrog.integrate(t, x, p, g, 0.07, 25, invMass);
        assertThat(x[0]).isCloseTo(1, within(1e-12));
        assertThat(x[1]).isCloseTo(-0.5, within(1e-12));
        assertThat(-p[0]).isCloseTo(0.3, within(1e-12));
        assertThat(-p[1]).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void warmupWindowsDoubleAndEndAtTheFinalBuffer() {
        List<int[]> w = Hmc.windows(1000);
        assertThat(w.get(0)).containsExactly(75, 100);
        assertThat(w.get(1)).containsExactly(100, 150);
        assertThat(w.get(w.size() - 1)[1]).isEqualTo(950);
        for (int i = 1; i < w.size(); i++) {
            assertThat(w.get(i)[0]).isEqualTo(w.get(i - 1)[1]);
        }
        assertThat(Hmc.windows(10)).isEmpty();
        assertThat(Hmc.windows(100).get(0)).containsExactly(15, 90);
    }
}
