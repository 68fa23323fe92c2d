package org.sciml4j.discovery.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.sciml4j.discovery.derivative.Differentiator;
import org.sciml4j.discovery.derivative.FiniteDifference;
import org.sciml4j.discovery.sindy.Design;
import org.sciml4j.discovery.sindy.Ensemble;
import org.sciml4j.discovery.sindy.FeatureLibrary;
import org.sciml4j.discovery.sindy.PdeLibrary;
import org.sciml4j.discovery.sindy.Sindy;
import org.sciml4j.discovery.sindy.SindyModel;
import org.sciml4j.discovery.sindy.SparseRegressor;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.DocumentProblem;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** A read and checked {@code kind: sindy} file; {@link #run} fits, prints and writes the results. */
final class SindyProblem extends DocumentProblem {
    private final Measurements data;
    private final double noise;
    private final long seed;
    private final MethodSection.Derivative derivative;
    private final FeatureLibrary library;
    private final int[] pde;
    private final Node optimizerNode;
    private final List<String> features;
    private final List<String> lhs;
    private final double[] truth;
    private final double simulateFor;
    /** The most samples a simulation (the data's span and a forecast past it) takes: 8 MB of doubles per state. */
    static final int MAX_SIMULATION_SAMPLES = 1_000_000;

    private SindyProblem(YamlDocument doc, Map<String, NodeTuple> m) {
        super(doc, "sindy", doc.runName(m));
        Keys k = new Keys(doc, m);
        DataSection.Result d = new DataSection(doc)
                .read(doc.required(m, "data", doc.root(), "data: {generate: lorenz}"));
        this.data = d.data();
        this.noise = d.noise();
        this.seed = k.has("seed") ? doc.integer(k.node("seed")) : 0;
        MethodSection methods = new MethodSection(doc);
        this.derivative = methods.derivative(k.node("derivative"));
        Differentiator diff = derivative.differentiator(); // null for the weak form
        if (diff != null && data.t().length < diff.minSamples()) {
            throw doc.error(k.has("derivative") ? k.node("derivative") : k.node("data"), diff.describe()
                    + " needs at least " + diff.minSamples() + " samples; the data have " + data.t().length);
        }
        List<String> inputs = new ArrayList<>(data.names());
        inputs.addAll(data.controls());
        if (data.isField()) {
            this.pde = methods.pde(k.node("library"));
            this.library = new PdeLibrary(1, pde[0]);
            this.features = library.names(PdeLibrary.inputNames(data.names().get(0), data.spaceName(), pde[1]));
            this.lhs = List.of(data.names().get(0) + "_t");
            if (derivative.weak() != null) {
                throw doc.error(k.node("derivative"), "the weak form is for trajectories; for a field use"
                        + " finite_difference, savitzky_golay or total_variation along time");
            }
        } else {
            this.pde = null;
            this.library = methods.library(k.node("library"), inputs);
            this.features = library.names(inputs);
            List<String> l = new ArrayList<>();
            for (String s : data.names()) {
                l.add(s + "'");
            }
            this.lhs = l;
        }
        this.optimizerNode = k.node("optimizer");
        methods.optimizer(optimizerNode, seed);
        this.truth = k.has("truth") ? TruthSection.read(doc, k.node("truth"), features, data.names(), lhs) : null;
        if (data.isField() && k.has("simulate_for")) {
            throw doc.error(k.node("simulate_for"), "simulate_for is for trajectories; a PDE model is not simulated");
        }
        double span = data.t()[data.t().length - 1] - data.t()[0];
        this.simulateFor = k.positive("simulate_for", span);
        if (k.has("simulate_for")) {
            checkForecast(doc, k.node("simulate_for"), span);
        }
    }

    /**
     * A simulate_for past the data's end is a forecast, sampled at the data's mean spacing: refused with controls
     * (known only over the data) and when it would take more than {@link #MAX_SIMULATION_SAMPLES} samples.
     */
    private void checkForecast(YamlDocument doc, Node at, double span) {
        double[] t = data.t();
        double samples = SindyReport.simulationSamples(t, simulateFor);
        if (samples <= t.length) {
            return;
        }
        if (data.u() != null) {
            throw doc.error(at, "simulate_for " + simulateFor + " goes past the data's end (t = " + t[t.length - 1]
                    + "); the controls " + data.controls() + " are known only over the data, so simulate_for can be"
                    + " at most the data's span, " + span);
        }
        if (samples > MAX_SIMULATION_SAMPLES) {
            double most = span / (t.length - 1) * (MAX_SIMULATION_SAMPLES - 1);
            throw doc.error(at, String.format(java.util.Locale.ROOT, "simulate_for %g would take %.3g samples at"
                    + " the data's mean spacing %g; at most %d (simulate_for <= %g)", simulateFor, samples,
                    span / (t.length - 1), MAX_SIMULATION_SAMPLES, most));
        }
    }

    static SindyProblem read(YamlDocument doc) {
        if (doc.root() == null) {
            throw doc.unplaced("the file is empty; a sindy problem needs at least 'kind: sindy' and 'data:'");
        }
        return new SindyProblem(doc, doc.mapping(doc.root(), "the problem", SindyKind.KEYS));
    }

    @Override
    public int run(RunContext c) throws IOException {
        long s = c.seedOr(seed);
        double[] measured = withNoise(data.x(), data.t().length, data.vars(), noise, s);
        SparseRegressor optimizer = new MethodSection(doc()).optimizer(optimizerNode, s);
        long start = System.nanoTime();
        SindyModel model;
        String method;
        if (data.isField()) {
            model = fitField(measured, optimizer);
            method = library.describe() + "; " + optimizer.describe() + "; u_t by "
                    + derivative.differentiator().describe();
        } else {
            Sindy sindy = new Sindy(library, optimizer, derivative.differentiator(), derivative.weak());
            model = sindy.fit(data.t(), measured, data.names(), data.u(), data.controls());
            method = sindy.describe();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        c.say("sindy: " + method);
        for (String e : model.equations(3)) {
            c.say("  " + e);
        }
        SindyReport report = new SindyReport(c, data, measured, model, truth, simulateFor, noise, s);
        if (optimizer instanceof Ensemble e) {
            report.inclusion(e.inclusionProbabilities());
        }
        report.write(method, seconds);
        return 0;
    }

    private SindyModel fitField(double[] u, SparseRegressor optimizer) {
        int nt = data.t().length;
        int nx = data.space().length;
        double[] inputs = PdeLibrary.inputs(u, nt, data.space(), pde[1], data.periodic());
        // u_t: differentiate every space point's time series at once, (nt, nx) row-major is (n, vars)
        double[] ut = (derivative.differentiator() == null ? new FiniteDifference(1, 4) : derivative.differentiator())
                .apply(data.t(), u, nx);
        double[] theta = library.transform(inputs, nt * nx, 1 + pde[1]);
        Design design = new Design(theta, nt * nx, features.size(), ut, 1);
        double[] xi = optimizer.fit(design);
        double r2 = SindyModel.r2(ut, predict(theta, xi, nt * nx), nt * nx, 1);
        return new SindyModel(null, features, data.names(), List.of(), lhs, xi, r2);
    }

    private double[] predict(double[] theta, double[] xi, int n) {
        int p = xi.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int f = 0; f < p; f++) {
                sum += theta[i * p + f] * xi[f];
            }
            out[i] = sum;
        }
        return out;
    }

    /** Adds Gaussian noise of sd level x the root-mean-square of each column (each space point for a field). */
    static double[] withNoise(double[] x, int n, int vars, double level, long seed) {
        if (level == 0) {
            return x;
        }
        double[] out = x.clone();
        SplittableRandom rng = new SplittableRandom(seed);
        double[] rms = new double[vars];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < vars; j++) {
                rms[j] += x[i * vars + j] * x[i * vars + j] / n;
            }
        }
        for (int j = 0; j < vars; j++) {
            rms[j] = Math.sqrt(rms[j]);
        }
        for (int i = 0; i < n * vars; i++) {
            out[i] += level * rms[i % vars] * rng.nextGaussian();
        }
        return out;
    }

    /** Fitted in closed form: {@code --epochs} does not apply. */
    @Override
    public boolean trainsInEpochs() {
        return false;
    }
}
