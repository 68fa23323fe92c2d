package org.sciml4j.operators.fit;

import org.junit.jupiter.api.Test;
import org.sciml4j.nn.Parameters;
import org.sciml4j.operators.OperatorModel;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The objective's energy term over the training batch and the unlabelled states, checked by hand. */
class EnergyPenaltyObjectiveTest {
    private static final double L = 10;

    /** A model that scales u_t by {@code factor}: its energy change is (factor^2 - 1) K, K the kinetic part. */
    private static OperatorModel scalingVelocity(double factor) {
        Parameters p = new Parameters();
        Tensor scale = p.add("scale", Tensor.of(new double[] {factor}, 1)).requireGrad();
        return new OperatorModel() {
            @Override
            public Tensor apply(Tensor in) {
                return Tensor.concat(1, in.slice(1, 0, 1), in.slice(1, 1, 2).mul(scale));
            }

            @Override
            public Parameters parameters() {
                return p;
            }

            @Override
            public String describe() {
                return "u_t x " + factor;
            }
        };
    }

    private static double kineticOverEnergy(Tensor state, SineGordonEnergy energy) {
        double[] v = state.slice(1, 1, 2).data();
        double k = 0;
        for (double x : v) {
            k += 0.5 * x * x * L / v.length;
        }
        return k / energy.of(state).item();
    }

    @Test
    void theTermAveragesTheTrainingBatchAndTheUnlabelledBatch() {
        SineGordonEnergy energy = new SineGordonEnergy(L);
        Tensor train = Tensor.randn(new Rng(1), 3, 2, 16);
        Tensor unlabelled = Tensor.randn(new Rng(2), 5, 2, 16);
        OperatorObjective o = new OperatorObjective(scalingVelocity(2), train, train, OperatorLoss.RELATIVE_L2, 0,
                7, new EnergyPenalty(energy, 0.25), unlabelled);
        assertThat(o.termNames()).containsExactly("relative_l2", "energy");
        assertThat(o.weights()).containsExactly(1, 0.25);
        o.fullBatch();
        List<Tensor> terms = o.loss();
        double expected = 0;
        Tensor all = Tensor.concat(0, train, unlabelled);
        for (int i = 0; i < 8; i++) {
            double r = 3 * kineticOverEnergy(all.slice(0, i, i + 1), energy); // (2^2 - 1) K / E
            expected += r * r / 8;
        }
        assertThat(terms.get(1).item()).isCloseTo(expected, within(1e-12 * expected));
        // the data term sees the training rows only: || (0, v) || / || (u, v) || per row, averaged
        double data = 0;
        for (int i = 0; i < 3; i++) {
            Tensor row = train.slice(0, i, i + 1);
            data += Math.sqrt(row.slice(1, 1, 2).square().sum().item() / row.square().sum().item()) / 3;
        }
        assertThat(terms.get(0).item()).isCloseTo(data, within(1e-12));
        // weight 0: no energy term at all
        OperatorObjective none = new OperatorObjective(scalingVelocity(2), train, train, OperatorLoss.RELATIVE_L2,
                0, 7, new EnergyPenalty(energy, 0), unlabelled);
        assertThat(none.termNames()).containsExactly("relative_l2");
        assertThat(none.loss()).hasSize(1);
    }

    @Test
    void aStateWithoutEnergyIsRefused() {
        Tensor zero = Tensor.zeros(2, 2, 8);
        assertThatThrownBy(() -> new OperatorObjective(scalingVelocity(1), zero, zero, OperatorLoss.MSE, 0, 1,
                new EnergyPenalty(new SineGordonEnergy(L), 1), null))
                .hasMessageContaining("training input 0 has energy 0.0");
    }
}
