package org.sciml4j.domain.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/** Checks shared by the geometry tests. */
final class GeometryChecks {

    private GeometryChecks() {
    }

    /** The rows of an (n, d) tensor. */
    static double[][] rows(Tensor t) {
        int n = t.size(0);
        int d = t.size(1);
        double[] p = t.data();
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(p, i * d, (i + 1) * d);
        }
        return out;
    }

    /** Every row is contained in g. */
    static void allInside(Geometry g, Tensor points) {
        assertThat(points.shape()).containsExactly(points.size(0), g.dimension());
        for (double[] x : rows(points)) {
            assertThat(g.contains(x)).as("%s contains %s", g, Arrays.toString(x)).isTrue();
        }
    }

    /**
     * Every row is on g's boundary, and its distance to the analytic boundary (given by {@code distance}) is below
     * 1e-9.
     */
    static void allOnBoundary(Geometry g, Tensor points, ToDoubleFunction<double[]> distance) {
        assertThat(points.shape()).containsExactly(points.size(0), g.dimension());
        for (double[] x : rows(points)) {
            assertThat(distance.applyAsDouble(x)).as("distance of %s to the boundary", Arrays.toString(x))
                    .isLessThan(1e-9);
            assertThat(g.onBoundary(x)).as("%s on the boundary of %s", Arrays.toString(x), g).isTrue();
        }
    }

    /**
     * At every row for which {@code check} holds: the normal has unit length, x + eps n is outside g and x - eps n
     * inside and off the boundary. Returns how many rows were checked.
     */
    static int normalsPointOutward(Geometry g, Tensor points, double eps, Predicate<double[]> check) {
        Tensor normals = g.normals(points);
        assertThat(normals.shape()).containsExactly(points.shape());
        double[][] xs = rows(points);
        double[][] ns = rows(normals);
        int checked = 0;
        for (int i = 0; i < xs.length; i++) {
            double[] x = xs[i];
            double[] n = ns[i];
            double len = 0;
            for (double c : n) {
                len += c * c;
            }
            assertThat(Math.sqrt(len)).as("|normal| at %s", Arrays.toString(x)).isCloseTo(1, within(1e-12));
            if (!check.test(x)) {
                continue;
            }
            double[] out = x.clone();
            double[] in = x.clone();
            for (int j = 0; j < x.length; j++) {
                out[j] += eps * n[j];
                in[j] -= eps * n[j];
            }
            assertThat(g.contains(out)).as("x + eps n outside, x = %s, n = %s", Arrays.toString(x),
                    Arrays.toString(n)).isFalse();
            assertThat(g.contains(in) && !g.onBoundary(in)).as("x - eps n inside, x = %s, n = %s",
                    Arrays.toString(x), Arrays.toString(n)).isTrue();
            checked++;
        }
        return checked;
    }

    /** The fraction of rows satisfying p. */
    static double fraction(Tensor points, Predicate<double[]> p) {
        double[][] xs = rows(points);
        int k = 0;
        for (double[] x : xs) {
            if (p.test(x)) {
                k++;
            }
        }
        return (double) k / xs.length;
    }

    /**
     * The measure of g as rejection sampling sees it: the bounding box's volume times the fraction of n Halton points
     * of the box that g contains. (Not Sobol: its dyadic points fall exactly on lines such as x + y = 1 and, counted
     * as inside the closed set, bias the estimate by a few 1e-3.)
     */
    static double rejectionVolume(Geometry g, int n) {
        double[] lo = g.lower();
        double[] hi = g.upper();
        double box = 1;
        for (int j = 0; j < lo.length; j++) {
            box *= hi[j] - lo[j];
        }
        return box * fraction(Sampler.halton().box(n, lo, hi, 0), g::contains);
    }

    /** The distance from (x, y) to the segment from a to b. */
    static double segmentDistance(double[] p, double[] a, double[] b) {
        double ex = b[0] - a[0];
        double ey = b[1] - a[1];
        double t = ((p[0] - a[0]) * ex + (p[1] - a[1]) * ey) / (ex * ex + ey * ey);
        t = Math.max(0, Math.min(1, t));
        return Math.hypot(p[0] - a[0] - t * ex, p[1] - a[1] - t * ey);
    }

    /** The distance from p to the closed polyline through the vertices. */
    static double polygonDistance(double[] p, double[][] v) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < v.length; i++) {
            best = Math.min(best, segmentDistance(p, v[i], v[(i + 1) % v.length]));
        }
        return best;
    }

    /** The distance from p to the nearest vertex. */
    static double vertexDistance(double[] p, double[][] v) {
        double best = Double.POSITIVE_INFINITY;
        for (double[] q : v) {
            best = Math.min(best, Math.hypot(p[0] - q[0], p[1] - q[1]));
        }
        return best;
    }

    /** The distance |p - c|. */
    static double norm(double[] p, double[] c) {
        double s = 0;
        for (int j = 0; j < p.length; j++) {
            s += (p[j] - c[j]) * (p[j] - c[j]);
        }
        return Math.sqrt(s);
    }
}
