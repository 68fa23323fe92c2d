package org.sciml4j.pinn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.Variable;
import org.sciml4j.domain.expr.Derivative;
import org.sciml4j.domain.expr.Evaluation;
import org.sciml4j.domain.expr.ExpressionException;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/** Each kind of condition, surrogate inputs, and the fused derivative path against the generic one. */
class ConditionTest {
    @TempDir
    Path dir;

    static Problem.Builder surrogate() {
        return Problem.builder().variable("c", 0, 1).variable("t", 0, 10).fields("u").parameter("m", 1)
                .parameter("k", 1).equation("m*u_tt + c*u_t + k*u").collocation(Sampler.grid(21, 51), 1071);
    }

    @Test
    void aConditionAtFixedTimeHoldsForEverySurrogateInput() {
        Problem p = surrogate().condition(Condition.at("t", 0, "u = 1", "u_t = -c/(2*m)").named("initial")
                .points(Sampler.uniform(), 21)).build();
        Condition.Resolved r = p.conditions().get(0).resolve(p, 0);
        assertThat(r.points().shape()).containsExactly(21, 2);
        for (int i = 0; i < 21; i++) {
            assertThat(r.points().data()[2 * i]).isCloseTo(0.05 * i, within(1e-15));
            assertThat(r.points().data()[2 * i + 1]).isZero();
        }
        assertThat(r.derivatives()).extracting(Derivative::name).containsExactly("u", "u_t");
        // residuals: lhs - rhs, with c read from the points
        Tensor u = Tensor.full(2, 21, 1);
        Tensor ut = Tensor.zeros(21, 1);
        Evaluation at = Evaluation.of(List.of(r.points().col(0), r.points().col(1)), Map.of("u", u, "u_t", ut),
                Map.of());
        assertThat(r.residual(0, at).toArray()).containsOnly(1.0);
        assertThat(r.residual(1, at).data()[20]).isCloseTo(0.5, within(1e-15));
        // loss = mean(1^2) + mean((c/2)^2) over c = 0, 0.05, ..., 1
        double expected = 1;
        for (int i = 0; i < 21; i++) {
            expected += Math.pow(0.025 * i, 2) / 21;
        }
        assertThat(r.loss(at).item()).isCloseTo(expected, within(1e-14));
        assertThat(p.collocationPoints(0).shape()).containsExactly(1071, 2);
    }

    @Test
    void aConditionAtSeveralValuesSplitsItsPointsEvenly() {
        Problem p = Problem.builder().variable("x", -1, 1).variable("t", 0, 2).fields("u").equation("u_t")
                .collocation(Sampler.uniform(), 9)
                .condition(Condition.at("x", new double[] {-1, 1}, "u = 0").named("walls").points(Sampler.uniform(), 6))
                .build();
        Tensor pts = p.conditions().get(0).resolve(p, 0).points();
        // the 6 points split evenly: 3 at each wall, the same 3 times at both
        assertThat(pts.toArray()).containsExactly(new double[] {-1, 0, -1, 1, -1, 2, 1, 0, 1, 1, 1, 2}, within(1e-15));
        // with a sequence, each wall gets the whole spread of times (not the even or the odd points of the sequence)
        Problem q = Problem.builder().variable("x", -1, 1).variable("y", 0, 1).variable("t", 0, 1).fields("u")
                .condition(Condition.at("x", new double[] {-1, 1}, "u = 0").points(Sampler.sobol(), 64)).build();
        double[] w = q.conditions().get(0).resolve(q, 0).points().data();
        for (int i = 0; i < 32; i++) {
            assertThat(w[3 * i]).isEqualTo(-1.0);
            assertThat(w[3 * (32 + i)]).isEqualTo(1.0);
            assertThat(w[3 * (32 + i) + 1]).isEqualTo(w[3 * i + 1]);
            assertThat(w[3 * (32 + i) + 2]).isEqualTo(w[3 * i + 2]);
        }
        long late = java.util.stream.IntStream.range(0, 32).filter(i -> w[3 * i + 2] >= 0.5).count();
        assertThat(late).isEqualTo(16);
        assertThatThrownBy(() -> Problem.builder().variable("x", -1, 1).variable("t", 0, 1).fields("u")
                .condition(Condition.at("x", new double[] {-1, 1}, "u = 0").named("walls").points(Sampler.sobol(), 7))
                .build()).hasMessageContaining("condition 'walls': 7 points cannot be shared evenly among 2 values");
        assertThatThrownBy(() -> Problem.builder().variable("x", -1, 1).fields("u")
                .condition(Condition.at("x", new double[] {-1, 3}, "u = 0")).build())
                .hasMessageContaining("x = 3.0 is outside its range");
    }

    @Test
    void explicitPointsAndObservedArrays() {
        Tensor pts = Tensor.matrix(new double[] {0.5}, new double[] {1.5});
        Problem p = Problem.builder().variable("t", 0, 2).fields("u")
                .condition(Condition.at(pts, "u_t = 2").named("slope"))
                .condition(Condition.data(pts, Tensor.vector(3, 4), "u")).build();
        Condition.Resolved slope = p.conditions().get(0).resolve(p, 0);
        Condition.Resolved data = p.conditions().get(1).resolve(p, 0);
        assertThat(slope.points().toArray()).containsExactly(0.5, 1.5);
        assertThat(data.name()).isEqualTo("data");
        Evaluation at = Evaluation.of(List.of(pts), Map.of("u", Tensor.vector(1, 1).reshape(2, 1),
                "u_t", Tensor.vector(2, 5).reshape(2, 1)), Map.of());
        assertThat(slope.loss(at).item()).isCloseTo((0 + 9) / 2.0, within(1e-15));
        assertThat(data.loss(at).item()).isCloseTo((4 + 9) / 2.0, within(1e-15));
        assertThat(p.collocationPoints(0).shape()).containsExactly(0, 1);
        assertThatThrownBy(() -> Condition.data(pts, Tensor.vector(1, 2, 3), "u"))
                .hasMessageContaining("shape (2, 1)").hasMessageContaining("[3, 1]");
    }

    @Test
    void observedDataFromAFileInAnyColumnOrder(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("obs.txt");
        Files.writeString(f, "u\tt\n0.25\t1\n0.5\t2\n");
        Problem p = Problem.builder().variable("t", 0, 2).fields("u")
                .condition(Condition.data(f, "u", "t").named("measured")).build();
        Condition.Resolved r = p.conditions().get(0).resolve(p, 0);
        assertThat(r.points().toArray()).containsExactly(1, 2);
        assertThat(r.observed().get(0).toArray()).containsExactly(0.25, 0.5);
        assertThat(p.conditions().get(0).toString()).contains("measured").contains("obs.txt");

        assertThatThrownBy(() -> Problem.builder().variable("t", 0, 2).fields("u")
                .condition(Condition.data(f, "t", "u", "v")).build())
                .hasMessageContaining("has 2 columns but 3 names");
        assertThatThrownBy(() -> Problem.builder().variable("t", 0, 2).fields("u")
                .condition(Condition.data(f, "u", "x")).build())
                .hasMessageContaining("no column of").hasMessageContaining("variable 't'");
        assertThatThrownBy(() -> Problem.builder().variable("t", 0, 2).fields("u")
                .condition(Condition.data(f, "w", "t")).build())
                .isInstanceOf(ExpressionException.class).hasMessageContaining("unknown symbol 'w'");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> Problem.builder().variable("t", 0, 1).fields("u")
                .condition(Condition.at("x", 0, "u = 1").named("ic")).build())
                .hasMessageContaining("condition 'ic': 'x' is not a variable");
        assertThatThrownBy(() -> Problem.builder().variable("t", 0, 1).fields("u")
                .condition(Condition.at("t", 2, "u = 1")).build())
                .hasMessageContaining("t = 2.0 is outside its range [0.0, 1.0]");
        assertThatThrownBy(() -> Problem.builder().variable("t", 0, 1).fields("u").equation("u_t")
                .collocation(Sampler.uniform(), 5).weight("initial", 2).build())
                .hasMessageContaining("unknown loss term 'initial'");
        assertThatThrownBy(() -> Problem.builder().variable("t", 0, 1).fields("u")
                .condition(Condition.at("t", 0, "u = 1")).condition(Condition.at("t", 1, "u = 2")).build())
                .hasMessageContaining("two loss terms are called 'condition'");
        assertThatThrownBy(() -> Problem.builder().variable("t", 1, 1))
                .hasMessageContaining("the range of variable 't' must be finite with lo < hi, got [1.0, 1.0]");
        assertThatThrownBy(() -> Problem.builder().variable("t", 0, 1).fields("u").equation("u_t").build())
                .hasMessageContaining("collocation");
        assertThatThrownBy(() -> Condition.at("t", 0, "u = 1 = 2"))
                .isInstanceOf(ExpressionException.class).hasMessageContaining("column 7")
                .hasMessageContaining("one '='");
        assertThatThrownBy(() -> Problem.builder().variable("t", 0, 1).fields("u").equation("u_x").build())
                .isInstanceOf(ExpressionException.class).hasMessageContaining("'x' in 'u_x' is not a variable");
    }

    @Test
    void unknownParametersAreTrainedThroughTheirTransform() {
        Variable k = Variable.positive("k", 2.0);
        Problem p = Problem.builder().variable("t", 0, 1).fields("u").unknown(k).equation("u_t + k*u")
                .collocation(Sampler.uniform(), 5).build();
        assertThat(p.vocabulary().parameter("k").orElseThrow().unknown()).isTrue();
        assertThat(p.vocabulary().parameter("k").orElseThrow().value()).isCloseTo(2.0, within(1e-12));
        assertThat(p.equations().get(0).expression().unknownParameters()).containsExactly("k");
    }

    /** The same derivatives and parameter gradients from the fused Taylor pass and from reverse mode. */
    @Test
    void fusedAndGenericPathsAgree() {
        Mlp net = Mlp.builder().sizes(2, 12, 12, 1).activation("tanh").seed(5).build();
        Tensor a = Tensor.matrix(new double[] {0.1, 0.0}, new double[] {0.7, 3.0}, new double[] {0.3, 9.5});
        Tensor b = Tensor.matrix(new double[] {0.9, 0.0});
        // the surrogate: derivatives along t only (one fused pass)
        assertSamePaths(net, List.of(a, b), surrogate().build().equations().get(0).derivatives(), 3);
        // Burgers: u_t along t, u_x and u_xx along x (one fused pass per variable)
        Problem burgers = Problem.builder().variable("t", 0, 1).variable("x", -1, 1).fields("u")
                .equation("u_t + u*u_x - 0.01*u_xx").collocation(Sampler.uniform(), 9).build();
        assertSamePaths(net, List.of(a, b), burgers.equations().get(0).derivatives(), 4);
        // two fields, second derivatives along both variables (Poisson-like systems)
        Mlp two = Mlp.builder().sizes(2, 10, 2).activation("sin").seed(6).build();
        Problem system = Problem.builder().variable("x", 0, 1).variable("y", 0, 1).fields("u", "p")
                .equation("u_xx + u_yy - p_x").equation("p_yy + p").collocation(Sampler.uniform(), 9).build();
        Set<Derivative> needed = new TreeSet<>(system.equations().get(0).derivatives());
        needed.addAll(system.equations().get(1).derivatives());
        assertSamePaths(two, List.of(a, b), needed, 5);
    }

    static void assertSamePaths(Mlp net, List<Tensor> sets, Set<Derivative> needed, int count) {
        assertThat(needed).hasSize(count);
        PointEvaluator fused = new PointEvaluator(net, 2, sets, needed, true);
        PointEvaluator generic = new PointEvaluator(net, 2, sets, needed, false);
        assertThat(fused.fused()).isTrue();
        assertThat(generic.fused()).isFalse();
        List<Tensor> params = net.parameters().trainable();
        double[][] grads = new double[2][];
        double[][] values = new double[2][];
        int k = 0;
        for (PointEvaluator ev : List.of(fused, generic)) {
            double[][] r = EvaluatorProbe.valuesAndGradient(ev, needed, params);
            values[k] = r[0];
            grads[k++] = r[1];
        }
        assertThat(values[0]).hasSize(sets.stream().mapToInt(s -> s.size(0)).sum() * count);
        for (int i = 0; i < values[0].length; i++) {
            assertThat(values[0][i]).isCloseTo(values[1][i], within(1e-12 * (1 + Math.abs(values[1][i]))));
        }
        for (int i = 0; i < grads[0].length; i++) {
            assertThat(grads[0][i]).isCloseTo(grads[1][i], within(1e-11 * (1 + Math.abs(grads[1][i]))));
        }
    }

    /**
     * KdV (u_t + u u_x + 0.0025 u_xxx) with periodic pairs of u, u_x, u_xx: the third derivative along x comes from
     * the fused jet (order 3), the same as from the generic path; so does a fourth derivative (order 4).
     */
    @Test
    void kdvTakesTheFusedPathToThirdOrder() {
        Problem kdv = Problem.builder().variable("x", -1, 1).variable("t", 0, 1).fields("u")
                .equation("u_t + u*u_x + 0.0025*u_xxx").condition(Condition.periodic("x", "u", "u_x", "u_xx")
                        .points(Sampler.uniform(), 3)).collocation(Sampler.uniform(), 9).build();
        Condition.Resolved wrap = kdv.conditions().get(0).resolve(kdv, 0);
        Set<Derivative> needed = new TreeSet<>(kdv.equations().get(0).derivatives());
        needed.addAll(wrap.derivatives());
        Tensor a = Tensor.matrix(new double[] {0.1, 0.0}, new double[] {-0.7, 0.3}, new double[] {0.3, 0.95});
        for (String activation : List.of("tanh", "sin")) {
            Mlp net = Mlp.builder().sizes(2, 20, 20, 20, 1).activation(activation).seed(5).build();
            assertSamePaths(net, List.of(a, wrap.points()), needed, 5); // u, u_t, u_x, u_xx, u_xxx
        }
        Problem fourth = Problem.builder().variable("x", 0, 1).variable("t", 0, 1).fields("u")
                .equation("u_t + u_xxxx").collocation(Sampler.uniform(), 9).build();
        for (String activation : List.of("tanh", "sin")) { // beams, plates, Kuramoto-Sivashinsky: u_xxxx fused too
            Mlp net = Mlp.builder().sizes(2, 10, 10, 1).activation(activation).seed(1).build();
            assertSamePaths(net, List.of(a, wrap.points()), fourth.equations().get(0).derivatives(), 2);
        }
    }

    /** A mixed second derivative takes the fused path (by polarisation); u_xt and u_xx against central differences. */
    @Test
    void mixedSecondDerivativesTakeTheFusedPath() {
        Mlp net = Mlp.builder().sizes(2, 8, 1).activation("tanh").seed(1).build();
        Problem p = Problem.builder().variable("t", 0, 1).variable("x", 0, 1).fields("u").equation("u_xt - u_xx")
                .collocation(Sampler.uniform(), 9).build();
        Set<Derivative> needed = new TreeSet<>(p.equations().get(0).derivatives());
        PointEvaluator ev = new PointEvaluator(net, 2, List.of(p.collocationPoints(0)), needed);
        assertThat(ev.fused()).isTrue();
        double t = 0.3;
        double x = 0.6;
        double h = 1e-4;
        Tensor x0 = Tensor.matrix(new double[] {t, x});
        Map<String, Derivative> byOrders = new java.util.HashMap<>(); // t first: u_xt is {1, 1}, u_xx {0, 2}
        needed.forEach(d -> byOrders.put(java.util.Arrays.toString(d.orders()), d));
        var at = new PointEvaluator(net, 2, List.of(x0), needed).evaluate(Map.of()).get(0);
        double uxx = (u(net, t, x + h) - 2 * u(net, t, x) + u(net, t, x - h)) / (h * h);
        double uxt = (u(net, t + h, x + h) - u(net, t + h, x - h) - u(net, t - h, x + h) + u(net, t - h, x - h))
                / (4 * h * h);
        assertThat(at.derivative(byOrders.get("[0, 2]")).item()).isCloseTo(uxx, within(1e-6));
        assertThat(at.derivative(byOrders.get("[1, 1]")).item()).isCloseTo(uxt, within(1e-6));
        Problem fourth = Problem.builder().variable("t", 0, 1).variable("x", 0, 1).fields("u").equation("u_xxxt")
                .collocation(Sampler.uniform(), 9).build();
        assertThat(new PointEvaluator(net, 2, List.of(x0), fourth.equations().get(0).derivatives()).fused())
                .as("u_xxxt").isFalse();
    }

    private static double u(Mlp net, double t, double x) {
        return PointEvaluator.predict(net, Tensor.matrix(new double[] {t, x})).item();
    }
}
