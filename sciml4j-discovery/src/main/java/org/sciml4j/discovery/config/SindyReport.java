package org.sciml4j.discovery.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sciml4j.discovery.data.OdeSampler;
import org.sciml4j.discovery.sindy.SindyModel;
import org.sciml4j.io.AtomicFiles;
import org.sciml4j.io.SummaryJson;
import org.sciml4j.plot.Axes;
import org.sciml4j.plot.Plots;
import org.sciml4j.train.config.RunContext;

/**
 * Writes a sindy run's results: {@code summary.json}, {@code coefficients.tsv} and, for trajectories, one plot per
 * state of the data against the simulation of the discovered model ({@code simulation_<state>.png}).
 */
final class SindyReport {
    private final RunContext c;
    private final Measurements data;
    private final double[] measured;
    private final SindyModel model;
    private final double[] truth;
    private final double simulateFor;
    private final double noise;
    private final long seed;

    SindyReport(RunContext c, Measurements data, double[] measured, SindyModel model, double[] truth,
            double simulateFor, double noise, long seed) {
        this.c = c;
        this.data = data;
        this.measured = measured;
        this.model = model;
        this.truth = truth;
        this.simulateFor = simulateFor;
        this.noise = noise;
        this.seed = seed;
    }

    private double[] inclusion;

    /** Adds an ensemble's inclusion probabilities, shape (p, m) row-major, to the summary. */
    void inclusion(double[] probabilities) {
        this.inclusion = probabilities;
    }

    void write(String method, double seconds) throws IOException {
        List<String> features = model.featureNames();
        int m = model.equations(3).size();
        double[] xi = model.coefficients();
        SummaryJson s = new SummaryJson().put("kind", "sindy").put("method", method).put("data", data.source())
                .put("samples", data.t().length).put("noise", noise).put("seed", seed)
                .put("equations", model.equations(3)).put("feature_names", features)
                .put("coefficients", coefficientMap(features, xi, m)).put("r2", model.r2())
                .put("fit_seconds", seconds);
        if (!data.isField()) {
            double err = simulate();
            double[] t = data.t();
            // compared with the data where they overlap; the rest of simulate_for is a forecast
            int n = comparedSamples(t, simulateFor);
            double compared = t[n - 1];
            s.put("simulate_for", simulateFor);
            s.put("simulation_compared_for", compared - t[0]);
            s.put("simulation_error", err, "the simulated trajectory of the discovered model blew up");
            c.say(String.format(Locale.ROOT, "  R^2 %.6f, simulation error %.3e over t <= %g", model.r2(), err,
                    compared) + (simulationSamples(t, simulateFor) > n ? String.format(Locale.ROOT,
                    " (the data's end); forecast to t = %g", t[0] + simulateFor) : ""));
        } else {
            c.say(String.format(Locale.ROOT, "  R^2 %.6f", model.r2()));
        }
        if (inclusion != null) {
            s.put("inclusion_probabilities", coefficientMap(features, inclusion, m));
        }
        if (truth != null) {
            scoreAgainstTruth(s, xi);
        }
        s.write(c.dir());
        writeTable(features, xi, m);
    }

    private void scoreAgainstTruth(SummaryJson s, double[] xi) {
        double worst = 0;
        int spurious = 0;
        int missing = 0;
        for (int a = 0; a < xi.length; a++) {
            if (truth[a] != 0) {
                worst = Math.max(worst, Math.abs(xi[a] - truth[a]) / Math.abs(truth[a]));
                missing += xi[a] == 0 ? 1 : 0;
            } else if (xi[a] != 0) {
                spurious++;
            }
        }
        s.put("coefficient_relative_error", worst).put("spurious_terms", spurious).put("missing_terms", missing);
        c.say(String.format(Locale.ROOT, "  against the truth: largest relative coefficient error %.3e, %d spurious,"
                + " %d missing terms", worst, spurious, missing));
    }

    private Map<String, Map<String, Double>> coefficientMap(List<String> features, double[] xi, int m) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        List<String> lhs = lhs();
        for (int j = 0; j < m; j++) {
            Map<String, Double> eq = new LinkedHashMap<>();
            for (int i = 0; i < features.size(); i++) {
                if (xi[i * m + j] != 0) {
                    eq.put(features.get(i), xi[i * m + j]);
                }
            }
            out.put(lhs.get(j), eq);
        }
        return out;
    }

    private List<String> lhs() {
        List<String> out = new ArrayList<>();
        for (String e : model.equations(3)) {
            out.add(e.substring(0, e.indexOf(" =")));
        }
        return out;
    }

    private void writeTable(List<String> features, double[] xi, int m) throws IOException {
        StringBuilder b = new StringBuilder("feature");
        for (String l : lhs()) {
            b.append('\t').append(l);
        }
        b.append('\n');
        for (int i = 0; i < features.size(); i++) {
            b.append(features.get(i));
            for (int j = 0; j < m; j++) {
                b.append('\t').append(xi[i * m + j]);
            }
            b.append('\n');
        }
        AtomicFiles.write(c.dir().resolve("coefficients.tsv"), b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The times a simulation over {@code simulateFor} is sampled at: the data's own times up to t0 + simulateFor
     * and, past the data's end (a forecast), steps of the data's mean spacing ending exactly at t0 + simulateFor.
     */
    static double[] simulationTimes(double[] t, double simulateFor) {
        int n = comparedSamples(t, simulateFor);
        long extra = n < t.length ? 0 : (long) forecastSteps(t, simulateFor);
        double[] out = java.util.Arrays.copyOf(t, Math.toIntExact(n + extra));
        double step = meanStep(t);
        for (int i = 1; i <= extra; i++) {
            out[n - 1 + i] = i == extra ? t[0] + simulateFor : t[n - 1] + i * step;
        }
        return out;
    }

    /** How many samples a simulation over {@code simulateFor} takes (a double: a huge horizon may not fit a long). */
    static double simulationSamples(double[] t, double simulateFor) {
        int n = comparedSamples(t, simulateFor);
        return n < t.length ? n : n + forecastSteps(t, simulateFor);
    }

    /** The data's samples within t0 + simulateFor: the ones the simulation is compared with. */
    private static int comparedSamples(double[] t, double simulateFor) {
        int n = 0;
        while (n < t.length && t[n] <= t[0] + simulateFor * (1 + 1e-12)) {
            n++;
        }
        return n;
    }

    /** The steps of the data's mean spacing from the data's end to t0 + simulateFor (the last one maybe shorter). */
    private static double forecastSteps(double[] t, double simulateFor) {
        double past = t[0] + simulateFor - t[t.length - 1];
        return past <= 0 ? 0 : Math.max(0, Math.ceil(past / meanStep(t) - 1e-9));
    }

    private static double meanStep(double[] t) {
        return (t[t.length - 1] - t[0]) / (t.length - 1);
    }

    /**
     * Simulates from the first sample over simulate_for, past the data's end as a forecast; returns the relative RMS
     * error against the data where they overlap, NaN if the simulation blew up before the data's end.
     */
    private double simulate() throws IOException {
        double[] t = data.t();
        double[] tt = simulationTimes(t, simulateFor);
        int n = comparedSamples(t, simulateFor);
        int total = tt.length;
        int m = data.names().size();
        double[] u = data.u() == null ? null : java.util.Arrays.copyOf(data.u(), n * data.controls().size());
        OdeSampler.Result r = model.simulate(tt, java.util.Arrays.copyOf(measured, m), u);
        double num = 0;
        double den = 0;
        for (int a = 0; a < n * m; a++) {
            double d = r.x()[a] - measured[a];
            num += d * d;
            den += measured[a] * measured[a];
        }
        // plot the samples the simulation reached (all of them unless the model blew up); the data end at sample n
        int shown = r.completed();
        boolean forecast = total > n;
        for (int j = 0; j < m && shown >= 2; j++) {
            double[] sim = new double[shown];
            double[] obs = new double[shown];
            for (int i = 0; i < shown; i++) {
                sim[i] = r.x()[i * m + j];
                obs[i] = i < n ? measured[i * m + j] : Double.NaN;
            }
            String name = data.names().get(j);
            Plots.curves(c.dir().resolve("simulation_" + name + ".png"), name + ": data and the simulated"
                    + " discovered model" + (forecast ? " (a forecast past the data's end)" : ""),
                    Axes.of("t", name), java.util.Arrays.copyOf(tt, shown),
                    List.of("data", "discovered model"),
                    List.of(obs, sim));
        }
        if (r.completed() < total) {
            c.say(String.format(Locale.ROOT, "  the discovered model's simulation blew up after t = %g"
                    + " (sample %d of %d)", tt[Math.max(r.completed() - 1, 0)], r.completed(), total));
        }
        return r.completed() < n ? Double.NaN : Math.sqrt(num / den);
    }
}
