package org.sciml4j.pinn.marching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.sciml4j.domain.expr.Evaluation;
import org.sciml4j.domain.geometry.Interval;
import org.sciml4j.domain.geometry.SpaceTime;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.pinn.Condition;
import org.sciml4j.pinn.Problem;
import org.sciml4j.tensor.Tensor;

/** What a copy changes and what it keeps. */
class ProblemCopyTest {

    @Test
    void aChangedParameterReachesTheEquations() {
        Problem p = Problem.builder().variable("t", 0, 1).fields("u").parameter("k", 2).equation("u = k")
                .condition(Condition.at("t", 0, "u = 1").named("initial")).weight("initial", 7)
                .collocation(Sampler.uniform(), 5).build();
        Problem c = ProblemCopy.of(p).parameter("k", 0.5).build();
        Tensor t = Tensor.of(new double[] {0.5}, 1, 1);
        Evaluation zero = Evaluation.of(List.of(t), Map.of("u", Tensor.zeros(1, 1)), Map.of());
        // residual u - k at u = 0
        assertThat(p.equations().get(0).atPoints(t).residual(0, zero).item()).isEqualTo(-2);
        assertThat(c.equations().get(0).atPoints(t).residual(0, zero).item()).isEqualTo(-0.5);
        assertThat(c.weight("initial")).isEqualTo(7);
        assertThat(c.collocationPoints(0).size(0)).isEqualTo(5);
        assertThatThrownBy(() -> ProblemCopy.of(p).parameter("nu", 1)).hasMessageContaining("not a known parameter");
    }

    @Test
    void aSpaceTimeDomainTakesANewTimeRangeOnly() {
        Problem p = Problem.builder().domain(SpaceTime.timeLast(new Interval(0, 1), 0, 2), "x", "t").fields("u")
                .equation("u_t = u_xx")
                .condition(Condition.at("x", 0, "u = 0").named("wall").points(Sampler.halton(), 20))
                .transform("u", "x*u").collocation(Sampler.halton(), 50).build();
        Problem w = ProblemCopy.of(p).range("t", 1, 1.5).build();
        assertThat(w.domain().orElseThrow()).isInstanceOf(SpaceTime.class);
        assertThat(((SpaceTime) w.domain().orElseThrow()).t0()).isEqualTo(1);
        Tensor pts = w.collocationPoints(0);
        for (int i = 0; i < pts.size(0); i++) {
            assertThat(pts.get(i, 1)).isBetween(1.0, 1.5);
        }
        assertThat(w.transforms()).containsKey("u");
        assertThat(ProblemCopy.of(p).withoutTransforms().build().transforms()).isEmpty();
        assertThatThrownBy(() -> ProblemCopy.of(p).range("x", 0, 0.5).build())
                .hasMessageContaining("only the time of a space-time domain");
    }

    @Test
    void explicitCollocationPointsAreMappedIntoTheNewRange() {
        Problem p = Problem.builder().variable("x", 0, 1).variable("t", 0, 1).fields("u").equation("u_t = u_xx")
                .condition(Condition.at("x", 0, "u = 0").named("wall"))
                .collocation(Tensor.of(new double[] {0.5, 0, 0.5, 0.5, 0.5, 1}, 3, 2)).build();
        Tensor pts = ProblemCopy.of(p).range("t", 2, 4).build().collocationPoints(0);
        assertThat(pts.toArray()).containsExactly(0.5, 2, 0.5, 3, 0.5, 4);
    }
}
