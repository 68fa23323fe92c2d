package org.sciml4j.pinn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.sciml4j.domain.expr.Derivative;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.nn.Module;
import org.sciml4j.nn.ModifiedMlp;
import org.sciml4j.nn.Mlp;
import org.sciml4j.tensor.Tensor;

/**
 * The generic path's Taylor pass against its nested reverse passes: the same derivatives and parameter gradients
 * (mixed, third and fourth order, output transforms, a modified MLP), and the same loss curve in training (a fourth
 * derivative keeps the problem off the fused path).
 */
class TaylorPathTest {

    @Test
    void taylorAndNestedPassesGiveTheSameDerivativesAndGradients() {
        Module net = ModifiedMlp.builder().sizes(2, 10, 10, 2).activation("tanh").seed(4).build();
        Problem p = Problem.builder().variable("x", 0, 1).variable("y", 0, 1).fields("u", "v")
                .transform("u", "x*(1 - x)*u")
                .equation("u_xxxx + 2*u_xxyy + u_yyyy - v").equation("v_xy + u_xxx*v_y + u")
                .collocation(Sampler.uniform(), 9).build();
        Set<Derivative> needed = new TreeSet<>(p.equations().get(0).derivatives());
        needed.addAll(p.equations().get(1).derivatives());
        Tensor a = Tensor.matrix(new double[] {0.1, 0.2}, new double[] {0.7, 0.3}, new double[] {0.4, 0.9});
        Tensor b = Tensor.matrix(new double[] {0.5, 0.5});
        List<Tensor> sets = List.of(a, b);
        double[][] values = new double[2][];
        double[][] grads = new double[2][];
        int k = 0;
        for (boolean nested : new boolean[] {false, true}) {
            PointEvaluator ev = new PointEvaluator(net, p::transform, 2, sets, needed, true)
                    .nestedDerivatives(nested);
            assertThat(ev.fused()).isFalse();
            double[][] r = EvaluatorProbe.valuesAndGradient(ev, needed, net.parameters().trainable());
            values[k] = r[0];
            grads[k++] = r[1];
        }
        assertThat(values[0]).hasSize(4 * needed.size());
        for (int i = 0; i < values[0].length; i++) {
            assertThat(values[0][i]).isCloseTo(values[1][i], within(1e-11 * (1 + Math.abs(values[1][i]))));
        }
        for (int i = 0; i < grads[0].length; i++) {
            assertThat(grads[0][i]).isCloseTo(grads[1][i], within(1e-10 * (1 + Math.abs(grads[1][i]))));
        }
    }

    @Test
    void trainingWithTheTaylorPassFollowsTheNestedLossCurve() {
        Problem p = Problem.builder().variable("x", 0, 1).fields("u").transform("u", "x*(1 - x)*u")
                .equation("-u_xx + 0.01*u_xxxx = pi^2*sin(pi*x)").collocation(Sampler.uniform(), 32).build();
        double[][] curves = new double[2][];
        for (int run = 0; run < 2; run++) {
            String old = System.getProperty("sciml4j.pinn.derivatives");
            try {
                if (run == 1) {
                    System.setProperty("sciml4j.pinn.derivatives", "nested");
                }
                Mlp net = Mlp.builder().sizes(1, 12, 12, 1).activation("tanh").seed(2).build();
                curves[run] = Trainer.builder().adam(3e-3, 30).seed(1).build().train(p, net).history()
                        .column("total");
            } finally {
                if (old == null) {
                    System.clearProperty("sciml4j.pinn.derivatives");
                } else {
                    System.setProperty("sciml4j.pinn.derivatives", old);
                }
            }
        }
        assertThat(curves[0]).hasSize(30);
        assertThat(curves[0][29]).isLessThan(curves[0][0]);
        for (int i = 0; i < curves[0].length; i++) {
            assertThat(curves[0][i]).as("epoch %d", i + 1).isCloseTo(curves[1][i], within(1e-10 * curves[1][i]));
        }
    }
}
