package org.sciml4j.pinn.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.pinn.Problem;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** {@code collocation: {points: 101, sampling: uniform}} or {@code {grid: [21, 51]}}: where the equations hold. */
final class CollocationSection {
    private final PinnScope scope;
    private final YamlDocument doc;

    CollocationSection(PinnScope scope) {
        this.scope = scope;
        this.doc = scope.doc;
    }

    /** Sets {@code b}'s collocation sampler and count, after drawing them once to check the count. */
    void read(Problem.Builder b, Node node) {
        Map<String, NodeTuple> m = doc.mapping(node, "collocation", Set.of("points", "sampling", "grid"));
        List<String> variables = List.copyOf(scope.ranges.keySet());
        if (m.containsKey("grid")) {
            if (m.containsKey("points") || m.containsKey("sampling")) {
                throw doc.error(m.get("grid").getKeyNode(), "give either 'grid' or 'points' and 'sampling'");
            }
            Node gridNode = m.get("grid").getValueNode();
            PinnScope.Grid grid = scope.grid(gridNode);
            b.collocation(grid.sampler(), grid.points());
            scope.collocationPoints = grid.points();
            scope.trySampling(grid.sampler(), grid.points(), variables, gridNode, "collocation");
            return;
        }
        Node pts = doc.required(m, "points", node, "points: 101");
        Sampler s = scope.sampler(m);
        int n = doc.positiveInt(pts);
        b.collocation(s, n);
        scope.collocationPoints = n;
        scope.trySampling(s, n, variables, pts, "collocation");
    }
}
