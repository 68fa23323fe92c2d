package org.sciml4j.dynamics.hybrid.config;

import java.util.Map;
import java.util.Set;

import org.sciml4j.dynamics.data.TrajectoryGenerator;
import org.sciml4j.dynamics.hamiltonian.TrajectoryObjective;
import org.sciml4j.nn.NetworkSpec;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads a {@code kind: hybrid} file, every mistake placed at its line and column. */
final class HybridReader {
    private static final Set<String> TOP = Set.of("kind", "name", "seed", "physics", "min_norm", "sam", "initial",
            "friction", "data", "network", "training");
    private static final Set<String> PHYSICS = Set.of("pendulum", "seir");
    private static final Set<String> PENDULUM_DATA = Set.of("trajectories", "time_span", "rate", "noise");
    private static final Set<String> SEIR_DATA = Set.of("days", "population", "noise");
    private static final Set<String> NETWORK = Set.of("hidden", "activation");
    private static final Set<String> TRAINING = Set.of("epochs", "learning_rate", "step", "segment", "lambda0",
            "tau2", "niter", "print_every");
    private static final Set<String> INITIAL = Set.of("omega0_sq", "alpha");

    private final YamlDocument doc;

    HybridReader(YamlDocument doc) {
        this.doc = doc;
    }

    HybridSpec read() {
        Map<String, NodeTuple> m = doc.mapping(doc.root(), "the problem", TOP);
        long seed = m.containsKey("seed") ? doc.integer(value(m, "seed")) : 0;
        Node pn = doc.required(m, "physics", doc.root(), "physics: pendulum");
        String physics = doc.string(pn);
        if (!PHYSICS.contains(physics)) {
            throw doc.error(pn, "unknown physics '" + physics + "'; known: pendulum, seir"
                    + YamlDocument.suggestion(physics, PHYSICS));
        }
        boolean seir = physics.equals("seir");
        for (String k : new String[] {"min_norm", "initial", "friction"}) {
            if (seir && m.containsKey(k)) {
                throw doc.error(m.get(k).getKeyNode(), "'" + k + "' applies to 'physics: pendulum' only (the SEIR"
                        + " network is the rate itself, not an additive residual)");
            }
        }
        boolean minNorm = !m.containsKey("min_norm") || doc.bool(value(m, "min_norm"));
        double rho = m.containsKey("sam") ? doc.positiveOr(m, "sam", 0) : 0;
        boolean friction = !m.containsKey("friction") || doc.bool(value(m, "friction"));
        double[] initial = initial(m);
        HybridSpec.Data data = data(m, seir);
        NetworkSpec network = network(m, seir);
        HybridSpec.Training training = training(m, seir, data);
        return new HybridSpec(physics, seed, minNorm, rho, initial, friction, data, network, training);
    }

    private Node value(Map<String, NodeTuple> m, String key) {
        return m.get(key).getValueNode();
    }

    private double[] initial(Map<String, NodeTuple> top) {
        Map<String, NodeTuple> m = top.containsKey("initial") ? doc.mapping(value(top, "initial"), "initial",
                INITIAL) : Map.of();
        return new double[] {doc.positiveOr(m, "omega0_sq", 0.5), doc.positiveOr(m, "alpha", 0.5)};
    }

    private HybridSpec.Data data(Map<String, NodeTuple> top, boolean seir) {
        Map<String, NodeTuple> m = top.containsKey("data") ? doc.mapping(value(top, "data"), seir ? "data (seir)"
                : "data (pendulum)", seir ? SEIR_DATA : PENDULUM_DATA) : Map.of();
        int k = m.containsKey("trajectories") ? doc.positiveInt(value(m, "trajectories")) : 8;
        double[] span = {0, 5};
        if (m.containsKey("time_span")) {
            Node n = value(m, "time_span");
            span = doc.numbers(n, 2, "a time span [t0, t1]");
            if (!(span[1] > span[0])) {
                throw doc.error(n, "the time span must have t1 > t0, got [" + span[0] + ", " + span[1] + "]");
            }
        }
        double rate = doc.positiveOr(m, "rate", 2);
        double noise = 0;
        if (m.containsKey("noise")) {
            Node n = value(m, "noise");
            noise = doc.number(n);
            if (!(noise >= 0)) {
                throw doc.error(n, "noise must be >= 0, got " + noise);
            }
        } else if (seir) {
            noise = 0.05;
        }
        int days = m.containsKey("days") ? doc.positiveInt(value(m, "days")) : 60;
        if (days < 10) {
            throw doc.error(value(m, "days"), "an epidemic fit needs at least 10 days, got " + days);
        }
        double population = doc.positiveOr(m, "population", 1e6);
        return new HybridSpec.Data(k, span, rate, noise, days, population);
    }

    private NetworkSpec network(Map<String, NodeTuple> top, boolean seir) {
        NetworkSpec spec = new NetworkSpec(seir ? new int[] {16} : new int[] {16, 16}, "tanh", "glorot_normal");
        if (!top.containsKey("network")) {
            return spec;
        }
        Map<String, NodeTuple> m = doc.mapping(value(top, "network"), "network", NETWORK);
        if (m.containsKey("hidden")) {
            spec = spec.withHidden(doc.layerWidths(value(m, "hidden")));
        }
        if (m.containsKey("activation")) {
            Node n = value(m, "activation");
            String a = doc.string(n);
            doc.at(n, () -> org.sciml4j.nn.Activation.of(a));
            spec = spec.withActivation(a);
        }
        return spec;
    }

    private HybridSpec.Training training(Map<String, NodeTuple> top, boolean seir, HybridSpec.Data data) {
        Map<String, NodeTuple> m = top.containsKey("training") ? doc.mapping(value(top, "training"), "training",
                TRAINING) : Map.of();
        int epochs = m.containsKey("epochs") ? doc.nonNegativeInt(value(m, "epochs")) : seir ? 300 : 400;
        double lr = doc.positiveOr(m, "learning_rate", seir ? 2e-2 : 1e-2);
        double step = doc.positiveOr(m, "step", seir ? 0.5 : 0.125);
        double span = data.timeSpan()[1] - data.timeSpan()[0];
        if (step >= span) {
            throw doc.error(m.containsKey("step") ? value(m, "step") : doc.root(), "the integration step " + step
                    + " must be shorter than the data's time span, " + span);
        }
        int segment = m.containsKey("segment") ? doc.positiveInt(value(m, "segment")) : 4;
        if (!seir) { // the points the run generates, under the rule its objective applies
            int points = TrajectoryGenerator.points(data.rate(), data.timeSpan()[0], data.timeSpan()[1]);
            doc.at(m.containsKey("segment") ? value(m, "segment") : doc.root(),
                    () -> TrajectoryObjective.checkSegment(segment, points));
        }
        double lambda0 = doc.positiveOr(m, "lambda0", 1);
        double tau2 = m.containsKey("tau2") ? doc.number(value(m, "tau2")) : 100;
        if (!(tau2 >= 0)) {
            throw doc.error(value(m, "tau2"), "tau2 must be >= 0, got " + tau2);
        }
        int niter = m.containsKey("niter") ? doc.positiveInt(value(m, "niter")) : 1;
        int every = m.containsKey("print_every") ? doc.positiveInt(value(m, "print_every")) : 50;
        if (seir) {
            for (String k : new String[] {"segment", "lambda0", "tau2", "niter"}) {
                if (m.containsKey(k)) {
                    throw doc.error(m.get(k).getKeyNode(), "'" + k + "' applies to 'physics: pendulum' only");
                }
            }
        }
        return new HybridSpec.Training(epochs, lr, step, segment, lambda0, tau2, niter, every);
    }
}
