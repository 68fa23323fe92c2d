package org.sciml4j.nn.jet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sciml4j.nn.jet.MlpJetMultiTest.ints;
import static org.sciml4j.nn.jet.MlpJetMultiTest.loss;
import static org.sciml4j.nn.jet.MlpJetMultiTest.maxDiff;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sciml4j.nn.Mlp;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.Thresholds;

/**
 * Networks with one output (a PINN's usual last layer: its backward pass is a one-row product and an outer product,
 * {@code MatMul}'s special shapes): the blocks and the gradients of a loss mixing them, with respect to the parameters
 * and the points, equal the generic Taylor engine's at orders 1, 2 (the Laplacian's two second derivatives, with
 * their written-out tanh rules, and Burgers' one) and 3, tanh and sin, hidden widths not a multiple of the vector
 * width and narrower than it, over a batch split in chunks. (That the thread count does not change the bits is
 * {@link MlpJetThreadsTest}'s, on a pass large enough to run its chunks in parallel; most rows here are not.)
 */
class MlpJetOneOutputTest {

    @ParameterizedTest(name = "{0} hidden [{1}], along [{2}] orders [{3}]")
    @CsvSource({
            "tanh, 50,    0 1, 1 1",
            "tanh, 50,    0 1, 2 2",
            "tanh, 50,    1 0, 1 2",
            "tanh, 50,    0 1, 3 1",
            "tanh, 50,    0 1, 3 3",
            "sin,  50,    0 1, 1 1",
            "sin,  50,    0 1, 2 2",
            "sin,  50,    0 1, 3 1",
            "tanh, 20 20, 0 1, 2 2",
            "tanh, 3,     0 1, 2 1",
            "sin,  7 5,   0 1, 3 2"})
    void matchesTheGenericEngine(String activation, String hidden, String vars, String ords) {
        int[] variables = ints(vars);
        int[] orders = ints(ords);
        int[] widths = ints(hidden);
        int[] sizes = new int[widths.length + 2];
        sizes[0] = 2;
        System.arraycopy(widths, 0, sizes, 1, widths.length);
        sizes[sizes.length - 1] = 1;
        Mlp net = Mlp.builder().sizes(sizes).activation(activation).seed(7).build();
        int n = 2 * Thresholds.JET_CHUNK_ROWS + 37; // chunks, with derivatives and value-only
        int nd = n - 60;
        Rng rng = new Rng(12);
        Tensor x = Tensor.uniform(rng, -1.5, 1.5, n, 2);
        Tensor w = Tensor.randn(rng, n, 1);
        List<Tensor> params = net.parameters().trainable();

        Tensor xi = x.requireGrad();
        List<Tensor> expected = MlpJetThirdOrderTest.generic(net, xi, variables, orders, nd);
        List<Tensor> wrtG = new ArrayList<>(params);
        wrtG.add(xi);
        List<Tensor> genericGrads = Autodiff.grad(weightedLoss(expected, w, nd), wrtG, null, false);

        Tensor xs = x.requireGrad();
        Tensor[] jet = MlpJet.multi(net, xs, variables, orders, nd);
        assertThat(jet).hasSize(expected.size());
        for (int k = 0; k < jet.length; k++) {
            assertThat(maxDiff(jet[k], expected.get(k))).as("block %d", k).isLessThan(1e-12);
        }
        List<Tensor> wrt = new ArrayList<>(params);
        wrt.add(xs);
        List<Tensor> grads = Autodiff.grad(weightedLoss(List.of(jet), w, nd), wrt, null, false);
        assertThat(grads).hasSameSizeAs(genericGrads);
        for (int k = 0; k < grads.size(); k++) {
            assertThat(maxDiff(grads.get(k), genericGrads.get(k))).as("gradient %d", k).isLessThan(1e-12);
        }
    }

    /** {@link MlpJetMultiTest#loss} on the value block's rows, the derivative blocks' (nd points) apart. */
    private static Tensor weightedLoss(List<Tensor> blocks, Tensor w, int nd) {
        Tensor r = loss(blocks.subList(0, 1), w);
        if (blocks.size() > 1) {
            r = r.add(loss(blocks.subList(1, blocks.size()), w.slice(0, 0, nd).mul(0.7)));
        }
        return r;
    }
}
