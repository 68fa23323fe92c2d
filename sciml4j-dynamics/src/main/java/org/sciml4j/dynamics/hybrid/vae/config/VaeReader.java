package org.sciml4j.dynamics.hybrid.vae.config;

import java.util.Map;
import java.util.Set;

import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads a {@code kind: hybrid_vae} file, every mistake placed at its line and column. */
final class VaeReader {
    private static final Set<String> TOP = Set.of("kind", "name", "seed", "data", "latent", "regularizer",
            "compare", "encoder", "correction", "training");
    private static final Set<String> DATA = Set.of("trajectories", "test_trajectories", "points", "dt", "omega",
            "damping", "noise");
    private static final Set<String> NETWORK = Set.of("hidden");
    private static final Set<String> TRAINING = Set.of("epochs", "learning_rate", "step", "print_every");

    private final YamlDocument doc;

    VaeReader(YamlDocument doc) {
        this.doc = doc;
    }

    VaeSpec read() {
        Map<String, NodeTuple> m = doc.mapping(doc.root(), "the problem", TOP);
        long seed = m.containsKey("seed") ? doc.integer(m.get("seed").getValueNode()) : 0;
        Map<String, NodeTuple> d = doc.optionalMapping(m, "data", DATA);
        double[] omega = {0.785, 3.14};
        if (d.containsKey("omega")) {
            Node n = d.get("omega").getValueNode();
            omega = doc.numbers(n, 2, "a frequency range [lo, hi]");
            if (!(omega[0] > 0) || !(omega[1] >= omega[0])) {
                throw doc.error(n, "the frequency range needs 0 < lo <= hi, got [" + omega[0] + ", " + omega[1] + "]");
            }
        }
        if (d.containsKey("points") && doc.positiveInt(d.get("points").getValueNode()) < 2) {
            throw doc.error(d.get("points").getValueNode(), "a trajectory needs at least 2 points");
        }
        double noise = doc.positiveOr(d, "noise", 0.01);
        double regularizer = doc.nonNegativeOr(m, "regularizer", 1);
        Map<String, NodeTuple> t = doc.optionalMapping(m, "training", TRAINING);
        int epochs = doc.nonNegativeIntOr(t, "epochs", 600);
        boolean compare = !m.containsKey("compare") || doc.bool(m.get("compare").getValueNode());
        return new VaeSpec(seed, doc.positiveIntOr(d, "trajectories", 64),
                doc.positiveIntOr(d, "test_trajectories", 32), doc.positiveIntOr(d, "points", 30),
                doc.positiveOr(d, "dt", 0.1), omega, doc.nonNegativeOr(d, "damping", 0.4), noise,
                doc.positiveIntOr(m, "latent", 1), regularizer, compare, hidden(m, "encoder", new int[] {64, 64}),
                hidden(m, "correction", new int[] {32, 32}), epochs, doc.positiveOr(t, "learning_rate", 1e-2),
                doc.positiveOr(t, "step", 0.1), doc.positiveIntOr(t, "print_every", 100));
    }

    private int[] hidden(Map<String, NodeTuple> top, String key, int[] fallback) {
        Map<String, NodeTuple> n = doc.optionalMapping(top, key, NETWORK);
        return n.containsKey("hidden") ? doc.layerWidths(n.get("hidden").getValueNode()) : fallback;
    }
}
