package org.sciml4j.operators.config;

import org.sciml4j.operators.fit.OperatorLoss;
import org.sciml4j.train.Phase;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import java.util.Map;
import java.util.Set;

/**
 * Reads {@code training: {loss: relative_l2, log_every: 10, test_every: 0, keep_best: 1000, adam: {lr, epochs,
 * batch, step, gamma, weight_decay}, lbfgs: {iterations: 5000}}}; what is not given keeps the model family's
 * defaults ({@link TrainingSpec}).
 * {@code keep_best} counts optimiser steps, not epochs (passes).
 */
final class TrainingSection {
    private final YamlDocument doc;

    TrainingSection(YamlDocument doc) {
        this.doc = doc;
    }

    TrainingSpec read(Node node, TrainingSpec d) {
        if (node == null) {
            return d;
        }
        Map<String, NodeTuple> m = doc.mapping(node, "training",
                Set.of("loss", "adam", "lbfgs", "log_every", "test_every", "keep_best"));
        OperatorLoss loss = d.loss();
        if (m.containsKey("loss")) {
            Node l = m.get("loss").getValueNode();
            loss = OperatorLoss.named(doc.string(l));
            if (loss == null) {
                throw doc.error(l, "unknown loss '" + doc.string(l) + "' (valid: relative_l2, mse)");
            }
        }
        int every = m.containsKey("log_every") ? doc.positiveInt(m.get("log_every").getValueNode()) : d.logEvery();
        int test = doc.nonNegativeIntOr(m, "test_every", d.testEvery());
        TrainingSpec t = new TrainingSpec(d.lr(), d.epochs(), d.batch(), d.step(), d.gamma(), d.weightDecay(), loss,
                every, test, d.keepBest(), d.lbfgs());
        t = m.containsKey("adam") ? adam(m.get("adam").getValueNode(), t) : t;
        t = m.containsKey("lbfgs") ? t.withLbfgs(doc.iterations(m.get("lbfgs").getValueNode(), "lbfgs")) : t;
        return m.containsKey("keep_best") ? t.withKeepBest(keepBest(m.get("keep_best").getValueNode())) : t;
    }

    /** {@code keep_best}: the period in optimiser steps, a whole number >= 1. */
    private int keepBest(Node node) {
        long steps = doc.integer(node);
        if (steps < 1 || steps > Integer.MAX_VALUE) {
            throw doc.error(node, "keep_best must be a whole number of optimiser steps >= 1 (how often the training"
                    + " loss is checked and the best parameters kept; leave it out to report the last step), got "
                    + steps);
        }
        return (int) steps;
    }

    private TrainingSpec adam(Node node, TrainingSpec d) {
        Map<String, NodeTuple> a = doc.mapping(node, "adam",
                Set.of("lr", "epochs", "batch", "step", "gamma", "weight_decay"));
        double lr = a.containsKey("lr") ? doc.number(a.get("lr").getValueNode()) : d.lr();
        int epochs = doc.nonNegativeIntOr(a, "epochs", d.epochs());
        doc.at(a.containsKey("lr") ? a.get("lr").getValueNode() : node, () -> Phase.adam(lr, epochs));
        int batch = doc.nonNegativeIntOr(a, "batch", d.batch());
        int step = doc.nonNegativeIntOr(a, "step", d.step());
        double gamma = a.containsKey("gamma") ? doc.number(a.get("gamma").getValueNode()) : d.gamma();
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw doc.error(a.get("gamma").getValueNode(), "gamma must be finite and > 0, got " + gamma);
        }
        double wd = a.containsKey("weight_decay") ? doc.number(a.get("weight_decay").getValueNode())
                : d.weightDecay();
        if (!(wd >= 0) || Double.isInfinite(wd)) {
            throw doc.error(a.get("weight_decay").getValueNode(), "weight_decay must be finite and >= 0, got " + wd);
        }
        return new TrainingSpec(lr, epochs, batch, step, gamma, wd, d.loss(), d.logEvery(), d.testEvery(),
                d.keepBest(), d.lbfgs());
    }
}
