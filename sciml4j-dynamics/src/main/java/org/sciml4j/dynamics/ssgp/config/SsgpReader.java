package org.sciml4j.dynamics.ssgp.config;

import java.util.Map;
import java.util.Set;

import org.sciml4j.dynamics.data.TrajectoryGenerator;
import org.sciml4j.dynamics.hamiltonian.TrajectoryObjective;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads a {@code kind: ssgp} file, every mistake placed at its line and column. */
final class SsgpReader {
    private static final Set<String> TOP = Set.of("kind", "name", "seed", "system", "data", "features", "training",
            "evaluation", "baseline_hnn");
    private static final Set<String> SYSTEMS = Set.of("duffing", "duffing_double_well", "pendulum", "mass_spring");
    private static final Set<String> DATA = Set.of("trajectories", "time_span", "rate", "noise", "validation");
    private static final Set<String> FEATURES = Set.of("count", "lengthscale", "amplitude", "learn", "dissipative");
    private static final Set<String> TRAINING = Set.of("epochs", "learning_rate", "step", "segment", "batch",
            "kl_warmup", "averaged_samples", "correct_starts", "validate_every", "print_every", "sampled_starts",
            "start_sd", "kl_scale", "kl_weight", "integrator", "tolerance", "fine_tune", "lbfgs");
    private static final Set<String> FINE_TUNE = Set.of("segment", "epochs", "learning_rate", "batch",
            "averaged_samples");
    private static final Set<String> KL_SCALES = Set.of("data", "batch");
    private static final Set<String> INTEGRATORS = Set.of("rk4", "dopri5");
    private static final Set<String> EVALUATION = Set.of("trajectories", "duration", "points", "samples");

    private final YamlDocument doc;

    SsgpReader(YamlDocument doc) {
        this.doc = doc;
    }

    SsgpSpec read() {
        Map<String, NodeTuple> m = doc.mapping(doc.root(), "the problem", TOP);
        long seed = m.containsKey("seed") ? doc.integer(m.get("seed").getValueNode()) : 0;
        Node sn = doc.required(m, "system", doc.root(), "system: duffing");
        String system = doc.string(sn);
        if (!SYSTEMS.contains(system)) {
            throw doc.error(sn, "unknown system '" + system + "' for an SSGP; known: duffing,"
                    + " duffing_double_well, mass_spring, pendulum" + YamlDocument.suggestion(system, SYSTEMS));
        }
        Map<String, NodeTuple> d = doc.optionalMapping(m, "data", DATA);
        double[] span = {0, 3};
        if (d.containsKey("time_span")) {
            Node n = d.get("time_span").getValueNode();
            span = doc.numbers(n, 2, "a time span [t0, t1]");
            if (!(span[1] > span[0])) {
                throw doc.error(n, "the time span must have t1 > t0");
            }
        }
        double rate = doc.positiveOr(d, "rate", 5);
        int times = TrajectoryGenerator.points(rate, span[0], span[1]); // the points the run generates
        Map<String, NodeTuple> f = doc.optionalMapping(m, "features", FEATURES);
        Map<String, NodeTuple> t = doc.optionalMapping(m, "training", TRAINING);
        int segment = doc.positiveIntOr(t, "segment", 2);
        doc.at(t.containsKey("segment") ? t.get("segment").getValueNode() : doc.root(),
                () -> TrajectoryObjective.checkSegment(segment, times));
        Map<String, NodeTuple> e = doc.optionalMapping(m, "evaluation", EVALUATION);
        int samples = doc.positiveIntOr(e, "samples", 50);
        if (samples < 2) {
            throw doc.error(e.get("samples").getValueNode(), "a predictive band needs at least 2 samples");
        }
        boolean hnn = m.containsKey("baseline_hnn") && doc.bool(m.get("baseline_hnn").getValueNode());
        int epochs = doc.nonNegativeIntOr(t, "epochs", 600);
        int batch = doc.nonNegativeIntOr(t, "batch", 0);
        int warmup = doc.nonNegativeIntOr(t, "kl_warmup", 0);
        int trajectories = doc.positiveIntOr(d, "trajectories", 6);
        int validation = doc.nonNegativeIntOr(d, "validation", 0);
        if (validation >= trajectories) {
            throw doc.error(d.get("validation").getValueNode(), "validation holds out some of the " + trajectories
                    + " trajectories and must be fewer, got " + validation);
        }
        return new SsgpSpec(system, seed, trajectories, span, rate,
                doc.nonNegativeOr(d, "noise", 0.05), doc.positiveIntOr(f, "count", 50),
                doc.positiveOr(f, "lengthscale", 1.5), doc.positiveOr(f, "amplitude", 2), epochs,
                doc.positiveOr(t, "learning_rate", 2e-2), doc.positiveOr(t, "step", 0.1), segment,
                doc.positiveIntOr(t, "print_every", 100), doc.positiveIntOr(e, "trajectories", 5),
                doc.positiveOr(e, "duration", 10), doc.positiveIntOr(e, "points", 100), samples, hnn,
                doc.boolOr(f, "learn", true), doc.boolOr(f, "dissipative", false), batch, warmup,
                doc.positiveIntOr(t, "averaged_samples", 1), doc.boolOr(t, "correct_starts", false), validation,
                doc.positiveIntOr(t, "validate_every", 10), extras(t, times));
    }

    /** sampled_starts, start_sd, kl_scale, kl_weight, integrator, tolerance (the paper's options), fine_tune, lbfgs. */
    private SsgpSpec.TrainingExtras extras(Map<String, NodeTuple> t, int times) {
        boolean sampled = doc.boolOr(t, "sampled_starts", false);
        if (sampled && doc.boolOr(t, "correct_starts", false)) {
            throw doc.error(t.get("sampled_starts").getValueNode(), "sampled_starts and correct_starts exclude each"
                    + " other (both make the segment start a latent state); set one of them");
        }
        String scale = doc.choiceOr(t, "kl_scale", "data", KL_SCALES);
        String integrator = doc.choiceOr(t, "integrator", "rk4", INTEGRATORS);
        return new SsgpSpec.TrainingExtras(sampled, doc.positiveOr(t, "start_sd", 0.1), scale.equals("batch"),
                doc.positiveOr(t, "kl_weight", 1), integrator, doc.positiveOr(t, "tolerance", 1e-6),
                fineTune(t, times),
                t.containsKey("lbfgs") ? doc.iterations(t.get("lbfgs").getValueNode(), "lbfgs") : 0);
    }

    /** training.fine_tune: {segment, epochs, learning_rate, batch, averaged_samples}, or null when absent. */
    private SsgpSpec.FineTune fineTune(Map<String, NodeTuple> t, int times) {
        if (!t.containsKey("fine_tune")) {
            return null;
        }
        Node at = t.get("fine_tune").getValueNode();
        Map<String, NodeTuple> f = doc.optionalMapping(t, "fine_tune", FINE_TUNE);
        Node sn = doc.required(f, "segment", at, "segment: " + (times - 1));
        int segment = doc.positiveInt(sn);
        doc.at(sn, () -> TrajectoryObjective.checkSegment(segment, times));
        int epochs = doc.positiveInt(doc.required(f, "epochs", at, "epochs: 500"));
        int batch = doc.nonNegativeIntOr(f, "batch", 0);
        return new SsgpSpec.FineTune(segment, epochs, doc.positiveOr(f, "learning_rate",
                doc.positiveOr(t, "learning_rate", 2e-2)), batch,
                doc.positiveIntOr(f, "averaged_samples", doc.positiveIntOr(t, "averaged_samples", 1)));
    }
}
