package org.sciml4j.dynamics.hamiltonian;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.Module;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/** The structure of the Hamiltonian fields, checked on untrained networks. */
class HamiltonianNetworkTest {
    static Module energy(int d, long seed) {
        return Mlp.builder().sizes(d, 16, 16, 1).activation("tanh").seed(seed).build();
    }

    static final Tensor X = Tensor.randn(new Rng(5), 6, 4);

    @Test
    void fieldIsJTimesTheGradientOfTheLearnedEnergy() {
        HamiltonianNetwork h = HamiltonianNetwork.conservative(energy(4, 1), 4);
        Tensor f;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            f = h.apply(0, X);
        }
        double eps = 1e-6;
        for (int b = 0; b < 6; b++) {
            for (int i = 0; i < 4; i++) {
                double[] up = X.toArray();
                double[] down = X.toArray();
                up[b * 4 + i] += eps;
                down[b * 4 + i] -= eps;
                double g = (h.hamiltonian(Tensor.of(up, 6, 4)).get(b) - h.hamiltonian(Tensor.of(down, 6, 4)).get(b))
                        / (2 * eps);
                // (dq/dt, dp/dt) = (dH/dp, -dH/dq): dH/dq_i = -f[p_i], dH/dp_i = f[q_i]
                double expected = i < 2 ? -f.get(b, i + 2) : f.get(b, i - 2);
                assertThat(g).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-7));
            }
        }
    }

    @Test
    void conservativeFieldKeepsTheLearnedEnergyAndTheDissipativeOneLowersIt() {
        HamiltonianNetwork h = HamiltonianNetwork.conservative(energy(4, 2), 4);
        HamiltonianNetwork r = HamiltonianNetwork.dissipative(energy(4, 2), 4, 3);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor g = h.energyGradient(X);
            Tensor dhdt = g.mul(h.apply(0, X)).sum(1);     // dH/dt = grad H . f
            Tensor dhdtR = g.mul(r.apply(0, X)).sum(1);
            for (int b = 0; b < 6; b++) {
                assertThat(Math.abs(dhdt.get(b))).isLessThan(1e-14);
                assertThat(dhdtR.get(b)).isLessThan(0); // -grad H^T L L^T grad H < 0 for L of full rank
            }
        }
    }

    @Test
    void parameterGradientExistsThroughTheInputGradient() {
        HamiltonianNetwork h = HamiltonianNetwork.conservative(energy(2, 4), 2);
        Tensor x = Tensor.randn(new Rng(1), 5, 2);
        Tensor loss = h.apply(0, x).square().mean();
        var grads = Autodiff.grad(loss, h.parameters(), null, false);
        double norm = 0;
        for (Tensor g : grads) {
            for (double v : g.data()) {
                norm += v * v;
            }
        }
        assertThat(norm).isGreaterThan(0);
        // finite-difference check on one weight
        Tensor w = h.parameters().get(0);
        double keep = w.data()[3];
        w.data()[3] = keep + 1e-6;
        double up = h.apply(0, x).square().mean().item();
        w.data()[3] = keep - 1e-6;
        double down = h.apply(0, x).square().mean().item();
        w.data()[3] = keep;
        assertThat(grads.get(0).data()[3]).isCloseTo((up - down) / 2e-6, org.assertj.core.data.Offset.offset(1e-7));
    }

    @Test
    void portAddsTheGainTimesTheInput() {
        HamiltonianNetwork h = HamiltonianNetwork.conservative(energy(2, 5), 2).withPort(1, t -> new double[] {t});
        h.inputGain().data()[0] = 0.5;
        h.inputGain().data()[1] = -2;
        HamiltonianNetwork plain = HamiltonianNetwork.conservative(h.energyNetwork(), 2);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor diff = h.apply(3, X.slice(1, 0, 2)).sub(plain.apply(3, X.slice(1, 0, 2)));
            assertThat(diff.get(0, 0)).isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(diff.get(4, 1)).isCloseTo(-6, org.assertj.core.data.Offset.offset(1e-12));
        }
        assertThat(h.parameters()).contains(h.inputGain());
    }
}
