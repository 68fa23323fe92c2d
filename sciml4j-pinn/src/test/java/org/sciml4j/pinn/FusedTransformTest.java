package org.sciml4j.pinn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.sciml4j.domain.expr.Derivative;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.Module;
import org.sciml4j.tensor.Tensor;

/**
 * Output transforms on the fused path: the network's fused jet seeds a Taylor pass over the transforms alone, and the
 * fields' derivatives and the parameter gradients equal those of the generic Taylor pass over the whole graph.
 */
class FusedTransformTest {
    private static final Tensor A = Tensor.matrix(new double[] {0.1, 0.2}, new double[] {-0.7, 0.9},
            new double[] {0.3, 0.5});
    private static final Tensor B = Tensor.matrix(new double[] {0.9, 0.0});

    @Test
    void hardConstraintOfAllenCahnMatchesTheGenericPass() {
        Problem p = Problem.builder().variable("x", -1, 1).variable("t", 0, 1).fields("u")
                .transform("u", "x^2*cos(pi*x) + t*(1 - x^2)*u")
                .equation("u_t + 0.1*u*u_x - 0.0001*u_xx + 5*u^3 - 5*u").collocation(Sampler.uniform(), 9).build();
        Mlp net = Mlp.builder().sizes(2, 12, 12, 1).activation("tanh").seed(5).build();
        assertSamePaths(p, net, p.equations().get(0).derivatives(), 4);
    }

    @Test
    void twoFieldsOneTransformedSecondDerivativesAlongBothVariables() {
        Problem p = Problem.builder().variable("x", 0, 1).variable("y", 0, 1).fields("u", "q")
                .transform("u", "sin(pi*x)*y*u + exp(-x)*q")
                .equation("u_xx + u_yy - q_x").equation("q_yy + u*q").collocation(Sampler.uniform(), 9).build();
        Mlp net = Mlp.builder().sizes(2, 10, 10, 2).activation("sin").seed(6).build();
        Set<Derivative> needed = new TreeSet<>(p.equations().get(0).derivatives());
        needed.addAll(p.equations().get(1).derivatives());
        assertSamePaths(p, net, needed, 6);
    }

    @Test
    void valuesAloneGoThroughTheTransform() {
        Problem p = Problem.builder().variable("x", 0, 1).variable("y", 0, 1).fields("u")
                .transform("u", "x*(1 - x)*u + 2").equation("u - x*y").collocation(Sampler.uniform(), 9).build();
        Mlp net = Mlp.builder().sizes(2, 8, 1).activation("tanh").seed(7).build();
        assertSamePaths(p, net, p.equations().get(0).derivatives(), 1);
        Set<Derivative> needed = p.equations().get(0).derivatives();
        Tensor u = new PointEvaluator(net, p::transform, 2, List.of(B), needed, true).evaluate(Map.of()).get(0)
                .derivative(needed.iterator().next());
        double x = 0.9;
        assertThat(u.item()).isCloseTo(x * (1 - x) * net.forward(B).item() + 2, within(1e-14));
    }

    @Test
    void thirdOrderAlongOneVariableGoesThroughTheTransform() {
        Problem p = Problem.builder().variable("x", 0, 1).variable("t", 0, 1).fields("u").transform("u", "t*u")
                .equation("u_t + u*u_x + 0.0025*u_xxx").collocation(Sampler.uniform(), 9).build();
        Mlp net = Mlp.builder().sizes(2, 10, 10, 1).activation("tanh").seed(1).build();
        assertSamePaths(p, net, p.equations().get(0).derivatives(), 4);
    }

    @Test
    void fourthOrderGoesThroughTheTransform() {
        Problem p = Problem.builder().variable("x", 0, 1).variable("t", 0, 1).fields("u").transform("u", "t*u")
                .equation("u_t + u*u_x + u_xx + u_xxxx").collocation(Sampler.uniform(), 9).build();
        Mlp net = Mlp.builder().sizes(2, 8, 8, 1).activation("tanh").seed(1).build();
        assertSamePaths(p, net, p.equations().get(0).derivatives(), 5);
    }

    /** Values of every derivative at both sets and the gradient of a loss of them: fused + transform = generic. */
    private static void assertSamePaths(Problem p, Module net, Set<Derivative> needed, int count) {
        assertThat(needed).hasSize(count);
        PointEvaluator fused = new PointEvaluator(net, p::transform, 2, List.of(A, B), needed, true);
        PointEvaluator generic = new PointEvaluator(net, p::transform, 2, List.of(A, B), needed, false);
        assertThat(fused.fused()).isTrue();
        assertThat(generic.fused()).isFalse();
        double[][] values = new double[2][];
        double[][] grads = new double[2][];
        int k = 0;
        for (PointEvaluator ev : List.of(fused, generic)) {
            double[][] r = EvaluatorProbe.valuesAndGradient(ev, needed, net.parameters().trainable());
            values[k] = r[0];
            grads[k++] = r[1];
        }
        assertThat(values[0]).hasSize(4 * count);
        for (int i = 0; i < values[0].length; i++) {
            assertThat(values[0][i]).isCloseTo(values[1][i], within(1e-12 * (1 + Math.abs(values[1][i]))));
        }
        for (int i = 0; i < grads[0].length; i++) {
            assertThat(grads[0][i]).isCloseTo(grads[1][i], within(1e-11 * (1 + Math.abs(grads[1][i]))));
        }
    }
}
