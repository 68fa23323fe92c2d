package org.sciml4j.pinn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BinaryOperator;

import org.junit.jupiter.api.Test;
import org.sciml4j.domain.expr.Derivative;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.ModifiedMlp;
import org.sciml4j.nn.Module;
import org.sciml4j.nn.jet.MlpJet;
import org.sciml4j.nn.jet.TaylorJet;
import org.sciml4j.tensor.Tensor;

/**
 * Mixed derivatives on the fused path: u_xy by polarisation of the jet's second derivatives along x, y and x + y,
 * u_xxy, u_xyy and the biharmonic's u_xxyy from third and fourth derivatives along x, y and x +- y, equal the generic
 * Taylor pass's (values and parameter gradients), for plain, Fourier-feature and modified networks, with and without
 * output transforms, in two and three variables.
 */
class FusedMixedDerivativeTest {
    private static final Tensor A = Tensor.matrix(new double[] {0.1, 0.2}, new double[] {-0.7, 0.9},
            new double[] {0.3, 0.5}, new double[] {0.8, -0.4});
    private static final Tensor B = Tensor.matrix(new double[] {0.9, 0.0}, new double[] {-0.2, -0.6});

    /** Plane-stress elasticity (Navier-Cauchy), two fields: u_xx, u_yy, u_xy, v_xx, v_yy, v_xy. */
    private static Problem elasticity(String transform) {
        Problem.Builder b = Problem.builder().variable("x", 0, 1).variable("y", 0, 1).fields("u", "v")
                .equation("u_xx + 0.5*(1 - 0.3)*u_yy + 0.5*(1 + 0.3)*v_xy")
                .equation("v_yy + 0.5*(1 - 0.3)*v_xx + 0.5*(1 + 0.3)*u_xy")
                .collocation(Sampler.uniform(), 9);
        if (transform != null) {
            b.transform("u", transform);
        }
        return b.build();
    }

    private static Set<Derivative> needed(Problem p) {
        Set<Derivative> needed = new TreeSet<>();
        p.equations().forEach(e -> needed.addAll(e.derivatives()));
        return needed;
    }

    @Test
    void elasticityOnAPlainTanhNetwork() {
        Problem p = elasticity(null);
        Mlp net = Mlp.builder().sizes(2, 12, 12, 2).activation("tanh").seed(3).build();
        assertSamePaths(p, net, needed(p), null, 6);
    }

    @Test
    void elasticityOnASinNetworkWithAHardConstraint() {
        Problem p = elasticity("x*(1 - x)*u + y");
        Mlp net = Mlp.builder().sizes(2, 10, 10, 2).activation("sin").seed(4).build();
        assertSamePaths(p, net, needed(p), p::transform, 6);
    }

    @Test
    void aMixedDerivativeAloneBehindFourierFeatures() {
        Problem p = Problem.builder().variable("x", 0, 1).variable("y", 0, 1).fields("u").equation("u_xy - u")
                .collocation(Sampler.uniform(), 9).build();
        Mlp net = Mlp.builder().sizes(2, 10, 1).activation("tanh").fourierFeatures(6, 1.5).seed(5).build();
        assertSamePaths(p, net, needed(p), null, 2);
    }

    @Test
    void aModifiedMlpWithFirstAndMixedDerivatives() {
        Problem p = Problem.builder().variable("x", 0, 1).variable("y", 0, 1).fields("u")
                .equation("u_x*u_y + u_xy + u_yy").collocation(Sampler.uniform(), 9).build();
        ModifiedMlp net = ModifiedMlp.builder().sizes(2, 8, 8, 1).activation("tanh").seed(6).build();
        assertSamePaths(p, net, needed(p), null, 4);
    }

    @Test
    void threeVariablesTwoMixedPairs() {
        Problem p = Problem.builder().variable("x", 0, 1).variable("y", 0, 1).variable("t", 0, 1).fields("u")
                .equation("u_t - u_xy - 2*u_yt").collocation(Sampler.uniform(), 9).build();
        Mlp net = Mlp.builder().sizes(3, 10, 10, 1).activation("tanh").seed(7).build();
        Tensor a = Tensor.matrix(new double[] {0.1, 0.2, 0.3}, new double[] {-0.5, 0.4, 0.9});
        Tensor b = Tensor.matrix(new double[] {0.7, -0.1, 0.2});
        assertSamePaths(p, net, needed(p), null, 3, List.of(a, b));
    }

    /** The Kirchhoff plate's biharmonic, u_xxxx + 2 u_xxyy + u_yyyy: u_xxyy from the fourth derivatives along x +- y. */
    @Test
    void theBiharmonicOfAPlate() {
        Problem p = Problem.builder().variable("x", 0, 1).variable("y", 0, 1).fields("u")
                .equation("u_xxxx + 2*u_xxyy + u_yyyy - 1").collocation(Sampler.uniform(), 9).build();
        for (String activation : List.of("tanh", "sin")) {
            Mlp net = Mlp.builder().sizes(2, 10, 10, 1).activation(activation).seed(8).build();
            assertSamePaths(p, net, needed(p), null, 3);
        }
    }

    /** Zakharov-Kuznetsov, u_t + u u_x + u_xxx + u_xyy, with a hard constraint: u_xyy and u_xxy from D^3 along x +- y. */
    @Test
    void mixedThirdDerivativesThroughATransform() {
        Problem p = Problem.builder().variable("x", 0, 1).variable("y", 0, 1).fields("u").transform("u", "x*y*u + 1")
                .equation("u*u_x + u_xxx + u_xyy + 0.5*u_xxy").collocation(Sampler.uniform(), 9).build();
        Mlp net = Mlp.builder().sizes(2, 10, 10, 1).activation("tanh").seed(9).build();
        assertSamePaths(p, net, needed(p), p::transform, 5);
    }

    @Test
    void mixedDerivativesBeyondThePolarisationsKeepTheGenericPath() {
        Mlp net = Mlp.builder().sizes(2, 8, 1).activation("tanh").seed(1).build();
        for (String equation : List.of("u_xxxy + u", "u_xxxyy")) {
            Problem p = Problem.builder().variable("x", 0, 1).variable("y", 0, 1).fields("u").equation(equation)
                    .collocation(Sampler.uniform(), 9).build();
            assertThat(new PointEvaluator(net, 2, List.of(A), needed(p)).fused()).as(equation).isFalse();
        }
    }

    @Test
    void sumDirectionsAreCheckedWithClearMessages() {
        assertThatThrownBy(() -> TaylorJet.sum(1, 1)).hasMessageContaining("0 <= a < b");
        assertThat(TaylorJet.columns(TaylorJet.sum(0, 2))).containsExactly(0, 2);
        assertThat(TaylorJet.columns(1)).containsExactly(1);
        Mlp net = Mlp.builder().sizes(2, 4, 1).activation("tanh").seed(1).build();
        assertThatThrownBy(() -> MlpJet.multi(net, A, new int[] {TaylorJet.sum(0, 2)}, new int[] {2}))
                .hasMessageContaining("variable 0+2 is not an input column (0..1)");
        assertThatThrownBy(() -> MlpJet.multi(net, A, new int[] {TaylorJet.sum(0, 1), TaylorJet.sum(0, 1)},
                new int[] {1, 1})).hasMessageContaining("variable 0+1 given twice");
        assertThatThrownBy(() -> MlpJet.multi(net, A, new int[] {TaylorJet.difference(0, 1),
                TaylorJet.difference(0, 1)}, new int[] {1, 1})).hasMessageContaining("variable 0-1 given twice");
        assertThat(TaylorJet.columns(TaylorJet.difference(1, 3))).containsExactly(1, 3);
        assertThat(TaylorJet.weights(TaylorJet.difference(1, 3))).containsExactly(1, -1);
        assertThat(TaylorJet.weights(TaylorJet.sum(1, 3))).containsExactly(1, 1);
    }

    private static void assertSamePaths(Problem p, Module net, Set<Derivative> needed,
                                        BinaryOperator<Tensor> transform, int count) {
        assertSamePaths(p, net, needed, transform, count, List.of(A, B));
    }

    private static void assertSamePaths(Problem p, Module net, Set<Derivative> needed, int count, List<Tensor> sets) {
        assertSamePaths(p, net, needed, null, count, sets);
    }

    /** Values of every derivative at every set and the gradient of a loss of them: fused = generic. */
    private static void assertSamePaths(Problem p, Module net, Set<Derivative> needed,
                                        BinaryOperator<Tensor> transform, int count, List<Tensor> sets) {
        assertThat(needed).hasSize(count);
        int vars = sets.get(0).size(1);
        PointEvaluator fused = new PointEvaluator(net, transform, vars, sets, needed, true);
        PointEvaluator generic = new PointEvaluator(net, transform, vars, sets, needed, false);
        assertThat(fused.fused()).isTrue();
        assertThat(generic.fused()).isFalse();
        double[][] f = EvaluatorProbe.valuesAndGradient(fused, needed, net.parameters().trainable());
        double[][] g = EvaluatorProbe.valuesAndGradient(generic, needed, net.parameters().trainable());
        int points = sets.stream().mapToInt(s -> s.size(0)).sum();
        assertThat(f[0]).hasSize(points * count);
        for (int i = 0; i < f[0].length; i++) {
            assertThat(f[0][i]).isCloseTo(g[0][i], within(1e-12 * (1 + Math.abs(g[0][i]))));
        }
        assertThat(f[1]).hasSameSizeAs(g[1]);
        for (int i = 0; i < f[1].length; i++) {
            assertThat(f[1][i]).isCloseTo(g[1][i], within(1e-11 * (1 + Math.abs(g[1][i]))));
        }
    }
}
