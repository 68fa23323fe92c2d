package org.sciml4j.inference.config;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.sciml4j.inference.diagnostics.C2st;
import org.sciml4j.inference.diagnostics.HeldOutCheck;
import org.sciml4j.inference.diagnostics.SamplePlots;
import org.sciml4j.inference.mcmc.LogDensity;
import org.sciml4j.inference.mcmc.McmcSettings;
import org.sciml4j.inference.mcmc.SliceSampler;
import org.sciml4j.inference.sbi.NlePosterior;
import org.sciml4j.inference.sbi.Posterior;
import org.sciml4j.inference.sbi.PosteriorEstimate;
import org.sciml4j.inference.tasks.BenchmarkTask;
import org.sciml4j.io.Npz;
import org.sciml4j.io.SummaryJson;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.RunContext;

/**
 * Samples the posterior of every observation, scores it by C2ST against reference samples (sbibm's files, or long
 * MCMC on the task's exact likelihood), checks held-out observations with known truths ({@link HeldOutCheck}, for
 * the estimate and for the reference), and writes {@code posterior_samples.npz}, {@code reference_samples.npz}
 * (MCMC references only), the pair plots and the summary entries.
 */
final class SbiEvaluation {
    /** The reference MCMC: 50 chains, 500 warmup sweeps, every 10th sweep kept. */
    static final McmcSettings REFERENCE_MCMC = new McmcSettings(50, 500, 10, 0.5, 20, 5000);
    private final SbiSpec spec;
    private final RunContext context;
    private final SummaryJson summary;

    SbiEvaluation(SbiSpec spec, RunContext context, SummaryJson summary) {
        this.spec = spec;
        this.context = context;
        this.summary = summary;
    }

    /** The posterior estimate of observation k (TSNPE trains one per observation). */
    @FunctionalInterface
    interface PosteriorFor {
        PosteriorEstimate of(int k) throws IOException;
    }

    void evaluate(PosteriorEstimate posterior, long seed) throws IOException {
        evaluate(k -> posterior, seed);
    }

    void evaluate(PosteriorFor posteriors, long seed) throws IOException {
        Map<String, Tensor> samples = new LinkedHashMap<>();
        Map<String, Tensor> references = new LinkedHashMap<>();
        Map<String, Object> perObservation = new LinkedHashMap<>();
        HeldOutCheck estimate = new HeldOutCheck();
        HeldOutCheck exact = new HeldOutCheck();
        double sum = 0;
        long t0 = System.nanoTime();
        for (int k = 0; k < spec.observations().size(); k++) {
            if (context.interrupted().getAsBoolean()) {
                break;
            }
            String label = spec.labels().get(k);
            double[] x = spec.observations().get(k);
            double[] truth = spec.truths().get(k);
            PosteriorEstimate posterior = posteriors.of(k);
            if (posterior == null) {
                break;
            }
            Tensor q = posterior.sample(spec.samples(), x, new Rng(seed * 7919 + k));
            samples.put("observation_" + label, q);
            Tensor ref = reference(k, seed);
            if (ref != null && spec.mcmcReference()) {
                references.put("observation_" + label, ref);
            }
            if (truth != null) {
                estimate.add(HeldOutCheck.Observation.of(q, truth, density(posterior, x)));
                if (ref != null && spec.exactLikelihood() != null) {
                    exact.add(HeldOutCheck.Observation.of(ref, truth, LogDensity.posterior(spec.prior(),
                            spec.exactLikelihood().apply(x))));
                }
            }
            String note = note(posterior);
            if (ref != null) {
                double score = new C2st(5, spec.c2stEpochs(), seed).score(ref, q);
                sum += score;
                perObservation.put(label, score);
                context.say(String.format(Locale.ROOT, "observation %s: c2st %.4f%s", label, score, note));
            } else if (!note.isEmpty()) {
                context.say("observation " + label + ":" + note);
            }
            SamplePlots.pairPlot(context.dir().resolve("pairs_observation_" + label + ".png"), thin(q, 5000),
                    ref == null ? null : thin(ref, 5000), truth, spec.names());
        }
        Npz.write(context.dir().resolve("posterior_samples.npz"), samples, true);
        if (!references.isEmpty()) {
            Npz.write(context.dir().resolve("reference_samples.npz"), references, true);
        }
        if (!perObservation.isEmpty()) {
            double mean = sum / perObservation.size();
            context.say(String.format(Locale.ROOT, "c2st mean over %d observations: %.4f", perObservation.size(),
                    mean));
            summary.put("c2st", mean).put("c2st_per_observation", perObservation);
        }
        report(estimate, "");
        report(exact, "reference_");
        summary.put("evaluation_seconds", (System.nanoTime() - t0) / 1e9);
    }

    /** The reference samples of observation k: the file's, or MCMC on the exact likelihood, or null. */
    private Tensor reference(int k, long seed) throws IOException {
        if (spec.references().get(k) != null) {
            return BenchmarkTask.readCsv(spec.references().get(k), spec.prior().dim());
        }
        if (!spec.mcmcReference()) {
            return null;
        }
        LogDensity likelihood = spec.exactLikelihood().apply(spec.observations().get(k));
        SliceSampler.Result r = new SliceSampler(REFERENCE_MCMC).sample(spec.prior(), likelihood, spec.samples(),
                new Rng(seed * 104_729 + k));
        double worst = 0;
        for (double v : r.rhat()) {
            worst = Math.max(worst, v);
        }
        if (worst > 1.05) {
            context.say(String.format(Locale.ROOT, "warning: the reference MCMC of observation %s has R-hat %.3f"
                    + " (> 1.05): its chains have not mixed", spec.labels().get(k), worst));
        }
        return r.samples();
    }

    /** log q(theta | x) of the estimate, as a batched function of theta. */
    private static LogDensity density(PosteriorEstimate posterior, double[] x) {
        return rows -> {
            int n = rows.length;
            int d = rows[0].length;
            double[] th = new double[n * d];
            double[] xs = new double[n * x.length];
            for (int i = 0; i < n; i++) {
                System.arraycopy(rows[i], 0, th, i * d, d);
                System.arraycopy(x, 0, xs, i * x.length, x.length);
            }
            return posterior.logProb(Tensor.of(th, n, d), Tensor.of(xs, n, x.length));
        };
    }

    private static String note(PosteriorEstimate posterior) {
        if (posterior instanceof Posterior p) {
            return String.format(Locale.ROOT, " (%.1f %% of draws in the prior's support)",
                    100 * p.lastAcceptance());
        }
        if (posterior instanceof NlePosterior p && p.lastRun() != null) {
            double worst = 0;
            for (double v : p.lastRun().rhat()) {
                worst = Math.max(worst, v);
            }
            return String.format(Locale.ROOT, " (MCMC: R-hat %.3f, %d evaluations)", worst,
                    p.lastRun().evaluations());
        }
        return "";
    }

    private void report(HeldOutCheck check, String prefix) {
        if (check.observations() == 0) {
            return;
        }
        String who = prefix.isEmpty() ? "estimate" : "reference";
        context.say(String.format(Locale.ROOT, "%s on %d observations with known truth: mean within one sd of it"
                + " per parameter %s, for all parameters %d; truth in the 68 %% / 95 %% region: %.2f / %.2f", who,
                check.observations(), java.util.Arrays.toString(check.withinOneSd()), check.allWithinOneSd(),
                check.coverage68(), check.coverage95()));
        summary.put(prefix + "held_out_observations", check.observations())
                .put(prefix + "within_one_sd", check.withinOneSd())
                .put(prefix + "all_within_one_sd", check.allWithinOneSd())
                .put(prefix + "coverage_68", check.coverage68()).put(prefix + "coverage_95", check.coverage95());
    }

    private static Tensor thin(Tensor t, int n) {
        return t.size(0) <= n ? t : t.slice(0, 0, n);
    }
}
