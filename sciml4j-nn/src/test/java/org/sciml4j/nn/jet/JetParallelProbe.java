package org.sciml4j.nn.jet;

import java.util.List;
import java.util.Locale;

import org.sciml4j.nn.Mlp;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.Parallel;

/**
 * Not a test: the measurement behind {@code Thresholds.JET_PARALLEL_MIN_MULADDS}. For networks of 1 to 3 hidden
 * layers of 8 to 50 units and 300 to 3000 points (Burgers' directions: u, u_x, u_t, u_xx), it times one jet forward
 * and reverse pass (the parameter gradient of a loss of all blocks) on one thread and on two, alternating, best of
 * several rounds, and prints the pass's multiply-adds and both times. Run with {@code -Dsciml4j.jet.parallel.min=0}
 * (every pass split) from the test classpath:
 * {@code java --add-modules jdk.incubator.vector -Dsciml4j.jet.parallel.min=0 -cp CP org.sciml4j.nn.jet.JetParallelProbe}.
 */
public final class JetParallelProbe {
    private JetParallelProbe() {
    }

    public static void main(String[] args) {
        int[][] nets = {{2, 8, 8, 1}, {2, 16, 16, 1}, {2, 20, 20, 20, 1}, {2, 50, 50, 1}};
        int[] points = {300, 520, 1000, 2000, 3000};
        System.out.println("net, points, muladds, us one thread, us two threads, speed-up");
        for (int[] sizes : nets) {
            for (int n : points) {
                Mlp net = Mlp.builder().sizes(sizes).activation("tanh").seed(1).build();
                Tensor x = Tensor.uniform(new Rng(2), -1, 1, n, 2);
                List<Tensor> params = net.parameters().trainable();
                Runnable pass = () -> {
                    Tensor[] jet = MlpJet.multi(net, x, new int[] {0, 1}, new int[] {2, 1});
                    Tensor loss = jet[0].square().mean().add(jet[1].square().mean()).add(jet[2].square().mean())
                            .add(jet[3].square().mean());
                    Autodiff.grad(loss, params, null, false);
                };
                double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
                for (int round = 0; round < 12; round++) {
                    for (int t = 1; t <= 2; t++) {
                        Parallel.setThreads(t);
                        int reps = Math.max(5, 2_000_000 / (n * 40));
                        for (int r = 0; r < reps / 2; r++) {
                            pass.run();
                        }
                        long t0 = System.nanoTime();
                        for (int r = 0; r < reps; r++) {
                            pass.run();
                        }
                        best[t - 1] = Math.min(best[t - 1], (System.nanoTime() - t0) / 1e3 / reps);
                    }
                }
                long rows = 4L * n;
                long perRow = 0;
                for (int l = 0; l + 1 < sizes.length; l++) {
                    perRow += (long) sizes[l] * sizes[l + 1];
                }
                System.out.printf(Locale.ROOT, "%s, %d, %d, %.1f, %.1f, %.2f%n", java.util.Arrays.toString(sizes)
                        .replace(", ", "-"), n, rows * perRow, best[0], best[1], best[0] / best[1]);
            }
        }
    }
}
