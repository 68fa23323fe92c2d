package org.sciml4j.nn.jet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sciml4j.nn.jet.MlpJetMultiTest.ints;
import static org.sciml4j.nn.jet.MlpJetMultiTest.loss;
import static org.sciml4j.nn.jet.MlpJetMultiTest.maxDiff;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.ModifiedMlp;
import org.sciml4j.nn.Module;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Taylor;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.Parallel;
import org.sciml4j.tensor.kernel.Thresholds;

/**
 * Third and fourth derivatives along single variables in the fused jet (KdV's u_xxx, beams' u_xxxx): every block and the gradients of a loss
 * mixing them, with respect to the parameters and the points, equal those of the generic Taylor engine
 * ({@link Taylor#jets} on the network's forward pass), for mixed orders across variables, derivatives at the first
 * points only and chunked batches; and the chunks give the same bits with any number of threads.
 */
class MlpJetThirdOrderTest {

    @AfterEach
    void restore() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    /**
     * The jet's blocks from the generic engine: u at all points, then at the first nd points the first derivatives,
     * the second ones (orders 2 and 3), the third ones, each group in the order of the variables.
     */
    static List<Tensor> generic(Module net, Tensor xi, int[] variables, int[] orders, int nd) {
        int n = xi.size(0);
        int in = xi.size(1);
        Tensor[] directions = new Tensor[variables.length];
        for (int k = 0; k < variables.length; k++) {
            double[] e = new double[n * in];
            for (int p = 0; p < n; p++) {
                e[p * in + variables[k]] = 1;
            }
            directions[k] = Tensor.wrap(e, n, in);
        }
        List<Tensor> blocks = new ArrayList<>();
        if (variables.length == 0) {
            blocks.add(net.forward(xi));
            return blocks;
        }
        Tensor[][] jets = Taylor.jets(net::forward, xi, directions, orders);
        blocks.add(jets[0][0]);
        for (int order = 1; order <= 4; order++) {
            for (int k = 0; k < variables.length; k++) {
                if (orders[k] >= order) {
                    blocks.add(jets[k][order].slice(0, 0, nd));
                }
            }
        }
        return blocks;
    }

    @ParameterizedTest(name = "{0} inputs {1}, along [{3}] orders [{4}], {2} outputs, {5} points ({6} with derivatives)")
    @CsvSource({
            "tanh, 1, 1, 0,     3,     17,  17",
            "sin,  1, 2, 0,     3,     17,  9",
            "tanh, 2, 1, 0 1,   3 1,   17,  17",
            "sin,  2, 1, 0 1,   3 1,   300, 300",
            "tanh, 2, 1, 1 0,   1 3,   300, 200",
            "tanh, 3, 2, 0 1 2, 1 3 2, 40,  40",
            "sin,  3, 2, 0 1 2, 1 3 2, 530, 290",
            "tanh, 3, 1, 2 0 1, 3 2 3, 600, 600",
            "sin,  2, 2, 0 1,   3 3,   23,  11",
            "tanh, 1, 1, 0,     4,     17,  17",
            "sin,  1, 2, 0,     4,     17,  9",
            "tanh, 2, 1, 1 0,   1 4,   300, 200",
            "tanh, 3, 2, 0 1 2, 4 3 4, 40,  40",
            "sin,  2, 2, 0 1,   4 2,   530, 290"})
    void valuesAndGradientsMatchTheGenericEngine(String activation, int inputs, int outputs, String vars,
                                                 String ords, int n, int nd) {
        int[] variables = ints(vars);
        int[] orders = ints(ords);
        Mlp net = Mlp.builder().sizes(inputs, 12, 9, 7, outputs).activation(activation).seed(4 + inputs).build();
        assertThat(net.taylorJet().orElseThrow().maxOrder()).isEqualTo(4);
        Rng rng = new Rng(8 + n);
        Tensor x = Tensor.uniform(rng, -1.5, 1.5, n, inputs);
        List<Tensor> params = net.parameters().trainable();

        Tensor xi = x.requireGrad();
        List<Tensor> expected = generic(net, xi, variables, orders, nd);
        List<Tensor> wrtG = new ArrayList<>(params);
        wrtG.add(xi);
        List<Tensor> genericGrads = Autodiff.grad(weightedLoss(expected), wrtG, null, false);

        Tensor xs = x.requireGrad();
        Tensor[] jet = net.taylorJet().orElseThrow().evaluate(xs, variables, orders, nd);
        assertThat(jet).hasSize(expected.size());
        for (int k = 0; k < jet.length; k++) {
            assertThat(jet[k].shape()).containsExactly(k == 0 ? n : nd, outputs);
            assertThat(maxDiff(jet[k], expected.get(k))).as("block %d", k).isLessThan(1e-12);
        }
        List<Tensor> wrt = new ArrayList<>(params);
        wrt.add(xs);
        List<Tensor> grads = Autodiff.grad(weightedLoss(List.of(jet)), wrt, null, false);
        for (int k = 0; k < grads.size(); k++) {
            assertThat(maxDiff(grads.get(k), genericGrads.get(k))).as("gradient %d", k).isLessThan(1e-12);
        }
    }

    /** {@link MlpJetMultiTest#loss} on the value block's rows, the derivative blocks' rows apart. */
    private static Tensor weightedLoss(List<Tensor> blocks) {
        Tensor r = loss(blocks.subList(0, 1), Tensor.ones(blocks.get(0).shape()));
        if (blocks.size() > 1) {
            List<Tensor> derivatives = blocks.subList(1, blocks.size());
            r = r.add(loss(derivatives, Tensor.ones(derivatives.get(0).shape()).mul(0.7)));
        }
        return r;
    }

    @Test
    void chunkedThirdOrderJetsAreTheSameBitsWithOneAndTwoThreads() {
        Mlp net = Mlp.builder().sizes(2, 20, 20, 20, 1).activation("tanh").seed(5).build();
        int n = 4 * Thresholds.JET_CHUNK_ROWS + 13;
        Tensor x = Tensor.uniform(new Rng(3), -1, 1, n, 2);
        Tensor w = Tensor.randn(new Rng(4), n, 1);
        List<Tensor> params = net.parameters().trainable();
        List<double[]> reference = null;
        for (int threads : new int[] {1, 2, 1}) {
            Parallel.setThreads(threads);
            Tensor xs = x.requireGrad();
            Tensor[] jet = MlpJet.multi(net, xs, new int[] {0, 1}, new int[] {3, 1});
            assertThat(jet).hasSize(5); // u, u_x, u_t, u_xx, u_xxx
            Tensor loss = jet[0].mul(w).sum();
            for (int b = 1; b < jet.length; b++) {
                loss = loss.add(jet[b].mul(jet[b - 1]).mul(w).mean());
            }
            List<double[]> all = new ArrayList<>();
            for (Tensor t : jet) {
                all.add(t.toArray());
            }
            List<Tensor> wrt = new ArrayList<>(params);
            wrt.add(xs);
            for (Tensor g : Autodiff.grad(loss, wrt, null, false)) {
                all.add(g.toArray());
            }
            if (reference == null) {
                reference = all;
            } else {
                for (int k = 0; k < all.size(); k++) {
                    assertThat(all.get(k)).as("array %d with %d threads", k, threads).isEqualTo(reference.get(k));
                }
            }
        }
    }

    @Test
    void orders3And4AreOnlyOfferedWhereEveryPartHasThem() {
        Mlp plain = Mlp.builder().sizes(2, 5, 1).activation("sin").seed(1).build();
        assertThat(plain.taylorJet().orElseThrow().maxOrder()).isEqualTo(4);
        ModifiedMlp gated = ModifiedMlp.builder().sizes(2, 5, 5, 1).seed(1).build();
        TaylorJet jet = gated.taylorJet().orElseThrow();
        assertThat(jet.maxOrder()).isEqualTo(2);
        Mlp fourier = Mlp.builder().sizes(2, 5, 1).fourierFeatures(3, 1.5, false).seed(1).build();
        assertThat(fourier.taylorJet().orElseThrow().maxOrder()).as("behind an embedding of order 2").isEqualTo(2);
        assertThat(TaylorJet.sideBySide(List.of(plain.taylorJet().orElseThrow(), jet)).maxOrder()).isEqualTo(2);
        Tensor x = Tensor.zeros(3, 2);
        assertThatThrownBy(() -> jet.evaluate(x, new int[] {0}, new int[] {3}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order 3");
        assertThatThrownBy(() -> plain.taylorJet().orElseThrow().evaluate(x, new int[] {0}, new int[] {5}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("order 5");
    }
}
