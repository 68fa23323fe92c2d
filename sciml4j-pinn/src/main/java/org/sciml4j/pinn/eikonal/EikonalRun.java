package org.sciml4j.pinn.eikonal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.sciml4j.io.SummaryJson;
import org.sciml4j.nn.Checkpoint;
import org.sciml4j.nn.Module;
import org.sciml4j.nn.Networks;
import org.sciml4j.pinn.config.ProblemFile.TrainingSpec;
import org.sciml4j.plot.Plots;
import org.sciml4j.tensor.Rng;
import org.sciml4j.train.LossHistory;
import org.sciml4j.train.Phase;
import org.sciml4j.train.Trainer;
import org.sciml4j.train.config.DocumentProblem;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.YamlDocument;

/**
 * Runs a {@code kind: eikonal} file: trains the factorised surrogate through {@link Trainer} on its
 * {@link EikonalObjective}, checks it against second-order factored fast marching ({@link TravelTimeCheck}), and,
 * with {@code locate:}, locates a hypocentre from noisy arrival times. Writes {@code summary.json} (with
 * {@code relative_error}, the relative mean absolute error against fast marching), {@code loss.tsv},
 * {@code loss.png}, {@code network.safetensors}, {@code times.npz} and, in 2-D, {@code contours.png} for the first
 * evaluation source with rays to it from the surface ({@link SurfaceRays}).
 */
public final class EikonalRun extends DocumentProblem {
    /** The kind's name. */
    public static final String KIND = "eikonal";

    private final EikonalSpec spec;

    public EikonalRun(YamlDocument doc, EikonalSpec spec) {
        super(doc, KIND, doc.runName());
        this.spec = spec;
    }

    /** The file's settings. */
    public EikonalSpec spec() {
        return spec;
    }

    /** The network's parameters are drawn from the seed; the points from seed + 1. */
    public EikonalSurrogate newSurrogate(long seed) {
        int d = spec.box().dimension();
        Module net = Networks.build(spec.network(), 2 * d, 1, seed);
        return new EikonalSurrogate(net, spec.box(), spec.velocity());
    }

    /** The objective for a surrogate (points drawn with seed + 1). */
    public EikonalObjective objective(EikonalSurrogate surrogate, long seed) {
        EikonalSpec.Collocation c = spec.collocation();
        return new EikonalObjective(surrogate, spec.residual(), c.pairs(), c.sourcePoints(), c.resampleEvery(),
                spec.weights(), seed + 1);
    }

    /**
     * The trainer of the file's schedule, with Adam's epochs given; with {@code collocation.round}, every
     * quasi-Newton phase runs in rounds of that many iterations, each on new points.
     */
    public Trainer trainer(int epochs, org.sciml4j.train.TrainingListener listener) {
        TrainingSpec t = spec.training();
        Trainer general = org.sciml4j.pinn.Trainer.builder().adam(t.learningRate(), epochs)
                .lbfgs(t.lbfgsIterations()).lm(t.lmIterations()).schedule(t.schedule()).build().general();
        int round = spec.collocation().round();
        Trainer.Builder b = Trainer.builder();
        for (Phase p : general.phases()) {
            b.phase(round > 0 && p instanceof Phase.QuasiNewton q
                    ? new Phase.QuasiNewton(q.name(), q.minimizer(), q.iterations(), round) : p);
        }
        if (listener != null) {
            b.listener(listener);
        }
        return b.build();
    }

    @Override
    public int run(RunContext c) throws IOException {
        long seed = c.seedOr(spec.training().seed());
        int epochs = c.epochsOr(spec.training().epochs());
        EikonalSurrogate surrogate = newSurrogate(seed);
        EikonalObjective objective = objective(surrogate, seed);
        c.say("eikonal: " + spec.velocity().describe() + ", " + spec.box().names() + ", network "
                + spec.network());
        double cpu0 = cpuSeconds();
        Trainer.Result result = trainer(epochs, c.listener(spec.training().logEvery())).train(objective);
        double trainingCpu = cpuSeconds() - cpu0;
        TravelTimeCheck.Result check = TravelTimeCheck.random(spec.box(), spec.evaluation().grid(),
                spec.evaluation().sources(), spec.evaluation().seed()).run(surrogate);
        SummaryJson summary = summary(result, check, trainingCpu, seed);
        SurfaceRays rays = SurfaceRays.trace(surrogate, check.marches().get(0).source());
        rays.put(summary);
        if (spec.location() != null) {
            locate(surrogate, check, summary, c);
        }
        c.say(String.format(Locale.ROOT, "relative mean absolute error against fast marching: %.4g %%",
                100 * check.relativeError()));
        writeOutputs(c.dir(), surrogate, result.history(), check, rays);
        summary.write(c.dir());
        return 0;
    }

    private SummaryJson summary(Trainer.Result result, TravelTimeCheck.Result check, double cpu, long seed) {
        SummaryJson s = new SummaryJson().put("kind", KIND).put("name", name())
                .put("velocity", spec.velocity().describe()).put("residual", spec.residual().key())
                .put("relative_error", check.relativeError(), "the network's travel times are not finite")
                .put("max_abs_error", check.maxAbsoluteError()).put("mean_time", check.meanTime())
                .put("sources", spec.evaluation().sources()).put("seed", seed).put("epochs", result.epochs())
                .put("stop_reason", result.stopReason()).put("training_seconds", result.seconds())
                .put("training_cpu_seconds", cpu);
        LossHistory h = result.history();
        if (h.size() > 0) {
            for (String col : h.columns()) {
                if (!col.equals("epoch")) {
                    double[] v = h.column(col);
                    s.put("final_" + col, v[v.length - 1]);
                }
            }
        }
        check.marchingError().ifPresent(e -> s.put("marching_relative_error", e));
        check.marchingErrorFine().ifPresent(e -> s.put("marching_relative_error_fine", e));
        check.marchingOrder().ifPresent(o -> s.put("marching_order", o));
        check.networkExactError().ifPresent(e -> s.put("network_exact_relative_error", e));
        return s;
    }

    /** Arrival times from fast marching at random receivers plus noise, located through the surrogate. */
    private void locate(EikonalSurrogate surrogate, TravelTimeCheck.Result check, SummaryJson summary, RunContext c) {
        EikonalSpec.Location l = spec.location();
        Box box = spec.box();
        Rng rng = new Rng(l.seed());
        double[] receivers = box.sample(rng, l.receivers());
        int d = box.dimension();
        double[] observed = new double[l.receivers()];
        org.sciml4j.solvers.eikonal.Grid grid = check.marches().get(0).grid();
        double[] slowness = surrogate.velocity().at(TravelTimeCheck.nodes(grid), d);
        for (int i = 0; i < slowness.length; i++) {
            slowness[i] = 1 / slowness[i];
        }
        var truth = org.sciml4j.solvers.eikonal.FactoredFastMarching.secondOrder().solve(grid, slowness, l.source());
        for (int k = 0; k < observed.length; k++) {
            observed[k] = truth.at(java.util.Arrays.copyOfRange(receivers, k * d, k * d + d))
                    + l.noise() * rng.normal();
        }
        HypocentreLocator.Located found = new HypocentreLocator(surrogate).locate(receivers, observed, l.starts(),
                l.iterations(), l.seed() + 1);
        double err = 0;
        for (int a = 0; a < d; a++) {
            err += (found.source()[a] - l.source()[a]) * (found.source()[a] - l.source()[a]);
        }
        summary.put("location_true", l.source()).put("location_found", found.source())
                .put("location_error", Math.sqrt(err)).put("location_rms_misfit", found.rmsMisfit())
                .put("location_receivers", l.receivers()).put("location_noise", l.noise());
        c.say(String.format(Locale.ROOT, "hypocentre located %s from %d arrivals (noise %.3g): error %.4g",
                java.util.Arrays.toString(found.source()), l.receivers(), l.noise(), Math.sqrt(err)));
    }

    private void writeOutputs(Path dir, EikonalSurrogate surrogate, LossHistory h, TravelTimeCheck.Result check,
            SurfaceRays rays) throws IOException {
        h.write(dir.resolve("loss.tsv"));
        if (h.size() > 0) {
            List<String> names = new ArrayList<>();
            List<double[]> values = new ArrayList<>();
            for (String col : h.columns()) {
                if (!col.equals("epoch")) {
                    names.add(col);
                    values.add(h.column(col));
                }
            }
            Plots.lossCurves(dir.resolve("loss.png"), name() + ": training loss", h.column("epoch"), names, values);
        }
        Checkpoint.save(dir.resolve("network.safetensors"), surrogate.network().parameters());
        EikonalPlots.write(dir, name(), check, rays, spec.evaluation().levels());
    }

    /** CPU time of the whole process so far (all threads), seconds. */
    static double cpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toNanos() * 1e-9;
    }
}
