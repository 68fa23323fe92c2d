package org.sciml4j.discovery.dmd.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sciml4j.discovery.dmd.Dense;
import org.sciml4j.discovery.dmd.DmdResult;
import org.sciml4j.discovery.dmd.EigenvalueScore;
import org.sciml4j.discovery.dmd.ExactDmd;
import org.sciml4j.discovery.dmd.RankRule;
import org.sciml4j.discovery.dmd.Snapshots;
import org.sciml4j.io.Npz;
import org.sciml4j.io.SummaryJson;
import org.sciml4j.plot.Axes;
import org.sciml4j.plot.Plots;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.RunContext;

/**
 * One run of a {@code dmd} problem: fits, prints the leading eigenvalues, frequencies and growth rates, and writes
 * {@code summary.json}, {@code modes.npz} and the plots into the run folder. For the optimised methods on data with
 * known eigenvalues it also scores exact DMD of the same rank, so the bias that the optimisation removes is reported
 * beside it.
 */
final class DmdRun {
    private static final int PRINTED = 10;
    private final DmdProblem problem;
    private final RunContext context;

    DmdRun(DmdProblem problem, RunContext context) {
        this.problem = problem;
        this.context = context;
    }

    int run() throws IOException {
        Snapshots d = problem.data();
        MethodSpec spec = problem.method();
        long t0 = System.nanoTime();
        DmdFit fit = DmdFit.of(spec, d, context.seedOr(spec.seed()), context.interrupted());
        double seconds = (System.nanoTime() - t0) / 1e9;
        DmdResult r = fit.result();
        int n1 = d.firstTrajectoryLength();
        double[] first = Arrays.copyOf(d.x(), d.features() * n1);
        double recError = relativeError(fit.reconstruction(), first);
        EigenvalueScore score = d.truthRe() == null ? null : EigenvalueScore.of(r, d.truthRe(), d.truthIm());
        EigenvalueScore exactScore = baseline(spec, d, r);
        print(d, spec, r, seconds, recError, score, exactScore);
        summary(d, spec, r, seconds, recError, score, exactScore).write(context.dir());
        arrays(d, r, fit.reconstruction());
        plots(d, r, fit.reconstruction());
        return 0;
    }

    /** Exact DMD of the same rank, scored, for bop and optimized on evenly spaced data with known eigenvalues. */
    private static EigenvalueScore baseline(MethodSpec spec, Snapshots d, DmdResult r) {
        boolean optimised = spec.name().equals("bop") || spec.name().equals("optimized");
        if (!optimised || d.truthRe() == null || Double.isNaN(d.uniformStep())) {
            return null;
        }
        DmdResult exact = ExactDmd.fit(d.pairFirsts(), d.pairSeconds(), d.features(), d.pairs(), d.uniformStep(),
                RankRule.fixed(r.rank()), Arrays.copyOf(d.x(), d.features()));
        return EigenvalueScore.of(exact, d.truthRe(), d.truthIm());
    }

    static double relativeError(double[] approx, double[] truth) {
        double num = 0;
        for (int i = 0; i < truth.length; i++) {
            double e = approx[i] - truth[i];
            num += e * e;
        }
        return Math.sqrt(num) / Dense.norm(truth);
    }

    private void print(Snapshots d, MethodSpec spec, DmdResult r, double seconds, double recError,
                       EigenvalueScore score, EigenvalueScore exactScore) {
        context.say(String.format(Locale.ROOT, "dmd %s on %s: %d features x %d snapshots, rank %d (%s), %.3f s",
                spec.name(), problem.dataDescription(), d.features(), d.snapshots(), r.rank(),
                ruleDescription(spec), seconds));
        context.say("   #  lambda (one step dt)        omega = log(lambda)/dt     frequency    growth rate      |b|");
        boolean sd = r.omegaSdRe() != null;
        for (int j = 0; j < Math.min(PRINTED, r.modeCount()); j++) {
            String line = String.format(Locale.ROOT, "%4d  %11.6f %+11.6fi  %11.6f %+11.6fi  %11.6f  %11.6f  %9.3g",
                    j + 1, r.lambdaRe()[j], r.lambdaIm()[j], r.omegaRe()[j], r.omegaIm()[j], r.frequency(j),
                    r.growthRate(j), r.amplitude(j));
            if (sd) {
                line += String.format(Locale.ROOT, "   sd %.2g %+.2gi", r.omegaSdRe()[j], r.omegaSdIm()[j]);
            }
            context.say(line);
        }
        if (r.modeCount() > PRINTED) {
            context.say("   ... " + (r.modeCount() - PRINTED) + " more in summary.json");
        }
        if (Double.isFinite(recError)) {
            context.out().printf(Locale.ROOT, "reconstruction error %.3e (relative, Frobenius, first trajectory)%n",
                    recError);
        } else { // e.g. data growing as exp(50 t): the model's powers of its eigenvalues leave double range
            context.out().println("reconstruction error not computed: the reconstruction overflows double precision"
                    + " (the data or the fitted modes grow too fast over the snapshots' time span)");
        }
        if (score != null) {
            context.out().printf(Locale.ROOT, "eigenvalue error %.3e (largest |omega - omega_true|), growth rate"
                    + " %.3e, frequency %.3e (largest relative)%n", score.eigenvalueError(),
                    score.growthRateRelativeError(), score.frequencyRelativeError());
        }
        if (exactScore != null) {
            context.out().printf(Locale.ROOT, "exact DMD of the same rank: eigenvalue error %.3e, growth rate"
                    + " %.3e, frequency %.3e (its bias)%n", exactScore.eigenvalueError(),
                    exactScore.growthRateRelativeError(), exactScore.frequencyRelativeError());
        }
    }

    /** How the rank was chosen: EDMD's is its dictionary's size, the others' their rank rule. */
    private static String ruleDescription(MethodSpec spec) {
        if (spec.name().equals("edmd")) {
            return spec.dictionary().equals("polynomial") ? "polynomial dictionary of degree " + spec.degree()
                    : spec.rbf() + " radial basis functions around " + spec.centres() + " centres";
        }
        return spec.rank().describe();
    }

    private SummaryJson summary(Snapshots d, MethodSpec spec, DmdResult r, double seconds, double recError,
                                EigenvalueScore score, EigenvalueScore exactScore) {
        int k = r.modeCount();
        double[] freq = new double[k];
        double[] amp = new double[k];
        for (int j = 0; j < k; j++) {
            freq[j] = r.frequency(j);
            amp[j] = r.amplitude(j);
        }
        SummaryJson s = new SummaryJson().put("kind", DmdKind.NAME).put("name", problem.name())
                .put("method", spec.name()).put("features", d.features()).put("snapshots", d.snapshots())
                .put("dt", r.dt()).put("rank", r.rank()).put("rank_rule", ruleDescription(spec))
                .put("eigenvalues", complex(r.lambdaRe(), r.lambdaIm()))
                .put("continuous_eigenvalues", complex(r.omegaRe(), r.omegaIm()))
                .put("frequencies", freq).put("growth_rates", r.omegaRe().clone()).put("amplitudes", amp)
                .put("singular_values", r.singularValues())
                .put("reconstruction_error", recError, "the reconstruction overflowed (a growing mode)")
                .put("seconds", seconds);
        if (r.omegaSdRe() != null) {
            s.put("eigenvalue_sd", complex(r.omegaSdRe(), r.omegaSdIm()));
        }
        if (score != null) {
            s.put("eigenvalue_error", score.eigenvalueError())
                    .put("discrete_eigenvalue_error", score.discreteEigenvalueError())
                    .put("growth_rate_relative_error", score.growthRateRelativeError(), "no true growth rate != 0")
                    .put("frequency_relative_error", score.frequencyRelativeError(), "no true frequency != 0");
        }
        if (exactScore != null) {
            Map<String, Object> ex = new LinkedHashMap<>();
            ex.put("eigenvalue_error", exactScore.eigenvalueError());
            ex.put("growth_rate_relative_error", exactScore.growthRateRelativeError());
            ex.put("frequency_relative_error", exactScore.frequencyRelativeError());
            s.put("exact_dmd", ex);
        }
        return s;
    }

    private static Map<String, Object> complex(double[] re, double[] im) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("re", re.clone());
        m.put("im", im.clone());
        return m;
    }

    private void arrays(Snapshots d, DmdResult r, double[] rec) throws IOException {
        int m = d.features();
        int k = r.modeCount();
        int n1 = rec.length / m;
        Map<String, Tensor> a = new LinkedHashMap<>();
        a.put("modes_re", Tensor.of(Dense.transpose(r.modes().re(), m, k), m, k));
        a.put("modes_im", Tensor.of(Dense.transpose(r.modes().im(), m, k), m, k));
        a.put("eigenvalues_re", Tensor.of(r.lambdaRe().clone(), k));
        a.put("eigenvalues_im", Tensor.of(r.lambdaIm().clone(), k));
        a.put("omega_re", Tensor.of(r.omegaRe().clone(), k));
        a.put("omega_im", Tensor.of(r.omegaIm().clone(), k));
        a.put("amplitudes_re", Tensor.of(r.ampRe().clone(), k));
        a.put("amplitudes_im", Tensor.of(r.ampIm().clone(), k));
        a.put("singular_values", Tensor.of(r.singularValues().clone(), r.singularValues().length));
        a.put("reconstruction", Tensor.of(Dense.transpose(rec, m, n1), m, n1));
        int f = problem.forecast();
        if (f > 0) {
            double[] t = new double[f];
            for (int i = 0; i < f; i++) {
                t[i] = d.times()[n1 - 1] - d.times()[0] + (i + 1) * r.dt();
            }
            a.put("forecast", Tensor.of(Dense.transpose(r.reconstruct(t), m, f), m, f));
        }
        Npz.write(context.dir().resolve("modes.npz"), a, true);
    }

    private void plots(Snapshots d, DmdResult r, double[] rec) throws IOException {
        String title = problem.name() + " (" + r.method() + ")";
        DmdPlots.eigenvalues(context.dir().resolve("eigenvalues.png"), title, r, d.truthRe(), d.truthIm());
        DmdPlots.singularValues(context.dir().resolve("singular_values.png"), "singular values", r.singularValues(),
                r.rank());
        int m = d.features();
        double[] index = new double[m];
        for (int i = 0; i < m; i++) {
            index[i] = i;
        }
        List<String> labels = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (int j = 0; j < Math.min(4, r.modeCount()); j++) {
            labels.add(String.format(Locale.ROOT, "mode %d Re (f = %.3g)", j + 1, r.frequency(j)));
            ys.add(Arrays.copyOfRange(r.modes().re(), j * m, (j + 1) * m));
        }
        Plots.curves(context.dir().resolve("modes.png"), "leading modes (real part) against feature index",
                Axes.of("feature index", "mode (real part)"), index,
                labels, ys);
        int n1 = rec.length / m;
        double[] t = Arrays.copyOf(d.times(), n1);
        labels.clear();
        ys.clear();
        for (int i = 0; i < Math.min(3, m); i++) {
            int feature = i * Math.max(1, m / 3);
            double[] data = new double[n1];
            double[] model = new double[n1];
            for (int k = 0; k < n1; k++) {
                data[k] = d.x()[feature + k * m];
                model[k] = rec[feature + k * m];
            }
            labels.add("data x" + (feature + 1));
            ys.add(data);
            labels.add("DMD x" + (feature + 1));
            ys.add(model);
        }
        Plots.curves(context.dir().resolve("reconstruction.png"), "reconstruction against data",
                Axes.of("t", "snapshot value"), t, labels, ys);
    }
}
