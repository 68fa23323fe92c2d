package org.sciml4j.pinn.config;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;

import org.sciml4j.pinn.eikonal.Box;
import org.sciml4j.pinn.eikonal.EikonalSpec;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * An eikonal file's {@code evaluation: {grid: [101, 51], sources: 20, seed: 1, levels: 12}} (every key optional)
 * and {@code locate: {source: [2.5, 1.2], receivers: 8, noise: 0.005, starts: 8, iterations: 300, seed: 3}}
 * ({@code source} required).
 */
final class EikonalEvaluationSection {
    private final YamlDocument doc;
    private final Box box;

    EikonalEvaluationSection(YamlDocument doc, Box box) {
        this.doc = doc;
        this.box = box;
    }

    EikonalSpec.Evaluation evaluation(NodeTuple t) {
        int d = box.dimension();
        int[] grid = d == 2 ? new int[] {101, 51} : new int[] {41, 41, 41};
        if (t == null) {
            return new EikonalSpec.Evaluation(grid, 20, 1, 12);
        }
        Map<String, NodeTuple> m = doc.mapping(t.getValueNode(), "evaluation", Set.of("grid", "sources", "seed",
                "levels"));
        if (m.containsKey("grid")) {
            Node g = m.get("grid").getValueNode();
            double[] n = doc.numbers(g, d, "nodes per axis, one for each of " + box.names());
            for (int a = 0; a < d; a++) {
                if (n[a] != Math.rint(n[a]) || n[a] < 3 || n[a] > 4001) {
                    throw doc.error(g, "grid nodes per axis must be whole numbers from 3 to 4001, got "
                            + Arrays.toString(n));
                }
                grid[a] = (int) n[a];
            }
        }
        int sources = m.containsKey("sources") ? doc.positiveInt(m.get("sources").getValueNode()) : 20;
        long seed = m.containsKey("seed") ? doc.integer(m.get("seed").getValueNode()) : 1;
        int levels = m.containsKey("levels") ? doc.positiveInt(m.get("levels").getValueNode()) : 12;
        return new EikonalSpec.Evaluation(grid, sources, seed, levels);
    }

    EikonalSpec.Location location(Node node) {
        Map<String, NodeTuple> m = doc.mapping(node, "locate", Set.of("source", "receivers", "noise", "starts",
                "iterations", "seed"));
        Node s = doc.required(m, "source", node, "source: [2.5, 1.2]");
        double[] source = doc.numbers(s, box.dimension(), "the true source, one coordinate per axis "
                + box.names());
        if (!box.contains(source)) {
            throw doc.error(s, "the source " + Arrays.toString(source) + " is outside the domain");
        }
        int receivers = m.containsKey("receivers") ? doc.positiveInt(m.get("receivers").getValueNode()) : 8;
        double noise = m.containsKey("noise") ? doc.number(m.get("noise").getValueNode()) : 0;
        if (noise < 0) {
            throw doc.error(m.get("noise").getValueNode(), "noise must be >= 0 (a standard deviation), got "
                    + noise);
        }
        int starts = m.containsKey("starts") ? doc.positiveInt(m.get("starts").getValueNode()) : 8;
        int iterations = m.containsKey("iterations") ? doc.positiveInt(m.get("iterations").getValueNode()) : 300;
        long seed = m.containsKey("seed") ? doc.integer(m.get("seed").getValueNode()) : 3;
        return new EikonalSpec.Location(source, receivers, noise, starts, iterations, seed);
    }
}
