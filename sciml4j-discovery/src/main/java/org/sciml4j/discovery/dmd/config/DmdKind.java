package org.sciml4j.discovery.dmd.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sciml4j.discovery.dmd.Snapshots;
import org.sciml4j.train.config.ProblemKind;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The {@code dmd} kind of problem file: modes and eigenvalues of snapshot data by a method of the DMD family.
 * Sections: {@code data:} ({@link DataSection}), {@code method:} ({@link MethodSection}), and optionally
 * {@code truth_eigenvalues:} (a list of [re, im], in continuous time unless {@code truth_time: discrete}) for scoring
 * (generated data bring their own), {@code forecast:} (extra steps of dt to predict past the data). Registered for
 * {@link java.util.ServiceLoader} in {@code META-INF/services/org.sciml4j.train.config.ProblemKind}.
 */
public final class DmdKind implements ProblemKind {
    /** The kind's name in {@code kind:}. */
    public static final String NAME = "dmd";
    /** The most values (features x steps) a reconstruction with its forecast may hold: 800 MB of doubles. */
    static final long MAX_FORECAST_VALUES = 100_000_000L;
    private static final Set<String> TOP = Set.of("kind", "name", "description", "data", "method",
            "truth_eigenvalues", "truth_time", "forecast");

    /** For {@link java.util.ServiceLoader}. */
    public DmdKind() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DmdProblem read(YamlDocument doc) {
        Node root = doc.root();
        if (root == null) {
            throw doc.unplaced("the file is empty; a dmd problem needs 'data:' and 'method:'");
        }
        Map<String, NodeTuple> top = doc.mapping(root, "the problem file", TOP);
        String name = doc.runName(top);
        DataSection.Data data = new DataSection(doc).read(doc.required(top, "data", root,
                "data: {generate: linear, eigenvalues: [[-0.1, 2.0]]}"));
        MethodSpec method = new MethodSection(doc).read(doc.required(top, "method", root, "method: {name: exact}"),
                data.snapshots());
        Snapshots s = data.snapshots();
        if (top.containsKey("truth_eigenvalues")) {
            s = truth(doc, top, s);
        }
        int forecast = 0;
        if (top.containsKey("forecast")) {
            Node f = top.get("forecast").getValueNode();
            forecast = doc.nonNegativeInt(f);
            long values = ((long) s.firstTrajectoryLength() + forecast) * s.features();
            if (values > MAX_FORECAST_VALUES) {
                throw doc.error(f, "a forecast of " + forecast + " steps of " + s.features() + " features holds "
                        + values + " values; at most " + MAX_FORECAST_VALUES + " (data and forecast together)");
            }
            if (forecast > 0 && (method.name().equals("dmdc") || Double.isNaN(s.uniformStep()))) {
                throw doc.error(f, "forecast needs a model without inputs and equally spaced snapshots (it"
                        + " predicts in steps of dt)");
            }
        }
        return new DmdProblem(doc, name, s, data.description(), method, forecast);
    }

    private static Snapshots truth(YamlDocument doc, Map<String, NodeTuple> top, Snapshots s) {
        List<Node> list = doc.list(top.get("truth_eigenvalues").getValueNode());
        boolean discrete = false;
        if (top.containsKey("truth_time")) {
            Node t = top.get("truth_time").getValueNode();
            String v = doc.string(t);
            if (!v.equals("continuous") && !v.equals("discrete")) {
                throw doc.error(t, "truth_time is 'continuous' (omega, x' = A x) or 'discrete' (lambda, one step"
                        + " of dt), got '" + v + "'");
            }
            discrete = v.equals("discrete");
        }
        double dt = s.uniformStep();
        if (discrete && Double.isNaN(dt)) {
            throw doc.error(top.get("truth_time").getValueNode(), "discrete eigenvalues need equally spaced"
                    + " snapshots");
        }
        double[] re = new double[list.size()];
        double[] im = new double[list.size()];
        for (int j = 0; j < list.size(); j++) {
            double[] p = doc.numbers(list.get(j), 2, "an eigenvalue [re, im]");
            if (discrete) {
                double mod = Math.hypot(p[0], p[1]);
                if (mod == 0) {
                    throw doc.error(list.get(j), "a discrete eigenvalue 0 has no continuous-time counterpart");
                }
                re[j] = Math.log(mod) / dt;
                im[j] = Math.atan2(p[1], p[0]) / dt;
            } else {
                re[j] = p[0];
                im[j] = p[1];
            }
        }
        return s.withTruth(re, im);
    }
}
