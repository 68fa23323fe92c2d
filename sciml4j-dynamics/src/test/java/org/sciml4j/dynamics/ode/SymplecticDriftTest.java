package org.sciml4j.dynamics.ode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/** Energy of the symplectic integrators over 10^4 steps: bounded, not drifting. */
class SymplecticDriftTest {
    /** Pendulum H = 3 (1 - cos q) + p^2: q' = 2p, p' = -3 sin q. */
    static final VectorField PENDULUM = (t, x) -> Tensor.concat(1, x.slice(1, 1, 2).mul(2),
            x.slice(1, 0, 1).sin().mul(-3));

    static double energy(Tensor x) {
        double q = x.get(0, 0);
        double p = x.get(0, 1);
        return 3 * (1 - Math.cos(q)) + p * p;
    }

    /** Largest |H - H0| over the first and the last 1000 of 10^4 steps. */
    static double[] drift(FixedStepSolver solver) {
        Tensor x = Tensor.matrix(new double[] {2.0, 0.0});
        double h0 = energy(x);
        double early = 0;
        double late = 0;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            for (int k = 0; k < 10_000; k++) {
                x = solver.step(PENDULUM, k * 0.1, x, 0.1);
                double e = Math.abs(energy(x) - h0);
                if (k < 1000) {
                    early = Math.max(early, e);
                } else if (k >= 9000) {
                    late = Math.max(late, e);
                }
            }
        }
        return new double[] {early, late};
    }

    @Test
    void leapfrogEnergyErrorStaysBounded() {
        double[] d = drift(new Leapfrog(0.1));
        assertThat(d[0]).isLessThan(0.05);
        assertThat(d[1]).isLessThan(1.2 * d[0] + 1e-12);
    }

    @Test
    void implicitMidpointEnergyErrorStaysBounded() {
        double[] d = drift(new ImplicitMidpoint(0.1));
        assertThat(d[0]).isLessThan(0.05);
        assertThat(d[1]).isLessThan(1.2 * d[0] + 1e-12);
    }

    @Test
    void implicitMidpointConservesAQuadraticEnergyExactly() {
        Tensor x = Tensor.matrix(new double[] {1.0, 0.5});
        ImplicitMidpoint m = new ImplicitMidpoint(0.1);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            for (int k = 0; k < 10_000; k++) {
                x = m.step(IntegratorOrderTest.OSCILLATOR, 0, x, 0.1);
            }
        }
        double h = x.get(0, 0) * x.get(0, 0) + x.get(0, 1) * x.get(0, 1);
        assertThat(Math.abs(h - 1.25)).isLessThan(1e-9);
    }

    @Test
    void rk4DriftsWhereLeapfrogDoesNot() {
        // the contrast that makes the symplectic methods worth having: RK4's energy error grows with time
        Tensor x = Tensor.matrix(new double[] {2.0, 0.0});
        double h0 = energy(x);
        Rk4 rk4 = new Rk4(0.1);
        double early = 0;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            for (int k = 0; k < 10_000; k++) {
                x = rk4.step(PENDULUM, 0, x, 0.1);
                if (k == 999) {
                    early = Math.abs(energy(x) - h0);
                }
            }
        }
        assertThat(Math.abs(energy(x) - h0)).isGreaterThan(5 * early);
    }
}
