package org.sciml4j.pinn.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.sciml4j.domain.expr.ExpressionException;
import org.sciml4j.nn.NetworkSpec;
import org.sciml4j.pinn.NetworkInputs;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.Trainer;
import org.sciml4j.pinn.weighting.Weighting;
import org.sciml4j.pinn.config.ProblemFile.EvaluationSpec;
import org.sciml4j.pinn.config.ProblemFile.TrainingSpec;
import org.sciml4j.pinn.uncertainty.UncertainProblem;
import org.sciml4j.train.config.HeapLimit;
import org.sciml4j.train.config.ProblemDefinition;
import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.ProblemKind;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The {@code pinn} kind of problem file (the default): reads each section with its reader, in the order the
 * sections depend on each other (symbols, equations, conditions, collocation, transforms, weights; then the
 * problem is built, and the network, training and evaluation read against it). Registered for
 * {@link java.util.ServiceLoader} in {@code META-INF/services/org.sciml4j.train.config.ProblemKind}.
 */
public final class PinnKind implements ProblemKind {

    /** The kind's name in {@code kind:}. */
    public static final String NAME = "pinn";

    private static final Set<String> TOP = Set.of("kind", "name", "description", "variables", "domain", "fields",
            "parameters", "unknowns", "equations", "conditions", "collocation", "weights", "transform", "network",
            "training", "evaluation", "uncertainty", "subdomains", "energy", "causal");

    /** For {@link java.util.ServiceLoader}. */
    public PinnKind() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Reads and checks a PINN problem file.
     *
     * @return the {@link ProblemFile}, or with an {@code uncertainty:} section an {@link UncertainProblem} holding it
     * @throws ProblemFileException for any mistake in it or in the data files it names
     */
    @Override
    public ProblemDefinition read(YamlDocument doc) {
        Node root = doc.root();
        if (root == null) {
            throw doc.unplaced("the file is empty; it needs at least 'variables', 'fields' and 'equations' or"
                    + " 'conditions'");
        }
        Map<String, NodeTuple> top = doc.mapping(root, "the problem file", TOP);
        String name = doc.runName(top);
        PinnScope scope = new PinnScope(doc);
        Problem.Builder b = Problem.builder();
        new SymbolsSection(scope).read(b, top, root);
        XpinnSection xpinn = null;
        if (top.containsKey("subdomains")) { // one network per region: its parameters are fields, declared now
            xpinn = new XpinnSection(scope, top.get("subdomains").getValueNode());
            xpinn.declare(b, scope.vocabulary.fields());
            scope.vocabulary = scope.symbols.build();
        }
        EquationsSection equations = new EquationsSection(scope);
        List<Node> equationNodes = equations.equations(b, top);
        Map<String, NodeTuple> conditions = top.containsKey("conditions")
                ? new ConditionsSection(scope).read(b, top.get("conditions").getValueNode()) : Map.of();
        if (top.containsKey("collocation")) {
            new CollocationSection(scope).read(b, top.get("collocation").getValueNode());
        }
        if (xpinn != null) {
            xpinn.interfaces(b, top);
        }
        if (top.containsKey("transform")) {
            equations.transforms(b, top.get("transform").getValueNode());
        }
        if (top.containsKey("energy")) {
            new EnergySection(scope).read(b, top.get("energy").getValueNode());
        }
        WeightsSection weightsSection = new WeightsSection(doc);
        Map<String, NodeTuple> weights = top.containsKey("weights")
                ? weightsSection.read(b, top.get("weights").getValueNode()) : Map.of();
        Problem problem;
        try {
            problem = b.build();
        } catch (ExpressionException e) {
            throw doc.expressionError(e);
        } catch (IllegalArgumentException e) {
            throw locate(doc, e, root, top, conditions, weights);
        }
        NetworkInputs inputs = NetworkSection.inputs(scope, top.get("network"), problem);
        int networkInputs = problem.variables().size() + inputs.count();
        NetworkSpec network = new NetworkSection(doc, problem.variables()).read(top.get("network"), networkInputs,
                problem.fields());
        if (xpinn != null) {
            network = xpinn.network(network, networkInputs, problem.fields().size());
        }
        TrainingSpec training = new TrainingSection(doc).read(top.get("training"));
        if (problem.energy().isPresent()) {
            refuseLeastSquares(doc, top, training);
        }
        Weighting weighting = weighting(doc, top, problem, weightsSection, training);
        requireTrainingMemory(scope, top, problem, network, training);
        EvaluationSpec evaluation = top.containsKey("evaluation")
                ? new EvaluationSection(scope, problem).read(top.get("evaluation").getValueNode()) : null;
        ProblemFile.Staging staging = new StagesSection(doc, problem).read(top.get("training"));
        ProblemFile file = new ProblemFile(doc.file(), doc.text(), name, problem, network, training, evaluation,
                staging, weighting, inputs, TermPlaces.of(doc, problem, equationNodes, conditions));
        return withUncertainty(doc, top, file);
    }

    /** With an {@code uncertainty:} section, an {@link UncertainProblem} holding the file; else the file. */
    private static ProblemDefinition withUncertainty(YamlDocument doc, Map<String, NodeTuple> top, ProblemFile file) {
        if (!top.containsKey("uncertainty")) {
            return file;
        }
        if (!file.staging().none()) {
            throw doc.error(top.get("uncertainty").getKeyNode(), "'uncertainty' cannot be combined with"
                    + " training.time_windows or training.curriculum (train the stages without it)");
        }
        return new UncertainProblem(file, new UncertaintySection(doc).read(top.get("uncertainty").getValueNode()));
    }

    /**
     * The loss-shaping remedies: the {@code weights:} scheme, {@code causal:} and {@code training: {rar}}, checked
     * together with the training settings by the trainer's builder (the complaint placed at the remedy).
     */
    private static Weighting weighting(YamlDocument doc, Map<String, NodeTuple> top, Problem problem,
            WeightsSection weights, TrainingSpec training) {
        Weighting w = weights.weighting(problem);
        if (top.containsKey("causal")) {
            w = w.withCausal(new CausalSection(doc).read(top.get("causal").getValueNode(), problem));
        }
        w = w.withRefinement(new RarSection(doc).read(top.get("training")));
        if (w.isEmpty()) {
            return w;
        }
        Weighting chosen = w;
        Node where = w.refinement() != null ? top.get("training").getValueNode()
                : top.containsKey("weights") ? top.get("weights").getValueNode() : top.get("causal").getValueNode();
        doc.at(where, () -> Trainer.builder().batch(training.batch()).resample(training.resampleEvery())
                .adaptive(training.adaptive()).weighting(chosen).build());
        return w;
    }

    /**
     * The values one epoch keeps for its points (a batch of them, if set) through every layer, against the heap:
     * refused at {@code collocation} with the numbers.
     */
    private static void requireTrainingMemory(PinnScope scope, Map<String, NodeTuple> top, Problem problem,
            NetworkSpec network, TrainingSpec training) {
        int points = training.batch() > 0 ? Math.min(training.batch(), scope.collocationPoints)
                : scope.collocationPoints;
        if (points == 0) {
            return;
        }
        double width = HeapCheck.width(network, problem.variables().size(), problem.fields().size());
        HeapLimit.require(scope.doc, top.get("collocation").getValueNode(), () -> String.format(Locale.ROOT,
                "training on %d points through layers %.0f values wide", points, width),
                HeapCheck.VALUES_PER_POINT_AND_UNIT * 8.0 * points * width);
    }

    /** An energy is not a sum of squares: Levenberg-Marquardt and the natural gradient do not apply to it. */
    private static void refuseLeastSquares(YamlDocument doc, Map<String, NodeTuple> top, TrainingSpec training) {
        boolean leastSquares = training.lmIterations() > 0 && (training.schedule() == null
                || training.schedule().stream().anyMatch(p -> "lm".equals(p.name())));
        if (training.schedule() != null) {
            leastSquares |= training.schedule().stream().anyMatch(p -> p instanceof org.sciml4j.train.Phase.GaussNewton
                    && !"lm".equals(p.name()));
        }
        if (leastSquares) {
            throw doc.error(top.get("training").getKeyNode(), "an energy (Deep Ritz) is not a sum of squares:"
                    + " least-squares phases (lm, natural_gradient) do not apply; use lbfgs, ssbfgs or ssbroyden");
        }
    }

    /** A problem-level error, placed at the part of the file it is about where that can be told. */
    private static ProblemFileException locate(YamlDocument doc, IllegalArgumentException e, Node root,
            Map<String, NodeTuple> top, Map<String, NodeTuple> conditions, Map<String, NodeTuple> weights) {
        String msg = e.getMessage();
        for (Map.Entry<String, NodeTuple> c : conditions.entrySet()) {
            if (msg.contains("condition '" + c.getKey() + "' has the name of")) {
                return doc.error(c.getValue().getKeyNode(), msg); // about its name: at the name
            }
        }
        for (Map.Entry<String, NodeTuple> c : conditions.entrySet()) {
            if (msg.contains("condition '" + c.getKey() + "'")) {
                return doc.error(c.getValue().getValueNode(), msg);
            }
        }
        for (NodeTuple w : weights.values()) {
            if (msg.contains("'" + YamlDocument.key(w) + "'")) {
                return doc.error(w.getKeyNode(), msg);
            }
        }
        for (Map.Entry<String, NodeTuple> c : conditions.entrySet()) {
            if (msg.contains("'" + c.getKey() + "'")) {
                return doc.error(c.getValue().getValueNode(), msg);
            }
        }
        for (String section : List.of("collocation", "equations", "fields", "variables")) {
            if (msg.contains(section) && top.containsKey(section)) {
                return doc.error(top.get(section).getKeyNode(), msg);
            }
        }
        return doc.error(root, msg);
    }
}
