package org.sciml4j.domain.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.sciml4j.domain.geometry.GeometryChecks.allInside;
import static org.sciml4j.domain.geometry.GeometryChecks.allOnBoundary;
import static org.sciml4j.domain.geometry.GeometryChecks.fraction;
import static org.sciml4j.domain.geometry.GeometryChecks.normalsPointOutward;
import static org.sciml4j.domain.geometry.GeometryChecks.polygonDistance;
import static org.sciml4j.domain.geometry.GeometryChecks.rejectionVolume;
import static org.sciml4j.domain.geometry.GeometryChecks.rows;
import static org.sciml4j.domain.geometry.GeometryChecks.segmentDistance;
import static org.sciml4j.domain.geometry.GeometryChecks.vertexDistance;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/** Polygon and Triangle: the L-shaped domain in both orientations, edge shares, vertex normals, refusals. */
class PolygonTest {

    /** The L-shaped domain [0,2]x[0,2] minus (1,2]x(1,2], counterclockwise; edges of lengths 2 1 1 1 1 2. */
    static final double[][] L = {{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}};

    private static double[][] reversed(double[][] v) {
        double[][] r = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            r[i] = v[v.length - 1 - i];
        }
        return r;
    }

    /** The edge of the L that a boundary point lies on (the first within 1e-12), or -1. */
    private static int edge(double[] x) {
        for (int i = 0; i < L.length; i++) {
            if (segmentDistance(x, L[i], L[(i + 1) % L.length]) < 1e-12) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void lShapeMembershipAreaAndInterior() {
        for (double[][] v : List.of(L, reversed(L))) {
            Polygon g = new Polygon(v);
            assertThat(g.area()).isEqualTo(3);
            assertThat(g.boundaryMeasure()).isEqualTo(8);
            assertThat(g.lower()).containsExactly(0, 0);
            assertThat(g.upper()).containsExactly(2, 2);
            assertThat(g.contains(new double[] {0.5, 1.5})).isTrue();
            assertThat(g.contains(new double[] {1.5, 0.5})).isTrue();
            assertThat(g.contains(new double[] {1.5, 1.5})).isFalse();
            assertThat(g.contains(new double[] {1.5, 1 + 1e-6})).isFalse();
            assertThat(g.contains(new double[] {1.5, 1 + 1e-9})).isTrue(); // within 1e-9 * 2 sqrt 2
            assertThat(g.onBoundary(new double[] {1, 1})).isTrue();
            assertThat(g.onBoundary(new double[] {1, 1.5})).isTrue();
            assertThat(g.onBoundary(new double[] {0.5, 0.5})).isFalse();
            assertThat(rejectionVolume(g, 1 << 14)).isCloseTo(3, within(0.003));
            for (Sampler s : List.of(Sampler.sobol(), Sampler.random(), Sampler.hammersley(), Sampler.uniform())) {
                Tensor p = g.interior(3000, s, 6);
                assertThat(p.shape()).containsExactly(3000, 2);
                allInside(g, p);
                // each of the three unit squares holds a third of the points
                assertThat(fraction(p, x -> x[0] < 1 && x[1] > 1)).as("%s", s).isCloseTo(1.0 / 3, within(0.025));
                assertThat(fraction(p, x -> x[0] > 1)).as("%s", s).isCloseTo(1.0 / 3, within(0.025));
            }
        }
    }

    @Test
    void lShapeBoundaryByEdgeLengthWithOutwardNormals() {
        double[] lengths = {2, 1, 1, 1, 1, 2};
        for (double[][] v : List.of(L, reversed(L))) {
            Polygon g = new Polygon(v);
            // uniform: equal steps of 8/800 = 0.01 along the perimeter: exactly 100 points per unit of length
            int[] counts = new int[6];
            for (double[] x : rows(g.boundary(800, Sampler.uniform(), 0))) {
                counts[edge(x)]++;
            }
            for (int i = 0; i < 6; i++) {
                assertThat(counts[i]).as("edge %d", i).isBetween((int) (100 * lengths[i]) - 1,
                        (int) (100 * lengths[i]) + 1);
            }
            for (Sampler s : List.of(Sampler.sobol(), Sampler.random(), Sampler.latinHypercube())) {
                Tensor b = g.boundary(4000, s, 2);
                allOnBoundary(g, b, x -> polygonDistance(x, L));
                for (int i = 0; i < 6; i++) {
                    int e = i;
                    assertThat(fraction(b, x -> edge(x) == e)).as("%s edge %d", s, e)
                            .isCloseTo(lengths[e] / 8, within(0.02));
                }
                int checked = normalsPointOutward(g, b, 1e-6, x -> vertexDistance(x, L) > 1e-5);
                assertThat(checked).isGreaterThan(3990);
            }
            assertThat(g.normal(new double[] {1, 0})).containsExactly(0, -1);
            assertThat(g.normal(new double[] {1.5, 1})).containsExactly(0, 1);
            assertThat(g.normal(new double[] {1, 1.5})).containsExactly(1, 0);
            double r = Math.sqrt(0.5);
            // re-entrant corner: the sum of the two edges' normals (0, 1) and (1, 0)
            assertThat(g.normal(new double[] {1, 1})).containsExactly(new double[] {r, r}, within(1e-15));
            assertThat(g.normal(new double[] {0, 0})).containsExactly(new double[] {-r, -r}, within(1e-15));
            assertThatThrownBy(() -> g.normal(new double[] {0.5, 0.5}))
                    .hasMessageContaining("(0.5, 0.5) is not on the boundary of polygon[");
        }
    }

    @Test
    void samplingIsDeterministicUnderTheSeed() {
        Polygon g = new Polygon(L);
        assertThat(g.interior(500, Sampler.random(), 3).toArray())
                .containsExactly(g.interior(500, Sampler.random(), 3).toArray());
        assertThat(g.interior(500, Sampler.random(), 3).toArray())
                .isNotEqualTo(g.interior(500, Sampler.random(), 4).toArray());
        assertThat(g.boundary(500, Sampler.latinHypercube(), 3).toArray())
                .containsExactly(g.boundary(500, Sampler.latinHypercube(), 3).toArray());
        // Sobol ignores the seed; rejection keeps the first accepted points of the sequence
        assertThat(g.interior(500, Sampler.sobol(), 3).toArray())
                .containsExactly(g.interior(500, Sampler.sobol(), 99).toArray());
    }

    @Test
    void triangleInBothOrientations() {
        double[] a = {0, 0};
        double[] b = {1, 0};
        double[] c = {0, 1};
        double[][] abc = {a, b, c};
        for (Triangle g : List.of(new Triangle(a, b, c), new Triangle(a, c, b))) {
            assertThat(g.area()).isCloseTo(0.5, within(1e-15));
            assertThat(g.boundaryMeasure()).isCloseTo(2 + Math.sqrt(2), within(1e-15));
            Tensor p = g.interior(2000, Sampler.halton(), 0);
            allInside(g, p);
            assertThat(fraction(p, x -> x[0] + x[1] < Math.sqrt(0.5))).isCloseTo(0.5, within(0.02));
            Tensor bd = g.boundary(3000, Sampler.sobol(), 0);
            allOnBoundary(g, bd, x -> polygonDistance(x, abc));
            assertThat(fraction(bd, x -> Math.abs(x[0] + x[1] - 1) < 1e-12 && x[0] > 0 && x[1] > 0))
                    .isCloseTo(Math.sqrt(2) / (2 + Math.sqrt(2)), within(0.01));
            normalsPointOutward(g, bd, 1e-6, x -> vertexDistance(x, abc) > 1e-5);
            assertThat(g.normal(new double[] {0.5, 0.5})).containsExactly(new double[] {Math.sqrt(0.5),
                Math.sqrt(0.5)}, within(1e-15));
            assertThat(g.normal(new double[] {0.5, 0})).containsExactly(0, -1);
        }
        assertThat(GeometryChecks.rejectionVolume(new Triangle(a, b, c), 1 << 16)).isCloseTo(0.5, within(0.002));
    }

    @Test
    void degeneratePolygonsAreRefusedNamingTheVerticesOrEdges() {
        assertThatThrownBy(() -> new Polygon(new double[][] {{0, 0}, {1, 0}}))
                .hasMessage("polygon: vertices has 2 points; a polygon needs at least 3");
        assertThatThrownBy(() -> new Polygon((double[][]) null)).hasMessage("polygon: vertices is null");
        assertThatThrownBy(() -> new Polygon(new double[][] {{0, 0}, {1, 0}, {1, 1}, {1, 0}}))
                .hasMessage("polygon: vertices[3] = (1.0, 0.0) repeats vertices[1]");
        assertThatThrownBy(() -> new Polygon(new double[][] {{0, 0}, {1, 1}, {3, 3}}))
                .hasMessage("polygon: zero area (all vertices are collinear)");
        // a bow-tie: its halves' signed areas cancel, but what is wrong is that its edges cross
        assertThatThrownBy(() -> new Polygon(new double[][] {{-1, -1}, {1, 1}, {1, -1}, {-1, 1}}))
                .hasMessageStartingWith("polygon: edges 0 (vertices[0] to vertices[1]) and 2 (vertices[2] to"
                        + " vertices[3]) intersect");
        assertThatThrownBy(() -> new Polygon(new double[][] {{0, 0}, {1, Double.NaN}, {3, 3}}))
                .hasMessage("polygon: vertices[1][1] = NaN is not finite");
        assertThatThrownBy(() -> new Polygon(new double[][] {{0, 0}, {1, 0, 0}, {3, 3}}))
                .hasMessage("polygon: vertices[1] has 3 coordinates; expected 2 (x, y)");
        // a bow-tie: edges 0 and 2 cross at (2/3, 2/3)
        assertThatThrownBy(() -> new Polygon(new double[][] {{0, 0}, {2, 2}, {2, 0}, {0, 1}}))
                .hasMessage("polygon: edges 0 (vertices[0] to vertices[1]) and 2 (vertices[2] to vertices[3])"
                        + " intersect; the polygon must be simple (its edges may meet only at shared vertices)");
        // a vertex touching a non-adjacent edge: (1, 0) lies on edge 0
        assertThatThrownBy(() -> new Polygon(new double[][] {{0, 0}, {2, 0}, {2, 1}, {1, 0}, {0, 1}}))
                .hasMessageStartingWith("polygon: edges 0 (vertices[0] to vertices[1]) and 2 (vertices[2] to"
                        + " vertices[3]) intersect");
        // the closing edge crossing a middle edge
        assertThatThrownBy(() -> new Polygon(new double[][] {{0, 0}, {2, 0}, {2, 2}, {1, -1}, {0, 2}}))
                .hasMessageContaining("intersect");
        assertThatThrownBy(() -> new Triangle(new double[] {0, 0}, new double[] {1, 1}, new double[] {2, 2}))
                .hasMessage("triangle: a, b and c are collinear (zero area)");
        assertThatThrownBy(() -> new Triangle(new double[] {0, 0}, new double[] {0, 0}, new double[] {2, 2}))
                .hasMessage("triangle: b = (0.0, 0.0) repeats a");
        assertThatThrownBy(() -> new Triangle(new double[] {0, 0}, new double[] {1, 0}, null))
                .hasMessage("triangle: c is null");
        assertThatThrownBy(() -> new Triangle(new double[] {0, 0}, new double[] {1, 0}, new double[] {0,
            Double.POSITIVE_INFINITY})).hasMessage("triangle: c[1] = Infinity is not finite");
    }
}
