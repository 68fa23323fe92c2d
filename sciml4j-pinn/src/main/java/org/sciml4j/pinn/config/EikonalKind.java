package org.sciml4j.pinn.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sciml4j.nn.NetworkSpec;
import org.sciml4j.nn.Networks;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.config.ProblemFile.TrainingSpec;
import org.sciml4j.pinn.eikonal.Box;
import org.sciml4j.pinn.eikonal.EikonalRun;
import org.sciml4j.pinn.eikonal.EikonalSpec;
import org.sciml4j.pinn.eikonal.EikonalSurrogate;
import org.sciml4j.pinn.eikonal.Residual;
import org.sciml4j.pinn.eikonal.Velocity;
import org.sciml4j.train.config.ProblemDefinition;
import org.sciml4j.train.config.ProblemKind;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The {@code eikonal} kind: the factorised travel-time surrogate (see {@link EikonalRun} and docs/EIKONAL.md).
 * {@code domain: {x: [0, 4], z: [0, 2]}} (2 or 3 axes, depth last), {@code velocity:} ({@link VelocitySection}),
 * {@code residual: hamiltonian | velocity}, {@code collocation: {pairs, source_points, resample_every, round}},
 * {@code weights: {eikonal, source}}, {@code network:} and {@code training:} as in a PINN file,
 * {@code evaluation: {grid, sources, seed, levels}}, {@code locate: {source, receivers, noise, starts, iterations,
 * seed}}. Every mistake is placed at its line and column before anything runs.
 */
public final class EikonalKind implements ProblemKind {
    private static final Set<String> TOP = Set.of("kind", "name", "description", "domain", "velocity", "residual",
            "collocation", "weights", "network", "training", "evaluation", "locate");

    /** For {@link java.util.ServiceLoader}. */
    public EikonalKind() {
    }

    @Override
    public String name() {
        return EikonalRun.KIND;
    }

    @Override
    public ProblemDefinition read(YamlDocument doc) {
        Node root = doc.root();
        if (root == null) {
            throw doc.unplaced("the file is empty; an eikonal file needs at least 'domain' and 'velocity'");
        }
        Map<String, NodeTuple> top = doc.mapping(root, "the problem file", TOP);
        Box box = domain(doc, doc.required(top, "domain", root, "domain: {x: [0, 4], z: [0, 2]}"));
        Velocity velocity;
        try {
            velocity = new VelocitySection(doc, box).read(doc.required(top, "velocity", root,
                    "velocity: \"2 + 0.5*z\""));
        } catch (IOException e) {
            throw doc.error(top.get("velocity").getValueNode(), "cannot read the velocity file: " + e.getMessage());
        }
        Residual residual = Residual.HAMILTONIAN;
        if (top.containsKey("residual")) {
            Node r = top.get("residual").getValueNode();
            residual = Residual.of(doc.string(r));
            if (residual == null) {
                throw doc.error(r, "unknown residual '" + doc.string(r) + "'; valid: hamiltonian (v^2 |grad T|^2"
                        + " - 1), velocity (1 - 1 / (v |grad T|))");
            }
        }
        EikonalSpec.Collocation collocation = collocation(doc, top.get("collocation"));
        double[] weights = weights(doc, top.get("weights"));
        NetworkSpec network = network(doc, top.get("network"), box);
        TrainingSpec training = new TrainingSection(doc).read(top.get("training"));
        EikonalSpec.Evaluation evaluation = new EikonalEvaluationSection(doc, box).evaluation(top.get("evaluation"));
        EikonalSpec.Location location = top.containsKey("locate")
                ? new EikonalEvaluationSection(doc, box).location(top.get("locate").getValueNode()) : null;
        return new EikonalRun(doc, new EikonalSpec(box, velocity, residual, collocation, weights, network, training,
                evaluation, location));
    }

    /** {@code domain: {x: [lo, hi], z: [lo, hi]}}: 2 or 3 axes, the last one depth. */
    static Box domain(YamlDocument doc, Node node) {
        Map<String, NodeTuple> m = doc.mapping(node, "domain", null);
        if (m.size() < 2 || m.size() > 3) {
            throw doc.error(node, "the domain needs 2 or 3 axes, depth last, e.g. {x: [0, 4], z: [0, 2]}; got "
                    + m.size());
        }
        List<String> names = new ArrayList<>();
        double[] lo = new double[m.size()];
        double[] hi = new double[m.size()];
        int a = 0;
        for (NodeTuple t : m.values()) {
            names.add(doc.name(t.getKeyNode()));
            double[] r = doc.numbers(t.getValueNode(), 2, "a range [lo, hi]");
            if (!(r[0] < r[1])) {
                throw doc.error(t.getValueNode(), "the range of '" + names.get(a) + "' must have lo < hi, got ["
                        + r[0] + ", " + r[1] + "]");
            }
            lo[a] = r[0];
            hi[a] = r[1];
            a++;
        }
        return new Box(names, lo, hi);
    }

    /** {@code collocation: {pairs: 2000, source_points: 200, resample_every: 0, round: 0}}. */
    private static EikonalSpec.Collocation collocation(YamlDocument doc, NodeTuple t) {
        if (t == null) {
            return new EikonalSpec.Collocation(2000, 200, 0, 0);
        }
        Map<String, NodeTuple> m = doc.mapping(t.getValueNode(), "collocation", Set.of("pairs", "source_points",
                "resample_every", "round"));
        int pairs = m.containsKey("pairs") ? doc.positiveInt(m.get("pairs").getValueNode()) : 2000;
        int sources = doc.nonNegativeIntOr(m, "source_points", 200);
        int every = doc.nonNegativeIntOr(m, "resample_every", 0);
        int round = doc.nonNegativeIntOr(m, "round", 0);
        if (round > 0 && every == 0) {
            throw doc.error(m.get("round").getKeyNode(), "'round' draws new points for each quasi-Newton round;"
                    + " set resample_every too (new points for Adam every that many epochs)");
        }
        return new EikonalSpec.Collocation(pairs, sources, every, round);
    }

    /** {@code weights: {eikonal: 1, source: 1}}, each finite and >= 0. */
    private static double[] weights(YamlDocument doc, NodeTuple t) {
        double[] w = {1, 1};
        if (t == null) {
            return w;
        }
        Map<String, NodeTuple> m = doc.mapping(t.getValueNode(), "weights", Set.of("eikonal", "source"));
        String[] keys = {"eikonal", "source"};
        for (int k = 0; k < 2; k++) {
            if (m.containsKey(keys[k])) {
                Node n = m.get(keys[k]).getValueNode();
                w[k] = doc.number(n);
                if (w[k] < 0) {
                    throw doc.error(n, "the weight of '" + keys[k] + "' must be >= 0, got " + w[k]);
                }
            }
        }
        return w;
    }

    /** As a PINN file's {@code network:}, for the 2d inputs (x, xs) scaled to [-1, 1] and the one output u. */
    private static NetworkSpec network(YamlDocument doc, NodeTuple t, Box box) {
        int d = box.dimension();
        List<Problem.Range> inputs = new ArrayList<>();
        for (String suffix : List.of("", "_s")) {
            for (String n : box.names()) {
                inputs.add(new Problem.Range(n + suffix, -1, 1));
            }
        }
        NetworkSpec spec = new NetworkSection(doc, inputs).read(t, 2 * d, List.of("u"));
        Node where = t == null ? doc.root() : t.getValueNode();
        doc.at(where, () -> new EikonalSurrogate(Networks.build(spec, 2 * d, 1, 0), box,
                new org.sciml4j.pinn.eikonal.LinearGradientVelocity(1, 0)));
        return spec;
    }
}
