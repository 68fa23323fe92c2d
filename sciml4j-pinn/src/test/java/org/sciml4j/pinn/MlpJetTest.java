package org.sciml4j.pinn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ForkJoinPool;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.sciml4j.nn.Mlp;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.NotDifferentiableException;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.Thresholds;

/** The fused jet equals the generic engine: values of u, u', u'' and the parameter gradient of a residual loss. */
class MlpJetTest {

    static double maxDiff(Tensor a, Tensor b) {
        return a.sub(b).abs().max().item() / Math.max(1, b.abs().max().item());
    }

    @ParameterizedTest
    @CsvSource({"tanh,1,false", "tanh,2,false", "sin,2,false", "tanh,2,true"})
    void valuesAndParameterGradientMatchTheGenericEngine(String activation, int inputs, boolean factorised) {
        Mlp.Builder b = Mlp.builder().sizes(inputs, 12, 9, 2).activation(activation).seed(4);
        Mlp net = (factorised ? b.weightFactorization() : b).build();
        Rng rng = new Rng(8);
        int n = 17;
        Tensor x = Tensor.uniform(rng, -1.5, 1.5, n, inputs);
        Tensor v = Tensor.randn(rng, n, inputs);
        List<Tensor> params = net.parameters().trainable();

        Tensor[] jet = MlpJet.of(net, x, v);
        Tensor xi = x.requireGrad();
        Tensor u = net.forward(xi);
        Tensor u1 = Autodiff.jvp(u, xi, v);
        Tensor u2 = Autodiff.jvp(u1, xi, v);
        assertThat(maxDiff(jet[0], u)).isLessThan(1e-14);
        assertThat(maxDiff(jet[1], u1)).isLessThan(1e-13);
        assertThat(maxDiff(jet[2], u2)).isLessThan(1e-13);

        // a residual loss mixing all three orders, as a PINN's
        Tensor w = Tensor.randn(rng, n, 2);
        Tensor fusedLoss = jet[2].add(jet[1].mul(0.3)).add(jet[0].mul(jet[0])).mul(w).square().mean();
        Tensor genericLoss = u2.add(u1.mul(0.3)).add(u.mul(u)).mul(w).square().mean();
        assertThat(fusedLoss.item()).isCloseTo(genericLoss.item(), org.assertj.core.data.Offset.offset(1e-13));
        List<Tensor> fused = Autodiff.grad(fusedLoss, params, null, false);
        List<Tensor> generic = Autodiff.grad(genericLoss, params, null, false);
        for (int k = 0; k < params.size(); k++) {
            assertThat(maxDiff(fused.get(k), generic.get(k))).as("gradient %d", k).isLessThan(1e-12);
        }
        // and with respect to the points and the direction
        Tensor xs = x.requireGrad();
        Tensor vs = v.requireGrad();
        Tensor[] j2 = MlpJet.of(net, xs, vs);
        Tensor l2 = j2[2].add(j2[1]).add(j2[0]).square().sum();
        List<Tensor> gx = Autodiff.grad(l2, List.of(xs, vs), null, false);
        Tensor xg = x.requireGrad();
        Tensor vg = v.requireGrad();
        Tensor[] j3 = Autodiff.jvp(z -> net.forward(z), xg, vg); // value and first derivative, generic
        Tensor ug = j3[0];
        Tensor ug1 = j3[1];
        assertThat(maxDiff(ug, j2[0].detach())).isLessThan(1e-14);
        assertThat(maxDiff(ug1, j2[1].detach())).isLessThan(1e-13);
        assertThat(gx.get(0).shape()).containsExactly(n, inputs);
        assertThat(gx.get(1).shape()).containsExactly(n, inputs);
    }

    /** A step as a PINN takes it: jet, residual loss, parameter gradient. */
    private static List<Tensor> gradient(Mlp net, Tensor x, Tensor v, Tensor[] jet) {
        Tensor loss = jet[2].add(jet[1].mul(0.1)).add(jet[0]).square().mean();
        return Autodiff.grad(loss, net.parameters().trainable(), null, false);
    }

    private static void assertSame(List<Tensor> a, List<Tensor> b) {
        assertThat(a).hasSameSizeAs(b);
        for (int k = 0; k < a.size(); k++) {
            assertThat(a.get(k).toArray()).as("gradient %d", k).containsExactly(b.get(k).toArray());
        }
    }

    @ParameterizedTest
    @CsvSource({"tanh,false", "sin,false", "tanh,true"})
    void reusedWorkspacesGiveTheSameResultsWhenJetsInterleave(String activation, boolean factorised) {
        Mlp.Builder b = Mlp.builder().sizes(2, 7, 5, 1).activation(activation).seed(3);
        Mlp net = (factorised ? b.weightFactorization() : b).build();
        Rng rng = new Rng(5);
        Tensor xa = Tensor.uniform(rng, -1, 1, 13, 2);
        Tensor va = Tensor.randn(rng, 13, 2);
        Tensor xb = Tensor.uniform(rng, -1, 1, 13, 2);
        Tensor vb = Tensor.randn(rng, 13, 2);
        Tensor xc = Tensor.uniform(rng, -1, 1, 6, 2); // another size: another workspace
        Tensor vc = Tensor.randn(rng, 6, 2);
        // one at a time: each jet's reverse rule runs before the next jet starts
        List<Tensor> ga = gradient(net, xa, va, MlpJet.of(net, xa, va));
        List<Tensor> gb = gradient(net, xb, vb, MlpJet.of(net, xb, vb));
        List<Tensor> gc = gradient(net, xc, vc, MlpJet.of(net, xc, vc));
        Tensor[] ja = MlpJet.of(net, xa, va);
        double[] ua = ja[0].toArray();
        // interleaved: three forward passes, then the reverse rules in another order
        Tensor[] jb = MlpJet.of(net, xb, vb);
        Tensor[] jc = MlpJet.of(net, xc, vc);
        assertSame(gradient(net, xb, vb, jb), gb);
        Tensor[] jb2 = MlpJet.of(net, xb, vb); // takes the workspace jb has just given back
        assertSame(gradient(net, xa, va, ja), ga);
        assertSame(gradient(net, xc, vc, jc), gc);
        assertSame(gradient(net, xb, vb, jb2), gb);
        // results are never overwritten by later jets
        assertThat(ja[0].toArray()).containsExactly(ua);
        // a jet differentiated twice (its workspace already given back) recomputes what it needs
        Tensor loss = ja[2].add(ja[1].mul(0.1)).add(ja[0]).square().mean();
        List<Tensor> params = net.parameters().trainable();
        assertSame(Autodiff.grad(loss, params, null, false), ga);
        MlpJet.of(net, xb, vb); // and another jet takes the pooled workspace in between
        assertSame(Autodiff.grad(loss, params, null, false), ga);
        assertThat(MlpJet.pooled()).isLessThanOrEqualTo(4);
    }

    @Test
    void evaluationWithoutRecordingMatchesAndKeepsNoWorkspace() {
        Mlp net = Mlp.builder().sizes(1, 6, 6, 1).seed(2).build();
        Tensor x = Tensor.linspace(0, 1, 9).reshape(9, 1);
        Tensor v = Tensor.ones(9, 1);
        Tensor[] tracked = MlpJet.of(net, x, v);
        Tensor[] plain;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            plain = MlpJet.of(net, x, v);
            MlpJet.of(net, x, v);
        }
        for (int k = 0; k < 3; k++) {
            assertThat(plain[k].isTracked()).isFalse();
            assertThat(plain[k].toArray()).containsExactly(tracked[k].toArray());
        }
    }

    @Test
    void isDifferentiableOnceAndSaysSo() {
        Mlp net = Mlp.builder().sizes(1, 4, 1).seed(1).build();
        List<Tensor> params = net.parameters().trainable();
        Tensor[] jet = MlpJet.of(net, Tensor.ones(3, 1), Tensor.ones(3, 1));
        Tensor loss = jet[2].square().sum();
        assertThatThrownBy(() -> Autodiff.grad(loss, params, null, true))
                .isInstanceOf(NotDifferentiableException.class).hasMessageContaining("mlp_jet");
        assertThatThrownBy(() -> MlpJet.of(Mlp.builder().sizes(1, 4, 1).activation("relu").build(),
                Tensor.ones(3, 1), Tensor.ones(3, 1))).hasMessageContaining("'relu' has no fused rule");
    }

    @ParameterizedTest
    @CsvSource({"tanh,false", "sin,false", "tanh,true"})
    void batchesOfSeveralChunksMatchTheGenericEngineWhateverTheThreadCount(String activation, boolean factorised)
            throws Exception {
        Mlp.Builder b = Mlp.builder().sizes(2, 10, 8, 1).activation(activation).seed(6);
        Mlp net = (factorised ? b.weightFactorization() : b).build();
        Rng rng = new Rng(11);
        int n = 3 * Thresholds.JET_CHUNK_ROWS + 37; // three full chunks and a short one
        Tensor x = Tensor.uniform(rng, -1.5, 1.5, n, 2);
        Tensor v = Tensor.randn(rng, n, 2);
        Tensor w = Tensor.randn(rng, n, 1);
        List<Tensor> params = net.parameters().trainable();
        Tensor xi = x.requireGrad();
        Tensor u = net.forward(xi);
        Tensor u1 = Autodiff.jvp(u, xi, v);
        Tensor u2 = Autodiff.jvp(u1, xi, v);
        List<Tensor> generic = Autodiff.grad(u2.add(u1.mul(0.3)).add(u.mul(u)).mul(w).square().mean(), params,
                null, false);

        // one step: jet values, parameter gradient, and the cotangents of x and v
        java.util.function.Supplier<List<Tensor>> step = () -> {
            Tensor xs = x.requireGrad();
            Tensor vs = v.requireGrad();
            Tensor[] jet = MlpJet.of(net, xs, vs);
            Tensor loss = jet[2].add(jet[1].mul(0.3)).add(jet[0].mul(jet[0])).mul(w).square().mean();
            List<Tensor> all = new java.util.ArrayList<>(List.of(jet[0].detach(), jet[1].detach(), jet[2].detach()));
            List<Tensor> wrt = new java.util.ArrayList<>(params);
            wrt.add(xs);
            wrt.add(vs);
            all.addAll(Autodiff.grad(loss, wrt, null, false));
            return all;
        };
        List<Tensor> parallel = step.get();
        assertThat(maxDiff(parallel.get(0), u)).isLessThan(1e-14);
        assertThat(maxDiff(parallel.get(1), u1)).isLessThan(1e-13);
        assertThat(maxDiff(parallel.get(2), u2)).isLessThan(1e-13);
        for (int k = 0; k < params.size(); k++) {
            assertThat(maxDiff(parallel.get(3 + k), generic.get(k))).as("gradient %d", k).isLessThan(1e-12);
        }
        // the same bit for bit in a pool of one thread (every chunk in turn) and run to run
        ForkJoinPool single = new ForkJoinPool(1);
        try {
            assertSame(single.submit(step::get).get(), parallel);
        } finally {
            single.shutdown();
        }
        assertSame(step.get(), parallel);
    }
}
