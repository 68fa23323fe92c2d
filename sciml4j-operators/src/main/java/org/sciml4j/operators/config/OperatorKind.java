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
            checkNorms(doc, dataNode, data, training.loss());
        }
        List<OperatorData> evaluation = m.containsKey("evaluation")
                ? TestSetEvaluation.read(doc, m.get("evaluation").getValueNode(), model, data, normalize != null)
                : List.of();
        return new OperatorProblem(doc, name, seed, data, model, physics, training, evaluation, normalize != null);
    }

    /**
     * The test relative L2 error divides by each test function's norm, and so does the relative L2 loss by each
     * training function's: a function that is zero everywhere would make them infinite. The first such row is named.
     */
    private static void checkNorms(YamlDocument doc, Node dataNode, OperatorData d, OperatorLoss loss) {
        double[] v = d.outputs().data(); // read in place: a data file's outputs can be gigabytes
        int n = d.outputs().size(0);
        int per = v.length / n;
        for (int r = 0; r < n; r++) {
            boolean test = r >= n - d.test();
            if (!test && (r >= d.train() || loss != OperatorLoss.RELATIVE_L2)) {
                continue;
            }
            boolean zero = true;
            for (int i = r * per; i < (r + 1) * per && zero; i++) {
                zero = v[i] == 0;
            }
            if (zero) {
                throw doc.error(dataNode, d.file().getFileName() + ": the output of row " + r + " (a "
                        + (test ? "test" : "training") + " function) is zero everywhere, and the relative L2 "
                        + (test ? "test error divides" : "loss divides") + " by its norm; drop the row"
                        + (test ? "" : " or train with loss: mse"));
            }
        }
    }
}
