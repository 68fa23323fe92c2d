package org.sciml4j.dynamics.hamiltonian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sciml4j.dynamics.data.DynamicalSystem;
import org.sciml4j.dynamics.data.Systems;
import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.data.TrajectoryGenerator;
import org.sciml4j.dynamics.ode.Rk4;
import org.sciml4j.dynamics.ode.VectorField;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Trainer;

/** The validation-based choice of the training step: the kept parameters are those of the best validation. */
class ValidationCheckpointTest {
    @Test
    void rolloutMseOfTheZeroFieldIsTheSpreadAroundTheFirstState() {
        DynamicalSystem spring = Systems.named("mass_spring");
        TrajectoryData d = new TrajectoryGenerator(spring).trajectories(2).noise(0).rate(5).seed(2).generate();
        VectorField zero = (t, x) -> Tensor.of(new double[x.numel()], x.size(0), x.size(1));
        double expected = 0;
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < d.times(); i++) {
                for (int j = 0; j < 2; j++) {
                    double e = d.x().get(k, i, j) - d.x().get(k, 0, j);
                    expected += e * e;
                }
            }
        }
        expected /= 2.0 * d.times() * 2;
        assertThat(ValidationCheckpoint.rolloutMse(zero, new Rk4(0.1), d)).isCloseTo(expected, offset(1e-14));
    }

    @Test
    void restoresTheParametersOfTheBestValidation() {
        DynamicalSystem pendulum = Systems.named("pendulum");
        TrajectoryData all = new TrajectoryGenerator(pendulum).trajectories(6).noise(0.1).rate(5).seed(4).generate();
        TrajectoryData train = all.subset(0, 4);
        TrajectoryData validation = all.subset(4, 6);
        HamiltonianNetwork hnn = HamiltonianNetwork.conservative(TinyTrainingTest.mlp(2, 1, 6), 2);
        ValidationCheckpoint check = new ValidationCheckpoint(hnn.parameters(), () -> hnn, new Rk4(0.1),
                validation, 5);
        // a large learning rate so the validation error moves about and the last epoch need not be the best
        Trainer.builder().adam(5e-2, 60).listener(check).build().train(new TrajectoryObjective(hnn, new Rk4(0.1),
                TrajectoryObjective.Gradient.DIRECT, train, 1, 16, 7));
        double last = ValidationCheckpoint.rolloutMse(hnn, new Rk4(0.1), validation);
        assertThat(check.bestEpoch() % 5).isZero();
        assertThat(check.bestError()).isLessThanOrEqualTo(last);
        check.restoreBest();
        assertThat(ValidationCheckpoint.rolloutMse(hnn, new Rk4(0.1), validation)).isEqualTo(check.bestError());
        System.out.printf("validation: kept epoch %d (%.3e), last %.3e%n", check.bestEpoch(), check.bestError(), last);
        assertThatThrownBy(() -> new ValidationCheckpoint(List.of(), () -> hnn, new Rk4(0.1), validation, 0))
                .hasMessageContaining(">= 1 epoch");
    }
}
