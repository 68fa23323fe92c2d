package org.sciml4j.solvers.pde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SmallSolversTest {
    @Test
    void antiderivativeIsExactForPiecewiseLinearAndSecondOrderForSmooth() {
        double[] v = {1, 3, 2}; // nodes 0, 0.5, 1
        double[] u = Antiderivative.of(v, new double[] {0, 0.25, 0.5, 1});
        assertThat(u[0]).isZero();
        assertThat(u[1]).isCloseTo(0.25 * (1 + 2) / 2, within(1e-15));
        assertThat(u[2]).isCloseTo(1.0, within(1e-15));
        assertThat(u[3]).isCloseTo(1.0 + 1.25, within(1e-15));
        double e1 = cosineError(51);
        double e2 = cosineError(101);
        assertThat(Math.log(e1 / e2) / Math.log(2)).isBetween(1.9, 2.1);
    }

    private static double cosineError(int nodes) {
        double[] v = new double[nodes];
        for (int i = 0; i < nodes; i++) {
            v[i] = Math.cos(3 * (double) i / (nodes - 1));
        }
        double[] x = {0.3, 0.7, 1.0};
        double[] u = Antiderivative.of(v, x);
        double err = 0;
        for (int q = 0; q < x.length; q++) {
            err = Math.max(err, Math.abs(u[q] - Math.sin(3 * x[q]) / 3));
        }
        return err;
    }

    /** Manufactured: u = sin(pi x) sin(t) + x (1 - x) t^2 / 2, f = u_t - D u_xx - k u^2. */
    private static final double D = 0.01;
    private static final double K = 0.5;

    static double exactDr(double x, double t) {
        return Math.sin(Math.PI * x) * Math.sin(t) + x * (1 - x) * t * t / 2;
    }

    static double sourceDr(double x, double t) {
        double ut = Math.sin(Math.PI * x) * Math.cos(t) + x * (1 - x) * t;
        double uxx = -Math.PI * Math.PI * Math.sin(Math.PI * x) * Math.sin(t) - t * t;
        double u = exactDr(x, t);
        return ut - D * uxx - K * u * u;
    }

    static double drError(int points, double dt) {
        double[] u = new DiffusionReaction1d(points, D, K, dt).solve(new double[points], SmallSolversTest::sourceDr,
                1.0);
        double err = 0;
        for (int j = 0; j < points; j++) {
            err = Math.max(err, Math.abs(u[j] - exactDr((double) j / (points - 1), 1.0)));
        }
        return err;
    }

    @Test
    void diffusionReactionConvergesWithOrderTwoInSpaceAndTime() {
        double e1 = drError(21, 0.05);
        double e2 = drError(41, 0.025);
        double e3 = drError(81, 0.0125);
        double p1 = Math.log(e1 / e2) / Math.log(2);
        double p2 = Math.log(e2 / e3) / Math.log(2);
        System.out.printf("diffusion-reaction errors %.3e %.3e %.3e orders %.2f %.2f%n", e1, e2, e3, p1, p2);
        assertThat(p1).isBetween(1.8, 2.2);
        assertThat(p2).isBetween(1.9, 2.1);
    }

    private static double[][] sgStart(int n, double length) {
        double[] u = new double[n];
        double[] v = new double[n];
        for (int j = 0; j < n; j++) {
            double x = length * j / n;
            u[j] = 2 * Math.sin(2 * Math.PI * x / length) + 0.5 * Math.cos(4 * Math.PI * x / length);
            v[j] = 0.3 * Math.sin(6 * Math.PI * x / length);
        }
        return new double[][] {u, v};
    }

    @Test
    void sineGordonConvergesWithOrderTwoInTime() {
        int n = 64;
        double length = 10;
        double[][] s = sgStart(n, length);
        double[] ref = new SineGordon1d(n, length, 0.1 / 256).solve(s[0], s[1], 5)[0];
        double[] err = new double[3];
        for (int r = 0; r < 3; r++) {
            double[] u = new SineGordon1d(n, length, 0.1 / (1 << r)).solve(s[0], s[1], 5)[0];
            for (int j = 0; j < n; j++) {
                err[r] = Math.max(err[r], Math.abs(u[j] - ref[j]));
            }
        }
        double p1 = Math.log(err[0] / err[1]) / Math.log(2);
        double p2 = Math.log(err[1] / err[2]) / Math.log(2);
        System.out.printf("sine-gordon time errors %.3e %.3e %.3e orders %.2f %.2f%n", err[0], err[1], err[2], p1, p2);
        assertThat(p1).isBetween(1.9, 2.1);
        assertThat(p2).isBetween(1.9, 2.1);
    }

    @Test
    void sineGordonConvergesWithOrderTwoInSpace() {
        double length = 10;
        int[] sizes = {32, 64, 128, 512};
        double[][] finals = new double[sizes.length][];
        for (int r = 0; r < sizes.length; r++) {
            double[][] s = sgStart(sizes[r], length);
            finals[r] = new SineGordon1d(sizes[r], length, 0.0025).solve(s[0], s[1], 2)[0];
        }
        double[] err = new double[3];
        for (int r = 0; r < 3; r++) {
            int stride = sizes[3] / sizes[r];
            for (int j = 0; j < sizes[r]; j++) {
                err[r] = Math.max(err[r], Math.abs(finals[r][j] - finals[3][j * stride]));
            }
        }
        double p = Math.log(err[1] / err[2]) / Math.log(2);
        System.out.printf("sine-gordon space errors %.3e %.3e %.3e order %.2f%n", err[0], err[1], err[2], p);
        assertThat(p).isBetween(1.85, 2.2);
    }

    @Test
    void sineGordonEnergyErrorIsBoundedOverLongRunsAndShrinksLikeDtSquared() {
        int n = 64;
        double length = 10;
        double[][] s = sgStart(n, length);
        double e0 = SineGordon1d.energy(s[0], s[1], length);
        double[] worst = new double[2];
        for (int r = 0; r < 2; r++) {
            SineGordon1d sg = new SineGordon1d(n, length, 0.05 / (1 << r));
            double[][] state = s;
            for (int block = 0; block < 200; block++) { // t = 0 .. 1000
                state = sg.solve(state[0], state[1], 5);
                worst[r] = Math.max(worst[r], Math.abs(SineGordon1d.energy(state[0], state[1], length) - e0));
            }
        }
        System.out.printf("sine-gordon energy %.6f, max |H - H0| over t <= 1000: %.3e (dt 0.05), %.3e (dt 0.025)%n",
                e0, worst[0], worst[1]);
        assertThat(worst[0] / e0).isLessThan(2e-3);
        assertThat(worst[0] / worst[1]).isBetween(3.5, 4.5);
    }
}
