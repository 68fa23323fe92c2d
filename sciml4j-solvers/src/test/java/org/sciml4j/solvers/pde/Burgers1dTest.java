package org.sciml4j.solvers.pde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Burgers1dTest {
    static final double NU = 0.05;

    /**
     * Cole-Hopf: u = -2 nu phi_x / phi with phi = 1.5 + e^{-4 pi^2 nu t} cos 2 pi x + 0.3 e^{-16 pi^2 nu t} cos 4 pi x
     * (phi solves the heat equation phi_t = nu phi_xx and stays positive).
     */
    static double exact(double x, double t) {
        double w1 = 2 * Math.PI;
        double w2 = 4 * Math.PI;
        double d1 = Math.exp(-NU * w1 * w1 * t);
        double d2 = 0.3 * Math.exp(-NU * w2 * w2 * t);
        double phi = 1.5 + d1 * Math.cos(w1 * x) + d2 * Math.cos(w2 * x);
        double phiX = -w1 * d1 * Math.sin(w1 * x) - w2 * d2 * Math.sin(w2 * x);
        return -2 * NU * phiX / phi;
    }

    static double maxError(int n, double dt, double t) {
        double[] u0 = new double[n];
        for (int j = 0; j < n; j++) {
            u0[j] = exact((double) j / n, 0);
        }
        double[] u = new Burgers1d(n, NU, dt).solve(u0, t);
        double err = 0;
        for (int j = 0; j < n; j++) {
            err = Math.max(err, Math.abs(u[j] - exact((double) j / n, t)));
        }
        return err;
    }

    @Test
    void matchesColeHopfToSpectralAccuracy() {
        assertThat(maxError(128, 1e-3, 0.5)).isLessThan(1e-9);
    }

    @Test
    void convergesWithOrderFourInTime() {
        double e1 = maxError(128, 0.1, 0.8);
        double e2 = maxError(128, 0.05, 0.8);
        double e3 = maxError(128, 0.025, 0.8);
        double p1 = Math.log(e1 / e2) / Math.log(2);
        double p2 = Math.log(e2 / e3) / Math.log(2);
        System.out.printf("burgers ETDRK4 errors %.3e %.3e %.3e orders %.2f %.2f%n", e1, e2, e3, p1, p2);
        assertThat(p2).isBetween(3.6, 4.6);
        assertThat(p1).isBetween(3.4, 4.8);
    }

    @Test
    void refusesBadSettings() {
        assertThatThrownBy(() -> new Burgers1d(7, 0.1, 0.01)).hasMessageContaining("even grid");
        assertThatThrownBy(() -> new Burgers1d(16, 0.1, 0.01).solve(new double[8], 1))
                .hasMessageContaining("has 8 values, grid has 16");
    }
}
