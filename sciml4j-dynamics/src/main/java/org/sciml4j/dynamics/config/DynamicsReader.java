package org.sciml4j.dynamics.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.sciml4j.dynamics.data.DynamicalSystem;
import org.sciml4j.dynamics.data.Systems;
import org.sciml4j.dynamics.data.TrajectoryGenerator;
import org.sciml4j.dynamics.hamiltonian.TrajectoryObjective;
import org.sciml4j.dynamics.ode.OdeSolver;
import org.sciml4j.nn.NetworkSpec;
import org.sciml4j.train.Phase;
import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads the sections shared by the {@code hamiltonian} and {@code neural_ode} kinds, every mistake placed. */
final class DynamicsReader {
    private static final Set<String> TOP = Set.of("kind", "name", "seed", "model", "system", "data", "network",
            "training", "evaluation");
    private static final Set<String> DATA = Set.of("file", "trajectories", "test_split", "time_span", "rate",
            "noise", "radius");
    private static final Set<String> NETWORK = Set.of("hidden", "activation", "initializer");
    private static final Set<String> TRAINING = Set.of("target", "epochs", "learning_rate", "weight_decay",
            "integrator", "step", "segment", "batch_size", "gradient", "print_every");
    private static final Set<String> EVALUATION = Set.of("trajectories", "duration", "points", "protocol");
    /** How far the notebook protocol may stretch its last rollout, as a multiple of the duration. */
    private static final double MAX_ROLLOUT_STRETCH = 1000;

    private final YamlDocument doc;
    private final String kind;

    DynamicsReader(YamlDocument doc, String kind) {
        this.doc = doc;
        this.kind = kind;
    }

    DynamicsSpec read(Set<String> models, String defaultModel, String defaultTarget) {
        Map<String, NodeTuple> m = doc.mapping(doc.root(), "the problem", TOP);
        long seed = m.containsKey("seed") ? doc.integer(value(m, "seed")) : 0;
        String model = defaultModel;
        if (m.containsKey("model")) {
            Node n = value(m, "model");
            model = doc.string(n);
            if (!models.contains(model)) {
                throw doc.error(n, "unknown model '" + model + "'; known: " + String.join(", ", models.stream()
                        .sorted().toList()) + YamlDocument.suggestion(model, models));
            }
        }
        DynamicalSystem system = null;
        if (m.containsKey("system")) {
            Node n = value(m, "system");
            String s = doc.string(n);
            system = doc.at(n, () -> Systems.named(s));
        }
        DynamicsSpec.Data data = data(m, system);
        if (system == null && data.file() == null) {
            throw doc.error(doc.root(), "give a 'system:' (one of " + String.join(", ", Systems.names())
                    + ") or 'data: {file: trajectories.npz}'");
        }
        NetworkSpec network = network(m);
        DynamicsSpec.Training training = training(m, defaultTarget, data);
        DynamicsSpec.Evaluation evaluation = evaluation(m, system, data);
        if (evaluation.notebook()) {
            // the notebook protocol stretches rollout k to duration (1 + 0.9 noise)^(k+1)
            double longest = evaluation.duration() * Math.pow(1 + 0.9 * data.noise(), evaluation.trajectories());
            if (!(longest <= MAX_ROLLOUT_STRETCH * evaluation.duration())) {
                Node at = nodeIn(doc, m, "data", "noise");
                at = at != null ? at : nodeIn(doc, m, "evaluation", "trajectories");
                throw doc.error(at != null ? at : doc.root(), "with noise " + data.noise()
                        + " the greydanus_notebook protocol's last rollout would run to " + longest + " time units"
                        + " (duration (1 + 0.9 noise)^trajectories); at most " + MAX_ROLLOUT_STRETCH
                        + " times the duration: lower the noise or use protocol: fixed");
            }
        }
        return new DynamicsSpec(kind, model, system, data, network, training, evaluation, seed);
    }

    private Node value(Map<String, NodeTuple> m, String key) {
        return m.get(key).getValueNode();
    }

    /** The value of {@code section.key} in the (already checked) top mapping, or null when either is absent. */
    private static Node nodeIn(YamlDocument doc, Map<String, NodeTuple> top, String section, String key) {
        Map<String, NodeTuple> m = doc.optionalMapping(top, section, null);
        return m.containsKey(key) ? m.get(key).getValueNode() : null;
    }

    /**
     * The value node of {@code section.key} in a read file (where the rules that need the data file's content are
     * placed: {@code training.segment}, {@code data.file}), or the file's root when it is absent.
     */
    static Node nodeOr(YamlDocument doc, String section, String key) {
        Node n = nodeIn(doc, doc.mapping(doc.root(), "the problem", null), section, key);
        return n != null ? n : doc.root();
    }

    private DynamicsSpec.Data data(Map<String, NodeTuple> top, DynamicalSystem system) {
        Map<String, NodeTuple> m = top.containsKey("data") ? doc.mapping(value(top, "data"), "data", DATA) : Map.of();
        Path file = null;
        if (m.containsKey("file")) {
            Node n = value(m, "file");
            file = doc.resolve(n);
            if (!Files.isRegularFile(file)) {
                throw doc.error(n, "no such file: " + file);
            }
        }
        int k = m.containsKey("trajectories") ? doc.positiveInt(value(m, "trajectories")) : 50;
        double split = m.containsKey("test_split") ? doc.number(value(m, "test_split")) : 0.5;
        if (m.containsKey("test_split") && !(split > 0 && split < 1)) {
            throw doc.error(value(m, "test_split"), "test_split must lie strictly between 0 and 1, got " + split);
        }
        double[] span = system != null ? system.defaultTimeSpan() : new double[] {0, 1};
        if (m.containsKey("time_span")) {
            Node n = value(m, "time_span");
            span = doc.numbers(n, 2, "a time span [t0, t1]");
            if (!(span[1] > span[0])) {
                throw doc.error(n, "the time span must have t1 > t0, got [" + span[0] + ", " + span[1] + "]");
            }
        }
        double rate = doc.positiveOr(m, "rate", system != null ? system.defaultRate() : 10);
        double noise = m.containsKey("noise") ? nonNegative(m, "noise") : 0.1;
        double[] radius = system != null ? system.defaultRadius() : new double[] {0, 1};
        if (m.containsKey("radius")) {
            Node n = value(m, "radius");
            radius = doc.numbers(n, 2, "a radius range [lo, hi]");
            if (!(radius[0] >= 0 && radius[1] >= radius[0])) {
                throw doc.error(n, "the radius range must have 0 <= lo <= hi");
            }
        }
        if (file != null) {
            for (String key : new String[] {"trajectories", "time_span", "rate", "noise", "radius"}) {
                if (m.containsKey(key)) {
                    throw doc.error(m.get(key).getKeyNode(), "'" + key + "' generates data, but the data come from"
                            + " the file; remove it");
                }
            }
        }
        return new DynamicsSpec.Data(file, k, split, span, rate, noise, radius);
    }

    private double nonNegative(Map<String, NodeTuple> m, String key) {
        Node n = value(m, key);
        double x = doc.number(n);
        if (!(x >= 0)) {
            throw doc.error(n, key + " must be >= 0, got " + x);
        }
        return x;
    }

    private NetworkSpec network(Map<String, NodeTuple> top) {
        NetworkSpec spec = new NetworkSpec(new int[] {200, 200}, "tanh", "glorot_normal");
        if (!top.containsKey("network")) {
            return spec;
        }
        Node section = value(top, "network");
        Map<String, NodeTuple> m = doc.mapping(section, "network", NETWORK);
        if (m.containsKey("hidden")) {
            spec = spec.withHidden(doc.layerWidths(value(m, "hidden")));
        }
        if (m.containsKey("activation")) {
            Node n = value(m, "activation");
            String a = doc.string(n);
            spec = doc.at(n, () -> {
                org.sciml4j.nn.Activation.of(a);
                return null;
            }) == null ? spec.withActivation(a) : spec;
        }
        if (m.containsKey("initializer")) {
            Node n = value(m, "initializer");
            String a = doc.string(n);
            spec = doc.at(n, () -> {
                org.sciml4j.nn.Initializer.of(a);
                return null;
            }) == null ? spec.withInitializer(a) : spec;
        }
        return spec;
    }

    private DynamicsSpec.Training training(Map<String, NodeTuple> top, String defaultTarget, DynamicsSpec.Data data) {
        Map<String, NodeTuple> m = top.containsKey("training")
                ? doc.mapping(value(top, "training"), "training", TRAINING) : Map.of();
        String target = doc.choiceOr(m, "target", defaultTarget, Set.of("derivatives", "trajectories"));
        if (kind.equals("neural_ode") && target.equals("derivatives") && m.containsKey("target")) {
            throw doc.error(value(m, "target"), "a neural ODE trains through the integrator: target: trajectories");
        }
        int epochs = m.containsKey("epochs") ? doc.nonNegativeInt(value(m, "epochs")) : 2000;
        double lr = doc.positiveOr(m, "learning_rate", 1e-3);
        if (m.containsKey("learning_rate")) {
            doc.at(value(m, "learning_rate"), () -> Phase.adam(lr, 1));
        }
        double wd = m.containsKey("weight_decay") ? nonNegative(m, "weight_decay") : 0;
        String integrator = doc.choiceOr(m, "integrator", "rk4",
                Set.of("rk4", "dopri5", "leapfrog", "implicit_midpoint"));
        double step = doc.positiveOr(m, "step", 0.05);
        doc.at(m.containsKey("step") ? value(m, "step") : doc.root(), () -> OdeSolver.named(integrator, step));
        int segment = m.containsKey("segment") ? doc.positiveInt(value(m, "segment")) : 1;
        int batch = m.containsKey("batch_size") ? doc.nonNegativeInt(value(m, "batch_size")) : 0;
        String g = doc.choiceOr(m, "gradient", "direct", Set.of("direct", "adjoint"));
        int every = m.containsKey("print_every") ? doc.positiveInt(value(m, "print_every")) : 200;
        if (target.equals("trajectories") && wd > 0) {
            throw doc.error(value(m, "weight_decay"), "weight_decay applies to 'target: derivatives' only");
        }
        if (target.equals("derivatives")) {
            for (String k : new String[] {"integrator", "step", "segment", "batch_size", "gradient"}) {
                if (m.containsKey(k)) {
                    throw doc.error(m.get(k).getKeyNode(), "'" + k + "' applies to training through the integrator;"
                            + " add 'target: trajectories' or remove it");
                }
            }
        }
        if (integrator.equals("dopri5") && m.containsKey("step")) {
            throw doc.error(m.get("step").getKeyNode(), "'step' is the fixed-step integrators' (rk4, leapfrog,"
                    + " implicit_midpoint) longest step; dopri5 chooses its own steps (rtol 1e-7, atol 1e-9), so"
                    + " remove it or choose a fixed-step integrator");
        }
        if (data.file() == null && target.equals("trajectories")) { // a file's: DynamicsProblem, reading it
            int points = TrajectoryGenerator.points(data.rate(), data.timeSpan()[0], data.timeSpan()[1]);
            doc.at(m.containsKey("segment") ? value(m, "segment") : doc.root(),
                    () -> TrajectoryObjective.checkSegment(segment, points));
        }
        return new DynamicsSpec.Training(target, epochs, lr, wd, integrator, step, segment, batch,
                g.equals("adjoint") ? TrajectoryObjective.Gradient.ADJOINT : TrajectoryObjective.Gradient.DIRECT,
                every);
    }

    private DynamicsSpec.Evaluation evaluation(Map<String, NodeTuple> top, DynamicalSystem system,
            DynamicsSpec.Data data) {
        Map<String, NodeTuple> m = top.containsKey("evaluation")
                ? doc.mapping(value(top, "evaluation"), "evaluation", EVALUATION) : Map.of();
        int k = m.containsKey("trajectories") ? doc.positiveInt(value(m, "trajectories")) : 15;
        double duration = doc.positiveOr(m, "duration", 20);
        int points = m.containsKey("points") ? doc.positiveInt(value(m, "points")) : 100;
        if (points < 2) {
            throw doc.error(value(m, "points"), "evaluation needs at least 2 points, got " + points);
        }
        boolean notebook = false;
        if (m.containsKey("protocol")) {
            String p = doc.string(value(m, "protocol"));
            if (!Set.of("fixed", "greydanus_notebook").contains(p)) {
                throw doc.error(value(m, "protocol"), "unknown evaluation protocol '" + p + "'; known: fixed,"
                        + " greydanus_notebook" + YamlDocument.suggestion(p, Set.of("fixed", "greydanus_notebook")));
            }
            notebook = p.equals("greydanus_notebook");
            if (notebook && system != null && system.dimension() != 2) {
                throw doc.error(value(m, "protocol"), "the greydanus_notebook protocol is for two-dimensional"
                        + " systems; " + system.name() + " has " + system.dimension());
            }
            if (notebook && data.file() != null) {
                // the notebook's stretch c = 1 + 0.9 noise is its generated data's noise sd: a file's is not known
                throw doc.error(value(m, "protocol"), "the greydanus_notebook protocol stretches its rollouts by"
                        + " 1 + 0.9 noise, the noise sd of data generated from the system; the noise of a data file"
                        + " is not known (noise: applies to generated data only): use protocol: fixed, or generate"
                        + " the data (system:, data: {noise: ...}) instead of reading a file");
            }
        }
        return new DynamicsSpec.Evaluation(k, duration, points, notebook);
    }

    /** Fails unless the file names a known key (used for the kinds' own checks). */
    ProblemFileException error(Node n, String problem) {
        return doc.error(n, problem);
    }
}
