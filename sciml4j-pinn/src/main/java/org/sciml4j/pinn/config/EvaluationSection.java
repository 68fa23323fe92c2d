package org.sciml4j.pinn.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.sciml4j.domain.expr.BoundExpression;
import org.sciml4j.domain.expr.Evaluation;
import org.sciml4j.domain.expr.ExpressionException;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.io.Npz;
import org.sciml4j.io.TextTable;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.config.ProblemFile.EvaluationSpec;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.HeapLimit;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * {@code evaluation}: reference values for errors and plots, from a text table ({@code file}, {@code columns}), a
 * NumPy .npz grid ({@code file}, {@code grid}, {@code values}), an exact solution ({@code exact}, with
 * {@code points} and {@code sampling} or {@code grid}) or an antiplane fault's finite-difference solution
 * ({@code antiplane}, {@link AntiplaneEvaluation}). In a data file a non-finite reference value marks a point to
 * leave out (counted in {@link EvaluationSpec#skipped()}); non-finite points are refused.
 */
final class EvaluationSection {
    /** Points at which an exact solution is compared when the file does not say (a grid of about as many). */
    static final int DEFAULT_EVALUATION_POINTS = 10000;

    private final PinnScope scope;
    private final YamlDocument doc;
    private final Problem problem;

    EvaluationSection(PinnScope scope, Problem problem) {
        this.scope = scope;
        this.doc = scope.doc;
        this.problem = problem;
    }

    EvaluationSpec read(Node node) {
        Map<String, NodeTuple> m = doc.mapping(node, "evaluation", Set.of("file", "columns", "grid", "values",
                "exact", "points", "sampling", "antiplane"));
        if (m.containsKey("antiplane")) {
            return new AntiplaneEvaluation(scope, problem, this).read(m);
        }
        if (m.containsKey("exact")) {
            return exact(m);
        }
        for (String k : List.of("points", "sampling")) {
            if (m.containsKey(k)) {
                throw doc.error(m.get(k).getKeyNode(), "'" + k + "' belongs to an exact solution ('exact: {u:"
                        + " ...}'); data files give their own points");
            }
        }
        Node fileNode = doc.required(m, "file", node, "file: data/data_truth.txt");
        if (doc.string(fileNode).endsWith(".npz")) {
            return npzGrid(m, node, fileNode);
        }
        for (String k : List.of("grid", "values")) {
            if (m.containsKey(k)) {
                throw doc.error(m.get(k).getKeyNode(), "'" + k + "' belongs to evaluation data in a NumPy .npz"
                        + " file; a text table takes 'columns'");
            }
        }
        return table(m, node, fileNode);
    }

    /** A text table with a column per variable and per field, in any order. */
    private EvaluationSpec table(Map<String, NodeTuple> m, Node node, Node fileNode) {
        Node columnsNode = doc.required(m, "columns", node, "columns: [t, u]");
        List<Node> cols = doc.list(columnsNode);
        TextTable.Table table = scope.table(fileNode);
        List<String> names = new ArrayList<>();
        for (Node c : cols) {
            names.add(doc.string(c));
        }
        scope.checkColumns(table, names, columnsNode, doc.string(fileNode));
        for (Node c : cols) {
            String n = doc.string(c);
            if (problem.variableIndex(n) < 0 && !problem.fields().contains(n)) {
                throw doc.error(c, "'" + n + "' is neither a variable " + problem.variableNames() + " nor a field "
                        + problem.fields());
            }
        }
        List<String> wanted = new ArrayList<>(problem.variableNames());
        wanted.addAll(problem.fields());
        for (String w : wanted) {
            if (!names.contains(w)) {
                throw doc.error(columnsNode, "no column is named '" + w + "'; the evaluation data needs every"
                        + " variable and field " + wanted);
            }
        }
        int rows = table.rows();
        int d = problem.variables().size();
        int k = problem.fields().size();
        double[] p = new double[rows * d];
        double[] y = new double[rows * k];
        double[] v = table.values().data();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < d; j++) {
                p[i * d + j] = v[i * cols.size() + names.indexOf(problem.variableNames().get(j))];
            }
            for (int j = 0; j < k; j++) {
                y[i * k + j] = v[i * cols.size() + names.indexOf(problem.fields().get(j))];
            }
        }
        for (int i = 0; i < rows * d; i++) {
            if (!Double.isFinite(p[i])) {
                throw doc.error(fileNode, doc.string(fileNode) + ", data row " + (i / d + 1) + ": variable '"
                        + problem.variableNames().get(i % d) + "' is " + p[i] + "; the points must be finite (a"
                        + " non-finite reference value leaves a point out)");
            }
        }
        return finiteReferences(fileNode, p, y, rows);
    }

    /**
     * The points whose reference values are all finite: the others are left out and counted (a file may mark points
     * to ignore with NaN); none left is refused.
     */
    private EvaluationSpec finiteReferences(Node fileNode, double[] points, double[] truth, int rows) {
        int d = problem.variables().size();
        int k = problem.fields().size();
        int kept = 0;
        for (int i = 0; i < rows; i++) {
            boolean finite = true;
            for (int j = 0; j < k; j++) {
                finite &= Double.isFinite(truth[i * k + j]);
            }
            if (finite) {
                System.arraycopy(points, i * d, points, kept * d, d);
                System.arraycopy(truth, i * k, truth, kept * k, k);
                kept++;
            }
        }
        if (kept == 0) {
            throw doc.error(fileNode, doc.string(fileNode) + " has no point with a finite reference value (" + rows
                    + " points, all NaN or infinite, or none); nothing to evaluate against");
        }
        return new EvaluationSpec(doc.string(fileNode), Tensor.wrap(Arrays.copyOf(points, kept * d), kept, d),
                Tensor.wrap(Arrays.copyOf(truth, kept * k), kept, k), rows - kept);
    }

    /**
     * Reference values on a grid from a NumPy .npz file: {@code grid} names the member holding each variable's
     * axis, in the order of the value arrays' axes; {@code values} the member holding each field, shaped by the
     * axes ({@code grid: {x: x, t: t}, values: {u: usol}} for DeepXDE's Burgers.npz, usol of shape (256, 100)).
     */
    private EvaluationSpec npzGrid(Map<String, NodeTuple> m, Node node, Node fileNode) {
        if (m.containsKey("columns")) {
            throw doc.error(m.get("columns").getKeyNode(), "a .npz file takes 'grid' and 'values', not 'columns'");
        }
        Node gridNode = doc.required(m, "grid", node, "grid: {x: x, t: t}");
        Node valuesNode = doc.required(m, "values", node, "values: {u: usol}");
        Map<String, Tensor> arrays = scope.load(fileNode, Npz::read);
        Map<String, NodeTuple> grid = doc.mapping(gridNode, "grid", null);
        int d = problem.variables().size();
        if (grid.size() != d) {
            throw doc.error(gridNode, "the grid needs one axis per variable " + problem.variableNames() + ", got "
                    + grid.size());
        }
        double[][] axes = new double[d][];
        int[] axisOfVariable = new int[d];
        int[] shape = new int[d];
        int a = 0;
        for (NodeTuple t : grid.values()) {
            int v = problem.variableIndex(YamlDocument.key(t));
            if (v < 0) {
                throw doc.error(t.getKeyNode(), "'" + YamlDocument.key(t) + "' is not a variable "
                        + problem.variableNames());
            }
            axes[v] = finiteAxis(member(arrays, t.getValueNode(), fileNode).toArray(), t.getValueNode(), fileNode);
            axisOfVariable[v] = a;
            shape[a++] = axes[v].length;
        }
        List<Tensor> fieldValues = gridValues(arrays, valuesNode, fileNode, shape);
        return gridPoints(fileNode, axes, axisOfVariable, shape, fieldValues);
    }

    /** A grid axis, refused where a value is not finite (file, member and index named). */
    private double[] finiteAxis(double[] axis, Node memberNode, Node fileNode) {
        for (int i = 0; i < axis.length; i++) {
            if (!Double.isFinite(axis[i])) {
                throw doc.error(memberNode, doc.string(fileNode) + ", member '" + doc.string(memberNode) + "', index "
                        + i + ": the grid axis value is " + axis[i] + "; grid axes must be finite");
            }
        }
        return axis;
    }

    /** Each field's member of the .npz file, shaped as the grid. */
    private List<Tensor> gridValues(Map<String, Tensor> arrays, Node valuesNode, Node fileNode, int[] shape) {
        Map<String, NodeTuple> values = doc.mapping(valuesNode, "values", null);
        List<Tensor> fieldValues = new ArrayList<>();
        for (String f : problem.fields()) {
            NodeTuple t = values.get(f);
            if (t == null) {
                throw doc.error(valuesNode, "no values for field '" + f + "'; give one member per field "
                        + problem.fields());
            }
            Tensor u = member(arrays, t.getValueNode(), fileNode);
            if (!Arrays.equals(u.shape(), shape)) {
                throw doc.error(t.getValueNode(), "'" + doc.string(t.getValueNode()) + "' has shape "
                        + Arrays.toString(u.shape()) + " but the grid axes give " + Arrays.toString(shape));
            }
            fieldValues.add(u);
        }
        return fieldValues;
    }

    /** The grid's points, row-major in the value arrays' axes, and the fields' values at them. */
    private EvaluationSpec gridPoints(Node fileNode, double[][] axes, int[] axisOfVariable, int[] shape,
            List<Tensor> fieldValues) {
        int d = axes.length;
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        double[] pts = new double[n * d];
        double[] truth = new double[n * fieldValues.size()];
        int[] index = new int[d];
        for (int i = 0; i < n; i++) {
            // i is the row-major position in the value arrays; index[a] along their axis a
            for (int r = i, ax = d - 1; ax >= 0; ax--) {
                index[ax] = r % shape[ax];
                r /= shape[ax];
            }
            for (int v = 0; v < d; v++) {
                pts[i * d + v] = axes[v][index[axisOfVariable[v]]];
            }
            for (int f = 0; f < fieldValues.size(); f++) {
                truth[i * fieldValues.size() + f] = fieldValues.get(f).data()[i];
            }
        }
        return finiteReferences(fileNode, pts, truth, n);
    }

    private Tensor member(Map<String, Tensor> arrays, Node name, Node fileNode) {
        Tensor t = arrays.get(doc.string(name));
        if (t == null) {
            throw doc.error(name, "no member '" + doc.string(name) + "' in " + doc.string(fileNode) + " (members: "
                    + String.join(", ", new TreeSet<>(arrays.keySet())) + ")");
        }
        return t;
    }

    /**
     * An exact solution given as expressions of the variables and known parameters, one per field
     * ({@code exact: {u: sin(pi*x)*exp(-t)}}), evaluated at points of the domain: {@code points} (default
     * 10000) drawn by {@code sampling} (default uniform), or the product grid {@code grid: [101, 101]}.
     */
    private EvaluationSpec exact(Map<String, NodeTuple> m) {
        for (String k : List.of("file", "columns", "values")) {
            if (m.containsKey(k)) {
                throw doc.error(m.get(k).getKeyNode(), "give either an exact solution ('exact') or a data file"
                        + " ('file'), not both");
            }
        }
        Node exactNode = m.get("exact").getValueNode();
        Map<String, NodeTuple> exact = doc.mapping(exactNode, "exact", null);
        List<BoundExpression> solutions = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (String f : problem.fields()) {
            NodeTuple t = exact.get(f);
            if (t == null) {
                throw doc.error(exactNode, "no exact solution for field '" + f + "'; give one expression per field "
                        + problem.fields());
            }
            solutions.add(solution(f, t.getValueNode()));
            texts.add(f + " = " + doc.string(t.getValueNode()).strip());
        }
        for (String k : exact.keySet()) {
            if (!problem.fields().contains(k)) {
                throw doc.error(exact.get(k).getKeyNode(), "'" + k + "' is not a field " + problem.fields());
            }
        }
        Tensor points = exactPoints(m, exactNode);
        Tensor truth = evaluate(solutions, points);
        checkFinite(truth, points, exact);
        return new EvaluationSpec("exact: " + String.join(", ", texts), points, truth);
    }

    /** Field {@code f}'s exact solution: variables, known parameters and constants only. */
    BoundExpression solution(String f, Node e) {
        BoundExpression bound;
        try {
            bound = scope.expression(e).bind(scope.vocabulary);
        } catch (ExpressionException x) {
            throw doc.expressionError(x);
        }
        if (!bound.derivatives().isEmpty() || !bound.unknownParameters().isEmpty()) {
            throw doc.error(e, "the exact solution of '" + f + "' may use only variables, known parameters and"
                    + " constants; it uses " + (bound.derivatives().isEmpty() ? bound.unknownParameters()
                    : bound.derivatives()));
        }
        return bound;
    }

    /** The points where the exact solution is compared: a grid, or drawn ({@code points}, {@code sampling}). */
    Tensor exactPoints(Map<String, NodeTuple> m, Node exactNode) {
        Sampler s;
        int n;
        Node where;
        if (m.containsKey("grid")) {
            if (m.containsKey("points") || m.containsKey("sampling")) {
                throw doc.error(m.get("grid").getKeyNode(), "give either 'grid' or 'points' and 'sampling'");
            }
            where = m.get("grid").getValueNode();
            PinnScope.Grid grid = scope.grid(where);
            s = grid.sampler();
            n = grid.points();
        } else {
            where = m.containsKey("points") ? m.get("points").getValueNode() : exactNode;
            n = m.containsKey("points") ? doc.positiveInt(m.get("points").getValueNode()) : DEFAULT_EVALUATION_POINTS;
            s = scope.sampler(m);
            if (!m.containsKey("points") && !m.containsKey("sampling") && problem.variables().size() > 1) {
                // a uniform grid of about the default count
                int d = problem.variables().size();
                n = (int) Math.pow(Math.round(Math.pow(DEFAULT_EVALUATION_POINTS, 1.0 / d)), d);
            }
        }
        int d = problem.variables().size();
        // the points, a copy while drawing, the columns evaluated and the values of every field
        HeapLimit.require(doc, where, "the " + n + " evaluation points (" + d + " coordinates each)", 8.0 * n
                * (3 * d + problem.fields().size()));
        try {
            // a grid's points inside the domain (all of them for a box); other samplers draw inside it
            return m.containsKey("grid") ? problem.keepInside(s.box(n, problem.lower(), problem.upper(), 0))
                    : problem.domainPoints(s, n, 0);
        } catch (IllegalArgumentException e) {
            throw doc.error(where, "evaluation points: " + e.getMessage());
        }
    }

    /** The solutions at the points: (N, fields). */
    Tensor evaluate(List<BoundExpression> solutions, Tensor points) {
        try (Autodiff.Scope noGrad = Autodiff.noGrad()) {
            List<Tensor> cols = new ArrayList<>();
            for (int v = 0; v < problem.variables().size(); v++) {
                cols.add(points.col(v));
            }
            Evaluation at = Evaluation.of(cols, Map.of(), Map.of());
            Tensor[] columns = new Tensor[solutions.size()];
            for (int f = 0; f < columns.length; f++) {
                Tensor y = solutions.get(f).evaluate(at);
                columns[f] = y.rank() == 0 ? Tensor.full(y.item(), points.size(0), 1) : y;
            }
            return Tensor.concat(1, columns);
        }
    }

    /** Fails at the field's expression where the solution is not a finite number. */
    private void checkFinite(Tensor truth, Tensor points, Map<String, NodeTuple> exact) {
        double[] y = truth.data();
        int k = truth.size(1);
        int d = problem.variables().size();
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) {
                double[] at = Arrays.copyOfRange(points.data(), i / k * d, i / k * d + d);
                throw doc.error(exact.get(problem.fields().get(i % k)).getValueNode(), "the exact solution is "
                        + y[i] + " at " + problem.variableNames() + " = " + Arrays.toString(at));
            }
        }
    }
}
