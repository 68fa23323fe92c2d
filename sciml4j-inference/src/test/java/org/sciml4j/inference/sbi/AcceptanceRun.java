package org.sciml4j.inference.sbi;

import java.nio.file.Path;
import org.sciml4j.inference.diagnostics.C2st;
import org.sciml4j.inference.flow.FlowSpec;
import org.sciml4j.inference.tasks.BenchmarkTask;
import org.sciml4j.inference.tasks.SbibmTasks;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * Measures NPE's C2ST on an sbibm task (the figures in docs/SBI.md): args task simulations batch c2stEpochs firstObs
 * lastObs [samples [flowType]]; gaussian_linear also runs SBC (200 pairs, 100 samples, 10 bins).
 */
public final class AcceptanceRun {
    public static void main(String[] a) throws Exception {
        BenchmarkTask task = SbibmTasks.byName(a[0]);
        int sims = Integer.parseInt(a[1]);
        int batch = Integer.parseInt(a[2]);
        int epochs = Integer.parseInt(a[3]);
        int first = Integer.parseInt(a[4]);
        int last = Integer.parseInt(a[5]);
        int nSamples = a.length > 6 ? Integer.parseInt(a[6]) : 10000;
        Path root = Path.of("/work/shared/data/sbibm");
        long t0 = System.nanoTime();
        SimulationData data = new Simulations(task.prior(), task.simulator(), 500, 2).run(sims, 1, n -> { }).data();
        String type = a.length > 7 ? a[7] : "maf";
        NpeSettings s = new NpeSettings(new FlowSpec(type, 5, 50, 2), batch, 5e-4, 0.1, 20, 1000, 5);
        Npe.Result r = new Npe(s).train(data, 2, null);
        double train = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%s: %d sims, trained %d passes (best %d, val nll %.4f) in %.1f s%n", task.name(), sims,
                r.passes(), r.bestPass(), r.bestValidation(), train);
        Posterior post = new Posterior(r.flow(), task.prior());
        if (task.name().equals("gaussian_linear")) {
            long t2 = System.nanoTime();
            var sbc = org.sciml4j.inference.diagnostics.Sbc.run(task.prior(), task.simulator(), post, 200, 100, 10,
                    7);
            System.out.printf("  sbc p-values %s: uniform at 1%%: %s; coverage at 0.5/0.9: %s (%.1f s)%n",
                    java.util.Arrays.toString(sbc.pValues()), sbc.uniformAt(0.01),
                    java.util.Arrays.toString(sbc.coverage(new double[] {0.5, 0.9})), (System.nanoTime() - t2) / 1e9);
        }
        double sum = 0;
        for (int k = first; k <= last; k++) {
            long t1 = System.nanoTime();
            Tensor ref = task.referenceSamples(root, k);
            Tensor q = post.sample(nSamples, task.observation(root, k), new Rng(100 + k));
            if (nSamples < ref.size(0)) {
                ref = ref.slice(0, 0, nSamples);
            }
            double c = new C2st(5, epochs, 1).score(ref, q);
            sum += c;
            System.out.printf("  observation %d: c2st %.4f (accept %.3f, %.1f s)%n", k, c, post.lastAcceptance(),
                    (System.nanoTime() - t1) / 1e9);
        }
        System.out.printf("%s mean c2st over %d..%d: %.4f, total %.1f s%n", task.name(), first, last,
                sum / (last - first + 1), (System.nanoTime() - t0) / 1e9);
    }
}
