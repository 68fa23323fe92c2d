package org.sciml4j.nn.jet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sciml4j.nn.Mlp;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.Parallel;
import org.sciml4j.tensor.kernel.Thresholds;

/**
 * The fused jet split over the kernels' threads: a pass large enough to be split
 * ({@link Thresholds#JET_PARALLEL_MIN_MULADDS}) gives the same bits, values and parameter gradients (the chunks'
 * partial sums added in chunk order), with 1, 2 and 3 threads.
 */
class MlpJetThreadsTest {

    @AfterEach
    void restore() {
        Parallel.setThreads(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aSplitPassIsTheSameBitsForAnyThreadCount() {
        Mlp net = Mlp.builder().sizes(2, 20, 20, 1).activation("tanh").seed(5).build();
        int n = 4 * Thresholds.JET_CHUNK_ROWS + 13;
        assertThat(4L * n * (2 * 20 + 20 * 20 + 20)).as("multiply-adds of the pass")
                .isGreaterThanOrEqualTo(Thresholds.JET_PARALLEL_MIN_MULADDS);
        Tensor x = Tensor.uniform(new Rng(3), -1, 1, n, 2);
        Tensor w = Tensor.randn(new Rng(4), n, 1);
        List<Tensor> params = net.parameters().trainable();
        List<double[]> reference = null;
        for (int threads : new int[] {1, 2, 3, 2, 1}) {
            Parallel.setThreads(threads);
            assertThat(Parallel.threads()).isEqualTo(threads);
            Tensor[] jet = MlpJet.multi(net, x, new int[] {0, 1}, new int[] {2, 1});
            Tensor loss = jet[0].mul(w).sum();
            for (int b = 1; b < jet.length; b++) {
                loss = loss.add(jet[b].square().mul(w).mean());
            }
            List<double[]> all = new ArrayList<>();
            for (Tensor t : jet) {
                all.add(t.toArray());
            }
            for (Tensor g : Autodiff.grad(loss, params, null, false)) {
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
}
