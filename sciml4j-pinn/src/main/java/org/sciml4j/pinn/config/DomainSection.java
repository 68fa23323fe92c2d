package org.sciml4j.pinn.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sciml4j.domain.geometry.Ball;
import org.sciml4j.domain.geometry.Box;
import org.sciml4j.domain.geometry.Disk;
import org.sciml4j.domain.geometry.Ellipse;
import org.sciml4j.domain.geometry.Geometry;
import org.sciml4j.domain.geometry.Interval;
import org.sciml4j.domain.geometry.Polygon;
import org.sciml4j.domain.geometry.Rectangle;
import org.sciml4j.domain.geometry.SpaceTime;
import org.sciml4j.domain.geometry.Triangle;
import org.sciml4j.pinn.Problem;
import org.sciml4j.train.config.YamlDocument;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * {@code domain: {variables: [x, y], <shape>: ..., time: {t: [0, 1]}}}: the shape's coordinates are the variables in
 * order; time, when given, is one more variable, last. Also reads the shapes of interfaces ({@code on: {disk: ...}}).
 */
final class DomainSection {

    /** The shapes a domain may be made of. */
    static final Set<String> SHAPES = Set.of("interval", "rectangle", "box", "disk", "ball", "ellipse",
            "polygon", "triangle", "union", "difference", "intersection");

    private final PinnScope scope;
    private final YamlDocument doc;

    DomainSection(PinnScope scope) {
        this.scope = scope;
        this.doc = scope.doc;
    }

    /** Declares the domain's variables in {@code b} and the scope, and sets the scope's domain and ranges. */
    void read(Problem.Builder b, Node node) {
        Map<String, NodeTuple> m = doc.mapping(node, "domain", null);
        Node namesNode = doc.required(m, "variables", node, "variables: [x, y]");
        Geometry g = null;
        Node shapeNode = null;
        for (NodeTuple t : m.values()) {
            String k = YamlDocument.key(t);
            if (k.equals("variables") || k.equals("time")) {
                continue;
            }
            if (!SHAPES.contains(k)) {
                throw doc.error(t.getKeyNode(), "unknown key '" + k + "' in domain" + YamlDocument.suggestion(k, SHAPES)
                        + " (a domain has 'variables', one shape (" + sortedShapes() + ") and optionally 'time')");
            }
            if (g != null) {
                throw doc.error(t.getKeyNode(), "a domain has one shape; combine shapes with union, difference or"
                        + " intersection");
            }
            shapeNode = t.getKeyNode();
            g = shape(k, t.getValueNode());
        }
        if (g == null) {
            throw doc.error(node, "the domain needs a shape, e.g. 'rectangle: [[0, 0], [1, 1]]' or 'disk: {center:"
                    + " [0, 0], radius: 1}'");
        }
        List<Node> names = doc.list(namesNode);
        if (names.size() != g.dimension()) {
            throw doc.error(namesNode, "the " + doc.string(shapeNode) + " has " + g.dimension() + " coordinates but "
                    + names.size() + " variable names are given");
        }
        List<String> all = new ArrayList<>();
        for (Node n : names) {
            all.add(scope.declare(n, "a variable", 0));
        }
        scope.symbols.space(all.toArray(new String[0]));
        if (m.containsKey("time")) {
            g = time(m.get("time").getValueNode(), g, all);
        }
        Geometry shape = g;
        // a shape whose extent is not representable (a centre of 1e308 with radius 1 has lo == hi) is refused there
        doc.at(shapeNode, () -> b.domain(shape, all.toArray(new String[0])));
        scope.domainShape = g;
        double[] lo = g.lower();
        double[] hi = g.upper();
        for (int i = 0; i < all.size(); i++) {
            scope.ranges.put(all.get(i), new double[] {lo[i], hi[i]});
        }
    }

    /** {@code time: {t: [0, 1]}}: the space shape times an interval, the time variable added to {@code names}. */
    private Geometry time(Node node, Geometry space, List<String> names) {
        Map<String, NodeTuple> time = doc.mapping(node, "time", null);
        if (time.size() != 1) {
            throw doc.error(node, "'time' takes one variable and its range, e.g. 'time: {t: [0, 1]}'");
        }
        NodeTuple t = time.values().iterator().next();
        double[] range = doc.numbers(t.getValueNode(), 2, "a range [t0, t1]");
        names.add(scope.declare(t.getKeyNode(), "a variable", 0));
        return doc.at(t.getValueNode(), () -> SpaceTime.timeLast(space, range[0], range[1]));
    }

    private static String sortedShapes() {
        return String.join(", ", SHAPES.stream().sorted().toList());
    }

    /** A shape written as a mapping of one key, e.g. {@code {disk: {center: [0, 0], radius: 1}}}. */
    Geometry shape(Node node) {
        Map<String, NodeTuple> m = doc.mapping(node, "a shape", SHAPES);
        if (m.size() != 1) {
            throw doc.error(node, "a shape is one of " + sortedShapes() + ", e.g. '{disk: {center: [0, 0],"
                    + " radius: 1}}'");
        }
        NodeTuple t = m.values().iterator().next();
        return shape(YamlDocument.key(t), t.getValueNode());
    }

    /** A shape of a kind; the geometry constructors' complaints placed at {@code v}. */
    private Geometry shape(String kind, Node v) {
        return doc.at(v, () -> switch (kind) {
            case "interval" -> {
                double[] ab = doc.numbers(v, 2, "an interval [a, b]");
                yield new Interval(ab[0], ab[1]);
            }
            case "rectangle", "box" -> {
                double[][] corners = corners(v, kind);
                yield kind.equals("box") ? new Box(corners[0], corners[1]) : new Rectangle(corners[0], corners[1]);
            }
            case "disk", "ball" -> {
                Map<String, NodeTuple> m = doc.mapping(v, kind, Set.of("center", "radius"));
                double[] c = doc.vector(doc.required(m, "center", v, "center: [0, 0]"));
                double r = doc.number(doc.required(m, "radius", v, "radius: 1"));
                yield kind.equals("disk") ? new Disk(c, r) : new Ball(c, r);
            }
            case "ellipse" -> {
                Map<String, NodeTuple> m = doc.mapping(v, kind, Set.of("center", "semi_axes", "angle"));
                double[] c = doc.vector(doc.required(m, "center", v, "center: [0, 0]"));
                double[] ax = doc.vector(doc.required(m, "semi_axes", v, "semi_axes: [2, 1]"));
                double angle = m.containsKey("angle") ? doc.number(m.get("angle").getValueNode()) : 0;
                yield new Ellipse(c, ax, angle);
            }
            case "polygon", "triangle" -> polygon(kind, v);
            default -> combination(kind, v);
        });
    }

    private Geometry polygon(String kind, Node v) {
        List<Node> l = doc.list(v);
        double[][] pts = new double[l.size()][];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = doc.vector(l.get(i));
        }
        if (kind.equals("triangle")) {
            if (pts.length != 3) {
                throw doc.error(v, "a triangle has 3 vertices, got " + pts.length);
            }
            return new Triangle(pts[0], pts[1], pts[2]);
        }
        return new Polygon(pts);
    }

    /** {@code union}, {@code difference} or {@code intersection} of two or more shapes, left to right. */
    private Geometry combination(String kind, Node v) {
        List<Node> parts = doc.list(v);
        if (parts.size() < 2) {
            throw doc.error(v, "'" + kind + "' takes a list of two or more shapes");
        }
        Geometry g = shape(parts.get(0));
        for (Node part : parts.subList(1, parts.size())) {
            Geometry h = shape(part);
            g = kind.equals("union") ? g.union(h) : kind.equals("difference") ? g.difference(h) : g.intersection(h);
        }
        return g;
    }

    /** {@code [[x0, y0], [x1, y1]]} or {@code {lower: [...], upper: [...]}}. */
    private double[][] corners(Node v, String kind) {
        if (v instanceof MappingNode) {
            Map<String, NodeTuple> m = doc.mapping(v, kind, Set.of("lower", "upper"));
            return new double[][] {doc.vector(doc.required(m, "lower", v, "lower: [0, 0]")),
                    doc.vector(doc.required(m, "upper", v, "upper: [1, 1]"))};
        }
        List<Node> l = doc.list(v);
        if (l.size() != 2) {
            throw doc.error(v, "a " + kind + " is [lower corner, upper corner], e.g. [[0, 0], [1, 1]]");
        }
        return new double[][] {doc.vector(l.get(0)), doc.vector(l.get(1))};
    }
}
