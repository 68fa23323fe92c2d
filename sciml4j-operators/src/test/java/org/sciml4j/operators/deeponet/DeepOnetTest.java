package org.sciml4j.operators.deeponet;

import org.junit.jupiter.api.Test;
import org.sciml4j.nn.Activation;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DeepOnetTest {
    private static final Tensor POINTS = Tensor.linspace(0, 1, 7).reshape(7, 1);

    private static DeepOnet net(boolean stacked, int outputs) {
        return new DeepOnet(5, new int[] {8}, new int[] {8, 8}, 4, outputs, stacked, Activation.of("tanh"),
                POINTS, new int[] {7}, new Rng(3));
    }

    @Test
    void alignedOutputIsTheDotProductOfBranchAndTrunkPlusBias() {
        DeepOnet d = net(false, 2);
        d.parameters().get("bias").data()[1] = 0.5;
        Tensor u = Tensor.randn(new Rng(4), 3, 5);
        Tensor y = d.apply(u);
        assertThat(y.shape()).containsExactly(3, 2, 7);
        Tensor b = d.branch(u);
        Tensor t = d.trunk(POINTS);
        for (int i = 0; i < 3; i++) {
            for (int field = 0; field < 2; field++) {
                for (int m = 0; m < 7; m++) {
                    double dot = field == 1 ? 0.5 : 0;
                    for (int k = 0; k < 4; k++) {
                        dot += b.get(i, field * 4 + k) * t.get(m, field * 4 + k);
                    }
                    assertThat(y.get(i, field, m)).isCloseTo(dot, within(1e-12));
                }
            }
        }
    }

    @Test
    void unalignedEvaluationAgreesWithAlignedOnTheSamePoints() {
        for (boolean stacked : new boolean[] {false, true}) {
            DeepOnet d = net(stacked, 1);
            Tensor u = Tensor.randn(new Rng(5), 3, 5);
            Tensor aligned = d.evaluate(u, POINTS);
            Tensor unaligned = d.evaluateUnaligned(u, POINTS.unsqueeze(0).broadcastTo(3, 7, 1).copy());
            assertThat(unaligned.data()).containsExactly(aligned.data(), within(1e-12));
        }
        assertThat(net(true, 1).parameters().names()).contains("branch.3.layers.0.weight");
    }

    @Test
    void theFusedPointwiseKernelEqualsThePrimitivesInValuesAndGradients() {
        // 3 functions of 4 points, and 1100 of 1 point: three chunks whose weight gradients add up
        for (String act : new String[] {"relu", "tanh", "relu-1100"}) {
            int n = act.endsWith("1100") ? 1100 : 3;
            int q = n == 3 ? 4 : 1;
            act = act.replace("-1100", "");
            DeepOnet d = new DeepOnet(5, new int[] {8, 6}, new int[] {7}, 4, 2, false, Activation.of(act), POINTS,
                    new int[] {7}, new Rng(8));
            d.parameters().get("bias").data()[0] = 0.3;
            Tensor u = Autodiff.asInput(Tensor.randn(new Rng(9), n, 5));
            Tensor y = Autodiff.asInput(Tensor.rand(new Rng(10), n, q, 1));
            Tensor weights = Tensor.randn(new Rng(11), n, 2, q);
            Tensor fused = d.evaluateUnalignedFused(u, y);
            Tensor plain = d.evaluateUnaligned(u, y);
            assertThat(fused.shape()).containsExactly(n, 2, q);
            assertThat(fused.data()).containsExactly(plain.data(), within(1e-12));
            java.util.List<Tensor> wrt = new java.util.ArrayList<>(d.parameters().trainable());
            wrt.add(u);
            wrt.add(y);
            java.util.List<Tensor> gf = Autodiff.grad(fused.mul(weights).sum(), wrt, null, false);
            java.util.List<Tensor> gp = Autodiff.grad(plain.mul(weights).sum(), wrt, null, false);
            for (int k = 0; k < wrt.size(); k++) {
                assertThat(gf.get(k).shape()).as(act + " gradient " + k).containsExactly(gp.get(k).shape());
                assertThat(gf.get(k).data()).as(act + " gradient " + k).containsExactly(gp.get(k).data(),
                        within(1e-11));
            }
            assertThat(gp.get(wrt.size() - 1).abs().sum().item()).isGreaterThan(0);
        }
    }

    @Test
    void derivativeAlongThePointsMatchesFiniteDifferences() {
        DeepOnet d = net(false, 1);
        Tensor u = Tensor.randn(new Rng(6), 2, 5);
        Tensor ds = d.derivative(u, POINTS, 0);
        double h = 1e-5;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor up = d.evaluate(u, POINTS.add(h));
            Tensor down = d.evaluate(u, POINTS.sub(h));
            double[] fd = up.sub(down).div(2 * h).toArray();
            assertThat(ds.data()).containsExactly(fd, within(1e-8));
        }
    }
}
