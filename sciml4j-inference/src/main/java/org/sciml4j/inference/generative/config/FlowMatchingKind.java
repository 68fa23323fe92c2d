package org.sciml4j.inference.generative.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sciml4j.nn.NetworkSpec;
import org.sciml4j.train.config.ProblemKind;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The {@code flow_matching} kind of problem file: a flow-matching generative model of discretised fields, sampled
 * plainly, with physics-constrained flow matching (PCFM) or from a residual-regularised model, and scored against
 * held-out data. Sections: {@code data:} ({@link DataSection}), {@code network:}, {@code training:},
 * {@code sampling:}, {@code constraints:} ({@link Settings}), {@code seed:}. Registered for
 * {@link java.util.ServiceLoader} in {@code META-INF/services/org.sciml4j.train.config.ProblemKind}.
 */
public final class FlowMatchingKind implements ProblemKind {
    /** The kind's name in {@code kind:}. */
    public static final String NAME = "flow_matching";
    private static final Set<String> TOP = Set.of("kind", "name", "description", "seed", "data", "network",
            "training", "sampling", "constraints");

    /** For {@link java.util.ServiceLoader}. */
    public FlowMatchingKind() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FlowMatchingProblem read(YamlDocument doc) {
        Node root = doc.root();
        if (root == null) {
            throw doc.unplaced("the file is empty; a flow_matching problem needs at least 'data:'");
        }
        Map<String, NodeTuple> top = doc.mapping(root, "the problem file", TOP);
        String name = doc.runName(top);
        long seed = top.containsKey("seed") ? doc.integer(top.get("seed").getValueNode()) : 0;
        Settings s = new Settings(doc);
        Settings.Sampling sampling = s.sampling(value(top, "sampling"));
        List<Settings.ConstraintSpec> constraints = s.constraints(value(top, "constraints"));
        if (!sampling.method().equals("plain") && constraints.isEmpty()) {
            throw doc.error(top.containsKey("sampling") ? top.get("sampling").getValueNode() : root, "method "
                    + sampling.method() + " needs constraints, e.g. 'constraints: [{name: mass}, {name: energy}]'");
        }
        DataSection.Data data = new DataSection(doc).read(doc.required(top, "data", root,
                "data: {generator: heat, samples: 512, grid: 32}"), seed);
        NetworkSpec network = s.network(value(top, "network"));
        Settings.Training training = s.training(value(top, "training"));
        return new FlowMatchingProblem(doc, name, seed, data, network, training, sampling, constraints);
    }

    private static Node value(Map<String, NodeTuple> top, String key) {
        return top.containsKey(key) ? top.get(key).getValueNode() : null;
    }
}
