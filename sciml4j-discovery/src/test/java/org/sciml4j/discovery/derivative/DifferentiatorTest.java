package org.sciml4j.discovery.derivative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DifferentiatorTest {

    private static double[] grid(int n, double a, double b) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = a + (b - a) * i / (n - 1);
        }
        return t;
    }

    private static double maxError(double[] got, double[] want, int from, int to) {
        double e = 0;
        for (int i = from; i < to; i++) {
            e = Math.max(e, Math.abs(got[i] - want[i]));
        }
        return e;
    }

    @Test
    void finiteDifferencesAreExactOnPolynomialsUpToTheirOrder() {
        // a non-uniform grid: the stencils (one-sided at the ends) must still be exact for cubics at accuracy 4
        double[] t = new double[40];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * 0.1 + 0.03 * Math.sin(i);
        }
        double[] x = new double[t.length];
        double[] dx = new double[t.length];
        double[] ddx = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            double s = t[i];
            x[i] = 2 - 3 * s + 0.5 * s * s * s - 0.1 * s * s * s * s;
            dx[i] = -3 + 1.5 * s * s - 0.4 * s * s * s;
            ddx[i] = 3 * s - 1.2 * s * s;
        }
        assertThat(maxError(new FiniteDifference(1, 4).apply(t, x, 1), dx, 0, t.length)).isLessThan(1e-9);
        assertThat(maxError(new FiniteDifference(2, 4).apply(t, x, 1), ddx, 0, t.length)).isLessThan(1e-8);
    }

    @Test
    void finiteDifferencesConvergeAtTheirOrderOnSine() {
        double[] errors = new double[2];
        for (int r = 0; r < 2; r++) {
            double[] t = grid(50 << r, 0, 3);
            double[] x = new double[t.length];
            double[] dx = new double[t.length];
            for (int i = 0; i < t.length; i++) {
                x[i] = Math.sin(2 * t[i]);
                dx[i] = 2 * Math.cos(2 * t[i]);
            }
            errors[r] = maxError(new FiniteDifference(1, 4).apply(t, x, 1), dx, 0, t.length);
        }
        // fourth order: halving h divides the error by about 16
        assertThat(errors[0] / errors[1]).isBetween(12.0, 20.0);
    }

    @Test
    void savitzkyGolayRecoversTheDerivativeOfANoisySine() {
        double[] t = grid(2001, 0, 2 * Math.PI);
        double[] x = new double[t.length * 2];
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < t.length; i++) {
            x[2 * i] = Math.sin(t[i]) + 0.01 * rng.nextGaussian();
            x[2 * i + 1] = t[i] * t[i];
        }
        double[] d = new SavitzkyGolay(201, 3).apply(t, x, 2);
        double err = 0;
        double errPoly = 0;
        for (int i = 100; i < t.length - 100; i++) {
            err = Math.max(err, Math.abs(d[2 * i] - Math.cos(t[i])));
            errPoly = Math.max(errPoly, Math.abs(d[2 * i + 1] - 2 * t[i]));
        }
        assertThat(err).isLessThan(0.03);
        assertThat(errPoly).isLessThan(1e-9);
        // plain differences amplify the same noise by 1/dt
        double[] fd = new FiniteDifference().apply(t, x, 2);
        double errFd = 0;
        for (int i = 100; i < t.length - 100; i++) {
            errFd = Math.max(errFd, Math.abs(fd[2 * i] - Math.cos(t[i])));
        }
        assertThat(errFd).isGreaterThan(1.0);
    }

    @Test
    void totalVariationRecoversAPiecewiseLinearSignalsSlopes() {
        double[] t = grid(201, 0, 2);
        double[] x = new double[t.length];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < t.length; i++) {
            x[i] = (t[i] < 1 ? t[i] : 1 - 2 * (t[i] - 1)) + 0.005 * rng.nextGaussian();
        }
        double[] d = new TotalVariation(0.02, 30, 1e-6).apply(t, x, 1);
        double mid = 0;
        int count = 0;
        for (int i = 0; i < t.length; i++) {
            if (Math.abs(t[i] - 1) > 0.2 && t[i] > 0.1 && t[i] < 1.9) {
                mid = Math.max(mid, Math.abs(d[i] - (t[i] < 1 ? 1 : -2)));
                count++;
            }
        }
        assertThat(count).isGreaterThan(100);
        assertThat(mid).isLessThan(0.1);
    }

    @Test
    void spectralIsExactOnPeriodicSignals() {
        int n = 64;
        double[] t = new double[n];
        double[] x = new double[n];
        double[] dx = new double[n];
        double[] ddx = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 3.0 * i / n;
            double w = 2 * Math.PI / 3;
            x[i] = Math.sin(2 * w * t[i]) + 0.5 * Math.cos(5 * w * t[i]);
            dx[i] = 2 * w * Math.cos(2 * w * t[i]) - 2.5 * w * Math.sin(5 * w * t[i]);
            ddx[i] = -4 * w * w * Math.sin(2 * w * t[i]) - 12.5 * w * w * Math.cos(5 * w * t[i]);
        }
        assertThat(maxError(new Spectral(1).apply(t, x, 1), dx, 0, n)).isLessThan(1e-11);
        assertThat(maxError(new Spectral(2).apply(t, x, 1), ddx, 0, n)).isLessThan(1e-9);
        double[] bent = t.clone();
        bent[3] += 0.01;
        assertThatThrownBy(() -> new Spectral(1).apply(bent, x, 1)).hasMessageContaining("uniform");
    }

    @Test
    void badShapesAreNamed() {
        assertThatThrownBy(() -> new FiniteDifference().apply(new double[] {0, 1, 2}, new double[5], 2))
                .hasMessageContaining("x has 5 values but t has 3 times and 2 variables");
        assertThatThrownBy(() -> new FiniteDifference().apply(new double[] {0, 1, 1}, new double[3], 1))
                .hasMessageContaining("t[2]");
    }
}
