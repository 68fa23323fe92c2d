package org.sciml4j.inference.mcmc;

import java.nio.file.Path;
import org.sciml4j.inference.diagnostics.C2st;
import org.sciml4j.inference.tasks.BenchmarkTask;
import org.sciml4j.inference.tasks.ExactLikelihoods;
import org.sciml4j.inference.tasks.SbibmTasks;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * The MCMC check of docs/SBI.md: slice sampling on gaussian_linear's exact likelihood x prior against sbibm's
 * reference samples, by C2ST: args samples c2stEpochs firstObs lastObs (the reference: its first {@code samples}).
 */
public final class McmcReferenceCheck {
    private McmcReferenceCheck() {
    }

    public static void main(String[] a) throws Exception {
        int n = Integer.parseInt(a[0]);
        int epochs = Integer.parseInt(a[1]);
        int first = Integer.parseInt(a[2]);
        int last = Integer.parseInt(a[3]);
        BenchmarkTask task = SbibmTasks.gaussianLinear();
        Path root = Path.of("/work/shared/data/sbibm");
        double sum = 0;
        for (int k = first; k <= last; k++) {
            long t0 = System.nanoTime();
            SliceSampler.Result r = new SliceSampler(new McmcSettings(50, 500, 10, 0.5, 20, 5000)).sample(
                    task.prior(), ExactLikelihoods.gaussianLinear(task.observation(root, k)), n, new Rng(k));
            double mcmc = (System.nanoTime() - t0) / 1e9;
            Tensor ref = task.referenceSamples(root, k);
            ref = ref.slice(0, 0, Math.min(n, ref.size(0)));
            double c = new C2st(5, epochs, 1).score(ref, r.samples());
            double worst = 0;
            for (double v : r.rhat()) {
                worst = Math.max(worst, v);
            }
            sum += c;
            System.out.printf("observation %d: c2st %.4f, R-hat max %.4f, %d evaluations, MCMC %.1f s, total %.1f s%n",
                    k, c, worst, r.evaluations(), mcmc, (System.nanoTime() - t0) / 1e9);
        }
        System.out.printf("gaussian_linear MCMC: mean c2st over %d..%d: %.4f%n", first, last,
                sum / (last - first + 1));
    }
}
