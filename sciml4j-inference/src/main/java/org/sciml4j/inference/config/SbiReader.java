package org.sciml4j.inference.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sciml4j.inference.flow.FlowSpec;
import org.sciml4j.inference.sbi.NpeSettings;
import org.sciml4j.inference.sbi.Prior;
import org.sciml4j.inference.sbi.ProcessSimulator;
import org.sciml4j.inference.sbi.SimulationData;
import org.sciml4j.inference.sbi.Simulator;
import org.sciml4j.inference.mcmc.McmcSettings;
import org.sciml4j.inference.tasks.BenchmarkTask;
import org.sciml4j.inference.tasks.DampedOscillator;
import org.sciml4j.inference.tasks.ExactLikelihoods;
import org.sciml4j.inference.tasks.SbibmTasks;
import org.sciml4j.train.config.HeapLimit;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads a {@code kind: sbi} file into an {@link SbiSpec}; every mistake is placed at its line and column, and the
 * builtin data (observations, reference samples) are read here, so that a missing file is reported before anything
 * runs.
 */
final class SbiReader {
    static final List<String> METHODS = List.of("npe", "nle", "tsnpe");
    static final Set<String> ROOT = Set.of("kind", "name", "seed", "task", "data", "prior", "simulator",
            "simulations", "simulation_file", "method", "training", "observations", "reference", "posterior_samples",
            "diagnostics");
    private final YamlDocument doc;
    private final Map<String, NodeTuple> root;

    SbiReader(YamlDocument doc) {
        this.doc = doc;
        this.root = doc.mapping(doc.root(), "the problem", ROOT);
    }

    private Node value(String key) {
        NodeTuple t = root.get(key);
        return t == null ? null : t.getValueNode();
    }

    /** The spec, refused at {@code simulations:} when its simulations would not fit in the heap. */
    SbiSpec read() {
        SbiSpec spec = spec();
        int d = spec.prior().dim();
        int c = spec.simulator().outputDim();
        HeapLimit.require(doc, value("simulations"), spec.simulations() + " simulations of " + d + " parameters and "
                + c + " outputs", (double) spec.simulations() * SimulationData.bytesPerSimulation(d, c));
        return spec;
    }

    private SbiSpec spec() {
        long seed = value("seed") == null ? 1 : doc.integer(value("seed"));
        int simulations = doc.positiveInt(doc.required(root, "simulations", doc.root(), "simulations: 10000"));
        Path simFile = value("simulation_file") == null ? null : doc.resolve(value("simulation_file"));
        Method method = method();
        NpeSettings npe = training(method.flow());
        int samples = value("posterior_samples") == null ? 10000 : doc.positiveInt(value("posterior_samples"));
        int c2stEpochs = 200;
        SbiSpec.SbcSettings sbc = null;
        if (value("diagnostics") != null) {
            Map<String, NodeTuple> m = doc.mapping(value("diagnostics"), "diagnostics",
                    Set.of("c2st_max_epochs", "sbc"));
            if (m.containsKey("c2st_max_epochs")) {
                c2stEpochs = doc.positiveInt(m.get("c2st_max_epochs").getValueNode());
            }
            if (m.containsKey("sbc")) {
                sbc = sbc(m.get("sbc").getValueNode());
            }
        }
        if (value("task") != null) {
            SbiSpec b = doc.string(value("task")).equals(DampedOscillator.NAME)
                    ? PhysicalTaskReader.read(doc, value("observations"), value("reference"), seed, simulations,
                            simFile, npe, samples, c2stEpochs, sbc)
                    : builtin(seed, simulations, simFile, npe, samples, c2stEpochs, sbc);
            return withMethod(b, method);
        }
        for (String k : List.of("prior", "simulator")) {
            if (value(k) == null) {
                throw doc.error(doc.root(), "give either 'task: two_moons' (one of " + SbibmTasks.NAMES
                        + ") or both 'prior:' and 'simulator:'; '" + k + "' is missing");
            }
        }
        Prior prior = prior(value("prior"));
        Node simNode = value("simulator");
        Map<String, NodeTuple> sm = doc.mapping(simNode, "simulator", Set.of("command", "outputs", "batch",
                "timeout"));
        Node commandNode = doc.required(sm, "command", simNode, "command: [python3, simulate.py]");
        List<String> command = new ArrayList<>();
        for (Node n : doc.list(commandNode)) {
            command.add(doc.string(n));
        }
        Path dir = doc.file().toAbsolutePath().getParent();
        if (command.isEmpty()) {
            throw doc.error(commandNode, "the simulator command is empty; e.g. [python3, simulate.py]");
        }
        if (!ProcessSimulator.findable(command.get(0), dir)) {
            throw doc.error(doc.list(commandNode).get(0), "no program '" + command.get(0) + "' "
                    + (command.get(0).contains("/") ? "at " + dir.resolve(command.get(0)) + " (or not executable)"
                    : "on the PATH") + "; the command's first word is the program that runs the simulator");
        }
        int outputs = doc.positiveInt(doc.required(sm, "outputs", simNode, "outputs: 2"));
        int batch = sm.containsKey("batch") ? doc.positiveInt(sm.get("batch").getValueNode()) : 500;
        double timeout = sm.containsKey("timeout") ? doc.number(sm.get("timeout").getValueNode()) : 0;
        Simulator sim = doc.at(sm.containsKey("timeout") ? sm.get("timeout").getValueNode() : simNode,
                () -> new ProcessSimulator(command, dir, outputs, timeout));
        Observed obs = ownObservations(prior.dim(), outputs);
        return new SbiSpec(null, prior, sim, batch, simulations, simFile, npe, seed, obs.x, obs.labels, obs.truths,
                obs.references, samples, c2stEpochs, sbc, names(prior.dim()), method.name(), method.mcmc(), null,
                false, method.rounds(), method.truncation());
    }

    private static SbiSpec withMethod(SbiSpec s, Method m) {
        return new SbiSpec(s.taskName(), s.prior(), s.simulator(), s.simulationBatch(), s.simulations(),
                s.simulationFile(), s.npe(), s.seed(), s.observations(), s.labels(), s.truths(), s.references(),
                s.samples(), s.c2stEpochs(), s.sbc(), s.names(), m.name(), m.mcmc(), s.exactLikelihood(),
                s.mcmcReference(), m.rounds(), m.truncation());
    }

    static List<String> names(int d) {
        List<String> n = new ArrayList<>();
        for (int j = 1; j <= d; j++) {
            n.add("theta_" + j);
        }
        return n;
    }

    private SbiSpec builtin(long seed, int simulations, Path simFile, NpeSettings npe, int samples, int c2stEpochs,
            SbiSpec.SbcSettings sbc) {
        for (String k : List.of("prior", "simulator")) {
            if (value(k) != null) {
                throw doc.error(root.get(k).getKeyNode(), "'" + k + "' is part of the builtin task '"
                        + doc.string(value("task")) + "'; remove it or remove 'task:'");
            }
        }
        BenchmarkTask task = doc.at(value("task"), () -> SbibmTasks.byName(doc.string(value("task"))));
        Path data = value("data") != null ? doc.resolve(value("data")) : findData(doc.file());
        if (data == null || !Files.isDirectory(data.resolve(task.name()))) {
            throw doc.error(value("data") != null ? value("data") : value("task"), "the sbibm data folder "
                    + (data == null ? "shared/data/sbibm" : data) + " has no '" + task.name()
                    + "'; give 'data: path/to/sbibm'");
        }
        List<Integer> numbers = new ArrayList<>();
        if (value("observations") == null) {
            for (int i = 1; i <= BenchmarkTask.OBSERVATIONS; i++) {
                numbers.add(i);
            }
        } else {
            for (Node n : doc.list(value("observations"))) {
                int k = doc.positiveInt(n);
                if (k > BenchmarkTask.OBSERVATIONS) {
                    throw doc.error(n, "sbibm observations are numbered 1 to 10, got " + k);
                }
                numbers.add(k);
            }
        }
        boolean withReference = value("reference") == null || doc.bool(value("reference"));
        List<double[]> x = new ArrayList<>();
        List<double[]> truths = new ArrayList<>();
        List<Path> refs = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int k : numbers) {
            try {
                x.add(task.observation(data, k));
                truths.add(task.trueParameters(data, k));
            } catch (IOException e) {
                throw doc.error(value("observations") != null ? value("observations") : value("task"),
                        e.getMessage());
            }
            Path ref = task.folder(data, k).resolve("reference_posterior_samples.csv.gz");
            refs.add(withReference && Files.isRegularFile(ref) ? ref : null);
            labels.add(String.valueOf(k));
        }
        return new SbiSpec(task.name(), task.prior(), task.simulator(), 500, simulations, simFile, npe, seed, x,
                labels, truths, refs, samples, c2stEpochs, sbc, names(task.parameterDim()), "npe", null,
                ExactLikelihoods.forTask(task.name()), false, 1, 1e-4);
    }

    /** The first {@code shared/data/sbibm} found beside or above the file's folder. */
    static Path findData(Path file) {
        for (Path p = file.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            for (Path c : List.of(p.resolve("shared/data/sbibm"), p.resolve("../shared/data/sbibm"))) {
                if (Files.isDirectory(c)) {
                    return c.normalize();
                }
            }
        }
        return null;
    }

    private Prior prior(Node n) {
        Map<String, NodeTuple> m = doc.mapping(n, "prior", Set.of("uniform", "gaussian"));
        if (m.size() != 1) {
            throw doc.error(n, "give one prior: 'uniform: {low: [..], high: [..]}' or 'gaussian: {mean: [..], sd:"
                    + " [..]}'");
        }
        if (m.containsKey("uniform")) {
            Node u = m.get("uniform").getValueNode();
            Map<String, NodeTuple> um = doc.mapping(u, "uniform", Set.of("low", "high"));
            double[] low = doc.vector(doc.required(um, "low", u, "low: [-1, -1]"));
            double[] high = doc.vector(doc.required(um, "high", u, "high: [1, 1]"));
            return doc.at(u, () -> Prior.uniform(low, high));
        }
        Node g = m.get("gaussian").getValueNode();
        Map<String, NodeTuple> gm = doc.mapping(g, "gaussian", Set.of("mean", "sd"));
        double[] mean = doc.vector(doc.required(gm, "mean", g, "mean: [0, 0]"));
        double[] sd = doc.vector(doc.required(gm, "sd", g, "sd: [1, 1]"));
        return doc.at(g, () -> Prior.gaussian(mean, sd));
    }

    /** The method section: its name, flow and MCMC settings. */
    private record Method(String name, FlowSpec flow, McmcSettings mcmc, int rounds, double truncation) {
    }

    private Method method() {
        Node n = value("method");
        if (n == null) {
            return new Method("npe", FlowSpec.sbiDefault(), McmcSettings.defaults(), 1, 1e-4);
        }
        Map<String, NodeTuple> m = doc.mapping(n, "method", Set.of("name", "flow", "mcmc", "rounds", "truncation"));
        String name = m.containsKey("name") ? doc.string(m.get("name").getValueNode()) : "npe";
        if (!METHODS.contains(name)) {
            throw doc.error(m.get("name").getValueNode(), "unknown method '" + name + "', expected one of "
                    + METHODS);
        }
        McmcSettings mcmc = m.containsKey("mcmc") ? McmcReader.read(doc, m.get("mcmc").getValueNode())
                : McmcSettings.defaults();
        int rounds = 1;
        double truncation = 1e-4;
        for (String k : List.of("rounds", "truncation")) {
            if (m.containsKey(k) && !name.equals("tsnpe")) {
                throw doc.error(m.get(k).getKeyNode(), "'" + k + "' belongs to 'name: tsnpe', not '" + name + "'");
            }
        }
        if (name.equals("tsnpe")) {
            rounds = m.containsKey("rounds") ? doc.positiveInt(m.get("rounds").getValueNode()) : 4;
            if (m.containsKey("truncation")) {
                Node t = m.get("truncation").getValueNode();
                truncation = doc.number(t);
                if (!(truncation > 0 && truncation < 0.5)) {
                    throw doc.error(t, "truncation (the posterior mass outside the region) must be in (0, 0.5), got "
                            + truncation);
                }
            }
        }
        if (!m.containsKey("flow")) {
            return new Method(name, FlowSpec.sbiDefault(), mcmc, rounds, truncation);
        }
        Node f = m.get("flow").getValueNode();
        Map<String, NodeTuple> fm = doc.mapping(f, "flow", Set.of("type", "transforms", "hidden", "blocks"));
        FlowSpec d = FlowSpec.sbiDefault();
        String type = fm.containsKey("type") ? doc.string(fm.get("type").getValueNode()) : d.type();
        int transforms = fm.containsKey("transforms") ? doc.positiveInt(fm.get("transforms").getValueNode())
                : d.transforms();
        int hidden = fm.containsKey("hidden") ? doc.positiveInt(fm.get("hidden").getValueNode()) : d.hidden();
        int blocks = doc.nonNegativeIntOr(fm, "blocks", d.blocks());
        Node typeNode = fm.containsKey("type") ? fm.get("type").getValueNode() : f;
        return new Method(name, doc.at(typeNode, () -> new FlowSpec(type, transforms, hidden, blocks)), mcmc, rounds,
                truncation);
    }

    private NpeSettings training(FlowSpec flow) {
        NpeSettings d = NpeSettings.sbiDefaults();
        Node n = value("training");
        if (n == null) {
            return new NpeSettings(flow, d.batchSize(), d.learningRate(), d.validationFraction(), d.patience(),
                    d.maxPasses(), d.clipNorm());
        }
        Map<String, NodeTuple> m = doc.mapping(n, "training", Set.of("batch_size", "learning_rate",
                "validation_fraction", "patience", "max_epochs", "clip_norm"));
        int batch = m.containsKey("batch_size") ? doc.positiveInt(m.get("batch_size").getValueNode())
                : d.batchSize();
        double lr = num(m, "learning_rate", d.learningRate());
        double val = num(m, "validation_fraction", d.validationFraction());
        int patience = m.containsKey("patience") ? doc.positiveInt(m.get("patience").getValueNode()) : d.patience();
        int max = m.containsKey("max_epochs") ? doc.positiveInt(m.get("max_epochs").getValueNode()) : d.maxPasses();
        double clip = num(m, "clip_norm", d.clipNorm());
        return doc.at(n, () -> new NpeSettings(flow, batch, lr, val, patience, max, clip));
    }

    private double num(Map<String, NodeTuple> m, String key, double fallback) {
        if (!m.containsKey(key)) {
            return fallback;
        }
        Node v = m.get(key).getValueNode();
        double x = doc.number(v);
        // the range rules live in NpeSettings; check this one value here so that the error points at it
        doc.at(v, () -> key.equals("validation_fraction") ? new NpeSettings(FlowSpec.sbiDefault(), 1, 1, x, 1, 1, 1)
                : key.equals("learning_rate") ? new NpeSettings(FlowSpec.sbiDefault(), 1, x, 0.1, 1, 1, 1)
                : new NpeSettings(FlowSpec.sbiDefault(), 1, 1, 0.1, 1, 1, x));
        return x;
    }

    private SbiSpec.SbcSettings sbc(Node n) {
        Map<String, NodeTuple> m = doc.mapping(n, "sbc", Set.of("pairs", "samples", "bins"));
        int pairs = m.containsKey("pairs") ? doc.positiveInt(m.get("pairs").getValueNode()) : 200;
        int samples = m.containsKey("samples") ? doc.positiveInt(m.get("samples").getValueNode()) : 100;
        int bins = m.containsKey("bins") ? doc.positiveInt(m.get("bins").getValueNode()) : 10;
        if (bins < 2 || bins > samples + 1) {
            throw doc.error(n, "sbc: bins must be between 2 and samples + 1, got " + bins);
        }
        return new SbiSpec.SbcSettings(pairs, samples, bins);
    }

    private record Observed(List<double[]> x, List<String> labels, List<double[]> truths, List<Path> references) {
    }

    private Observed ownObservations(int d, int c) {
        Node n = value("observations");
        if (n == null) {
            throw doc.error(doc.root(), "missing 'observations', e.g. 'observations: {file: observed.csv}' (a csv"
                    + " with a header line and one row of " + c + " values per observation)");
        }
        Map<String, NodeTuple> m = doc.mapping(n, "observations", Set.of("file", "true_parameters"));
        Node fileNode = doc.required(m, "file", n, "file: observed.csv");
        List<double[]> x = rows(fileNode, c);
        List<double[]> truths = new ArrayList<>();
        if (m.containsKey("true_parameters")) {
            truths.addAll(rows(m.get("true_parameters").getValueNode(), d));
            if (truths.size() != x.size()) {
                throw doc.error(m.get("true_parameters").getValueNode(), "has " + truths.size() + " rows, the"
                        + " observations " + x.size());
            }
        } else {
            x.forEach(r -> truths.add(null));
        }
        List<Path> refs = new ArrayList<>();
        if (value("reference") != null) {
            List<Node> files = doc.list(value("reference"));
            if (files.size() != x.size()) {
                throw doc.error(value("reference"), "give one reference sample file per observation: "
                        + x.size() + " files, got " + files.size());
            }
            for (Node f : files) {
                Path p = doc.resolve(f);
                if (!Files.isRegularFile(p)) {
                    throw doc.error(f, "no such file: " + p);
                }
                refs.add(p);
            }
        } else {
            x.forEach(r -> refs.add(null));
        }
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= x.size(); i++) {
            labels.add(String.valueOf(i));
        }
        return new Observed(x, labels, truths, refs);
    }

    private List<double[]> rows(Node fileNode, int width) {
        try {
            double[] flat = BenchmarkTask.readCsv(doc.resolve(fileNode), width).data();
            List<double[]> out = new ArrayList<>();
            for (int i = 0; i < flat.length / width; i++) {
                out.add(java.util.Arrays.copyOfRange(flat, i * width, (i + 1) * width));
            }
            if (out.isEmpty()) {
                throw doc.error(fileNode, "the file has no data rows");
            }
            return out;
        } catch (IOException e) {
            throw doc.error(fileNode, e.getMessage());
        }
    }
}
