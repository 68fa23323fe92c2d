package org.sciml4j.pinn.uncertainty;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sciml4j.io.Npz;
import org.sciml4j.io.SummaryJson;
import org.sciml4j.nn.Module;
import org.sciml4j.nn.Variable;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.plot.Axes;
import org.sciml4j.plot.Plots;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Phase;
import org.sciml4j.train.Trainer;
import org.sciml4j.train.config.RunContext;

/**
 * A Bayesian PINN run: the posterior's mode by the file's schedule (Adam, then L-BFGS if set) on
 * {@link BayesianPinn}'s negative log density, then {@link Hmc} from there; the kept draws give the spread of the
 * fields and of the unknowns. Writes {@code loss.tsv} (the mode search), {@code samples.npz} (each unknown's draws,
 * the log density, and all parameters), {@code trace.png} (the unknowns' draws), and the outputs of
 * {@link UncertaintyOutputs}.
 */
final class HmcRun {
    private final ProblemFile file;
    private final UncertaintySpec.Bayesian spec;

    HmcRun(ProblemFile file, UncertaintySpec.Bayesian spec) {
        this.file = file;
        this.spec = spec;
    }

    int run(RunContext context) throws IOException {
        long seed = context.seedOr(file.training().seed());
        int epochs = context.epochsOr(file.training().epochs());
        Problem problem = file.problem();
        Module net = file.newNetwork(seed);
        BayesianPinn posterior = new BayesianPinn(problem, net, seed, spec.likelihood());
        HmcSettings s = spec.sampler();
        context.say(String.format(Locale.ROOT, "Bayesian PINN: %d parameters; mode by %d Adam epochs%s, then HMC"
                + " with %d leapfrog steps: %d warm-up and %d x %d transitions", posterior.dimension(), epochs,
                file.training().lbfgsIterations() > 0 ? " and " + file.training().lbfgsIterations() + " L-BFGS"
                        + " iterations" : "", s.leapfrog(), s.warmup(), s.samples(), s.thin()));
        double modeSeconds = 0;
        if (epochs > 0 || file.training().lbfgsIterations() > 0) {
            Trainer.Builder b = Trainer.builder().adam(file.training().learningRate(), epochs)
                    .listener(context.listener(file.training().logEvery()));
            int lbfgs = file.training().lbfgsIterations();
            if (lbfgs > 0) {
                b.phase(Phase.lbfgs(lbfgs, lbfgs));
            }
            Trainer.Result mode = b.build().train(posterior);
            mode.history().write(context.dir().resolve("loss.tsv"));
            modeSeconds = mode.seconds();
        }
        long start = System.nanoTime();
        HmcResult r = new Hmc(s).sample(posterior, posterior.get(), seed, monitor(context));
        double sampleSeconds = (System.nanoTime() - start) * 1e-9;
        SummaryJson summary = new SummaryJson();
        summary.put("name", file.name()).put("problem_file", file.path().toString()).put("method", "hmc");
        summary.put("seed", seed).put("adam_epochs", epochs).put("parameters_sampled", posterior.dimension());
        summary.put("mode_seconds", modeSeconds).put("sample_seconds", sampleSeconds);
        summary.put("draws", r.draws().length).put("transitions", r.transitions());
        summary.put("acceptance", r.acceptance(), "no transition after warm-up").put("step", r.step());
        summary.put("divergent", r.divergent());
        if (r.draws().length < 2) {
            summary.put("relative_error", null).put("stop_reason", "fewer than 2 draws");
            summary.write(context.dir());
            context.out().println("stopped with " + r.draws().length + " draws after warm-up: no spread");
            return 0;
        }
        Tensor points = UncertaintyOutputs.points(file);
        double[][] fields = new double[r.draws().length][];
        double[][] unknowns = new double[r.draws().length][];
        for (int k = 0; k < fields.length; k++) {
            posterior.set(r.draws()[k]);
            try (Autodiff.Scope sc = Autodiff.noGrad()) {
                fields[k] = problem.output(net, points).toArray();
            }
            unknowns[k] = posterior.loggedValues();
        }
        Map<String, Band> bands = new LinkedHashMap<>();
        List<String> names = problem.unknowns().stream().map(Variable::name).toList();
        Map<String, Object> ess = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            double[] chain = column(unknowns, i);
            bands.put(names.get(i), Band.ofScalars(chain));
            ess.put(names.get(i), Diagnostics.effectiveSampleSize(chain));
        }
        summary.put("effective_sample_size", ess, "the chain is constant");
        UncertaintyOutputs.write(context.dir(), file, points, Band.of(fields), bands, summary);
        summary.put("stop_reason", r.stopped() ? "interrupted" : "completed");
        summary.write(context.dir());
        writeDraws(context, r, names, unknowns);
        EnsembleRun.report(context, summary, bands, modeSeconds + sampleSeconds);
        context.out().printf(Locale.ROOT, "HMC: acceptance %.2f, step %.3g, %d divergent, %.1f s%n", r.acceptance(),
                r.step(), r.divergent(), sampleSeconds);
        return 0;
    }

    private static double[] column(double[][] rows, int j) {
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = rows[k][j];
        }
        return out;
    }

    /** A line at every tenth of the transitions (unless quiet), and a stop when the user interrupts. */
    private static Hmc.Monitor monitor(RunContext context) {
        double[] acceptSum = {0};
        int[] count = {0};
        return (it, total, warm, logp, step, a) -> {
            acceptSum[0] += a;
            count[0]++;
            int every = Math.max(1, total / 10);
            if (it % every == 0 || it == total) {
                context.say(String.format(Locale.ROOT, "hmc %d/%d%s: log density %.6g, step %.3g, acceptance %.2f",
                        it, total, warm ? " (warm-up)" : "", logp, step, acceptSum[0] / count[0]));
                acceptSum[0] = 0;
                count[0] = 0;
            }
            return !context.interrupted().getAsBoolean();
        };
    }

    private static void writeDraws(RunContext context, HmcResult r, List<String> names, double[][] unknowns)
            throws IOException {
        int n = r.draws().length;
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        List<double[]> traces = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            double[] c = column(unknowns, i);
            arrays.put(names.get(i), Tensor.of(c, n));
            traces.add(c);
        }
        arrays.put("log_density", Tensor.of(r.logDensity(), n));
        int d = r.draws()[0].length;
        double[] all = new double[n * d];
        for (int k = 0; k < n; k++) {
            System.arraycopy(r.draws()[k], 0, all, k * d, d);
        }
        arrays.put("parameters", Tensor.of(all, n, d));
        arrays.put("inverse_mass", Tensor.of(r.invMass(), d));
        Npz.write(context.dir().resolve("samples.npz"), arrays, true);
        if (!names.isEmpty()) {
            double[] index = new double[n];
            for (int k = 0; k < n; k++) {
                index[k] = k;
            }
            Plots.curves(context.dir().resolve("trace.png"), "posterior draws of the unknowns",
                    Axes.of("draw", "value"), index, names,
                    traces);
        }
    }
}
