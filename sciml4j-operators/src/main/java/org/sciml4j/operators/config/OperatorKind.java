package org.sciml4j.operators.config;

import org.sciml4j.operators.fit.OperatorLoss;
import org.sciml4j.train.config.ProblemDefinition;
import org.sciml4j.train.config.ProblemKind;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code kind: operator}: operator learning from pairs of functions (FNO, DeepONet) or from physics alone
 * (PI-DeepONet). Keys: {@code name, seed, data} ({@code file:} or {@code generate:} a spec), {@code model, physics,
 * training, evaluation} (extra test sets, e.g. at a finer resolution, evaluated after training); see
 * {@code docs/OPERATORS.md}. Every mistake, including those of the data file's arrays, is reported before
 * anything runs.
 */
public final class OperatorKind implements ProblemKind {
    static final Set<String> KEYS = Set.of("kind", "name", "seed", "data", "model", "physics",
            "training", "evaluation");

    @Override
    public String name() {
        return "operator";
    }

    @Override
    public ProblemDefinition read(YamlDocument doc) {
        Map<String, NodeTuple> m = doc.mapping(doc.root(), "the problem", KEYS);
        String name = doc.runName(m);
        long seed = m.containsKey("seed") ? doc.integer(m.get("seed").getValueNode()) : 0;
        Node dataNode = doc.required(m, "data", doc.root(), "data: {file: data/burgers.npz, train: 1000, test: 200}");
        OperatorData data = new DataSection(doc).read(dataNode);
        Node normalize = new DataSection(doc).normalize(dataNode);
        Node modelNode = doc.required(m, "model", doc.root(), "model: {fno: {modes: 16, width: 64}}");
        ModelSpec model = new ModelSection(doc).read(modelNode, data);
        PhysicsSpec physics = null;
        if (m.containsKey("physics")) {
            physics = PhysicsSpec.read(doc, m.get("physics").getValueNode(), model, data);
        }
        TrainingSpec defaults = model instanceof ModelSpec.FnoSpec ? TrainingSpec.fnoDefaults()
                : TrainingSpec.deepOnetDefaults();
        TrainingSpec training = new TrainingSection(doc).read(
                m.containsKey("training") ? m.get("training").getValueNode() : null, defaults);
        if (normalize != null && (data.queries() != null || physics instanceof PhysicsSpec.Antiderivative)) {
            throw doc.error(normalize, "normalize: unit_gaussian is for pairs of functions on a grid; "
                    + (data.queries() != null ? data.file() + " has per-function query points" : "physics-informed"
                    + " training has no outputs to normalise"));
        }
        if (data.queries() == null && physics == null) {
            new DataSection(doc).checkNorms(dataNode, data, training.loss() == OperatorLoss.RELATIVE_L2);
        }
        List<OperatorData> evaluation = m.containsKey("evaluation")
                ? TestSetEvaluation.read(doc, m.get("evaluation").getValueNode(), model, data, normalize != null)
                : List.of();
        return new OperatorProblem(doc, name, seed, data, model, physics, training, evaluation, normalize != null);
    }
}
