package org.sciml4j.pinn.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sciml4j.pinn.AdaptiveSampling;
import org.sciml4j.pinn.Trainer;
import org.sciml4j.pinn.config.ProblemFile.TrainingSpec;
import org.sciml4j.train.Phase;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * {@code training: {seed: 0, adam: {lr: 1e-3, epochs: 10000, batch: 0}, lbfgs: {iterations: 0}, lm: {iterations:
 * 0}, log_every: 1000, resample_every: 0, adaptive: {exponent: 1, offset: 1, candidates: 50000}}}, every key optional;
 * the phases run in that order: Adam, L-BFGS, Levenberg-Marquardt. The second-order phases {@code ssbfgs: N},
 * {@code ssbroyden: N} and {@code natural_gradient: N} (or {@code {iterations, cutoff: 1e-14, damping: 0,
 * line_search: backtracking | grid, steps: 30}}) run after L-BFGS, in the order ssbfgs, ssbroyden, lm,
 * natural_gradient, newton_cg ({@link NewtonCgSection}); or {@code optimizer: [adam: 2000, lm: 500, ...]} gives the phases in its own order (Adam, if
 * there, first; each optimiser at most once), instead of those keys.
 */
final class TrainingSection {
    /** Seed 0, Adam at 1e-3 for 10000 epochs on full batches, no L-BFGS, losses every 1000 epochs. */
    static final TrainingSpec DEFAULT_TRAINING = new TrainingSpec(0, 1e-3, 10000, 0, 1000);

    private final YamlDocument doc;

    TrainingSection(YamlDocument doc) {
        this.doc = doc;
    }

    /** The settings of the file's {@code training:} entry (null: the defaults). */
    TrainingSpec read(NodeTuple t) {
        TrainingSpec d = DEFAULT_TRAINING;
        if (t == null) {
            return d;
        }
        Map<String, NodeTuple> m = doc.mapping(t.getValueNode(), "training", Set.of("seed", "adam", "lbfgs",
                "lm", "log_every", "resample_every", "adaptive", "optimizer", "natural_gradient", "ssbfgs",
                "ssbroyden", NewtonCgSection.KEY, "time_limit", "time_windows", "curriculum", "rar"));
        // StagesSection and RarSection read the last three
        boolean listed = m.containsKey("optimizer");
        if (listed) {
            m = new Schedule(doc).flatten(m);
        }
        // the trainer's builder holds the rules; each complaint is placed at the key it is about
        Trainer.Builder rules = Trainer.builder();
        int resample = doc.nonNegativeIntOr(m, "resample_every", d.resampleEvery());
        AdaptiveSampling adaptive = m.containsKey("adaptive") ? adaptive(m.get("adaptive").getValueNode()) : null;
        long seed = m.containsKey("seed") ? doc.integer(m.get("seed").getValueNode()) : d.seed();
        TrainingSpec adam = m.containsKey("adam") ? adam(m.get("adam").getValueNode(), d, rules) : d;
        int lbfgs = m.containsKey("lbfgs") ? doc.iterations(m.get("lbfgs").getValueNode(), "lbfgs")
                : d.lbfgsIterations();
        int lm = m.containsKey("lm") ? doc.iterations(m.get("lm").getValueNode(), "lm") : d.lmIterations();
        int every = m.containsKey("log_every") ? doc.positiveInt(m.get("log_every").getValueNode()) : d.logEvery();
        doc.at(t.getValueNode(), () -> rules.lbfgs(lbfgs).lm(lm).build());
        if (adaptive != null) {
            doc.at(m.get("adaptive").getValueNode(), () -> rules.resample(resample).adaptive(adaptive).build());
        }
        List<Phase> schedule = new Schedule(doc).phases(m, listed);
        Duration limit = m.containsKey("time_limit") ? timeLimit(m.get("time_limit").getValueNode()) : null;
        return new TrainingSpec(seed, adam.learningRate(), adam.epochs(), lbfgs, every, adam.batch(), resample,
                adaptive, lm, schedule, limit);
    }

    /** {@code time_limit: 600}: seconds of training (wall time) after which the run stops and writes its results. */
    private Duration timeLimit(Node node) {
        double seconds = doc.number(node);
        if (!(seconds > 0) || seconds > 1e9) {
            throw doc.error(node, "time_limit must be a positive number of seconds, got " + seconds);
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /**
     * {@code adam: {lr, epochs, batch}} or {@code adam: epochs}: the defaults with those given (only the Adam settings count), set in
     * {@code rules}.
     */
    private TrainingSpec adam(Node node, TrainingSpec d, Trainer.Builder rules) {
        if (node instanceof ScalarNode) { // adam: 2000, the epochs at the default learning rate
            int epochs = doc.nonNegativeInt(node);
            rules.adam(d.learningRate(), epochs);
            return new TrainingSpec(d.seed(), d.learningRate(), epochs, d.lbfgsIterations(), d.logEvery(), d.batch(),
                    d.resampleEvery(), d.adaptive());
        }
        Map<String, NodeTuple> a = doc.mapping(node, "adam", Set.of("lr", "epochs", "batch"));
        int batch = doc.nonNegativeIntOr(a, "batch", d.batch());
        double lr = a.containsKey("lr") ? doc.number(a.get("lr").getValueNode()) : d.learningRate();
        int epochs = doc.nonNegativeIntOr(a, "epochs", d.epochs());
        doc.at(a.containsKey("lr") ? a.get("lr").getValueNode() : node, () -> rules.adam(lr, epochs));
        return new TrainingSpec(d.seed(), lr, epochs, d.lbfgsIterations(), d.logEvery(), batch, d.resampleEvery(),
                d.adaptive());
    }


    private AdaptiveSampling adaptive(Node node) {
        Map<String, NodeTuple> m = doc.mapping(node, "adaptive", Set.of("exponent", "offset", "candidates"));
        AdaptiveSampling d = AdaptiveSampling.residual();
        double exponent = m.containsKey("exponent") ? doc.number(m.get("exponent").getValueNode()) : d.exponent();
        double offset = m.containsKey("offset") ? doc.number(m.get("offset").getValueNode()) : d.offset();
        int candidates = doc.nonNegativeIntOr(m, "candidates", d.candidates());
        // the constructor holds the rules; its complaint goes to the key it is about
        boolean badExponent = !(exponent >= 0) || Double.isInfinite(exponent);
        Node where = m.containsKey("exponent") && badExponent ? m.get("exponent").getValueNode()
                : m.containsKey("offset") ? m.get("offset").getValueNode() : node;
        return doc.at(where, () -> new AdaptiveSampling(exponent, offset, candidates));
    }
}
