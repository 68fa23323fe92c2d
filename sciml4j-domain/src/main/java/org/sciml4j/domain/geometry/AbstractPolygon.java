package org.sciml4j.domain.geometry;

import java.util.Arrays;

import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/** A simple polygon given by its vertices in order: the common code of {@link Polygon} and {@link Triangle}. */
abstract class AbstractPolygon implements Geometry {

    final String name;
    final int m;
    final double[] xs;
    final double[] ys;
    /** Outward unit normal of edge i (from vertex i to vertex i + 1 mod m). */
    final double[] nx;
    final double[] ny;
    /** cum[i]: perimeter length before edge i; cum[m] is the perimeter. */
    final double[] cum;
    final double area;
    final double[] lo;
    final double[] hi;
    final double tol;

    /**
     * Checks and stores the vertices. {@code vertexNames} names vertex i in messages ({@code null}: "vertices[i]"),
     * {@code degenerate} is the message for zero area.
     */
    AbstractPolygon(String name, double[][] vertices, String[] vertexNames, String degenerate) {
        this.name = name;
        if (vertices == null) {
            throw new IllegalArgumentException(name + ": vertices is null");
        }
        m = vertices.length;
        if (m < 3) {
            throw new IllegalArgumentException(name + ": vertices has " + m + " point" + (m == 1 ? "" : "s")
                    + "; a polygon needs at least 3");
        }
        xs = new double[m];
        ys = new double[m];
        for (int i = 0; i < m; i++) {
            String vi = vertexName(vertexNames, i);
            double[] v = vertices[i];
            if (v == null) {
                throw new IllegalArgumentException(name + ": " + vi + " is null");
            }
            if (v.length != 2) {
                throw new IllegalArgumentException(name + ": " + vi + " has " + v.length
                        + " coordinates; expected 2 (x, y)");
            }
            for (int j = 0; j < 2; j++) {
                if (!Double.isFinite(v[j])) {
                    throw new IllegalArgumentException(name + ": " + vi + "[" + j + "] = " + v[j] + " is not finite");
                }
            }
            xs[i] = v[0];
            ys[i] = v[1];
        }
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                if (xs[i] == xs[j] && ys[i] == ys[j]) {
                    throw new IllegalArgumentException(name + ": " + vertexName(vertexNames, j) + " = ("
                            + xs[j] + ", " + ys[j] + ") repeats " + vertexName(vertexNames, i));
                }
            }
        }
        lo = new double[] {min(xs), min(ys)};
        hi = new double[] {max(xs), max(ys)};
        // crossing edges first: a bow-tie's two halves have areas of opposite signs, which can cancel
        checkSimple(vertexNames);
        double w = hi[0] - lo[0];
        double h = hi[1] - lo[1];
        // twice the signed area by the shoelace formula, relative to the bounding box so scale does not matter
        double twice = 0;
        for (int i = 0; i < m; i++) {
            int k = (i + 1) % m;
            twice += (xs[i] - lo[0]) * (ys[k] - lo[1]) - (xs[k] - lo[0]) * (ys[i] - lo[1]);
        }
        if (!(Math.abs(twice) > 1e-12 * (w * w + h * h))) {
            throw new IllegalArgumentException(name + ": " + degenerate);
        }
        area = Math.abs(twice) / 2;
        tol = Shapes.tolerance(lo, hi);
        double orientation = Math.signum(twice); // +1 counterclockwise
        nx = new double[m];
        ny = new double[m];
        cum = new double[m + 1];
        for (int i = 0; i < m; i++) {
            int k = (i + 1) % m;
            double ex = xs[k] - xs[i];
            double ey = ys[k] - ys[i];
            double len = Math.hypot(ex, ey);
            // the outward normal of a counterclockwise boundary is the edge direction turned clockwise
            nx[i] = orientation * ey / len;
            ny[i] = -orientation * ex / len;
            cum[i + 1] = cum[i] + len;
        }
    }

    private static String vertexName(String[] names, int i) {
        return names == null ? "vertices[" + i + "]" : names[i];
    }

    /** Refuses two edges that meet other than at their shared vertex: every pair of non-adjacent edges is tested. */
    private void checkSimple(String[] vertexNames) {
        for (int i = 0; i < m; i++) {
            for (int j = i + 2; j < m; j++) {
                if (i == 0 && j == m - 1) {
                    continue; // adjacent through the closing edge
                }
                if (segmentsIntersect(i, j)) {
                    throw new IllegalArgumentException(name + ": edges " + edgeName(vertexNames, i) + " and "
                            + edgeName(vertexNames, j) + " intersect; the polygon must be simple (its edges may"
                            + " meet only at shared vertices)");
                }
            }
        }
    }

    private String edgeName(String[] names, int i) {
        return i + " (" + vertexName(names, i) + " to " + vertexName(names, (i + 1) % m) + ")";
    }

    /** Whether the closed segments of edges i and j intersect (touching counts). */
    private boolean segmentsIntersect(int i, int j) {
        int i2 = (i + 1) % m;
        int j2 = (j + 1) % m;
        double d1 = orient(j, j2, i);
        double d2 = orient(j, j2, i2);
        double d3 = orient(i, i2, j);
        double d4 = orient(i, i2, j2);
        if (d1 * d2 < 0 && d3 * d4 < 0) {
            return true;
        }
        return d1 == 0 && onSegment(j, j2, i) || d2 == 0 && onSegment(j, j2, i2)
                || d3 == 0 && onSegment(i, i2, j) || d4 == 0 && onSegment(i, i2, j2);
    }

    /** The cross product (q - p) x (r - p) of vertices p, q, r. */
    private double orient(int p, int q, int r) {
        return (xs[q] - xs[p]) * (ys[r] - ys[p]) - (ys[q] - ys[p]) * (xs[r] - xs[p]);
    }

    /** Whether vertex r, collinear with p and q, lies within their bounding box. */
    private boolean onSegment(int p, int q, int r) {
        return Math.min(xs[p], xs[q]) <= xs[r] && xs[r] <= Math.max(xs[p], xs[q])
                && Math.min(ys[p], ys[q]) <= ys[r] && ys[r] <= Math.max(ys[p], ys[q]);
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().getAsDouble();
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().getAsDouble();
    }

    @Override
    public int dimension() {
        return 2;
    }

    @Override
    public double[] lower() {
        return lo.clone();
    }

    @Override
    public double[] upper() {
        return hi.clone();
    }

    @Override
    public double tolerance() {
        return tol;
    }

    /** The distance from (x, y) to edge i. */
    private double edgeDistance(int i, double x, double y) {
        int k = (i + 1) % m;
        double ex = xs[k] - xs[i];
        double ey = ys[k] - ys[i];
        double px = x - xs[i];
        double py = y - ys[i];
        double t = (px * ex + py * ey) / (ex * ex + ey * ey);
        t = Math.max(0, Math.min(1, t));
        return Math.hypot(px - t * ex, py - t * ey);
    }

    /** {@inheritDoc} For a polygon: the crossing number (even-odd rule), or within tolerance of an edge. */
    @Override
    public boolean contains(double[] x) {
        if (onBoundary(x)) {
            return true;
        }
        double px = x[0];
        double py = x[1];
        boolean in = false;
        for (int i = 0, j = m - 1; i < m; j = i++) {
            // edge from j to i crosses the horizontal ray to the right of the point
            if ((ys[i] > py) != (ys[j] > py)
                    && px < xs[j] + (xs[i] - xs[j]) * (py - ys[j]) / (ys[i] - ys[j])) {
                in = !in;
            }
        }
        return in;
    }

    @Override
    public boolean onBoundary(double[] x) {
        Shapes.point(x, 2);
        for (int i = 0; i < m; i++) {
            if (edgeDistance(i, x[0], x[1]) <= tol) {
                return true;
            }
        }
        return false;
    }

    /** {@inheritDoc} For a polygon: the edge's outward normal; at a vertex the normalised sum of its two edges'. */
    @Override
    public double[] normal(double[] x) {
        Shapes.point(x, 2);
        double[] n = new double[2];
        boolean on = false;
        for (int i = 0; i < m; i++) {
            if (edgeDistance(i, x[0], x[1]) <= tol) {
                n[0] += nx[i];
                n[1] += ny[i];
                on = true;
            }
        }
        if (!on) {
            throw Shapes.notOnBoundary(this, x);
        }
        return Shapes.unit(n, x);
    }

    /** {@inheritDoc} For a polygon: the perimeter. */
    @Override
    public double boundaryMeasure() {
        return cum[m];
    }

    /**
     * {@inheritDoc}
     *
     * <p>For a polygon: the sampler's t in [0, 1) is the fraction of the perimeter walked from the first vertex in
     * the given order, so each edge gets points in proportion to its length (exactly, up to one point, with the
     * uniform sampler).
     */
    @Override
    public Tensor boundary(int n, Sampler s, long seed) {
        Shapes.count("boundary", n, s);
        double[] t = Shapes.curveParameters(n, s, seed);
        double[] out = new double[2 * n];
        double perimeter = cum[m];
        for (int i = 0; i < n; i++) {
            double len = t[i] * perimeter;
            int e = Arrays.binarySearch(cum, len);
            e = e >= 0 ? Math.min(e, m - 1) : Math.min(-e - 2, m - 1);
            int k = (e + 1) % m;
            double f = Math.min(1, (len - cum[e]) / (cum[e + 1] - cum[e]));
            out[2 * i] = xs[e] + f * (xs[k] - xs[e]);
            out[2 * i + 1] = ys[e] + f * (ys[k] - ys[e]);
        }
        return Tensor.wrap(out, n, 2);
    }

    /** The area enclosed. */
    public double area() {
        return area;
    }

    /** The vertices in the given order, m rows of (x, y) (a copy). */
    public double[][] vertices() {
        double[][] v = new double[m][];
        for (int i = 0; i < m; i++) {
            v[i] = new double[] {xs[i], ys[i]};
        }
        return v;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append('[');
        for (int i = 0; i < m; i++) {
            sb.append(i == 0 ? "" : ", ").append('(').append(xs[i]).append(", ").append(ys[i]).append(')');
        }
        return sb.append(']').toString();
    }
}
