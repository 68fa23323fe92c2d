package org.sciml4j.nn.jet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.Module;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.NotDifferentiableException;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.Thresholds;

/**
 * The multi-direction jet equals the generic engine (nested forward-mode JVPs along one-hot directions, then reverse
 * mode): values of every block and the gradients of a loss mixing them with respect to the parameters and the points.
 */
class MlpJetMultiTest {

    static double maxDiff(Tensor a, Tensor b) {
        return a.sub(b).abs().max().item() / Math.max(1, b.abs().max().item());
    }

    static int[] ints(String s) {
        if (s.isBlank()) {
            return new int[0];
        }
        String[] p = s.trim().split(" ");
        int[] r = new int[p.length];
        for (int k = 0; k < p.length; k++) {
            r[k] = Integer.parseInt(p[k]);
        }
        return r;
    }

    /** The blocks of the multi jet from the generic engine: u, first derivatives, second derivatives. */
    static List<Tensor> generic(Module net, Tensor xi, int[] variables, int[] orders) {
        int n = xi.size(0);
        Tensor u = net.forward(xi);
        List<Tensor> blocks = new ArrayList<>(List.of(u));
        List<Tensor> seconds = new ArrayList<>();
        for (int k = 0; k < variables.length; k++) {
            double[] e = new double[n * xi.size(1)];
            for (int p = 0; p < n; p++) {
                e[p * xi.size(1) + variables[k]] = 1;
            }
            Tensor dir = Tensor.wrap(e, n, xi.size(1));
            Tensor u1 = Autodiff.jvp(u, xi, dir);
            blocks.add(u1);
            if (orders[k] == 2) {
                seconds.add(Autodiff.jvp(u1, xi, dir));
            }
        }
        blocks.addAll(seconds);
        return blocks;
    }

    /** A loss mixing every block, products of blocks included (as u u_x in Burgers). */
    static Tensor loss(List<Tensor> blocks, Tensor w) {
        Tensor r = blocks.get(0).mul(blocks.get(0));
        for (int b = 1; b < blocks.size(); b++) {
            r = r.add(blocks.get(b).mul(0.3 * b).mul(blocks.get(b - 1)));
        }
        return r.mul(w).square().mean();
    }

    @ParameterizedTest(name = "{0} inputs {1}, along [{3}] orders [{4}], {2} outputs, {5} points, factorised {6}")
    @CsvSource({
            "tanh, 1, 1, 0,     2,   17,  false",
            "tanh, 1, 2, 0,     1,   17,  false",
            "sin,  1, 1, 0,     2,   300, false",
            "tanh, 2, 1, 0 1,   2 1, 17,  false",
            "tanh, 2, 1, 1 0,   1 2, 600, false",
            "tanh, 2, 3, 0 1,   2 2, 259, false",
            "sin,  2, 2, 1 0,   2 1, 17,  false",
            "sin,  2, 1, 0 1,   2 1, 530, false",
            "tanh, 2, 2, 0 1,   2 1, 300, true",
            "tanh, 3, 2, 2 0 1, 1 2 2, 40,  false",
            "tanh, 3, 1, 0 2,   2 1, 700, false",
            "sin,  3, 3, 1,     2,   290, false",
            "tanh, 3, 1, '',    '',  17,  false",
            "tanh, 2, 1, '',    '',  400, false"})
    void valuesAndGradientsMatchTheGenericEngine(String activation, int inputs, int outputs, String vars,
                                                 String ords, int n, boolean factorised) {
        int[] variables = ints(vars);
        int[] orders = ints(ords);
        Mlp.Builder b = Mlp.builder().sizes(inputs, 12, 9, 7, outputs).activation(activation).seed(4 + inputs);
        Mlp net = (factorised ? b.weightFactorization() : b).build();
        Rng rng = new Rng(8 + n);
        Tensor x = Tensor.uniform(rng, -1.5, 1.5, n, inputs);
        Tensor w = Tensor.randn(rng, n, outputs);
        List<Tensor> params = net.parameters().trainable();

        Tensor xi = x.requireGrad();
        List<Tensor> expected = generic(net, xi, variables, orders);
        List<Tensor> wrtG = new ArrayList<>(params);
        wrtG.add(xi);
        List<Tensor> genericGrads = Autodiff.grad(loss(expected, w), wrtG, null, false);

        Tensor xs = x.requireGrad();
        Tensor[] jet = MlpJet.multi(net, xs, variables, orders);
        assertThat(jet).hasSize(expected.size());
        for (int k = 0; k < jet.length; k++) {
            assertThat(jet[k].shape()).containsExactly(n, outputs);
            assertThat(maxDiff(jet[k], expected.get(k))).as("block %d", k).isLessThan(1e-12);
        }
        List<Tensor> wrt = new ArrayList<>(params);
        wrt.add(xs);
        List<Tensor> grads = Autodiff.grad(loss(List.of(jet), w), wrt, null, false);
        for (int k = 0; k < grads.size(); k++) {
            assertThat(maxDiff(grads.get(k), genericGrads.get(k))).as("gradient %d", k).isLessThan(1e-12);
        }
    }

    @Test
    void aNetworkOfOneLayerIsAffine() {
        Mlp net = Mlp.builder().sizes(2, 3).seed(1).build();
        Tensor x = Tensor.uniform(new Rng(2), -1, 1, 5, 2);
        Tensor[] jet = MlpJet.multi(net, x, new int[] {1}, new int[] {2});
        List<Tensor> expected = generic(net, x.requireGrad(), new int[] {1}, new int[] {2});
        for (int k = 0; k < 3; k++) {
            assertThat(maxDiff(jet[k], expected.get(k))).isLessThan(1e-14);
        }
        List<Tensor> params = net.parameters().trainable();
        List<Tensor> g = Autodiff.grad(loss(List.of(jet), Tensor.ones(5, 3)), params, null, false);
        List<Tensor> ge = Autodiff.grad(loss(generic(net, x.requireGrad(), new int[] {1}, new int[] {2}),
                Tensor.ones(5, 3)), params, null, false);
        for (int k = 0; k < g.size(); k++) {
            assertThat(maxDiff(g.get(k), ge.get(k))).isLessThan(1e-13);
        }
    }

    @ParameterizedTest
    @CsvSource({"tanh,false", "sin,false", "tanh,true"})
    void chunkedResultsAreTheSameBitForBitWhateverTheThreadCount(String activation, boolean factorised)
            throws Exception {
        Mlp.Builder b = Mlp.builder().sizes(2, 10, 8, 2).activation(activation).seed(6);
        Mlp net = (factorised ? b.weightFactorization() : b).build();
        Rng rng = new Rng(11);
        int n = 3 * Thresholds.JET_CHUNK_ROWS + 37; // three full chunks and a short one
        Tensor x = Tensor.uniform(rng, -1.5, 1.5, n, 2);
        Tensor w = Tensor.randn(rng, n, 2);
        List<Tensor> params = net.parameters().trainable();
        Supplier<List<Tensor>> step = () -> {
            Tensor xs = x.requireGrad();
            Tensor[] jet = MlpJet.multi(net, xs, new int[] {1, 0}, new int[] {2, 1});
            List<Tensor> all = new ArrayList<>();
            for (Tensor t : jet) {
                all.add(t.detach());
            }
            List<Tensor> wrt = new ArrayList<>(params);
            wrt.add(xs);
            all.addAll(Autodiff.grad(loss(List.of(jet), w), wrt, null, false));
            return all;
        };
        List<Tensor> parallel = step.get();
        ForkJoinPool single = new ForkJoinPool(1);
        try {
            assertSame(single.submit(step::get).get(), parallel);
        } finally {
            single.shutdown();
        }
        assertSame(step.get(), parallel);
    }

    /** The same tensors, element by element, bit for bit. */
    static void assertSame(List<Tensor> a, List<Tensor> b) {
        assertThat(a).hasSameSizeAs(b);
        for (int k = 0; k < a.size(); k++) {
            assertThat(a.get(k).toArray()).as("tensor %d", k).containsExactly(b.get(k).toArray());
        }
    }

    @Test
    void workspacesAreReusedAndJetsDifferentiatedTwiceRecompute() {
        Mlp net = Mlp.builder().sizes(2, 7, 5, 1).activation("tanh").seed(3).build();
        Rng rng = new Rng(5);
        Tensor xa = Tensor.uniform(rng, -1, 1, 13, 2);
        Tensor xb = Tensor.uniform(rng, -1, 1, 13, 2);
        int[] v = {0, 1};
        int[] o = {2, 1};
        List<Tensor> params = net.parameters().trainable();
        Tensor w = Tensor.ones(13, 1);
        List<Tensor> ga = Autodiff.grad(loss(List.of(MlpJet.multi(net, xa, v, o)), w), params, null, false);
        Tensor[] ja = MlpJet.multi(net, xa, v, o);
        Tensor[] jb = MlpJet.multi(net, xb, v, o); // another workspace while ja holds its own
        Tensor la = loss(List.of(ja), w);
        assertSame(Autodiff.grad(la, params, null, false), ga);
        Autodiff.grad(loss(List.of(jb), w), params, null, false);
        MlpJet.multi(net, xb, v, o);
        assertSame(Autodiff.grad(la, params, null, false), ga); // workspace given back: recomputed
        assertThat(JetWorkspace.pooled()).isLessThanOrEqualTo(4);
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            Tensor[] plain = MlpJet.multi(net, xa, v, o);
            for (int k = 0; k < plain.length; k++) {
                assertThat(plain[k].isTracked()).isFalse();
                assertThat(plain[k].toArray()).containsExactly(ja[k].toArray());
            }
        }
    }

    @Test
    void mistakesAreNamedAndTheJetIsDifferentiableOnce() {
        Mlp net = Mlp.builder().sizes(2, 4, 1).seed(1).build();
        Tensor x = Tensor.ones(3, 2);
        assertThatThrownBy(() -> MlpJet.multi(net, x, new int[] {2}, new int[] {1}))
                .hasMessageContaining("variable 2 is not an input column");
        assertThatThrownBy(() -> MlpJet.multi(net, x, new int[] {0, 0}, new int[] {1, 1}))
                .hasMessageContaining("given twice");
        assertThatThrownBy(() -> MlpJet.multi(net, x, new int[] {0}, new int[] {5})).hasMessageContaining("order 5");
        assertThatThrownBy(() -> MlpJet.multi(net, x, new int[] {0}, new int[] {0})).hasMessageContaining("order 0");
        Tensor[] jet = MlpJet.multi(net, x, new int[] {0}, new int[] {2});
        Tensor l = jet[2].square().sum();
        assertThatThrownBy(() -> Autodiff.grad(l, net.parameters().trainable(), null, true))
                .isInstanceOf(NotDifferentiableException.class).hasMessageContaining("mlp_multi_jet");
    }
}
