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

/** Time-marching on u_t = -u, u(0) = 1 (exact e^-t), and on the heat equation; the window copies themselves. */
class TimeMarchingTest {

    private static Problem decay(double t1) {
        return Problem.builder().variable("t", 0, t1).fields("u").equation("u_t = -u")
                .condition(Condition.at("t", 0, "u = 1").named("initial"))
                .collocation(Sampler.uniform(), 41).build();
    }

    @Test
    void windowsHandTheirEndValueOnAndTheWholeIsPiecewise() {
        Problem p = decay(3);
        List<String> log = new ArrayList<>();
        Trainer trainer = Trainer.builder().adam(1e-2, 300).lbfgs(300).seed(1).build();
        StagedSolution s = TimeMarching.train(p, new TimeWindows("t", 3),
                seed -> Mlp.builder().sizes(1, 10, 10, 1).activation("tanh").seed(seed).build(), 4, trainer, log::add);
        assertThat(s.stages()).hasSize(3);
        assertThat(log).containsExactly("window 1 of 3: t in [0.0, 1.0]", "window 2 of 3: t in [1.0, 2.0]",
                "window 3 of 3: t in [2.0, 3.0]");
        // window 2 trained on [1, 2] from window 1's value at t = 1 (about e^-1), under the same term name
        Problem second = s.stages().get(1).solution().problem();
        assertThat(second.variables().get(0).lo()).isEqualTo(1.0);
        assertThat(second.termNames()).containsExactly("equation", "initial");
        Condition.Resolved ic = second.conditions().get(0).resolve(second, 0);
        assertThat(ic.points().get(0, 0)).isEqualTo(1.0);
        assertThat(ic.observed().get(0).get(0, 0)).isCloseTo(Math.exp(-1), offset(1e-3));
        // the piecewise whole against e^-t over [0, 3], points in every window
        double[] t = new double[61];
        double[] exact = new double[61];
        for (int i = 0; i < t.length; i++) {
            t[i] = 3.0 * i / 60;
            exact[i] = Math.exp(-t[i]);
        }
        double rel = s.solution().errors(Tensor.of(t, 61, 1), Tensor.of(exact, 61, 1)).relative();
        assertThat(rel).isLessThan(2e-3);
        assertThat(s.solution().epochs()).isEqualTo(s.stages().stream().mapToInt(x -> x.solution().epochs()).sum());
        assertThat(s.summaries().get(2)).containsKeys("stage", "range", "epochs", "final_loss");
    }

    @Test
    void laterWindowsStartFromTheLastWeights() {
        Problem p = decay(2);
        // one Adam step too small to change a weight: window 2's network must equal window 1's
        Trainer none = Trainer.builder().adam(1e-300, 1).build();
        StagedSolution s = TimeMarching.train(p, new TimeWindows("t", 2),
                seed -> Mlp.builder().sizes(1, 6, 1).activation("tanh").seed(seed).build(), 2, none, x -> { });
        Tensor a = s.stages().get(0).solution().network().forward(Tensor.of(new double[] {0.3, 1.7}, 2, 1));
        Tensor b = s.stages().get(1).solution().network().forward(Tensor.of(new double[] {0.3, 1.7}, 2, 1));
        assertThat(b.toArray()).containsExactly(a.toArray());
    }

    @Test
    void heatEquationMarchesWithBoundaryConditionsResampledPerWindow() {
        // u_t = 0.1 u_xx on [0, 1] x [0, 1], u = 0 at the walls, u0 = sin(pi x): u = exp(-0.1 pi^2 t) sin(pi x)
        Problem p = Problem.builder().variable("x", 0, 1).variable("t", 0, 1).fields("u")
                .parameter("k", 0.1).equation("u_t = k*u_xx")
                .condition(Condition.at("t", 0, "u = sin(pi*x)").named("initial").points(Sampler.uniform(), 21))
                .condition(Condition.at("x", new double[] {0, 1}, "u = 0").named("walls").points(Sampler.uniform(), 40))
                .transform("u", "u").collocation(Sampler.halton(), 300).build();
        Trainer trainer = Trainer.builder().adam(5e-3, 400).lbfgs(500).seed(2).build();
        StagedSolution s = TimeMarching.train(p, new TimeWindows("t", 2),
                seed -> Mlp.builder().sizes(2, 16, 16, 1).activation("tanh").seed(seed).build(), 3, trainer, x -> { });
        Problem second = s.stages().get(1).solution().problem();
        Condition.Resolved walls = second.conditions().get(1).resolve(second, 0);
        for (int i = 0; i < walls.points().size(0); i++) {
            assertThat(walls.points().get(i, 1)).isBetween(0.5, 1.0);
        }
        int n = 21 * 21;
        double[] pts = new double[2 * n];
        double[] exact = new double[n];
        for (int i = 0; i < n; i++) {
            double x = (i % 21) / 20.0;
            double t = (i / 21) / 20.0;
            pts[2 * i] = x;
            pts[2 * i + 1] = t;
            exact[i] = Math.exp(-0.1 * Math.PI * Math.PI * t) * Math.sin(Math.PI * x);
        }
        assertThat(s.solution().errors(Tensor.of(pts, n, 2), Tensor.of(exact, n, 1)).relative()).isLessThan(2e-2);
    }

    @Test
    void problemsWithoutAValueInitialConditionAreRefused() {
        Problem noInitial = Problem.builder().variable("t", 0, 1).fields("u").equation("u_t = -u")
                .condition(Condition.at("t", 1, "u = 1").named("final")).collocation(Sampler.uniform(), 11).build();
        Trainer t = Trainer.builder().adam(1e-2, 1).build();
        assertThatThrownBy(() -> TimeMarching.train(noInitial, new TimeWindows("t", 2),
                seed -> Mlp.builder().sizes(1, 4, 1).seed(seed).build(), 0, t, x -> { }))
                .hasMessageContaining("needs an initial condition");
        Problem wave = Problem.builder().variable("t", 0, 1).fields("u").equation("u_tt = -u")
                .condition(Condition.at("t", 0, "u = 1", "u_t = 0").named("initial"))
                .collocation(Sampler.uniform(), 11).build();
        assertThatThrownBy(() -> TimeMarching.train(wave, new TimeWindows("t", 2),
                seed -> Mlp.builder().sizes(1, 4, 1).seed(seed).build(), 0, t, x -> { }))
                .hasMessageContaining("requires u_t");
        assertThatThrownBy(() -> TimeMarching.train(wave, new TimeWindows("s", 2),
                seed -> Mlp.builder().sizes(1, 4, 1).seed(seed).build(), 0, t, x -> { }))
                .hasMessageContaining("'s' is not a variable");
        assertThatThrownBy(() -> new TimeWindows("t", 0)).hasMessageContaining(">= 1");
    }

    @Test
    void windowBoundsEndExactly() {
        assertThat(new TimeWindows("t", 3).bounds(0, 1)).containsExactly(0, 1.0 / 3, 2.0 / 3, 1);
    }
}
