package org.sciml4j.inference.config;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sciml4j.inference.diagnostics.SamplePlots;
import org.sciml4j.inference.diagnostics.Sbc;
import org.sciml4j.inference.sbi.Nle;
import org.sciml4j.inference.sbi.NlePosterior;
import org.sciml4j.inference.sbi.Npe;
import org.sciml4j.inference.sbi.NpeSettings;
import org.sciml4j.inference.sbi.Posterior;
import org.sciml4j.inference.sbi.PosteriorEstimate;
import org.sciml4j.inference.sbi.SimulationData;
import org.sciml4j.inference.sbi.Simulations;
import org.sciml4j.inference.sbi.Tsnpe;
import org.sciml4j.io.SummaryJson;
import org.sciml4j.plot.Axes;
import org.sciml4j.plot.Plots;
import org.sciml4j.train.config.RunContext;

/**
 * Runs an {@link SbiSpec}: simulates (or reuses stored simulations), trains NPE (or NLE), samples the posterior of every
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
                .put("method", spec.method()).put("seed", seed);
        NpeSettings s = spec.npe();
        NpeSettings settings = new NpeSettings(s.flow(), s.batchSize(), s.learningRate(), s.validationFraction(),
                s.patience(), context.epochsOr(s.maxPasses()), s.clipNorm());
        if (spec.method().equals("tsnpe")) {
            return sequential(settings, seed);
        }
        SimulationData data = simulate(seed);
        boolean nle = spec.method().equals("nle");
        context.say(String.format(Locale.ROOT, "%s: %s flow, %d transforms, %d hidden; batch %d, lr %.1e,"
                + " early stopping after %d epochs without improvement (at most %d)", spec.method(),
                settings.flow().type(), settings.flow().transforms(), settings.flow().hidden(), settings.batchSize(),
                settings.learningRate(), settings.patience(), settings.maxPasses()));
        long t0 = System.nanoTime();
        Npe.Result r = nle ? new Nle(settings).train(data, seed + 1, context.listener(1000))
                : new Npe(settings).train(data, seed + 1, context.listener(1000));
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        context.say(String.format(Locale.ROOT, "trained %d epochs in %.1f s (best validation loss %.4f at epoch %d;"
                + " %s)", r.passes(), trainSeconds, r.bestValidation(), r.bestPass(), r.training().stopReason()));
        summary.put("train_seconds", trainSeconds).put("epochs", r.passes()).put("best_epoch", r.bestPass())
                .put("validation_nll", r.bestValidation()).put("stop_reason", r.training().stopReason());
        writeValidationCurve(r.validationCurve());
        PosteriorEstimate posterior = nle ? new NlePosterior(r.flow(), spec.prior(), spec.mcmc())
                : new Posterior(r.flow(), spec.prior());
        new SbiEvaluation(spec, context, summary).evaluate(posterior, seed);
        if (spec.sbc() != null && !context.interrupted().getAsBoolean()) {
            sbc(posterior, seed);
        }
        summary.write(context.dir());
        return 0;
    }

    /** TSNPE: a sequence of rounds per observation, each observation's estimate scored as it is made. */
    private int sequential(NpeSettings settings, long seed) throws IOException {
        context.say(String.format(Locale.ROOT, "tsnpe: %d rounds of %d simulations per observation, truncation at"
                + " %.0e of the posterior mass; %s flow, %d transforms", spec.rounds(),
                spec.simulations() / spec.rounds(), spec.truncation(), settings.flow().type(),
                settings.flow().transforms()));
        Tsnpe tsnpe = new Tsnpe(settings, spec.rounds(), spec.truncation());
        double[] trainSeconds = {0};
        List<Double> acceptance = new ArrayList<>();
        new SbiEvaluation(spec, context, summary).evaluate(k -> {
            if (context.interrupted().getAsBoolean()) {
                return null;
            }
            long t0 = System.nanoTime();
            Tsnpe.Result r = tsnpe.run(spec.prior(), spec.simulator(), spec.observations().get(k),
                    spec.simulations(), seed + 10_000L * k, context.listener(1000), context::say);
            trainSeconds[0] += (System.nanoTime() - t0) / 1e9;
            for (double a : r.acceptance()) {
                acceptance.add(a);
            }
            return r.posterior();
        }, seed);
        summary.put("simulations", spec.simulations()).put("rounds", spec.rounds())
                .put("simulation_and_train_seconds", trainSeconds[0]).put("truncation_acceptance", acceptance);
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

    private void sbc(PosteriorEstimate posterior, long seed) throws IOException {
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
