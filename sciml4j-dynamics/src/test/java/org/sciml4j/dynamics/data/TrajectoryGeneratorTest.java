package org.sciml4j.dynamics.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.DataFormatException;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;

class TrajectoryGeneratorTest {
    @TempDir
    Path dir;

    @Test
    void massSpringMatchesItsExactSolution() {
        TrajectoryData d = new TrajectoryGenerator(Systems.named("mass_spring")).trajectories(3).noise(0).seed(4)
                .generate();
        assertThat(d.x().shape()).containsExactly(3, 30, 2);
        double[] t = d.t().data();
        for (int k = 0; k < 3; k++) {
            double q0 = d.x().get(k, 0, 0);
            double p0 = d.x().get(k, 0, 1);
            double r = Math.hypot(q0, p0);
            assertThat(r).isBetween(0.1, 1.0);
            for (int i = 0; i < t.length; i++) {
                double c = Math.cos(2 * t[i]);
                double s = Math.sin(2 * t[i]);
                assertThat(Math.abs(d.x().get(k, i, 0) - (q0 * c + p0 * s))).isLessThan(1e-10);
                assertThat(Math.abs(d.x().get(k, i, 1) - (p0 * c - q0 * s))).isLessThan(1e-10);
                assertThat(d.dxdt().get(k, i, 0)).isCloseTo(2 * d.x().get(k, i, 1),
                        org.assertj.core.data.Offset.offset(1e-9));
            }
        }
    }

    @Test
    void conservativeSystemsKeepTheirEnergyAndTheDampedOneLosesIt() {
        for (String name : new String[] {"pendulum", "duffing", "duffing_double_well", "two_body", "double_pendulum"}) {
            DynamicalSystem s = Systems.named(name);
            TrajectoryData d = new TrajectoryGenerator(s).trajectories(2).noise(0).seed(1).generate();
            for (int k = 0; k < 2; k++) {
                double e0 = s.energy(state(d, k, 0));
                for (int i = 1; i < d.times(); i++) {
                    assertThat(Math.abs(s.energy(state(d, k, i)) - e0)).as(name)
                            .isLessThan(1e-8 * Math.max(1, Math.abs(e0)));
                }
            }
        }
        DynamicalSystem damped = Systems.named("damped_pendulum");
        TrajectoryData d = new TrajectoryGenerator(damped).trajectories(1).noise(0).seed(1).generate();
        double e0 = damped.energy(state(d, 0, 0));
        double eEnd = damped.energy(state(d, 0, d.times() - 1));
        // over [0, 10] at alpha = 0.2 the energy falls roughly like exp(-alpha t) = 0.14
        assertThat(eEnd / e0).isBetween(0.05, 0.4);
    }

    @Test
    void derivativesMatchFiniteDifferencesOfTheEnergy() {
        // the field of each Hamiltonian system is J grad H of its energy (positions first, then momenta)
        SplittableRandom rng = new SplittableRandom(3);
        for (String name : new String[] {"mass_spring", "pendulum", "duffing", "duffing_double_well", "two_body",
                "double_pendulum"}) {
            DynamicalSystem s = Systems.named(name);
            double[] x = s.initialState(rng, 0.5, 1.0);
            x[x.length - 1] += 0.3;
            int n = s.dimension() / 2;
            double[] f = s.derivative(x);
            for (int i = 0; i < s.dimension(); i++) {
                double[] up = x.clone();
                double[] down = x.clone();
                up[i] += 1e-6;
                down[i] -= 1e-6;
                double g = (s.energy(up) - s.energy(down)) / 2e-6;
                double expected = i < n ? -f[i + n] : f[i - n];
                assertThat(g).as(name + " dH/dx" + i).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-6));
            }
        }
    }

    @Test
    void noiseHasTheRequestedSpreadAndTheSeedFixesEverything() {
        DynamicalSystem s = Systems.named("pendulum");
        TrajectoryData clean = new TrajectoryGenerator(s).trajectories(40).noise(0).seed(9).generate();
        TrajectoryData noisy = new TrajectoryGenerator(s).trajectories(40).noise(0.1).seed(9).generate();
        TrajectoryData again = new TrajectoryGenerator(s).trajectories(40).noise(0.1).seed(9).generate();
        assertThat(again.x().data()).containsExactly(noisy.x().data());
        double sum = 0;
        double[] a = clean.x().data();
        double[] b = noisy.x().data();
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        assertThat(Math.sqrt(sum / a.length)).isBetween(0.095, 0.105); // 3600 draws: sd of the estimate 0.0012
        assertThat(noisy.dxdt().data()).containsExactly(clean.dxdt().data());
        assertThat(noisy.times()).isEqualTo(45); // Greydanus's pendulum: 15 points per unit time over [0, 3]
    }

    @Test
    void roundTripsThroughNpzAndNamesWhatIsMissing() throws Exception {
        TrajectoryData d = new TrajectoryGenerator(Systems.named("duffing")).trajectories(2).seed(2).generate();
        Path f = dir.resolve("traj.npz");
        d.write(f);
        TrajectoryData back = TrajectoryData.read(f);
        assertThat(back.x().data()).containsExactly(d.x().data());
        assertThat(back.dxdt().data()).containsExactly(d.dxdt().data());
        assertThat(back.t().data()).containsExactly(d.t().data());
        Path bad = dir.resolve("bad.npz");
        Npz.write(bad, Map.of("t", Tensor.vector(0, 1)), false);
        assertThatThrownBy(() -> TrajectoryData.read(bad)).isInstanceOf(DataFormatException.class)
                .hasMessageContaining("bad.npz").hasMessageContaining("'x' (K, T, d)");
        Path shape = dir.resolve("shape.npz");
        Npz.write(shape, Map.of("t", Tensor.vector(0, 1, 2), "x", Tensor.zeros(2, 4, 2)), false);
        assertThatThrownBy(() -> TrajectoryData.read(shape)).hasMessageContaining("[2, 4, 2]");
    }

    @Test
    void refusesBadKnobs() {
        TrajectoryGenerator g = new TrajectoryGenerator(Systems.named("mass_spring"));
        assertThatThrownBy(() -> g.trajectories(0)).hasMessageContaining(">= 1");
        assertThatThrownBy(() -> g.timeSpan(1, 1)).hasMessageContaining("t1 > t0");
        assertThatThrownBy(() -> g.noise(-1)).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> g.radius(2, 1)).hasMessageContaining("lo <= hi");
        assertThatThrownBy(() -> Systems.named("pendulm")).hasMessageContaining("known:");
    }

    private static double[] state(TrajectoryData d, int k, int i) {
        double[] x = new double[d.dimension()];
        for (int j = 0; j < x.length; j++) {
            x[j] = d.x().get(k, i, j);
        }
        return x;
    }

    @Test
    void doubleWellDuffingDrawsAsTheSsgpPaper() {
        // H = p^2/2 - q^2/2 + q^4/4; x0 uniform in [-3, 3]^2 kept for 0.5 <= H <= 2: above the separatrix H = 0, so
        // every orbit visits both wells (q changes sign)
        DynamicalSystem s = Systems.named("duffing_double_well");
        assertThat(s.energy(new double[] {1, 0})).isEqualTo(-0.25);
        TrajectoryData d = new TrajectoryGenerator(s).trajectories(5).noise(0).seed(4).generate();
        assertThat(d.times()).isEqualTo(50);
        for (int k = 0; k < 5; k++) {
            double[] x0 = state(d, k, 0);
            assertThat(s.energy(x0)).isBetween(0.5, 2.0);
            assertThat(Math.abs(x0[0])).isLessThanOrEqualTo(3);
            assertThat(Math.abs(x0[1])).isLessThanOrEqualTo(3);
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (int i = 0; i < d.times(); i++) {
                lo = Math.min(lo, state(d, k, i)[0]);
                hi = Math.max(hi, state(d, k, i)[0]);
            }
            assertThat(lo).isLessThan(-1);
            assertThat(hi).isGreaterThan(1);
        }
        assertThatThrownBy(() -> s.initialState(new SplittableRandom(1), 0, -1))
                .hasMessageContaining("draws by energy");
    }
}
