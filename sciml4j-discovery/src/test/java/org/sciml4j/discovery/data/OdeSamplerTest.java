package org.sciml4j.discovery.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OdeSamplerTest {

    @Test
    void samplesTheExactSolutionThroughDenseOutput() {
        // x' = -2 x + sin(t): x = c e^{-2t} + (2 sin t - cos t) / 5 with x(0) = 1 -> c = 1.2
        double[] t = Generators.times(0.01, 3);
        OdeSampler.Result r = OdeSampler.sample((s, x, d) -> d[0] = -2 * x[0] + Math.sin(s), 1, t, new double[] {1},
                1e-12, 1e-12);
        assertThat(r.completed()).isEqualTo(t.length);
        for (int i = 0; i < t.length; i++) {
            double exact = 1.2 * Math.exp(-2 * t[i]) + (2 * Math.sin(t[i]) - Math.cos(t[i])) / 5;
            assertThat(r.x()[i]).isCloseTo(exact, within(1e-10));
        }
    }

    @Test
    void aBlowUpLeavesNaNAfterTheLastReachedSample() {
        // x' = x^2 from 1: x = 1 / (1 - t) blows up at t = 1
        double[] t = Generators.times(0.1, 2);
        OdeSampler.Result r = OdeSampler.sample((s, x, d) -> d[0] = x[0] * x[0], 1, t, new double[] {1}, 1e-10,
                1e-10);
        assertThat(r.completed()).isBetween(10, 11);
        assertThat(r.x()[9]).isCloseTo(10, within(1e-6));
        assertThat(r.x()[t.length - 1]).isNaN();
    }

    @Test
    void burgersDataSatisfiesTheEquation() {
        // check u_t + u u_x - nu u_xx = 0 at one point by centred differences of the exact formula's samples
        Generators.Field f = Generators.burgers(0.1, 2048, 2001, 1);
        int nx = 2048;
        int s = 1000;
        int i = 300;
        double dx = f.x()[1] - f.x()[0];
        double dt = f.t()[1] - f.t()[0];
        double[] u = f.u();
        double ut = (u[(s + 1) * nx + i] - u[(s - 1) * nx + i]) / (2 * dt);
        double ux = (u[s * nx + i + 1] - u[s * nx + i - 1]) / (2 * dx);
        double uxx = (u[s * nx + i + 1] - 2 * u[s * nx + i] + u[s * nx + i - 1]) / (dx * dx);
        double scale = Math.abs(ut) + Math.abs(u[s * nx + i] * ux) + Math.abs(0.1 * uxx);
        assertThat(Math.abs(ut + u[s * nx + i] * ux - 0.1 * uxx) / scale).isLessThan(1e-4);
    }
}
