package org.sciml4j.nn.jet;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.sciml4j.nn.Mlp;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.Parallel;

/**
 * Not a test: the measurement behind {@code Thresholds.JET_PARALLEL_MIN_MULADDS}, made of two figures that a loaded
 * machine disturbs little. (1) The cost of splitting: the wall time of {@code Parallel.each} over two indices with
 * empty bodies (submit, wake a worker, join), minimum and median of many calls. (2) The cost of the work: the calling
 * thread's CPU time per multiply-add of one jet forward and reverse pass (Burgers' directions u, u_x, u_t, u_xx) on
 * one thread, for several networks and point counts. Splitting a pass in two saves half its time and costs one
 * split per pass direction; it pays when half the pass exceeds a few splits, so the threshold is
 * {@code 4 x 2 x median split / (time per multiply-add)} (2 splits per pass, a margin of 2 for the worker's colder
 * caches and load). Run from the test classpath:
 * {@code java --add-modules jdk.incubator.vector -cp CP org.sciml4j.nn.jet.JetParallelProbe}.
 */
public final class JetParallelProbe {
    private JetParallelProbe() {
    }

    public static void main(String[] args) {
        Parallel.setThreads(2);
        double[] split = new double[5000];
        for (int r = 0; r < 2; r++) {
            for (int i = 0; i < split.length; i++) {
                long t0 = System.nanoTime();
                Parallel.each(2, c -> { });
                split[i] = (System.nanoTime() - t0) / 1e3;
            }
        }
        Arrays.sort(split);
        double median = split[split.length / 2];
        System.out.printf(Locale.ROOT, "split (Parallel.each over 2 empty bodies): min %.1f us, median %.1f us%n",
                split[0], median);
        Parallel.setThreads(1);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double best = Double.MAX_VALUE;
        for (int[] sizes : new int[][] {{2, 8, 8, 1}, {2, 20, 20, 20, 1}, {2, 50, 50, 1}}) {
            for (int n : new int[] {260, 1000}) {
                Mlp net = Mlp.builder().sizes(sizes).activation("tanh").seed(1).build();
                Tensor x = Tensor.uniform(new Rng(2), -1, 1, n, 2);
                List<Tensor> params = net.parameters().trainable();
                long perRow = 0;
                for (int l = 0; l + 1 < sizes.length; l++) {
                    perRow += (long) sizes[l] * sizes[l + 1];
                }
                long muladds = 4L * n * perRow;
                int reps = (int) Math.max(10, 200_000_000L / muladds);
                double nsPerMulAdd = Double.MAX_VALUE;
                for (int round = 0; round < 4; round++) {
                    long c0 = mx.getCurrentThreadCpuTime();
                    for (int r = 0; r < reps; r++) {
                        Tensor[] jet = MlpJet.multi(net, x, new int[] {0, 1}, new int[] {2, 1});
                        Tensor loss = jet[0].square().mean().add(jet[1].square().mean())
                                .add(jet[2].square().mean()).add(jet[3].square().mean());
                        Autodiff.grad(loss, params, null, false);
                    }
                    nsPerMulAdd = Math.min(nsPerMulAdd, (mx.getCurrentThreadCpuTime() - c0) / (double) reps / muladds);
                }
                best = Math.min(best, nsPerMulAdd);
                System.out.printf(Locale.ROOT, "%s at %d points: %d multiply-adds per forward pass, one thread %.3f ns"
                        + " CPU per multiply-add (pass: %.0f us)%n", Arrays.toString(sizes), n, muladds, nsPerMulAdd,
                        nsPerMulAdd * muladds / 1e3);
            }
        }
        System.out.printf(Locale.ROOT, "threshold 4 x 2 x %.1f us / %.3f ns = %.0f multiply-adds%n", median, best,
                8 * median * 1e3 / best);
    }
}
