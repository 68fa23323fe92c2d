package org.sciml4j.operators.fit;

import org.junit.jupiter.api.Test;
import org.sciml4j.solvers.pde.SineGordon1d;
import org.sciml4j.tensor.GradCheck;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.ShapeException;
import org.sciml4j.tensor.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SineGordonEnergyTest {
    private static final double L = 10;

    /** States (B, 2, n) of u = a sin(k x), v = b cos(k x), k = 2 pi m / L, on x_j = j L / n. */
    private static Tensor waves(int n, double[][] abm) {
        double[] s = new double[abm.length * 2 * n];
        for (int i = 0; i < abm.length; i++) {
            double k = 2 * Math.PI * abm[i][2] / L;
            for (int j = 0; j < n; j++) {
                double x = j * L / n;
                s[i * 2 * n + j] = abm[i][0] * Math.sin(k * x);
                s[i * 2 * n + n + j] = abm[i][1] * Math.cos(k * x);
            }
        }
        return Tensor.wrap(s, abm.length, 2, n);
    }

    /** Bessel J0 by its power series (converges fast for |a| <= 3). */
    private static double besselJ0(double a) {
        double term = 1;
        double sum = 1;
        for (int k = 1; k < 40; k++) {
            term *= -(a / 2) * (a / 2) / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    @Test
    void aSineWaveHasTheClosedFormEnergy() {
        // E = int b^2 cos^2/2 + a^2 k^2 cos^2/2 + 1 - cos(a sin kx) dx = L b^2/4 + L a^2 k^2/4 + L (1 - J0(a)):
        // the grid sums of cos^2 are exact, that of cos(a sin kx) is J0(a) up to J_{n/m}(a) (far below 1e-12)
        double[][] abm = {{0.7, 0.3, 1}, {1.9, -1.2, 3}, {0.2, 0, 7}};
        Tensor e = new SineGordonEnergy(L).of(waves(64, abm));
        assertThat(e.shape()).containsExactly(3);
        for (int i = 0; i < abm.length; i++) {
            double a = abm[i][0];
            double b = abm[i][1];
            double k = 2 * Math.PI * abm[i][2] / L;
            double exact = L * b * b / 4 + L * a * a * k * k / 4 + L * (1 - besselJ0(a));
            assertThat(e.get(i)).as("state %d", i).isCloseTo(exact, within(1e-12 * exact));
        }
        // an odd grid has no Nyquist mode: the same value
        assertThat(new SineGordonEnergy(L).of(waves(63, abm)).get(1)).isCloseTo(e.get(1), within(1e-11));
    }

    @Test
    void itIsTheLimitOfTheSolversFiniteDifferenceEnergy() {
        // on a fine grid the solver's forward-difference energy approaches the spectral one (error O(h^2))
        double[][] abm = {{1.3, 0.8, 2}};
        int n = 2048;
        double[] st = waves(n, abm).data();
        double[] u = java.util.Arrays.copyOfRange(st, 0, n);
        double[] v = java.util.Arrays.copyOfRange(st, n, 2 * n);
        double spectral = new SineGordonEnergy(L).of(waves(n, abm)).item();
        assertThat(SineGordon1d.energy(u, v, L)).isCloseTo(spectral, within(1e-5 * spectral));
    }

    @Test
    void gradientsMatchFiniteDifferencesInBothModes() {
        SineGordonEnergy energy = new SineGordonEnergy(L);
        Tensor states = Tensor.randn(new Rng(3), 3, 2, 16).mul(0.8);
        GradCheck check = new GradCheck();
        for (GradCheck.Mode mode : GradCheck.Mode.values()) {
            double err = check.maxError(x -> energy.of(x[0]), new Tensor[] {states}, 2, mode, new Rng(5), 3);
            assertThat(err).as("%s", mode).isLessThan(1e-6);
        }
    }

    @Test
    void thePenaltyIsZeroOnTheSolversStateAndTheSquaredRelativeChangeOtherwise() {
        // a state and the solver's state at t = 0.5 (band-limited start, 256 points, every 4th kept): same energy
        int fine = 256;
        int n = 64;
        double[] u0 = new double[fine];
        double[] v0 = new double[fine];
        for (int j = 0; j < fine; j++) {
            double x = j * L / fine;
            u0[j] = 1.2 * Math.sin(2 * Math.PI * x / L) + 0.4 * Math.cos(6 * Math.PI * x / L);
            v0[j] = 0.5 * Math.cos(4 * Math.PI * x / L);
        }
        double[][] end = new SineGordon1d(fine, L, 0.002).solve(u0, v0, 0.5);
        double[] in = new double[2 * n];
        double[] out = new double[2 * n];
        for (int j = 0; j < n; j++) {
            in[j] = u0[4 * j];
            in[n + j] = v0[4 * j];
            out[j] = end[0][4 * j];
            out[n + j] = end[1][4 * j];
        }
        Tensor input = Tensor.wrap(in, 1, 2, n);
        Tensor solved = Tensor.wrap(out, 1, 2, n);
        EnergyPenalty penalty = new EnergyPenalty(new SineGordonEnergy(L), 1);
        Tensor e0 = penalty.energies(input);
        assertThat(penalty.drift(input, solved)[0]).isLessThan(1e-4);
        assertThat(penalty.term(e0, solved).item()).isLessThan(1e-8);
        // doubling u_t adds 3 x its kinetic part: the term is (3 K / E)^2 with K = h sum v^2 / 2
        double kinetic = 0;
        for (int j = 0; j < n; j++) {
            kinetic += 0.5 * in[n + j] * in[n + j] * L / n;
        }
        Tensor faster = Tensor.concat(1, input.slice(1, 0, 1), input.slice(1, 1, 2).mul(2));
        double expected = Math.pow(3 * kinetic / e0.item(), 2);
        assertThat(penalty.term(e0, faster).item()).isCloseTo(expected, within(1e-12));
        assertThat(penalty.drift(input, faster)[0]).isCloseTo(Math.sqrt(expected), within(1e-12));
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new SineGordonEnergy(L).of(Tensor.zeros(2, 3, 8)))
                .isInstanceOf(ShapeException.class).hasMessageContaining("(B, 2, n)")
                .hasMessageContaining("[2, 3, 8]");
        assertThatThrownBy(() -> new SineGordonEnergy(0)).hasMessageContaining("length must be finite and > 0");
        assertThatThrownBy(() -> new EnergyPenalty(new SineGordonEnergy(L), -1))
                .hasMessageContaining("weight must be finite and >= 0");
    }
}
