package org.sciml4j.operators.config;

import org.sciml4j.nn.Activation;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

import java.util.Map;
import java.util.Set;

/**
 * Reads {@code model: {fno: {...}}} or {@code model: {deeponet: {...}}} and checks it against the data (the FNO's
 * modes against the grid) before anything runs.
 */
final class ModelSection {
    private final YamlDocument doc;

    ModelSection(YamlDocument doc) {
        this.doc = doc;
    }

    ModelSpec read(Node node, OperatorData data) {
        Map<String, NodeTuple> m = doc.mapping(node, "model", Set.of("fno", "deeponet"));
        if (m.size() != 1) {
            throw doc.error(node, "model needs exactly one of 'fno' or 'deeponet', e.g. 'fno: {modes: 16, width: 64}'");
        }
        NodeTuple t = m.values().iterator().next();
        if ("fno".equals(YamlDocument.key(t))) {
            if (data.queries() != null) {
                throw doc.error(t.getKeyNode(), data.file() + ": data with query points ('points:'/'values:') train a"
                        + " DeepONet only ('model: {deeponet: ...}')");
            }
            return fno(t.getValueNode(), data);
        }
        if (data.inputFields() > 1) {
            throw doc.error(t.getKeyNode(), data.file() + ": a DeepONet reads one input function; the data have "
                    + data.inputFields() + " input fields (input_fields), which only the FNO takes");
        }
        return deepOnet(t.getValueNode());
    }

    private ModelSpec fno(Node node, OperatorData data) {
        Map<String, NodeTuple> m = doc.mapping(node, "fno", Set.of("modes", "width", "layers", "padding"));
        int modes = m.containsKey("modes") ? doc.positiveInt(m.get("modes").getValueNode()) : 16;
        int width = m.containsKey("width") ? doc.positiveInt(m.get("width").getValueNode()) : 64;
        int layers = m.containsKey("layers") ? doc.positiveInt(m.get("layers").getValueNode()) : 4;
        double padding = m.containsKey("padding") ? doc.number(m.get("padding").getValueNode()) : 0;
        if (!(padding >= 0 && padding <= 1)) {
            throw doc.error(m.get("padding").getValueNode(), "padding is a fraction of each axis in [0, 1], got "
                    + padding);
        }
        ModelSpec.FnoSpec spec = new ModelSpec.FnoSpec(modes, width, layers, padding);
        String problem = gridProblem(spec, data);
        if (problem != null) {
            throw doc.error(m.containsKey("modes") ? m.get("modes").getValueNode() : node, problem);
        }
        return spec;
    }

    /** Null when the data's grid keeps the FNO's modes, else a line naming the data file and its grid. */
    static String gridProblem(ModelSpec.FnoSpec spec, OperatorData data) {
        String problem = spec.gridProblem(data);
        return problem == null ? null : data.file() + ": array of grid " + java.util.Arrays.toString(data.grid())
                + " is too coarse for the FNO: " + problem;
    }

    private ModelSpec deepOnet(Node node) {
        Map<String, NodeTuple> m = doc.mapping(node, "deeponet",
                Set.of("branch", "trunk", "p", "stacked", "activation"));
        int[] branch = m.containsKey("branch") ? doc.layerWidths(m.get("branch").getValueNode()) : new int[] {40};
        int[] trunk = m.containsKey("trunk") ? doc.layerWidths(m.get("trunk").getValueNode()) : new int[] {40, 40};
        int p = m.containsKey("p") ? doc.positiveInt(m.get("p").getValueNode()) : 40;
        boolean stacked = m.containsKey("stacked") && doc.bool(m.get("stacked").getValueNode());
        String activation = "relu";
        if (m.containsKey("activation")) {
            Node a = m.get("activation").getValueNode();
            activation = doc.string(a);
            String name = activation;
            doc.at(a, () -> Activation.of(name));
        }
        return new ModelSpec.DeepOnetSpec(branch, trunk, p, stacked, activation);
    }
}
