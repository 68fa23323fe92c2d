package org.sciml4j.pinn.config;

import java.util.Map;
import java.util.Set;

import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.marching.Curriculum;
import org.sciml4j.pinn.marching.TimeMarching;
import org.sciml4j.pinn.marching.TimeWindows;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The staged-training keys of {@code training:}: {@code time_windows: {variable: t, windows: 10}} (time-marching,
 * {@link org.sciml4j.pinn.marching.TimeMarching}) or {@code curriculum: {parameter: nu, from: 0.1, steps: 4}} (a
 * parameter curriculum, {@link org.sciml4j.pinn.marching.ParameterCurriculum}); at most one of them. Checked against
 * the problem: the variable must be one, the parameter a known one of the same sign as {@code from}.
 */
final class StagesSection {
    /** The keys of {@code training:} this section reads. */
    static final Set<String> KEYS = Set.of("time_windows", "curriculum");
    /** Each stage (window, curriculum step) trains for the whole schedule: a count beyond this is a mistake. */
    static final int MAX_STAGES = 1000;

    private final YamlDocument doc;
    private final Problem problem;

    StagesSection(YamlDocument doc, Problem problem) {
        this.doc = doc;
        this.problem = problem;
    }

    /** What the file's {@code training:} entry (null: none) asks for: time windows, a curriculum, or neither. */
    ProblemFile.Staging read(NodeTuple training) {
        if (training == null) {
            return ProblemFile.Staging.NONE;
        }
        Map<String, NodeTuple> m = doc.mapping(training.getValueNode(), "training", null);
        if (m.containsKey("time_windows") && m.containsKey("curriculum")) {
            throw doc.error(m.get("curriculum").getKeyNode(), "give time_windows or curriculum, not both");
        }
        TimeWindows windows = m.containsKey("time_windows") ? windows(m.get("time_windows").getValueNode()) : null;
        Curriculum curriculum = m.containsKey("curriculum") ? curriculum(m.get("curriculum").getValueNode()) : null;
        return new ProblemFile.Staging(windows, curriculum);
    }

    private TimeWindows windows(Node node) {
        Map<String, NodeTuple> m = doc.mapping(node, "time_windows", Set.of("variable", "windows"));
        Node v = doc.required(m, "variable", node, "variable: t");
        String name = doc.string(v);
        if (problem.variableIndex(name) < 0) {
            throw doc.error(v, "'" + name + "' is not a variable " + problem.variableNames()
                    + YamlDocument.suggestion(name, Set.copyOf(problem.variableNames())));
        }
        Node w = doc.required(m, "windows", node, "windows: 10");
        TimeWindows windows = new TimeWindows(name, stages(w, "windows"));
        return doc.at(v, () -> {
            TimeMarching.checkMarchable(problem, name);
            return windows;
        });
    }

    private int stages(Node n, String what) {
        int count = doc.positiveInt(n);
        if (count > MAX_STAGES) {
            throw doc.error(n, what + " " + count + ": each stage trains for the whole schedule; at most "
                    + MAX_STAGES);
        }
        return count;
    }

    private Curriculum curriculum(Node node) {
        Map<String, NodeTuple> m = doc.mapping(node, "curriculum", Set.of("parameter", "from", "steps"));
        Node p = doc.required(m, "parameter", node, "parameter: nu");
        String name = doc.string(p);
        Double target = problem.knownParameters().get(name);
        if (target == null) {
            throw doc.error(p, "'" + name + "' is not a known parameter " + problem.knownParameters().keySet()
                    + YamlDocument.suggestion(name, problem.knownParameters().keySet()));
        }
        Node f = doc.required(m, "from", node, "from: 0.1");
        double from = doc.number(f);
        if (from == target) {
            throw doc.error(f, "from " + from + " is already " + name + "'s value in the file: every stage would train"
                    + " the same problem; start from an easier value");
        }
        int steps = m.containsKey("steps") ? stages(m.get("steps").getValueNode(), "steps") : 4;
        Node where = m.containsKey("steps") && steps < 2 ? m.get("steps").getValueNode() : f;
        Curriculum c = doc.at(where, () -> new Curriculum(name, from, steps));
        doc.at(f, () -> c.values(target));
        return c;
    }
}
