package org.sciml4j.dynamics.ode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Tensor;

/** Each integrator against the exact solution of the harmonic oscillator q' = p, p' = -q: error and order. */
class IntegratorOrderTest {
    /** q' = p, p' = -q: exact (q, p)(t) = (cos t, -sin t) from (1, 0); a batch of two, the second scaled by 2. */
    static final VectorField OSCILLATOR = (t, x) -> Tensor.concat(1, x.slice(1, 1, 2), x.slice(1, 0, 1).neg());
    static final Tensor X0 = Tensor.matrix(new double[] {1, 0}, new double[] {2, 0});

    static double error(OdeSolver solver, double tEnd) {
        Tensor sol = solver.solve(OSCILLATOR, X0, new double[] {0, tEnd / 2, tEnd});
        double e = 0;
        for (int b = 0; b < 2; b++) {
            double s = b + 1;
            e = Math.max(e, Math.abs(sol.get(2, b, 0) - s * Math.cos(tEnd)));
            e = Math.max(e, Math.abs(sol.get(2, b, 1) + s * Math.sin(tEnd)));
        }
        return e;
    }

    static double order(java.util.function.DoubleFunction<OdeSolver> make, double h) {
        return Math.log(error(make.apply(h), 2) / error(make.apply(h / 2), 2)) / Math.log(2);
    }

    @Test
    void rk4IsFourthOrder() {
        assertThat(order(Rk4::new, 0.1)).isBetween(3.9, 4.1);
        assertThat(error(new Rk4(0.01), 2)).isLessThan(1e-9);
    }

    @Test
    void leapfrogIsSecondOrder() {
        assertThat(order(Leapfrog::new, 0.05)).isBetween(1.95, 2.05);
    }

    @Test
    void implicitMidpointIsSecondOrder() {
        assertThat(order(ImplicitMidpoint::new, 0.05)).isBetween(1.95, 2.05);
    }

    @Test
    void dormandPrinceMeetsItsTolerance() {
        DormandPrince loose = new DormandPrince(1e-5, 1e-8);
        DormandPrince tight = new DormandPrince(1e-10, 1e-12);
        double eLoose = error(loose, 10);
        double eTight = error(tight, 10);
        assertThat(eLoose).isLessThan(1e-3).isGreaterThan(1e-9);
        assertThat(eTight).isLessThan(1e-8);
        // fifth order: 10^5 times tighter costs about 10^(5/5) = 10 times the steps, not 10^5
        assertThat((double) tight.acceptedSteps() / loose.acceptedSteps()).isBetween(5.0, 20.0);
    }

    @Test
    void backwardIntegrationReturnsToTheStart() {
        Tensor there = new Rk4(0.01).solve(OSCILLATOR, X0, new double[] {0, 3});
        Tensor back = new DormandPrince(1e-10, 1e-12).solve(OSCILLATOR, there.slice(0, 1, 2).squeeze(0),
                new double[] {3, 0});
        assertThat(Math.abs(back.get(1, 1, 0) - 2)).isLessThan(1e-7);
    }

    @Test
    void refusesTimesThatAreNotMonotone() {
        assertThatThrownBy(() -> new Rk4(0.1).solve(OSCILLATOR, X0, new double[] {0, 1, 1}))
                .hasMessageContaining("strictly monotone");
        assertThatThrownBy(() -> new Rk4(0.1).solve(OSCILLATOR, Tensor.vector(1, 0), new double[] {0, 1}))
                .hasMessageContaining("(B, d)");
        assertThatThrownBy(() -> OdeSolver.named("euler", 0.1)).hasMessageContaining("known: rk4");
    }
}
