package org.sciml4j.pinn.config;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sciml4j.nn.NetworkSpec;
import org.sciml4j.nn.Networks;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.config.ProblemFile.TrainingSpec;
import org.sciml4j.pinn.phasefield.Film;
import org.sciml4j.pinn.phasefield.PhaseFieldNetwork;
import org.sciml4j.pinn.phasefield.PhaseFieldRun;
import org.sciml4j.pinn.phasefield.PhaseFieldSpec;
import org.sciml4j.train.config.ProblemDefinition;
import org.sciml4j.train.config.ProblemKind;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The {@code phase_field} kind: shrinkage cracks in a film on a substrate by a variational-energy PINN, checked
 * against the grid solver (see {@link PhaseFieldRun} and docs/PHASE-FIELD.md). Keys: {@code film: {size, lambda,
 * mu, eta, length, toughness, weak_spot: {center, radius, depth}}}, {@code load: {eps0: [...], lbfgs_iterations:
 * [...]}} (increasing strains; quasi-Newton iterations per step, optional),
 * {@code phase_offset}, {@code quadrature: {points, intervals, sets, rotate_every, round}}, {@code reference: {cells, tolerance,
 * max_iterations}}, {@code network:} and {@code training:} as in a PINN file. Mistakes are placed at their line.
 */
public final class PhaseFieldKind implements ProblemKind {
    private static final Set<String> TOP = Set.of("kind", "name", "description", "film", "load", "phase_offset",
            "quadrature", "reference", "network", "training");

    /** For {@link java.util.ServiceLoader}. */
    public PhaseFieldKind() {
    }

    @Override
    public String name() {
        return PhaseFieldRun.KIND;
    }

    /** The coarsest reference grid accepted (cells per side). */
    static final int MIN_REFERENCE_CELLS = 8;

    @Override
    public ProblemDefinition read(YamlDocument doc) {
        Node root = doc.root();
        if (root == null) {
            throw doc.unplaced("the file is empty; a phase_field file needs at least 'film' and 'load'");
        }
        Map<String, NodeTuple> top = doc.mapping(root, "the problem file", TOP);
        Film film = film(doc, doc.required(top, "film", root, "film: {eta: 40, length: 0.04, toughness: 4e-3}"));
        Node loadNode = doc.required(top, "load", root, "load: {eps0: [0.04, 0.08, 0.12]}");
        double[] load = load(doc, loadNode);
        int[] lbfgs = lbfgsPerStep(doc, loadNode, load.length);
        double offset = top.containsKey("phase_offset") ? doc.number(top.get("phase_offset").getValueNode()) : 4;
        Map<String, NodeTuple> q = doc.optionalMapping(top, "quadrature", Set.of("points", "intervals", "sets",
                "rotate_every", "round"));
        int[] quadrature = {doc.positiveIntOr(q, "points", 2), doc.positiveIntOr(q, "intervals", 32),
            doc.positiveIntOr(q, "sets", 1), doc.nonNegativeIntOr(q, "rotate_every", 0),
            doc.nonNegativeIntOr(q, "round", 0)};
        Map<String, NodeTuple> r = doc.optionalMapping(top, "reference", Set.of("cells", "tolerance",
                "max_iterations"));
        int cells = doc.positiveIntOr(r, "cells", 64);
        if (cells < MIN_REFERENCE_CELLS) { // the grid solver's answer is the reference the network is judged by
            throw doc.error(r.get("cells").getValueNode(), "the reference grid needs at least " + MIN_REFERENCE_CELLS
                    + " cells a side to resolve the film, got " + cells);
        }
        PhaseFieldSpec.Reference reference = new PhaseFieldSpec.Reference(cells,
                doc.positiveOr(r, "tolerance", 1e-4), doc.positiveIntOr(r, "max_iterations", 500));
        NetworkSpec network = network(doc, top.get("network"), film);
        TrainingSpec training = new TrainingSection(doc).read(top.get("training"));
        return new PhaseFieldRun(doc, new PhaseFieldSpec(film, load, lbfgs, offset, quadrature, reference, network,
                training));
    }

    private static Film film(YamlDocument doc, Node node) {
        Map<String, NodeTuple> m = doc.mapping(node, "film", Set.of("size", "lambda", "mu", "eta", "length",
                "toughness", "weak_spot"));
        double size = doc.positiveOr(m, "size", 1);
        double lambda = doc.nonNegativeOr(m, "lambda", 1);
        double mu = doc.positiveOr(m, "mu", 1);
        double eta = doc.positiveOr(m, "eta", 40);
        double s = doc.positiveOr(m, "length", 0.04);
        double g = doc.positiveOr(m, "toughness", 4e-3);
        double[] spot = {0.5 * size, 0.5 * size, 0.1 * size, 0};
        if (m.containsKey("weak_spot")) {
            Map<String, NodeTuple> w = doc.mapping(m.get("weak_spot").getValueNode(), "weak_spot",
                    Set.of("center", "radius", "depth"));
            if (w.containsKey("center")) {
                double[] c = doc.numbers(w.get("center").getValueNode(), 2, "a point [x, y]");
                if (!(c[0] >= 0 && c[0] <= size && c[1] >= 0 && c[1] <= size)) {
                    throw doc.error(w.get("center").getValueNode(), "the weak spot's center must lie on the film,"
                            + " [0, " + size + "]^2, got [" + c[0] + ", " + c[1] + "]");
                }
                spot[0] = c[0];
                spot[1] = c[1];
            }
            spot[2] = doc.positiveOr(w, "radius", spot[2]);
            spot[3] = doc.nonNegativeOr(w, "depth", 0);
            if (spot[3] >= 1) {
                throw doc.error(w.get("depth").getValueNode(), "the weak spot's depth must be below 1 (the"
                        + " toughness there is G (1 - depth)), got " + spot[3]);
            }
        }
        return new Film(size, lambda, mu, eta, s, g, spot);
    }

    private static double[] load(YamlDocument doc, Node node) {
        Map<String, NodeTuple> m = doc.mapping(node, "load", Set.of("eps0", "lbfgs_iterations"));
        Node list = doc.required(m, "eps0", node, "eps0: [0.04, 0.08, 0.12]");
        double[] e = doc.vector(list);
        for (int k = 0; k < e.length; k++) {
            if (!(e[k] >= 0) || (k > 0 && !(e[k] > e[k - 1]))) {
                throw doc.error(list, "the shrinkage strains must be >= 0 and increasing, got "
                        + java.util.Arrays.toString(e));
            }
        }
        if (e.length == 0) {
            throw doc.error(list, "give at least one shrinkage strain");
        }
        return e;
    }

    /** {@code load.lbfgs_iterations}: the quasi-Newton iterations of each load step, or null when absent. */
    private static int[] lbfgsPerStep(YamlDocument doc, Node node, int steps) {
        Map<String, NodeTuple> m = doc.mapping(node, "load", Set.of("eps0", "lbfgs_iterations"));
        if (!m.containsKey("lbfgs_iterations")) {
            return null;
        }
        Node list = m.get("lbfgs_iterations").getValueNode();
        double[] v = doc.vector(list);
        int[] it = new int[v.length];
        boolean fits = v.length == steps;
        for (int k = 0; k < v.length; k++) {
            it[k] = (int) v[k];
            fits &= v[k] >= 0 && it[k] == v[k];
        }
        if (!fits) {
            throw doc.error(list, "lbfgs_iterations needs one whole number >= 0 per load step (" + steps
                    + "), got " + java.util.Arrays.toString(v));
        }
        return it;
    }

    /** As a PINN file's {@code network:}, for the inputs (x, y) scaled to [-1, 1] and outputs (u1, u2, phi). */
    private static NetworkSpec network(YamlDocument doc, NodeTuple t, Film film) {
        List<Problem.Range> inputs = List.of(new Problem.Range("x", -1, 1), new Problem.Range("y", -1, 1));
        NetworkSpec spec = new NetworkSection(doc, inputs).read(t, 2, List.of("u1", "u2", "phi"));
        Node where = t == null ? doc.root() : t.getValueNode();
        doc.at(where, () -> new PhaseFieldNetwork(Networks.build(spec, 2, 3, 0), film.size(), 4));
        return spec;
    }
}
