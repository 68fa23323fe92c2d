package org.sciml4j.domain.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

class BindingTest {
    static final Vocabulary BURGERS = Vocabulary.builder().variables("t", "x").fields("u").build();
    static final Vocabulary OSCILLATOR = Vocabulary.builder().variables("t").fields("u")
            .knownParameter("m", 1.0).unknownParameter("c").knownParameter("k", 4.0).build();
    static final Vocabulary LORENZ = Vocabulary.builder().variables("t").fields("x", "y", "z")
            .knownParameter("sigma", 10).knownParameter("rho", 28).knownParameter("beta", 8.0 / 3).build();

    private static List<String> names(BoundExpression b) {
        return b.derivatives().stream().map(Derivative::name).toList();
    }

    @Test
    void burgersDerivatives() {
        BoundExpression b = Expression.parse("u_t + u*u_x - (0.01/pi)*u_xx").bind(BURGERS);
        assertThat(names(b)).containsExactly("u", "u_t", "u_x", "u_xx");
        assertThat(b.derivatives().get(0).orders()).containsExactly(0, 0);
        assertThat(b.derivatives().get(0).isValue()).isTrue();
        assertThat(b.derivatives().get(1).orders()).containsExactly(1, 0);
        assertThat(b.derivatives().get(2).orders()).containsExactly(0, 1);
        assertThat(b.derivatives().get(3).orders()).containsExactly(0, 2);
        assertThat(b.derivatives().get(3).order()).isEqualTo(2);
        assertThat(b.derivatives().get(3).fieldIndex()).isZero();
        assertThat(b.parameters()).isEmpty();
        assertThat(b.variables()).isEmpty();

        Tensor u = Tensor.vector(1, 2).reshape(2, 1);
        Tensor ut = Tensor.vector(0.5, -1).reshape(2, 1);
        Tensor ux = Tensor.vector(3, 4).reshape(2, 1);
        Tensor uxx = Tensor.vector(10, 20).reshape(2, 1);
        Tensor r = b.evaluate(Evaluation.of(List.of(), Map.of("u", u, "u_t", ut, "u_x", ux, "u_xx", uxx), Map.of()));
        double nu = 0.01 / Math.PI;
        assertThat(r.toArray()).containsExactly(new double[] {0.5 + 3 - nu * 10, -1 + 8 - nu * 20}, within(1e-14));
    }

    @Test
    void oscillatorDerivativesParametersAndGradient() {
        BoundExpression b = Expression.parse("m*u_tt + c*u_t + k*u").bind(OSCILLATOR);
        assertThat(names(b)).containsExactly("u", "u_t", "u_tt");
        assertThat(b.derivatives().get(2).orders()).containsExactly(2);
        assertThat(b.parameters()).containsExactly("c", "k", "m");
        assertThat(b.unknownParameters()).containsExactly("c");

        Tensor u = Tensor.vector(1, -2, 0.5).reshape(3, 1).requireGrad();
        Tensor ut = Tensor.vector(2, 3, -1).reshape(3, 1);
        Tensor utt = Tensor.vector(-1, 0, 4).reshape(3, 1);
        Tensor c = Tensor.scalar(0.3).requireGrad();
        Tensor r = b.evaluate(Evaluation.of(List.of(Tensor.zeros(3, 1)),
                Map.of("u", u, "u_t", ut, "u_tt", utt), Map.of("c", c)));
        assertThat(r.toArray()).containsExactly(new double[] {-1 + 0.6 + 4, 0.9 - 8, 4 - 0.3 + 2}, within(1e-14));
        // loss = sum r^2: d/dc = sum 2 r u_t, d/du = 2 r k
        Tensor loss = r.square().sum();
        Tensor[] g = Autodiff.grad(loss, c, u);
        double[] rv = r.toArray();
        assertThat(g[0].item()).isCloseTo(2 * (rv[0] * 2 + rv[1] * 3 + rv[2] * -1), within(1e-12));
        assertThat(g[1].toArray()).containsExactly(new double[] {8 * rv[0], 8 * rv[1], 8 * rv[2]}, within(1e-12));
    }

    @Test
    void lorenzFieldsOverTime() {
        BoundExpression dx = Expression.parse("x_t - sigma*(y - x)").bind(LORENZ);
        BoundExpression dy = Expression.parse("y_t - x*(rho - z) + y").bind(LORENZ);
        BoundExpression dz = Expression.parse("z_t - x*y + beta*z").bind(LORENZ);
        assertThat(names(dx)).containsExactly("x", "x_t", "y");
        assertThat(names(dy)).containsExactly("x", "y", "y_t", "z");
        assertThat(names(dz)).containsExactly("x", "y", "z", "z_t");
        assertThat(dz.derivatives().get(3).fieldIndex()).isEqualTo(2);
        assertThat(dz.derivatives().get(3).field()).isEqualTo("z");
        assertThat(dx.variables()).isEmpty();

        Map<String, Tensor> v = Map.of("x", Tensor.scalar(1), "y", Tensor.scalar(2), "z", Tensor.scalar(3),
                "x_t", Tensor.scalar(10), "y_t", Tensor.scalar(25), "z_t", Tensor.scalar(-6));
        Evaluation env = Evaluation.of(List.of(Tensor.scalar(0)), v, Map.of());
        assertThat(dx.evaluate(env).item()).isCloseTo(10 - 10 * (2 - 1), within(1e-14));
        assertThat(dy.evaluate(env).item()).isCloseTo(25 - 1 * (28 - 3) + 2, within(1e-14));
        assertThat(dz.evaluate(env).item()).isCloseTo(-6 - 2 + 8.0, within(1e-14));
    }

    @Test
    void poissonResidualVanishesOnTheExactSolution() {
        Vocabulary v = Vocabulary.builder().variables("x", "y").fields("u").build();
        BoundExpression b = Expression.parse("u_xx + u_yy + 2*pi^2*sin(pi*x)*sin(pi*y)").bind(v);
        assertThat(names(b)).containsExactly("u_xx", "u_yy");
        assertThat(b.variables()).containsExactly("x", "y");
        Tensor x = Tensor.vector(0.1, 0.4, 0.7).reshape(3, 1);
        Tensor y = Tensor.vector(0.9, 0.2, 0.5).reshape(3, 1);
        Tensor lap = x.mul(Math.PI).sin().mul(y.mul(Math.PI).sin()).mul(-Math.PI * Math.PI);
        Tensor r = b.evaluate(Evaluation.of(List.of(x, y), Map.of("u_xx", lap, "u_yy", lap), Map.of()));
        assertThat(r.toArray()).containsExactly(new double[] {0, 0, 0}, within(1e-12));
    }

    @Test
    void mixedDerivativesShareOneCanonicalName() {
        Vocabulary v = Vocabulary.builder().variables("x", "y").fields("u", "v").build();
        BoundExpression b = Expression.parse("u_yx - u_xy + v_xxyy + v_y + v_x").bind(v);
        assertThat(names(b)).containsExactly("u_xy", "v_x", "v_y", "v_xxyy");
        assertThat(b.derivatives().get(0).orders()).containsExactly(1, 1);
        assertThat(b.derivatives().get(3).orders()).containsExactly(2, 2);
        assertThat(b.derivatives().get(3).fieldIndex()).isEqualTo(1);
    }

    @Test
    void fieldNamesMayContainUnderscores() {
        Vocabulary v = Vocabulary.builder().variables("x").fields("u_1").build();
        assertThat(names(Expression.parse("u_1_xx + u_1").bind(v))).containsExactly("u_1", "u_1_xx");
    }

    @Test
    void eachSymbolIsRequestedOncePerEvaluation() {
        BoundExpression b = Expression.parse("u*u_x + u_x*u + c*c + x*x").bind(
                Vocabulary.builder().variables("x").fields("u").unknownParameter("c").build());
        List<String> calls = new ArrayList<>();
        Map<String, Tensor> values = new HashMap<>(Map.of("u", Tensor.scalar(2), "u_x", Tensor.scalar(3)));
        Tensor r = b.evaluate(new Evaluation() {
            @Override
            public Tensor variable(int index) {
                calls.add("x" + index);
                return Tensor.scalar(5);
            }

            @Override
            public Tensor derivative(Derivative d) {
                calls.add(d.name());
                return values.get(d.name());
            }

            @Override
            public Tensor parameter(String name) {
                calls.add(name);
                return Tensor.scalar(7);
            }
        });
        assertThat(r.item()).isEqualTo(12 + 49 + 25);
        assertThat(calls).containsExactlyInAnyOrder("u", "u_x", "c", "x0");
    }

    @Test
    void vocabularyRejectsClashes() {
        assertThatThrownBy(() -> Vocabulary.builder().variables("t").fields("t"))
                .hasMessage("symbol 't' is declared twice");
        assertThatThrownBy(() -> Vocabulary.builder().knownParameter("sin", 1))
                .hasMessage("'sin' is a function name and cannot be a symbol");
        assertThatThrownBy(() -> Vocabulary.builder().fields("2u")).hasMessageStartingWith("invalid symbol name '2u'");
        assertThat(OSCILLATOR.toString()).isEqualTo("variables t; fields u; parameters m, c, k; constants pi, e");
    }
}
