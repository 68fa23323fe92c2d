package org.sciml4j.dynamics.hamiltonian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;
import org.sciml4j.dynamics.data.DynamicalSystem;
import org.sciml4j.dynamics.data.Systems;
import org.sciml4j.dynamics.ode.VectorField;
import org.sciml4j.tensor.Tensor;

/** Greydanus's notebook evaluation: horizons growing by c = 1 + 0.9 noise, the model read at c t. */
class RolloutsTest {
    /** The exact mass-spring field (2p, -2q) on (B, 2). */
    private static final VectorField EXACT_SPRING = (t, x) -> {
        double[] v = x.data();
        double[] f = new double[v.length];
        for (int i = 0; i < v.length; i += 2) {
            f[i] = 2 * v[i + 1];
            f[i + 1] = -2 * v[i];
        }
        return Tensor.of(f, v.length / 2, 2);
    };

    @Test
    void notebookProtocolGrowsTheHorizonAndRescalesTheModelsTime() {
        DynamicalSystem spring = Systems.named("mass_spring");
        double c = 1 + 0.9 * 0.1;
        Rollouts r = Rollouts.greydanusNotebook(spring, EXACT_SPRING, 3, 20, 50, 0.1, 5);
        for (int k = 0; k < 3; k++) {
            double horizon = 20 * Math.pow(c, k + 1);
            double[] x0 = r.truth()[k][0];
            // the x0 of the notebook's draw: |q|, |p| in [0.2, 1.0]
            assertThat(Math.abs(x0[0])).isBetween(0.2, 1.0);
            assertThat(Math.abs(x0[1])).isBetween(0.2, 1.0);
            double[] end = r.truth()[k][49];
            // closed form q(t) = q0 cos 2t + p0 sin 2t at the truth's last time, c^(k+1) 20
            assertThat(end[0]).isCloseTo(x0[0] * Math.cos(2 * horizon) + x0[1] * Math.sin(2 * horizon),
                    offset(1e-8));
            double[] model = r.model()[k][49];
            // the exact field read at c times the truth's time (DOPRI5 at 1e-7)
            double tm = c * horizon;
            assertThat(model[0]).isCloseTo(x0[0] * Math.cos(2 * tm) + x0[1] * Math.sin(2 * tm), offset(1e-4));
        }
        assertThat(r.t()[49]).isCloseTo(20 * c, offset(1e-12));
        // the exact field conserves |x|^2: the notebook's energy MSE is ~0 though the phase is off
        assertThat(r.greydanusEnergyMse()).isLessThan(1e-8);
        assertThat(r.trajectoryMse()).isGreaterThan(1e-2);
    }
}
