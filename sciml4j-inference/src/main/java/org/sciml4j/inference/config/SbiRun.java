package org.sciml4j.inference.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sciml4j.inference.diagnostics.C2st;
import org.sciml4j.inference.diagnostics.SamplePlots;
import org.sciml4j.inference.diagnostics.Sbc;
import org.sciml4j.inference.sbi.Npe;
import org.sciml4j.inference.sbi.NpeSettings;
import org.sciml4j.inference.sbi.Posterior;
import org.sciml4j.inference.sbi.SimulationData;
import org.sciml4j.inference.sbi.Simulations;
import org.sciml4j.inference.tasks.BenchmarkTask;
import org.sciml4j.io.Npz;
import org.sciml4j.io.SummaryJson;
import org.sciml4j.plot.Axes;
import org.sciml4j.plot.Plots;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.RunContext;

/**
 * Runs an {@link SbiSpec}: simulates (or reuses stored simulations), trains NPE, samples the posterior of every
 * observation, scores it by C2ST against reference samples where given, optionally runs SBC, and writes
 * {@code simulations.npz}, {@code posterior_samples.npz}, {@code summary.json} and the plots into the run folder.
 */
final class SbiRun {
    private final SbiSpec spec;
    private final RunContext context;
    private final SummaryJson summary = new SummaryJson();

    SbiRun(SbiSpec spec, RunContext context) {
        this.spec = spec;
        this.context = context;
    }

    int run() throws IOException {
        long seed = context.seedOr(spec.seed());
        summary.put("kind", "sbi").put("task", spec.taskName() == null ? "custom" : spec.taskName())
                .put("method", "npe").put("seed", seed);
        SimulationData data = simulate(seed);
        NpeSettings s = spec.npe();
        NpeSettings settings = new NpeSettings(s.flow(), s.batchSize(), s.learningRate(), s.validationFraction(),
                s.patience(), context.epochsOr(s.maxPasses()), s.clipNorm());
        context.say(String.format(Locale.ROOT, "npe: %s flow, %d transforms, %d hidden; batch %d, lr %.1e,"
                + " early stopping after %d epochs without improvement (at most %d)", settings.flow().type(),
                settings.flow().transforms(), settings.flow().hidden(), settings.batchSize(),
                settings.learningRate(), settings.patience(), settings.maxPasses()));
        long t0 = System.nanoTime();
        Npe.Result r = new Npe(settings).train(data, seed + 1, context.listener(1000));
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        context.say(String.format(Locale.ROOT, "trained %d epochs in %.1f s (best validation loss %.4f at epoch %d;"
                + " %s)", r.passes(), trainSeconds, r.bestValidation(), r.bestPass(), r.training().stopReason()));
        summary.put("train_seconds", trainSeconds).put("epochs", r.passes()).put("best_epoch", r.bestPass())
                .put("validation_nll", r.bestValidation()).put("stop_reason", r.training().stopReason());
        writeValidationCurve(r.validationCurve());
        Posterior posterior = new Posterior(r.flow(), spec.prior());
        evaluate(posterior, seed);
        if (spec.sbc() != null && !context.interrupted().getAsBoolean()) {
            sbc(posterior, seed);
        }
        summary.write(context.dir());
        return 0;
    }

    private SimulationData simulate(long seed) throws IOException {
        Path file = spec.simulationFile() != null ? spec.simulationFile() : context.dir().resolve("simulations.npz");
        int d = spec.prior().dim();
        int c = spec.simulator().outputDim();
        SimulationData stored = SimulationData.readIfSame(file, seed, spec.simulations(), d, c);
        if (stored != null) {
            context.say("reusing " + stored.size() + " simulations from " + file);
            summary.put("simulations", stored.size()).put("simulation_seconds", 0.0);
            return stored;
        }
        long t0 = System.nanoTime();
        int every = Math.max(1, spec.simulations() / 10);
        int[] shown = {0};
        Simulations.Outcome out = new Simulations(spec.prior(), spec.simulator(), spec.simulationBatch(), 2)
                .run(spec.simulations(), seed, done -> {
                    if (done - shown[0] >= every || done == spec.simulations()) {
                        shown[0] = done;
                        context.say("simulations " + done + "/" + spec.simulations());
                    }
                });
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (out.failed() > 0) {
            context.say(out.failed() + " simulations failed (non-finite x) and were dropped");
        }
        out.data().write(file, seed, spec.simulations());
        summary.put("simulations", out.data().size()).put("failed_simulations", out.failed())
                .put("simulation_seconds", seconds);
        return out.data();
    }

    private void evaluate(Posterior posterior, long seed) throws IOException {
        Map<String, Tensor> samples = new LinkedHashMap<>();
        List<Double> c2st = new ArrayList<>();
        Map<String, Object> perObservation = new LinkedHashMap<>();
        double sum = 0;
        long t0 = System.nanoTime();
        for (int k = 0; k < spec.observations().size(); k++) {
            if (context.interrupted().getAsBoolean()) {
                break;
            }
            String label = spec.labels().get(k);
            Tensor q = posterior.sample(spec.samples(), spec.observations().get(k), new Rng(seed * 7919 + k));
            samples.put("observation_" + label, q);
            Tensor ref = null;
            if (spec.references().get(k) != null) {
                ref = BenchmarkTask.readCsv(spec.references().get(k), spec.prior().dim());
                double score = new C2st(5, spec.c2stEpochs(), seed).score(ref, q);
                c2st.add(score);
                sum += score;
                perObservation.put(label, score);
                context.say(String.format(Locale.ROOT, "observation %s: c2st %.4f (%.1f %% of draws in the prior's"
                        + " support)", label, score, 100 * posterior.lastAcceptance()));
            }
            SamplePlots.pairPlot(context.dir().resolve("pairs_observation_" + label + ".png"), thin(q, 5000),
                    ref == null ? null : thin(ref, 5000), spec.truths().get(k), spec.names());
        }
        Npz.write(context.dir().resolve("posterior_samples.npz"), samples, true);
        if (!c2st.isEmpty()) {
            double mean = sum / c2st.size();
            context.say(String.format(Locale.ROOT, "c2st mean over %d observations: %.4f", c2st.size(), mean));
            summary.put("c2st", mean).put("c2st_per_observation", perObservation);
        }
        summary.put("evaluation_seconds", (System.nanoTime() - t0) / 1e9);
    }

    private static Tensor thin(Tensor t, int n) {
        return t.size(0) <= n ? t : t.slice(0, 0, n);
    }

    private void sbc(Posterior posterior, long seed) throws IOException {
        SbiSpec.SbcSettings s = spec.sbc();
        long t0 = System.nanoTime();
        Sbc.Result r = Sbc.run(spec.prior(), spec.simulator(), posterior, s.pairs(), s.samples(), s.bins(),
                seed + 99);
        List<int[]> hist = new ArrayList<>();
        for (int j = 0; j < spec.prior().dim(); j++) {
            hist.add(r.histogram(j));
        }
        SamplePlots.bars(context.dir().resolve("sbc_ranks.png"), "SBC rank histograms (line: uniform)",
                spec.names(), hist);
        double[] levels = new double[21];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = i / 20.0;
        }
        Plots.curves(context.dir().resolve("coverage.png"), "expected coverage",
                Axes.of("credibility level", "coverage"), levels,
                List.of("empirical", "calibrated"), List.of(r.coverage(levels), levels));
        double minP = 1;
        for (double p : r.pValues()) {
            minP = Math.min(minP, p);
        }
        context.say(String.format(Locale.ROOT, "sbc: smallest chi-square p-value %.4f over %d dimensions: %s at 1 %%",
                minP, r.pValues().length, r.uniformAt(0.01) ? "uniform" : "NOT uniform"));
        summary.put("sbc_p_values", r.pValues()).put("sbc_uniform_at_1_percent", r.uniformAt(0.01))
                .put("coverage_levels", levels).put("coverage", r.coverage(levels))
                .put("sbc_seconds", (System.nanoTime() - t0) / 1e9);
    }

    private void writeValidationCurve(double[] curve) throws IOException {
        if (curve.length < 2) {
            return;
        }
        double[] epochs = new double[curve.length];
        for (int i = 0; i < curve.length; i++) {
            epochs[i] = i + 1;
        }
        Plots.curves(context.dir().resolve("validation_loss.png"), "validation loss (mean -log q)",
                Axes.of("epoch", "mean -log q"), epochs,
                List.of("validation"), List.of(curve));
    }
}
