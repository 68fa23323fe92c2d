package org.sciml4j.inference.generative.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.sciml4j.inference.generative.Constraints;
import org.sciml4j.inference.generative.FlowSampler;
import org.sciml4j.nn.NetworkSpec;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;

/** Readers of the {@code network:}, {@code training:}, {@code sampling:} and {@code constraints:} sections. */
final class Settings {
    /** {@code network:} keys. */
    static final Set<String> NETWORK = Set.of("type", "hidden", "activation", "initializer");
    /** {@code training:} keys. */
    static final Set<String> TRAINING = Set.of("epochs", "learning_rate", "batch", "sigma_min", "log_every");
    /** {@code sampling:} keys. */
    static final Set<String> SAMPLING = Set.of("method", "steps", "integrator", "samples", "projection_iterations",
            "tolerance", "lambda");
    /** The sampling methods. */
    static final Set<String> METHODS = Set.of("plain", "pcfm", "regularised");

    /**
     * How to train: Adam at a fixed learning rate on mini-batches of {@code batch} fields (0, or at least the
     * training set's size: all of it).
     */
    record Training(int epochs, double learningRate, int batch, double sigmaMin, int logEvery) {
    }

    /** How to sample and what to compare. */
    record Sampling(String method, int steps, FlowSampler.Method integrator, int samples, int projectionIterations,
                    double tolerance, double lambda) {
    }

    /** A named constraint with its target; NaN: the training data's mean value. */
    record ConstraintSpec(String name, double target) {
    }

    private final YamlDocument doc;

    Settings(YamlDocument doc) {
        this.doc = doc;
    }

    NetworkSpec network(Node node) {
        if (node == null) {
            return new NetworkSpec(new int[] {128, 128}, "silu", "glorot_normal");
        }
        Fields f = new Fields(doc, node, "network", NETWORK);
        int[] hidden = {128, 128};
        if (f.has("hidden")) {
            hidden = doc.layerWidths(f.value("hidden"));
        }
        NetworkSpec base = new NetworkSpec(hidden, "silu", "glorot_normal");
        NetworkSpec typed = doc.at(f.place("type"), () -> base.withType(f.string("type", NetworkSpec.DEFAULT_TYPE)));
        NetworkSpec activated = doc.at(f.place("activation"),
                () -> typed.withActivation(f.string("activation", "silu")));
        return doc.at(f.place("initializer"), () -> activated.withInitializer(f.string("initializer",
                "glorot_normal")));
    }

    Training training(Node node) {
        Fields f = node == null ? null : new Fields(doc, node, "training", TRAINING);
        if (f == null) {
            return new Training(2000, 2e-3, 128, 1e-4, 200);
        }
        double sigma = f.nonNegative("sigma_min", 1e-4);
        if (sigma >= 1) {
            throw doc.error(f.value("sigma_min"), "sigma_min must be in [0, 1), got " + sigma);
        }
        return new Training(f.positiveInt("epochs", 2000), f.positive("learning_rate", 2e-3),
                f.nonNegativeInt("batch", 128), sigma, f.positiveInt("log_every", 200));
    }

    Sampling sampling(Node node) {
        Fields f = node == null ? null : new Fields(doc, node, "sampling", SAMPLING);
        if (f == null) {
            return new Sampling("plain", 50, FlowSampler.Method.RK4, 256, 20, 1e-12, 1.0);
        }
        String method = f.choice("method", "plain", METHODS);
        String integrator = f.choice("integrator", "rk4", Set.of("euler", "midpoint", "rk4"));
        return new Sampling(method, f.positiveInt("steps", 50), FlowSampler.Method.of(integrator),
                f.positiveInt("samples", 256), f.positiveInt("projection_iterations", 20),
                f.positive("tolerance", 1e-12), f.nonNegative("lambda", 1.0));
    }

    List<ConstraintSpec> constraints(Node node) {
        List<ConstraintSpec> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        for (Node c : doc.list(node)) {
            Fields f = new Fields(doc, c, "a constraint", Set.of("name", "target"));
            Node nameNode = doc.required(f.map, "name", c, "{name: mass, target: 3.14}");
            String name = doc.string(nameNode);
            if (!Constraints.NAMES.contains(name)) {
                throw doc.error(nameNode, "unknown constraint '" + name + "'; known: "
                        + new java.util.TreeSet<>(Constraints.NAMES) + YamlDocument.suggestion(name,
                        Constraints.NAMES));
            }
            for (ConstraintSpec s : out) {
                if (s.name().equals(name)) {
                    throw doc.error(nameNode, "constraint '" + name + "' is given twice");
                }
            }
            out.add(new ConstraintSpec(name, f.number("target", Double.NaN)));
        }
        return out;
    }
}
