package org.sciml4j.domain.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.sciml4j.domain.geometry.GeometryChecks.allInside;
import static org.sciml4j.domain.geometry.GeometryChecks.allOnBoundary;
import static org.sciml4j.domain.geometry.GeometryChecks.fraction;
import static org.sciml4j.domain.geometry.GeometryChecks.norm;
import static org.sciml4j.domain.geometry.GeometryChecks.normalsPointOutward;
import static org.sciml4j.domain.geometry.GeometryChecks.polygonDistance;
import static org.sciml4j.domain.geometry.GeometryChecks.rejectionVolume;
import static org.sciml4j.domain.geometry.GeometryChecks.vertexDistance;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/** Set operations: the rectangle with a hole, the L-shape as a union, two disks, nesting, refusals. */
class CsgTest {

    private static final double[] HOLE = {1, 0.5};
    private static final double R = 0.3;

    private static Geometry plateWithHole() {
        return new Rectangle(new double[] {0, 0}, new double[] {2, 1}).difference(new Disk(HOLE, R));
    }

    private static double rectangleDistance(double[] x) {
        return Math.min(Math.min(Math.abs(x[0]), Math.abs(x[0] - 2)), Math.min(Math.abs(x[1]), Math.abs(x[1] - 1)));
    }

    @Test
    void rectangleWithAHole() {
        Geometry g = plateWithHole();
        double area = 2 - Math.PI * R * R;
        double perimeter = 6 + 2 * Math.PI * R;
        assertThat(g.lower()).containsExactly(0, 0);
        assertThat(g.upper()).containsExactly(2, 1);
        assertThat(g.contains(HOLE)).isFalse();
        assertThat(g.contains(new double[] {1 + R, 0.5})).isTrue(); // the hole's edge belongs to the closed domain
        assertThat(g.onBoundary(new double[] {1 + R, 0.5})).isTrue();
        assertThat(g.contains(new double[] {0.2, 0.2})).isTrue();
        assertThat(g.onBoundary(new double[] {0.2, 0.2})).isFalse();
        assertThat(rejectionVolume(g, 1 << 16)).isCloseTo(area, within(0.003));
        assertThat(g.boundaryMeasure()).isCloseTo(perimeter, within(1e-3 * perimeter));
        for (Sampler s : List.of(Sampler.sobol(), Sampler.random(), Sampler.uniform())) {
            Tensor p = g.interior(2000, s, 1);
            allInside(g, p);
            assertThat(fraction(p, x -> norm(x, HOLE) < R)).isEqualTo(0.0);
            // the left half holds half the area
            assertThat(fraction(p, x -> x[0] < 1)).as("%s", s).isCloseTo(0.5, within(0.03));

            Tensor b = g.boundary(3000, s, 1);
            allOnBoundary(g, b, x -> Math.min(rectangleDistance(x), Math.abs(norm(x, HOLE) - R)));
            assertThat(fraction(b, x -> Math.abs(norm(x, HOLE) - R) < 1e-9)).as("%s", s)
                    .isCloseTo(2 * Math.PI * R / perimeter, within(0.02));
            assertThat(fraction(b, x -> x[1] == 0 || x[1] == 1)).as("%s", s).isCloseTo(4 / perimeter, within(0.02));
            normalsPointOutward(g, b, 1e-6, x -> vertexDistance(x, new double[][] {{0, 0}, {2, 0}, {2, 1},
                {0, 1}}) > 1e-5);
        }
        // on the hole the normal points into the hole: the disk's normal negated
        assertThat(g.normal(new double[] {1 + R, 0.5})).containsExactly(new double[] {-1, 0}, within(1e-15));
        assertThat(g.normal(new double[] {1, 0.5 - R})).containsExactly(new double[] {0, 1}, within(1e-15));
        assertThat(g.normal(new double[] {1, 0})).containsExactly(0, -1);
        assertThat(g.interior(400, Sampler.random(), 7).toArray())
                .containsExactly(g.interior(400, Sampler.random(), 7).toArray());
        assertThat(g.boundary(400, Sampler.random(), 7).toArray())
                .containsExactly(g.boundary(400, Sampler.random(), 7).toArray());
        assertThat(g.boundary(400, Sampler.random(), 7).toArray())
                .isNotEqualTo(g.boundary(400, Sampler.random(), 8).toArray());
    }

    @Test
    void lShapeAsAUnionOfTwoRectanglesIsJoinedAlongTheSharedSide() {
        Geometry g = new Rectangle(new double[] {0, 0}, new double[] {2, 1})
                .union(new Rectangle(new double[] {0, 1}, new double[] {1, 2}));
        double[][] l = PolygonTest.L;
        Polygon polygon = new Polygon(l);
        // the shared side y = 1, 0 < x < 1 is a seam inside the union, not boundary
        assertThat(g.onBoundary(new double[] {0.5, 1})).isFalse();
        assertThat(g.contains(new double[] {0.5, 1})).isTrue();
        assertThat(g.onBoundary(new double[] {1.5, 1})).isTrue();
        assertThat(g.normal(new double[] {1.5, 1})).containsExactly(0, 1);
        assertThat(g.normal(new double[] {1, 1.5})).containsExactly(1, 0);
        assertThat(g.contains(new double[] {1.5, 1.5})).isFalse();
        assertThat(g.boundaryMeasure()).isCloseTo(8, within(0.01));
        assertThat(rejectionVolume(g, 1 << 14)).isCloseTo(3, within(0.003));
        Tensor b = g.boundary(4000, Sampler.halton(), 0);
        allOnBoundary(g, b, x -> polygonDistance(x, l));
        assertThat(fraction(b, x -> x[1] == 1 && x[0] < 1 - 1e-9)).isEqualTo(0.0);
        // edge shares as for the polygon: the long edges 2/8, the short ones 1/8
        assertThat(fraction(b, x -> x[1] == 0)).isCloseTo(0.25, within(0.01));
        assertThat(fraction(b, x -> x[0] == 2)).isCloseTo(0.125, within(0.01));
        assertThat(fraction(b, x -> x[0] == 1 && x[1] > 1)).isCloseTo(0.125, within(0.01));
        normalsPointOutward(g, b, 1e-6, x -> vertexDistance(x, l) > 1e-5);
        // agrees with the polygon on interior points
        for (double[] x : GeometryChecks.rows(Sampler.halton().box(2000, g.lower(), g.upper(), 0))) {
            assertThat(g.contains(x)).isEqualTo(polygon.contains(x));
        }
        allInside(polygon, g.interior(1000, Sampler.sobol(), 0));
    }

    @Test
    void unionAndIntersectionOfTwoDisks() {
        double[] c1 = {0, 0};
        double[] c2 = {1, 0};
        Disk d1 = new Disk(c1, 1);
        Disk d2 = new Disk(c2, 1);
        double lens = 2 * Math.PI / 3 - Math.sqrt(3) / 2;

        Geometry union = d1.union(d2);
        assertThat(union.lower()).containsExactly(-1, -1);
        assertThat(union.upper()).containsExactly(2, 1);
        assertThat(rejectionVolume(union, 1 << 16)).isCloseTo(2 * Math.PI - lens, within(0.01));
        assertThat(union.boundaryMeasure()).isCloseTo(8 * Math.PI / 3, within(0.01));
        Tensor ub = union.boundary(3000, Sampler.random(), 2);
        // each circle keeps the 240 degrees outside the other disk
        allOnBoundary(union, ub, x -> Math.min(Math.abs(norm(x, c1) - 1), Math.abs(norm(x, c2) - 1)));
        assertThat(fraction(ub, x -> norm(x, c2) < 1 - 1e-9 || norm(x, c1) < 1 - 1e-9)).isEqualTo(0.0);
        assertThat(fraction(ub, x -> x[0] < 0.5)).isCloseTo(0.5, within(0.03));
        normalsPointOutward(union, ub, 1e-6, x -> Math.abs(x[0] - 0.5) > 1e-4);
        allInside(union, union.interior(1000, Sampler.latinHypercube(), 2));
        // where the circles cross: the normalised sum of both normals
        double[] cross = {0.5, Math.sqrt(3) / 2};
        assertThat(union.normal(cross)).containsExactly(new double[] {0, 1}, within(1e-12));

        Geometry inter = d1.intersection(d2);
        assertThat(inter.lower()).containsExactly(0, -1);
        assertThat(inter.upper()).containsExactly(1, 1);
        assertThat(rejectionVolume(inter, 1 << 16)).isCloseTo(lens, within(0.005));
        assertThat(inter.boundaryMeasure()).isCloseTo(4 * Math.PI / 3, within(0.005));
        Tensor ib = inter.boundary(2000, Sampler.sobol(), 0);
        allOnBoundary(inter, ib, x -> Math.min(Math.abs(norm(x, c1) - 1), Math.abs(norm(x, c2) - 1)));
        // the arc of circle 1 (the right half of the lens) and that of circle 2 each hold half
        assertThat(fraction(ib, x -> x[0] > 0.5)).isCloseTo(0.5, within(0.02));
        normalsPointOutward(inter, ib, 1e-6, x -> Math.abs(x[0] - 0.5) > 1e-4);
        assertThat(inter.normal(new double[] {1, 0})).containsExactly(new double[] {1, 0}, within(1e-15));
        Tensor ii = inter.interior(1000, Sampler.halton(), 0);
        allInside(inter, ii);
        allInside(d1, ii);
        allInside(d2, ii);
    }

    @Test
    void nestedDifferencesAndSharedSidesOfADifference() {
        double[] c2 = {0.4, 0.5};
        double[] c3 = {1.6, 0.5};
        Geometry g = new Rectangle(new double[] {0, 0}, new double[] {2, 1}).difference(new Disk(c2, 0.2))
                .difference(new Disk(c3, 0.2));
        double perimeter = 6 + 2 * 2 * Math.PI * 0.2;
        assertThat(g.boundaryMeasure()).isCloseTo(perimeter, within(1e-3 * perimeter));
        assertThat(rejectionVolume(g, 1 << 16)).isCloseTo(2 - 2 * Math.PI * 0.04, within(0.003));
        Tensor b = g.boundary(3000, Sampler.hammersley(), 0);
        allOnBoundary(g, b, x -> Math.min(rectangleDistance(x), Math.min(Math.abs(norm(x, c2) - 0.2),
                Math.abs(norm(x, c3) - 0.2))));
        assertThat(fraction(b, x -> Math.abs(norm(x, c3) - 0.2) < 1e-9))
                .isCloseTo(2 * Math.PI * 0.2 / perimeter, within(0.02));
        normalsPointOutward(g, b, 1e-6, x -> rectangleDistance(x) > 1e-9 || vertexDistance(x,
                new double[][] {{0, 0}, {2, 0}, {2, 1}, {0, 1}}) > 1e-5);
        allInside(g, g.interior(1000, Sampler.random(), 0));

        // removing the right half: its shared sides go with it, the cut becomes boundary with normal +x
        Geometry half = new Rectangle(new double[] {0, 0}, new double[] {2, 1})
                .difference(new Rectangle(new double[] {1, 0}, new double[] {2, 1}));
        assertThat(half.contains(new double[] {1.5, 0})).isFalse();
        assertThat(half.onBoundary(new double[] {1.5, 0})).isFalse();
        assertThat(half.onBoundary(new double[] {1, 0.5})).isTrue();
        assertThat(half.normal(new double[] {1, 0.5})).containsExactly(1, 0);
        assertThat(half.boundaryMeasure()).isCloseTo(4, within(0.01));
        allOnBoundary(half, half.boundary(500, Sampler.sobol(), 0), x -> Math.min(
                Math.min(Math.abs(x[0]), Math.abs(x[0] - 1)), Math.min(Math.abs(x[1]), Math.abs(x[1] - 1))));
    }

    @Test
    void mismatchedOrDisjointOperandsAreRefused() {
        Rectangle r = new Rectangle(new double[] {0, 0}, new double[] {1, 1});
        Box box = new Box(new double[] {0, 0, 0}, new double[] {1, 1, 1});
        assertThatThrownBy(() -> r.union(box)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("union: dimension mismatch: rectangle[(0.0, 0.0), (1.0, 1.0)] has dimension 2 but other"
                        + " (box[(0.0, 0.0, 0.0), (1.0, 1.0, 1.0)]) has dimension 3");
        assertThatThrownBy(() -> r.difference(new Interval(0, 1))).hasMessageStartingWith(
                "difference: dimension mismatch");
        assertThatThrownBy(() -> r.intersection(null)).hasMessage("intersection: other is null");
        assertThatThrownBy(() -> r.intersection(new Disk(new double[] {5, 0.5}, 1))).hasMessageStartingWith(
                "intersection: the bounding boxes of rectangle[(0.0, 0.0), (1.0, 1.0)] and other (disk(center"
                        + " (5.0, 0.5), radius 1.0)) do not overlap in coordinate 0");
        // a hole that swallows the domain leaves nothing to sample
        Geometry empty = r.difference(new Disk(new double[] {0.5, 0.5}, 2));
        assertThatThrownBy(() -> empty.interior(10, Sampler.sobol(), 0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fills too little of its bounding box");
    }
}
