package org.sciml4j.dynamics.hamiltonian;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.nn.Mlp;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.Parallel;
import org.sciml4j.tensor.kernel.Thresholds;
import org.sciml4j.train.Trainer;

/**
 * HNN training at the bench's size (750 states, a 2-200-200-1 tanh energy, as sciml4j-bench/run-hnn.sh) gives the
 * same bits on one thread as on two: its 750 x 200 x 200 products are split by rows over the kernels' threads and
 * its element-wise work by index ranges, neither of which changes any sum.
 */
class HnnThreadsTest {

    /** Parameters after three Adam steps of the derivative objective, run with {@code threads} kernel threads. */
    private static List<double[]> trainedWith(int threads) {
        Parallel.setThreads(threads);
        Tensor x = Tensor.randn(new Rng(3), 750, 2);
        Tensor dxdt = Tensor.concat(1, x.slice(1, 1, 2), x.slice(1, 0, 1).neg()); // the unit mass-spring's field
        Mlp net = Mlp.builder().sizes(2, 200, 200, 1).activation("tanh").initializer("glorot_normal").seed(0).build();
        DerivativeObjective o = new DerivativeObjective(HamiltonianNetwork.conservative(net, 2), x, dxdt, 1e-4);
        Trainer.builder().adam(1e-3, 3).build().train(o);
        return o.parameters().stream().map(Tensor::toArray).toList();
    }

    @Test
    void trainingGivesTheSameBitsOnOneAndTwoThreads() {
        assertThat(750L * 200 * 200).isGreaterThanOrEqualTo(Thresholds.PARALLEL_GEMM_MIN_MULADDS);
        List<double[]> one;
        List<double[]> two;
        int saved = Parallel.threads();
        try {
            one = trainedWith(1);
            two = trainedWith(2);
        } finally {
            Parallel.setThreads(saved);
        }
        assertThat(one).hasSize(6);
        for (int p = 0; p < one.size(); p++) {
            double[] a = one.get(p);
            double[] b = two.get(p);
            assertThat(b).hasSameSizeAs(a);
            for (int i = 0; i < a.length; i++) {
                assertThat(Double.doubleToRawLongBits(b[i])).as("parameter %d, element %d", p, i)
                        .isEqualTo(Double.doubleToRawLongBits(a[i]));
            }
        }
    }
}
