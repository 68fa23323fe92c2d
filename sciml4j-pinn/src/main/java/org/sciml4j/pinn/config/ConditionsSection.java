package org.sciml4j.pinn.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sciml4j.domain.expr.Expression;
import org.sciml4j.domain.expr.ExpressionException;
import org.sciml4j.domain.expr.Vocabulary;
import org.sciml4j.domain.geometry.Geometry;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.io.TextTable;
import org.sciml4j.pinn.BoundaryCondition;
import org.sciml4j.pinn.Condition;
import org.sciml4j.pinn.JumpCondition;
import org.sciml4j.pinn.PointCondition;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.Requirement;
import org.sciml4j.train.config.HeapLimit;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * {@code conditions}, each by name: at fixed values ({@code at}, {@code require}, other variables sampled), data
 * from a file ({@code file}, {@code columns}), on a boundary or interface ({@code on}, {@code where}), periodic, or a
 * jump across a line ({@code jump}, {@code along}).
 */
final class ConditionsSection {
    private static final Set<String> KEYS = Set.of("at", "require", "points", "sampling", "file", "columns", "on",
            "where", "periodic", "jump", "along");

    private final PinnScope scope;
    private final YamlDocument doc;

    ConditionsSection(PinnScope scope) {
        this.scope = scope;
        this.doc = scope.doc;
    }

    /**
     * Adds every condition to {@code b} (whose builder checks, when it builds, that no equation has its name).
     *
     * @return each condition's entry (name and definition), by name, in file order
     */
    Map<String, NodeTuple> read(Problem.Builder b, Node node) {
        Map<String, NodeTuple> conditions = doc.mapping(node, "conditions", null);
        for (NodeTuple c : conditions.values()) {
            b.condition(condition(YamlDocument.key(c), c.getValueNode()));
        }
        return conditions;
    }

    private Condition condition(String name, Node node) {
        Map<String, NodeTuple> m = doc.mapping(node, "condition '" + name + "'", KEYS);
        if (m.containsKey("jump")) {
            return jump(name, node, m);
        }
        if (m.containsKey("along")) {
            throw doc.error(m.get("along").getKeyNode(), "'along' gives the segment of a jump: add 'jump: {x: 0}'");
        }
        if (m.containsKey("on") || m.containsKey("periodic")) {
            return boundary(name, node, m);
        }
        if (m.containsKey("where")) {
            throw doc.error(m.get("where").getKeyNode(), "'where' selects part of a boundary: add 'on: boundary'");
        }
        if (m.containsKey("file")) {
            return data(name, node, m);
        }
        return atFixedValues(name, node, m);
    }

    /** {@code {file: data.txt, columns: [t, u]}}: observed values at the points the variables' columns give. */
    private Condition data(String name, Node node, Map<String, NodeTuple> m) {
        for (String k : List.of("at", "require", "points", "sampling")) {
            if (m.containsKey(k)) {
                throw doc.error(m.get(k).getKeyNode(), "a data condition takes 'file' and 'columns'; '" + k
                        + "' belongs to conditions at fixed values");
            }
        }
        Node fileNode = m.get("file").getValueNode();
        Node columnsNode = doc.required(m, "columns", node, "columns: [t, u]");
        List<String> columns = new ArrayList<>();
        List<Expression> observed = new ArrayList<>();
        for (Node c : doc.list(columnsNode)) {
            String col = doc.string(c);
            scope.requirement(c);
            if (!scope.ranges.containsKey(col)) {
                observed.add(scope.expression(c));
            }
            columns.add(col);
        }
        TextTable.Table table = scope.dataTable(fileNode);
        String file = doc.string(fileNode);
        scope.checkColumns(table, columns, columnsNode, file);
        for (String v : scope.ranges.keySet()) {
            if (!columns.contains(v)) {
                throw doc.error(columnsNode, "condition '" + name + "': no column of " + file + " is named after"
                        + " variable '" + v + "' " + columns + "; the variables' columns give the points");
            }
        }
        if (observed.isEmpty()) {
            throw doc.error(columnsNode, "condition '" + name + "': the columns " + columns + " name only"
                    + " variables; name at least one field, e.g. 'u'");
        }
        insideRanges(table, columns, fileNode, file);
        observed.forEach(scope::bind);
        return Condition.data(doc.resolve(fileNode), columns.toArray(new String[0])).named(name);
    }

    /**
     * Every data point lies within the variables' ranges (to a billionth of each range's width): a point outside,
     * e.g. times in other units than the domain's, would fit the network where no equation holds.
     */
    private void insideRanges(TextTable.Table table, List<String> columns, Node fileNode, String file) {
        double[] v = table.values().toArray();
        int cols = columns.size();
        for (Map.Entry<String, double[]> r : scope.ranges.entrySet()) {
            int j = columns.indexOf(r.getKey());
            double lo = r.getValue()[0];
            double hi = r.getValue()[1];
            double slack = 1e-9 * (hi - lo);
            for (int i = 0; i < table.rows(); i++) {
                double x = v[i * cols + j];
                if (x < lo - slack || x > hi + slack) {
                    throw doc.error(fileNode, file + ", data row " + (i + 1) + ": " + r.getKey() + " = " + x
                            + " lies outside the domain, " + r.getKey() + " in [" + lo + ", " + hi + "]");
                }
            }
        }
    }

    /** {@code {at: {t: 0}, require: [u = 1], points: 21, sampling: uniform}}. */
    private Condition atFixedValues(String name, Node node, Map<String, NodeTuple> m) {
        Map<String, double[]> fixed = fixedValues(name, doc.required(m, "at", node, "at: {t: 0}"));
        List<String> reqs = new ArrayList<>();
        Node reqNode = doc.required(m, "require", node, "require: [u = 1, u_t = 0]");
        for (Node r : doc.list(reqNode)) {
            Requirement parsed = scope.requirement(r);
            // bound here, where the text's place is known (the condition parses it again without it)
            scope.bind(parsed.lhs());
            scope.bind(parsed.rhs());
            reqs.add(doc.string(r));
        }
        if (reqs.isEmpty()) {
            throw doc.error(reqNode, "'require' is empty; e.g. 'require: [u = 1, u_t = 0]'");
        }
        PointCondition c = Condition.atEach(fixed, reqs.toArray(new String[0])).named(name);
        if (!m.containsKey("points") && !m.containsKey("sampling")) {
            return c;
        }
        int n = m.containsKey("points") ? doc.positiveInt(m.get("points").getValueNode())
                : PointCondition.DEFAULT_FREE_POINTS;
        Sampler s = scope.sampler(m);
        c = c.points(s, n);
        List<String> free = new ArrayList<>(scope.ranges.keySet());
        free.removeAll(fixed.keySet());
        Node where = m.containsKey("points") ? m.get("points").getValueNode() : m.get("sampling").getValueNode();
        int values = fixed.values().stream().mapToInt(x -> x.length).max().orElse(1);
        int per = free.isEmpty() ? n : doc.at(where, () -> PointCondition.pointsPerValue(name, n, values));
        scope.trySampling(s, per, free, where, "condition '" + name + "'");
        return c;
    }

    /**
     * {@code {jump: {x: 0}, along: {y: [-1, 0]}, require: [w = s, w_x = 0], points: 200, sampling: uniform}}: each
     * left side jumps by its right side across x = 0, on the segment of y in [-1, 0].
     */
    private Condition jump(String name, Node node, Map<String, NodeTuple> m) {
        for (String k : List.of("at", "file", "columns", "on", "where", "periodic")) {
            if (m.containsKey(k)) {
                throw doc.error(m.get(k).getKeyNode(), "'" + k + "' does not go with 'jump'; a jump condition takes"
                        + " 'jump', 'along', 'require', 'points' and 'sampling'");
            }
        }
        Map<String, double[]> across = fixedValues(name, m.get("jump").getValueNode());
        if (across.size() != 1 || across.values().iterator().next().length != 1) {
            throw doc.error(m.get("jump").getValueNode(), "a jump is across one value of one variable, e.g."
                    + " 'jump: {x: 0}'");
        }
        String variable = across.keySet().iterator().next();
        Node reqNode = doc.required(m, "require", node, "require: [w = s, w_x = 0]");
        int n = m.containsKey("points") ? doc.positiveInt(m.get("points").getValueNode())
                : BoundaryCondition.DEFAULT_POINTS;
        JumpCondition c = Condition.jump(variable, across.get(variable)[0],
                requirements(reqNode, scope.vocabulary)).named(name).points(scope.sampler(m), n);
        if (m.containsKey("along")) {
            for (NodeTuple a : doc.mapping(m.get("along").getValueNode(), "along", null).values()) {
                List<Node> ends = doc.list(a.getValueNode());
                if (ends.size() != 2) {
                    throw doc.error(a.getValueNode(), "give the segment's two ends, e.g. 'y: [-1, 0]'");
                }
                double lo = doc.number(ends.get(0));
                double hi = doc.number(ends.get(1));
                JumpCondition before = c;
                c = doc.at(a.getValueNode(), () -> before.along(YamlDocument.key(a), lo, hi));
            }
        }
        return c;
    }

    /** {@code at: {t: 0, x: [-1, 1]}}: each variable's value, or values (the points split evenly among them). */
    private Map<String, double[]> fixedValues(String name, Node at) {
        Map<String, double[]> fixed = new LinkedHashMap<>();
        for (NodeTuple a : doc.mapping(at, "at", null).values()) {
            String v = YamlDocument.key(a);
            double[] r = scope.ranges.get(v);
            if (r == null) {
                throw doc.error(a.getKeyNode(), "condition '" + name + "': '" + v + "' is not a variable"
                        + YamlDocument.suggestion(v, scope.ranges.keySet()) + " (variables: "
                        + String.join(", ", scope.ranges.keySet()) + ")");
            }
            List<Node> valueNodes = doc.list(a.getValueNode());
            double[] xs = new double[valueNodes.size()];
            if (xs.length == 0) {
                throw doc.error(a.getValueNode(), "condition '" + name + "': give a value for " + v);
            }
            Problem.Range range = new Problem.Range(v, r[0], r[1]);
            for (int i = 0; i < xs.length; i++) {
                double x = doc.number(valueNodes.get(i));
                xs[i] = doc.at(valueNodes.get(i), () -> range.requireContains("condition '" + name + "'", x));
            }
            fixed.put(v, xs);
        }
        if (fixed.isEmpty()) {
            throw doc.error(at, "'at' names no variable; e.g. 'at: {t: 0}'");
        }
        return fixed;
    }

    /**
     * {@code on: boundary} (the domain's) or {@code on: {disk: ...}} (an interface), with {@code where},
     * {@code points}, {@code sampling}; or {@code periodic: x} with the expressions in {@code require}.
     */
    private Condition boundary(String name, Node node, Map<String, NodeTuple> m) {
        boolean periodic = m.containsKey("periodic");
        for (String k : List.of("at", "file", "columns")) {
            if (m.containsKey(k)) {
                throw doc.error(m.get(k).getKeyNode(), "'" + k + "' does not go with '" + (m.containsKey("on") ? "on"
                        : "periodic") + "': a condition is at fixed values ('at'), on a boundary ('on'),"
                        + " periodic ('periodic') or data ('file')");
            }
        }
        if (periodic && m.containsKey("on")) {
            throw doc.error(m.get("periodic").getKeyNode(), "give either 'on' or 'periodic', not both");
        }
        if (periodic && m.containsKey("where")) {
            throw doc.error(m.get("where").getKeyNode(), "'where' selects part of a boundary ('on: boundary'); a"
                    + " periodic condition holds at both ends of its variable");
        }
        Node reqNode = doc.required(m, "require", node, periodic ? "require: [u, u_x]" : "require: [u = 0]");
        String[] reqs = requirements(reqNode, periodic ? scope.vocabulary : scope.boundaryVocabulary());
        int n = m.containsKey("points") ? doc.positiveInt(m.get("points").getValueNode())
                : BoundaryCondition.DEFAULT_POINTS;
        HeapLimit.require(doc, m.containsKey("points") ? m.get("points").getValueNode() : node, "the " + n
                + " points (" + scope.ranges.size() + " coordinates each) for condition '" + name + "'", 2 * 8.0 * n
                * scope.ranges.size());
        Sampler s = scope.sampler(m);
        if (periodic) {
            Node v = m.get("periodic").getValueNode();
            if (!scope.ranges.containsKey(doc.string(v))) {
                throw doc.error(v, "'" + doc.string(v) + "' is not a variable (variables: " + String.join(", ",
                        scope.ranges.keySet()) + ")");
            }
            return Condition.periodic(doc.string(v), reqs).named(name).points(s, n);
        }
        BoundaryCondition c = on(m.get("on").getValueNode(), reqs);
        if (m.containsKey("where")) {
            for (Node w : doc.list(m.get("where").getValueNode())) {
                BoundaryCondition before = c;
                c = doc.at(w, () -> before.where(doc.string(w)));
            }
        }
        return c.named(name).points(s, n);
    }

    /** The requirements' texts, each parsed and bound to {@code symbolsHere} where its place is known. */
    private String[] requirements(Node reqNode, Vocabulary symbolsHere) {
        List<String> reqs = new ArrayList<>();
        for (Node r : doc.list(reqNode)) {
            Requirement parsed = scope.requirement(r);
            try {
                parsed.lhs().bind(symbolsHere);
                parsed.rhs().bind(symbolsHere);
            } catch (ExpressionException e) {
                throw doc.expressionError(e);
            }
            reqs.add(doc.string(r));
        }
        return reqs.toArray(new String[0]);
    }

    /** {@code on: boundary} or {@code on: {<shape>: ...}}. */
    private BoundaryCondition on(Node on, String[] reqs) {
        if (on instanceof ScalarNode && doc.string(on).equals("boundary")) {
            return Condition.boundary(reqs);
        }
        if (!(on instanceof MappingNode)) {
            throw doc.error(on, "'on' takes 'boundary' (the domain's) or a shape, e.g. 'on: {disk: {center: [0, 0],"
                    + " radius: 0.5}}' for an interface");
        }
        Geometry shape = new DomainSection(scope).shape(on);
        Vocabulary boundary = scope.boundaryVocabulary();
        int space = boundary.space().size();
        if (shape.dimension() != space) {
            throw doc.error(on, "the shape has " + shape.dimension() + " coordinates but the problem has " + space
                    + " space variables " + boundary.space());
        }
        return Condition.on(shape, reqs);
    }
}
