package org.sciml4j.solvers.pde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;

/** Allen-Cahn and KdV by ETDRK4: order in dt against exact solutions, conserved and dissipated quantities. */
class PeriodicSpectralTest {

    private static double maxDiff(double[] a, double[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static double order(double coarse, double fine) {
        return Math.log(coarse / fine) / Math.log(2);
    }

    /** A soliton of u_t + 6 u u_x + u_xxx = 0 on [-25, 25) at time t, speed c, starting at x0. */
    private static double[] soliton(double[] x, double c, double x0, double t) {
        double[] u = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = 1 / Math.cosh(Math.sqrt(c) / 2 * (x[i] - c * t - x0));
            u[i] = c / 2 * s * s;
        }
        return u;
    }

    private static double kdvError(double dt) {
        Kdv1d kdv = new Kdv1d(256, -25, 25, 6, 1, dt);
        double[] x = kdv.grid();
        double[] end = kdv.trajectory(soliton(x, 2, -5, 0), 1, (int) Math.round(4 / dt))[1];
        return maxDiff(end, soliton(x, 2, -5, 4));
    }

    /**
     * Measured: max errors 5.5e-4, 2.5e-5, 1.3e-6 at dt = 0.04, 0.02, 0.01 (orders 4.5, 4.3, falling towards 4)
     * against the travelling soliton (its periodic images differ from it by ~1e-11 on this period).
     */
    @Test
    void kdvSolitonTravelsWithFourthOrderInTime() {
        double e1 = kdvError(0.04);
        double e2 = kdvError(0.02);
        double e3 = kdvError(0.01);
        assertThat(order(e1, e2)).isBetween(3.7, 4.7);
        assertThat(order(e2, e3)).isBetween(3.7, 4.5);
        assertThat(e3).isLessThan(2e-6);
    }

    @Test
    void kdvConservesMassAndMomentum() {
        Kdv1d kdv = new Kdv1d(128, 0, 2 * Math.PI, 1, 0.02, 1e-3);
        double[] x = kdv.grid();
        double[] u0 = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            u0[i] = Math.cos(x[i]) + 0.3 * Math.sin(2 * x[i]) + 0.5;
        }
        double[][] traj = kdv.trajectory(u0, 10, 100);
        double mass0 = sum(traj[0], 1);
        double momentum0 = sum(traj[0], 2);
        for (double[] row : traj) {
            assertThat(sum(row, 1)).isCloseTo(mass0, org.assertj.core.data.Offset.offset(1e-10));
            assertThat(sum(row, 2)).isCloseTo(momentum0, org.assertj.core.data.Offset.offset(1e-6 * momentum0));
        }
    }

    private static double sum(double[] u, int power) {
        double s = 0;
        for (double v : u) {
            s += Math.pow(v, power);
        }
        return s;
    }

    /** The spatially constant solution of u_t = a u - b u^3: u0 e^{at} / sqrt(1 + (b/a) u0^2 (e^{2at} - 1)). */
    private static double reactionError(double dt) {
        AllenCahn1d ac = new AllenCahn1d(16, -1, 1, 1e-4, 5, 5, dt);
        double[] u0 = new double[16];
        java.util.Arrays.fill(u0, 0.1);
        double t = 1;
        double[] end = ac.trajectory(u0, 1, (int) Math.round(t / dt))[1];
        double g = Math.exp(5 * t);
        double exact = 0.1 * g / Math.sqrt(1 + 0.01 * (g * g - 1));
        return Math.abs(end[0] - exact);
    }

    /** Measured: errors 1.3e-5, 6.4e-7, 3.6e-8 at dt = 0.04, 0.02, 0.01 (orders 4.3, 4.1). */
    @Test
    void allenCahnReactionHasFourthOrderInTime() {
        double e1 = reactionError(0.04);
        double e2 = reactionError(0.02);
        double e3 = reactionError(0.01);
        assertThat(order(e1, e2)).isBetween(3.6, 4.5);
        assertThat(order(e2, e3)).isBetween(3.6, 4.5);
    }

    /**
     * jaxpi's case, coarse steps against a fine one (measured: 2.0e-7, 1.2e-8 at dt = 1/100, 1/200, order 4.06);
     * and the free energy never increases.
     */
    @Test
    void allenCahnJaxpiCaseConvergesAndDissipatesEnergy() {
        double[] ref = jaxpiAtOne(1.0 / 1600);
        double e1 = maxDiff(jaxpiAtOne(1.0 / 100), ref);
        double e2 = maxDiff(jaxpiAtOne(1.0 / 200), ref);
        assertThat(order(e1, e2)).isBetween(3.7, 4.4);
        AllenCahn1d ac = new AllenCahn1d(256, -1, 1, 1e-4, 5, 5, 1.0 / 400);
        double[][] traj = ac.trajectory(initial(ac.grid()), 40, 10);
        for (int k = 1; k < traj.length; k++) {
            assertThat(ac.energy(traj[k])).isLessThanOrEqualTo(ac.energy(traj[k - 1]) + 1e-12);
        }
        assertThat(ac.energy(traj[40])).isLessThan(ac.energy(traj[0]) - 0.5);
    }

    private static double[] initial(double[] x) {
        double[] u = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            u[i] = x[i] * x[i] * Math.cos(Math.PI * x[i]);
        }
        return u;
    }

    private static double[] jaxpiAtOne(double dt) {
        AllenCahn1d ac = new AllenCahn1d(256, -1, 1, 1e-4, 5, 5, dt);
        return ac.trajectory(initial(ac.grid()), 1, (int) Math.round(1 / dt))[1];
    }

    @Test
    void referenceFileHasThePinnGridLayout(@TempDir Path dir) throws Exception {
        PeriodicReference ref = PeriodicReference.allenCahnJaxpi(64, 11, 256, 1e-3);
        Path f = dir.resolve("ac.npz");
        ref.write(f);
        Tensor u = Npz.read(f, "usol");
        assertThat(u.shape()).containsExactly(64, 11);
        assertThat(Npz.read(f, "x").shape()).containsExactly(64);
        assertThat(Npz.read(f, "t").get(10)).isEqualTo(1.0);
        assertThat(u.get(8, 0)).isCloseTo(initial(new double[] {-0.75})[0], org.assertj.core.data.Offset.offset(1e-15));
    }

    /** The committed example reference is what {@link PeriodicReference#main} writes, to 1e-12. */
    @Test
    void committedAllenCahnReferenceMatchesTheSolver() throws Exception {
        Path f = Path.of("../examples/allen-cahn/allen_cahn.npz");
        assertThat(Files.isRegularFile(f)).as("examples/allen-cahn/allen_cahn.npz is committed").isTrue();
        Tensor u = Npz.read(f, "usol");
        assertThat(u.shape()).containsExactly(512, 201);
        AllenCahn1d ac = new AllenCahn1d(2048, -1, 1, 1e-4, 5, 5, 1e-4);
        double[] end = ac.trajectory(initial(ac.grid()), 1, 500)[1]; // t = 0.05, row 10
        for (int i = 0; i < 512; i += 37) {
            assertThat(u.get(i, 10)).isCloseTo(end[4 * i], org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> new AllenCahn1d(6, -1, 1, 1e-4, 5, 5, 0.1)).hasMessageContaining("even grid");
        assertThatThrownBy(() -> new Kdv1d(16, 1, 1, 6, 1, 0.1)).hasMessageContaining("lo < hi");
        assertThatThrownBy(() -> PeriodicReference.allenCahnJaxpi(100, 11, 256, 1e-3))
                .hasMessageContaining("dividing");
        Kdv1d kdv = new Kdv1d(16, 0, 1, 6, 1, 0.1);
        assertThatThrownBy(() -> kdv.trajectory(new double[8], 1, 1)).hasMessageContaining("8 values");
    }
}
