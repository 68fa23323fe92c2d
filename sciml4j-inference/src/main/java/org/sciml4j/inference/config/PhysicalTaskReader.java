package org.sciml4j.inference.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sciml4j.inference.sbi.NpeSettings;
import org.sciml4j.inference.tasks.BenchmarkTask;
import org.sciml4j.inference.tasks.DampedOscillator;
import org.sciml4j.inference.tasks.ExactLikelihoods;
import org.sciml4j.tensor.Rng;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code task: damped_oscillator}: its observations are {@code observations: N} held-out draws (default 20):
 * theta from the prior and x from the simulator under a fixed seed of their own ({@link #HELD_OUT_SEED}, so every
 * training seed sees the same observations, and none of them is among the training simulations); the reference
 * posterior of each is made by long MCMC on the exact likelihood ({@code reference: true}, the default).
 */
final class PhysicalTaskReader {
    /** The seed of the held-out observations. */
    static final long HELD_OUT_SEED = 1_000_003L;

    private PhysicalTaskReader() {
    }

    static SbiSpec read(YamlDocument doc, Node observations, Node reference, long seed, int simulations,
            Path simFile, NpeSettings npe, int samples, int c2stEpochs, SbiSpec.SbcSettings sbc) {
        BenchmarkTask task = DampedOscillator.task();
        int n = observations == null ? 20 : doc.positiveInt(observations);
        if (n > 1000) {
            throw doc.error(observations, "at most 1000 held-out observations, got " + n);
        }
        boolean withReference = reference == null || doc.bool(reference);
        Rng rng = new Rng(HELD_OUT_SEED);
        List<double[]> x = new ArrayList<>();
        List<double[]> truths = new ArrayList<>();
        List<Path> refs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] theta = task.prior().sample(rng);
            try {
                x.add(task.simulator().simulate(new double[][] {theta}, new long[] {HELD_OUT_SEED + 1 + i})[0]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            truths.add(theta);
            refs.add(null);
            labels.add(String.valueOf(i + 1));
        }
        return new SbiSpec(task.name(), task.prior(), task.simulator(), 500, simulations, simFile, npe, seed, x,
                labels, truths, refs, samples, c2stEpochs, sbc, List.of("c", "k"), "npe", null,
                ExactLikelihoods.forTask(task.name()), withReference, 1, 1e-4);
    }
}
