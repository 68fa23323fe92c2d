package org.sciml4j.pinn.marching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.nn.Mlp;
import org.sciml4j.pinn.Condition;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.Trainer;
import org.sciml4j.tensor.Tensor;

/** The geometric schedule of a curriculum and its stages on u_t = -k u. */
class ParameterCurriculumTest {

    @Test
    void scheduleIsGeometricAndEndsAtTheTarget() {
        double[] v = new Curriculum("nu", 0.1, 4).values(1e-4);
        assertThat(v).hasSize(4);
        assertThat(v[0]).isEqualTo(0.1);
        assertThat(v[1]).isCloseTo(1e-2, offset(1e-15));
        assertThat(v[2]).isCloseTo(1e-3, offset(1e-16));
        assertThat(v[3]).isEqualTo(1e-4);
        assertThat(new Curriculum("beta", 1, 3).values(30)).containsExactly(1, Math.sqrt(30), 30);
        assertThatThrownBy(() -> new Curriculum("nu", 0.1, 4).values(-1)).hasMessageContaining("same sign");
        assertThatThrownBy(() -> new Curriculum("nu", 0.1, 1)).hasMessageContaining(">= 2");
        assertThatThrownBy(() -> new Curriculum("nu", 0, 3)).hasMessageContaining("other than 0");
    }

    @Test
    void stagesUseEachValueAndTheLastIsTheProblemsOwn() {
        Problem p = Problem.builder().variable("t", 0, 1).fields("u").parameter("k", 4).equation("u_t = -k*u")
                .condition(Condition.at("t", 0, "u = 1").named("initial"))
                .collocation(Sampler.uniform(), 31).build();
        Mlp net = Mlp.builder().sizes(1, 10, 10, 1).activation("tanh").seed(3).build();
        List<String> log = new ArrayList<>();
        StagedSolution s = ParameterCurriculum.train(p, new Curriculum("k", 0.25, 3), net,
                Trainer.builder().adam(1e-2, 200).lbfgs(300).seed(1).build(), log::add);
        assertThat(s.stages()).hasSize(3);
        assertThat(s.stages().get(0).solution().problem().knownParameters().get("k")).isEqualTo(0.25);
        assertThat(s.stages().get(1).solution().problem().knownParameters().get("k")).isCloseTo(1, offset(1e-15));
        assertThat(s.solution().problem()).isSameAs(p);
        assertThat(s.solution().epochs()).isEqualTo(s.stages().stream().mapToInt(x -> x.solution().epochs()).sum());
        assertThat(log.get(2)).isEqualTo("curriculum stage 3 of 3: k = 4.0");
        // every stage fitted its own equation (one network, trained in place: the stages' solutions share it, so
        // their losses, not their networks, tell what each stage reached); the last fits e^{-4t}
        for (Stage stage : s.stages()) {
            assertThat((double) stage.finalLoss().get("total")).isLessThan(1e-4);
        }
        Tensor t = Tensor.of(new double[] {0, 0.5, 1}, 3, 1);
        double rel = s.solution().errors(t, Tensor.of(new double[] {1, Math.exp(-2), Math.exp(-4)}, 3, 1))
                .relative();
        assertThat(rel).isLessThan(5e-3);
    }

    @Test
    void unknownParameterIsNamed() {
        Problem p = Problem.builder().variable("t", 0, 1).fields("u").equation("u_t = -u")
                .condition(Condition.at("t", 0, "u = 1")).collocation(Sampler.uniform(), 11).build();
        assertThatThrownBy(() -> ParameterCurriculum.train(p, new Curriculum("nu", 1, 2),
                Mlp.builder().sizes(1, 4, 1).seed(0).build(), Trainer.builder().adam(1e-2, 1).build(), x -> { }))
                .hasMessageContaining("'nu' is not a known parameter");
    }
}
