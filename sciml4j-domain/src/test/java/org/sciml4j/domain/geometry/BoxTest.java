package org.sciml4j.domain.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.sciml4j.domain.geometry.GeometryChecks.allInside;
import static org.sciml4j.domain.geometry.GeometryChecks.allOnBoundary;
import static org.sciml4j.domain.geometry.GeometryChecks.fraction;
import static org.sciml4j.domain.geometry.GeometryChecks.normalsPointOutward;
import static org.sciml4j.domain.geometry.GeometryChecks.rows;

import org.junit.jupiter.api.Test;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/** Interval, Rectangle and Box: membership, boundary sampling by face measure, normals, refusals. */
class BoxTest {

    @Test
    void intervalSamplesItsEndsEquallyAndPointsOutward() {
        Interval g = new Interval(-1, 3);
        assertThat(g.lo()).isEqualTo(-1);
        assertThat(g.hi()).isEqualTo(3);
        assertThat(g.tolerance()).isEqualTo(4e-9);
        Tensor in = g.interior(101, Sampler.uniform(), 0);
        assertThat(in.get(0, 0)).isEqualTo(-1);
        assertThat(in.get(100, 0)).isEqualTo(3);
        assertThat(in.get(50, 0)).isCloseTo(1, within(1e-15));
        allInside(g, in);
        Tensor b = g.boundary(10, Sampler.uniform(), 0);
        assertThat(b.toArray()).containsExactly(-1, -1, -1, -1, -1, 3, 3, 3, 3, 3);
        assertThat(g.normals(b).toArray()).containsExactly(-1, -1, -1, -1, -1, 1, 1, 1, 1, 1);
        Tensor random = g.boundary(4000, Sampler.random(), 5);
        assertThat(fraction(random, x -> x[0] == -1)).isCloseTo(0.5, within(0.03));
        assertThat(fraction(random, x -> x[0] == -1 || x[0] == 3)).isEqualTo(1.0);
        assertThat(g.boundaryMeasure()).isEqualTo(2);
        // closed set with a tolerance of 1e-9 of the length
        assertThat(g.contains(new double[] {3 + 3e-9})).isTrue();
        assertThat(g.contains(new double[] {3 + 5e-9})).isFalse();
        assertThat(g.onBoundary(new double[] {-1 - 1e-9})).isTrue();
        assertThat(g.onBoundary(new double[] {-1 + 1e-6})).isFalse();
    }

    /** Side of a point of the 2 x 1 rectangle's boundary, walking counterclockwise with half-open sides. */
    private static int side(double[] x) {
        if (x[1] == 0 && x[0] < 2) {
            return 0;
        }
        if (x[0] == 2 && x[1] < 1) {
            return 1;
        }
        if (x[1] == 1 && x[0] > 0) {
            return 2;
        }
        if (x[0] == 0 && x[1] > 0) {
            return 3;
        }
        return -1;
    }

    @Test
    void rectangleBoundaryIsSpreadByLength() {
        Rectangle g = new Rectangle(new double[] {0, 0}, new double[] {2, 1});
        assertThat(g.area()).isEqualTo(2);
        assertThat(g.boundaryMeasure()).isEqualTo(6);
        // the uniform sampler walks the perimeter in equal steps of 6/600 = 0.01: exactly 200 points per long side
        Tensor u = g.boundary(600, Sampler.uniform(), 0);
        int[] counts = new int[4];
        for (double[] x : rows(u)) {
            counts[side(x)]++;
        }
        assertThat(counts).containsExactly(200, 100, 200, 100);
        assertThat(u.get(1, 0)).isCloseTo(0.01, within(1e-15));
        for (Sampler s : new Sampler[] {Sampler.sobol(), Sampler.halton(), Sampler.hammersley(),
            Sampler.latinHypercube()}) {
            Tensor b = g.boundary(1000, s, 3);
            assertThat(fraction(b, x -> side(x) == 0 || side(x) == 2)).as("%s", s).isCloseTo(2.0 / 3, within(0.01));
            assertThat(fraction(b, x -> side(x) == 1)).as("%s", s).isCloseTo(1.0 / 6, within(0.01));
        }
        Tensor random = g.boundary(4000, Sampler.random(), 3);
        assertThat(fraction(random, x -> side(x) == 0 || side(x) == 2)).isCloseTo(2.0 / 3, within(0.03));
        allOnBoundary(g, random, x -> Math.min(Math.min(Math.abs(x[0]), Math.abs(x[0] - 2)),
                Math.min(Math.abs(x[1]), Math.abs(x[1] - 1))));
        // near a corner the side's normal still points out, so every point is checked
        assertThat(normalsPointOutward(g, random, 1e-6, x -> true)).isEqualTo(4000);
    }

    @Test
    void rectangleNormalsOnSidesAndCorners() {
        Rectangle g = new Rectangle(new double[] {0, 0}, new double[] {2, 1});
        assertThat(g.normal(new double[] {0.5, 0})).containsExactly(0, -1);
        assertThat(g.normal(new double[] {2, 0.5})).containsExactly(1, 0);
        assertThat(g.normal(new double[] {1.5, 1})).containsExactly(0, 1);
        assertThat(g.normal(new double[] {0, 0.25})).containsExactly(-1, 0);
        double r = Math.sqrt(0.5);
        assertThat(g.normal(new double[] {2, 1})).containsExactly(new double[] {r, r}, within(1e-15));
        assertThat(g.normal(new double[] {0, 0})).containsExactly(new double[] {-r, -r}, within(1e-15));
        assertThatThrownBy(() -> g.normal(new double[] {1, 0.5})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(1.0, 0.5) is not on the boundary");
        assertThatThrownBy(() -> g.contains(new double[] {1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("point has 1 coordinates, expected 2");
        assertThat(g.onBoundary(new double[] {1, 0.5})).isFalse();
        assertThat(g.onBoundary(new double[] {3, 1})).isFalse();
    }

    @Test
    void rectangleInteriorIsTheSamplersBoxAndDeterministic() {
        Rectangle g = new Rectangle(new double[] {-1, 2}, new double[] {1, 3});
        Tensor p = g.interior(441, Sampler.uniform(), 0);
        assertThat(p.toArray()).containsExactly(Sampler.uniform().box(441, g.lower(), g.upper(), 0).toArray());
        allInside(g, p);
        Tensor r1 = g.interior(500, Sampler.random(), 11);
        Tensor r2 = g.interior(500, Sampler.random(), 11);
        Tensor r3 = g.interior(500, Sampler.random(), 12);
        assertThat(r1.toArray()).containsExactly(r2.toArray());
        assertThat(r1.toArray()).isNotEqualTo(r3.toArray());
        assertThat(g.boundary(300, Sampler.random(), 4).toArray())
                .containsExactly(g.boundary(300, Sampler.random(), 4).toArray());
        assertThat(GeometryChecks.rejectionVolume(g, 4095)).isCloseTo(2, within(1e-12));
    }

    @Test
    void boxFacesGetPointsByArea() {
        Box g = new Box(new double[] {0, 0, 0}, new double[] {1, 2, 3});
        assertThat(g.volume()).isEqualTo(6);
        assertThat(g.boundaryMeasure()).isEqualTo(22); // 2 (2*3 + 1*3 + 1*2)
        double[] area = {6, 6, 3, 3, 2, 2};
        for (Sampler s : new Sampler[] {Sampler.sobol(), Sampler.random(), Sampler.uniform()}) {
            Tensor b = g.boundary(1000, s, 7);
            int[] counts = new int[6];
            for (double[] x : rows(b)) {
                int faces = 0;
                for (int j = 0; j < 3; j++) {
                    if (x[j] == 0) {
                        counts[2 * j]++;
                        faces++;
                    } else if (x[j] == g.upper()[j]) {
                        counts[2 * j + 1]++;
                        faces++;
                    }
                }
                assertThat(faces).as("%s: exactly on one face", s).isGreaterThanOrEqualTo(1);
            }
            for (int f = 0; f < 6; f++) {
                // largest remainder: each face's count is its share rounded up or down (corner points aside)
                assertThat((double) counts[f]).as("%s face %d", s, f).isCloseTo(1000 * area[f] / 22, within(1.5));
            }
            allOnBoundary(g, b, x -> Math.min(Math.min(Math.min(x[0], 1 - x[0]), Math.min(x[1], 2 - x[1])),
                    Math.min(x[2], 3 - x[2])));
            normalsPointOutward(g, b, 1e-6, x -> true);
        }
        double r3 = 1 / Math.sqrt(3);
        assertThat(g.normal(new double[] {1, 2, 3})).containsExactly(new double[] {r3, r3, r3}, within(1e-15));
        assertThat(g.normal(new double[] {0.5, 2, 1})).containsExactly(0, 1, 0);
        allInside(g, g.interior(1000, Sampler.latinHypercube(), 1));
    }

    @Test
    void degenerateBoxesAreRefusedNamingTheArgument() {
        assertThatThrownBy(() -> new Interval(1, 1)).hasMessage(
                "interval: lo = 1.0 must be < hi = 1.0 (zero or negative width)");
        assertThatThrownBy(() -> new Interval(Double.NaN, 1)).hasMessage("interval: lo = NaN is not finite");
        assertThatThrownBy(() -> new Interval(0, Double.POSITIVE_INFINITY))
                .hasMessage("interval: hi = Infinity is not finite");
        assertThatThrownBy(() -> new Rectangle(new double[] {0, 1}, new double[] {2, 1})).hasMessage(
                "rectangle: lo[1] = 1.0 must be < hi[1] = 1.0 (zero or negative width)");
        assertThatThrownBy(() -> new Rectangle(new double[] {0, 0, 0}, new double[] {1, 1, 1}))
                .hasMessage("rectangle: lo has 3 values, expected 2");
        assertThatThrownBy(() -> new Rectangle(new double[] {0, Double.NaN}, new double[] {1, 1}))
                .hasMessage("rectangle: lo[1] = NaN is not finite");
        assertThatThrownBy(() -> new Rectangle(null, new double[] {1, 1})).hasMessage("rectangle: lo is null");
        assertThatThrownBy(() -> new Box(new double[] {0, 0}, new double[] {1, 1, 1}))
                .hasMessage("box: lo has 2 values but hi has 3");
        assertThatThrownBy(() -> new Box(new double[] {0, 2, 0}, new double[] {1, 1, 1}))
                .hasMessage("box: lo[1] = 2.0 must be < hi[1] = 1.0 (zero or negative width)");
        assertThatThrownBy(() -> new Box(new double[0], new double[0]))
                .hasMessage("box: lo is empty; at least one dimension is needed");
        Box cube = Box.unitCube(2);
        assertThatThrownBy(() -> cube.interior(0, Sampler.sobol(), 0)).hasMessage("interior: n must be >= 1, got 0");
        assertThatThrownBy(() -> cube.boundary(5, null, 0)).hasMessage("boundary: sampler is null");
    }
}
