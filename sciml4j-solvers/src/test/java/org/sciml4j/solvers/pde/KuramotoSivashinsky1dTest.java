package org.sciml4j.solvers.pde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Kassam and Trefethen's case: u0 = cos(x/16)(1 + sin(x/16)) on [0, 32 pi), 128 points. */
class KuramotoSivashinsky1dTest {
    private static final double L = 32 * Math.PI;

    private static double[] initial(KuramotoSivashinsky1d ks) {
        double[] x = ks.grid();
        double[] u = new double[x.length];
        for (int i = 0; i < u.length; i++) {
            u[i] = Math.cos(x[i] / 16) * (1 + Math.sin(x[i] / 16));
        }
        return u;
    }

    private static double[] at(double dt, double t) {
        KuramotoSivashinsky1d ks = new KuramotoSivashinsky1d(128, L, dt);
        double[][] traj = ks.trajectory(initial(ks), 1, (int) Math.round(t / dt));
        return traj[1];
    }

    private static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /**
     * Measured: errors 1.5e-6, 2.1e-7, 1.9e-8 at dt = 1/8, 1/16, 1/32 (orders 2.9 and 3.5, rising towards 4: Cox and
     * Matthews' ETDRK4 has a stiff order below 4 at large steps, Hochbruck and Ostermann 2005).
     */
    @Test
    void etdrk4ConvergesWithOrderNearFour() {
        double t = 10;
        double[] ref = at(1.0 / 512, t);
        double e1 = maxDiff(at(0.125, t), ref);
        double e2 = maxDiff(at(0.0625, t), ref);
        double e3 = maxDiff(at(0.03125, t), ref);
        assertThat(Math.log(e1 / e2) / Math.log(2)).isGreaterThan(2.6);
        assertThat(Math.log(e2 / e3) / Math.log(2)).isGreaterThan(3.2);
        assertThat(e3).isLessThan(1e-6);
    }

    @Test
    void theMeanIsConservedAndTheFlowStaysBounded() {
        KuramotoSivashinsky1d ks = new KuramotoSivashinsky1d(128, L, 0.25);
        double[][] traj = ks.trajectory(initial(ks), 60, 10);
        double mean0 = java.util.Arrays.stream(traj[0]).average().orElseThrow();
        for (double[] row : traj) {
            assertThat(java.util.Arrays.stream(row).average().orElseThrow())
                    .isCloseTo(mean0, org.assertj.core.data.Offset.offset(1e-12));
            for (double v : row) {
                assertThat(Math.abs(v)).isLessThan(5); // the attractor's values stay within about +-3
            }
        }
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new KuramotoSivashinsky1d(7, L, 0.1)).hasMessageContaining("even grid");
        KuramotoSivashinsky1d ks = new KuramotoSivashinsky1d(16, L, 0.1);
        assertThatThrownBy(() -> ks.trajectory(new double[8], 1, 1)).hasMessageContaining("8 values");
    }
}
