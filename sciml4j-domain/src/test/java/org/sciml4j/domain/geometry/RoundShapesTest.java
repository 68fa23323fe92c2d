package org.sciml4j.domain.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.sciml4j.domain.geometry.GeometryChecks.allInside;
import static org.sciml4j.domain.geometry.GeometryChecks.allOnBoundary;
import static org.sciml4j.domain.geometry.GeometryChecks.fraction;
import static org.sciml4j.domain.geometry.GeometryChecks.norm;
import static org.sciml4j.domain.geometry.GeometryChecks.normalsPointOutward;
import static org.sciml4j.domain.geometry.GeometryChecks.rejectionVolume;
import static org.sciml4j.domain.geometry.GeometryChecks.rows;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/** Disk, Ball and Ellipse: analytic boundaries, radial and gradient normals, uniform spreading, refusals. */
class RoundShapesTest {

    private static final double[] C = {1, -1};

    @Test
    void diskBoundaryIsOnTheCircleEquallySpacedByAngle() {
        Disk g = new Disk(C, 0.5);
        assertThat(g.boundaryMeasure()).isCloseTo(Math.PI, within(1e-15));
        assertThat(g.lower()).containsExactly(0.5, -1.5);
        Tensor u = g.boundary(360, Sampler.uniform(), 0);
        double[][] p = rows(u);
        for (int i = 0; i < 360; i++) {
            double angle = Math.atan2(p[i][1] - C[1], p[i][0] - C[0]);
            assertThat(Math.IEEEremainder(angle - i * Math.PI / 180, 2 * Math.PI)).isCloseTo(0, within(1e-13));
        }
        for (Sampler s : List.of(Sampler.random(), Sampler.sobol(), Sampler.hammersley())) {
            Tensor b = g.boundary(4000, s, 2);
            allOnBoundary(g, b, x -> Math.abs(norm(x, C) - 0.5));
            assertThat(normalsPointOutward(g, b, 1e-6, x -> true)).isEqualTo(4000);
            // a quarter of the circle holds a quarter of the points
            assertThat(fraction(b, x -> x[0] > C[0] && x[1] > C[1])).as("%s", s).isCloseTo(0.25, within(0.02));
        }
        double[] n = g.normal(new double[] {1 + 0.3, -1 + 0.4});
        assertThat(n).containsExactly(new double[] {0.6, 0.8}, within(1e-15));
    }

    @Test
    void diskInteriorByRejectionFillsTheAreaEvenly() {
        Disk g = new Disk(C, 0.5);
        assertThat(rejectionVolume(g, 1 << 16)).isCloseTo(Math.PI * 0.25, within(0.002));
        for (Sampler s : List.of(Sampler.random(), Sampler.sobol(), Sampler.halton(), Sampler.hammersley(),
            Sampler.latinHypercube())) {
            Tensor p = g.interior(2000, s, 9);
            assertThat(p.shape()).containsExactly(2000, 2);
            allInside(g, p);
            // the inner disk of half the radius has a quarter of the area
            assertThat(fraction(p, x -> norm(x, C) < 0.25)).as("%s", s).isCloseTo(0.25, within(0.03));
            assertThat(fraction(p, x -> x[0] > C[0])).as("%s", s).isCloseTo(0.5, within(0.03));
        }
        // uniform: grid points of the bounding square inside the disk, all distinct, thinned to exactly n
        Tensor grid = g.interior(500, Sampler.uniform(), 0);
        allInside(g, grid);
        Set<String> distinct = new HashSet<>();
        for (double[] x : rows(grid)) {
            distinct.add(x[0] + "," + x[1]);
        }
        assertThat(distinct).hasSize(500);
        assertThat(fraction(grid, x -> x[1] > C[1])).isCloseTo(0.5, within(0.03));
        assertThat(g.interior(300, Sampler.random(), 4).toArray())
                .containsExactly(g.interior(300, Sampler.random(), 4).toArray());
        assertThat(g.interior(300, Sampler.random(), 4).toArray())
                .isNotEqualTo(g.interior(300, Sampler.random(), 5).toArray());
    }

    @Test
    void ballInThreeAndFiveDimensionsIsUniformOnTheSphere() {
        double[] c3 = {0, 1, 2};
        Ball b3 = new Ball(c3, 2);
        assertThat(b3.boundaryMeasure()).isCloseTo(16 * Math.PI, within(1e-12));
        assertThat(b3.volume()).isCloseTo(32 * Math.PI / 3, within(1e-12));
        assertThat(rejectionVolume(b3, 1 << 16)).isCloseTo(32 * Math.PI / 3, within(0.01 * 32 * Math.PI / 3));
        for (Sampler s : List.of(Sampler.random(), Sampler.sobol(), Sampler.uniform())) {
            Tensor p = b3.boundary(4000, s, 1);
            allOnBoundary(b3, p, x -> Math.abs(norm(x, c3) - 2));
            assertThat(normalsPointOutward(b3, p, 1e-6, x -> true)).isEqualTo(4000);
            // Archimedes: the cap z > c + r/2 holds a quarter of the sphere's area; a half-space through the centre
            assertThat(fraction(p, x -> x[2] > 3)).as("%s", s).isCloseTo(0.25, within(0.025));
            assertThat(fraction(p, x -> x[0] > 0)).as("%s", s).isCloseTo(0.5, within(0.025));
        }
        allInside(b3, b3.interior(1000, Sampler.sobol(), 0));

        double[] c5 = {0, 0, 0, 0, 1};
        Ball b5 = new Ball(c5, 1);
        assertThat(b5.boundaryMeasure()).isCloseTo(8 * Math.PI * Math.PI / 3, within(1e-12));
        for (Sampler s : List.of(Sampler.random(), Sampler.halton())) {
            Tensor p = b5.boundary(4000, s, 1);
            allOnBoundary(b5, p, x -> Math.abs(norm(x, c5) - 1));
            normalsPointOutward(b5, p, 1e-6, x -> true);
            for (int j = 0; j < 5; j++) {
                int axis = j;
                double mean2 = 0;
                for (double[] x : rows(p)) {
                    mean2 += (x[axis] - c5[axis]) * (x[axis] - c5[axis]) / 4000;
                }
                // uniform on the sphere: E[x_j^2] = r^2 / d
                assertThat(mean2).as("%s axis %d", s, j).isCloseTo(0.2, within(0.015));
                assertThat(fraction(p, x -> x[axis] > c5[axis])).isCloseTo(0.5, within(0.03));
            }
        }
        allInside(b5, b5.interior(200, Sampler.random(), 3));
        Ball b1 = new Ball(new double[] {2}, 1);
        assertThat(b1.boundary(4, Sampler.uniform(), 0).toArray()).containsExactly(1, 1, 3, 3);
        assertThat(b1.normal(new double[] {1})).containsExactly(-1);
    }

    @Test
    void ellipseBoundaryIsOnTheCurveAndEvenlySpacedByArcLength() {
        double[] c = {1, 2};
        double a = 3;
        double b = 1;
        double th = Math.PI / 6;
        Ellipse g = new Ellipse(c, new double[] {a, b}, th);
        double ct = Math.cos(th);
        double st = Math.sin(th);
        // Ramanujan's second approximation, relative error about 1e-9 at this eccentricity
        double h = (a - b) * (a - b) / ((a + b) * (a + b));
        double perimeter = Math.PI * (a + b) * (1 + 3 * h / (10 + Math.sqrt(4 - 3 * h)));
        assertThat(g.boundaryMeasure()).isCloseTo(perimeter, within(1e-7 * perimeter));
        assertThat(g.area()).isCloseTo(3 * Math.PI, within(1e-15));
        assertThat(rejectionVolume(g, 1 << 16)).isCloseTo(3 * Math.PI, within(0.005 * 3 * Math.PI));
        java.util.function.ToDoubleFunction<double[]> level = x -> {
            double u = ct * (x[0] - c[0]) + st * (x[1] - c[1]);
            double v = -st * (x[0] - c[0]) + ct * (x[1] - c[1]);
            return Math.abs((u / a) * (u / a) + (v / b) * (v / b) - 1);
        };
        int n = 2000;
        Tensor u = g.boundary(n, Sampler.uniform(), 0);
        // the level |f| bounds the distance by b |f| / 2 near the curve
        allOnBoundary(g, u, x -> level.applyAsDouble(x) * b);
        double[][] p = rows(u);
        double step = g.boundaryMeasure() / n;
        for (int i = 0; i < n; i++) {
            double[] q = p[(i + 1) % n];
            // chords of equal arcs: shorter than the arc by at most (step * curvature)^2 / 24, curvature <= a / b^2
            double chord = Math.hypot(q[0] - p[i][0], q[1] - p[i][1]);
            assertThat(chord).as("chord %d", i).isCloseTo(step, within(step * 2e-4));
        }
        assertThat(p[0]).containsExactly(new double[] {c[0] + a * ct, c[1] + a * st}, within(1e-14));
        Tensor r = g.boundary(3000, Sampler.random(), 8);
        allOnBoundary(g, r, x -> level.applyAsDouble(x) * b);
        assertThat(normalsPointOutward(g, r, 1e-6, x -> true)).isEqualTo(3000);
        // the normal is the gradient direction: at the end of the a-axis it is the a-axis itself
        assertThat(g.normal(new double[] {c[0] + a * ct, c[1] + a * st})).containsExactly(new double[] {ct, st},
                within(1e-12));
        assertThat(g.normal(new double[] {c[0] - b * st, c[1] + b * ct})).containsExactly(new double[] {-st, ct},
                within(1e-12));
        Tensor in = g.interior(2000, Sampler.sobol(), 0);
        allInside(g, in);
        // the concentric ellipse of half the semi-axes holds a quarter of the area
        assertThat(fraction(in, x -> inScaled(x, c, a, b, ct, st))).isCloseTo(0.25, within(0.02));
        // a circle as an ellipse: perimeter 2 pi r to quadrature accuracy
        assertThat(new Ellipse(new double[] {0, 0}, new double[] {2, 2}).boundaryMeasure())
                .isCloseTo(4 * Math.PI, within(1e-12));
    }

    private static boolean inScaled(double[] x, double[] c, double a, double b, double ct, double st) {
        double u = ct * (x[0] - c[0]) + st * (x[1] - c[1]);
        double v = -st * (x[0] - c[0]) + ct * (x[1] - c[1]);
        return (2 * u / a) * (2 * u / a) + (2 * v / b) * (2 * v / b) < 1;
    }

    @Test
    void degenerateRoundShapesAreRefusedNamingTheArgument() {
        assertThatThrownBy(() -> new Disk(C, 0)).hasMessage("disk: radius = 0.0 must be > 0");
        assertThatThrownBy(() -> new Disk(C, -1)).hasMessage("disk: radius = -1.0 must be > 0");
        assertThatThrownBy(() -> new Disk(C, Double.NaN)).hasMessage("disk: radius = NaN is not finite");
        assertThatThrownBy(() -> new Disk(new double[] {0, 0, 0}, 1)).hasMessage("disk: center has 3 values, expected 2");
        assertThatThrownBy(() -> new Disk(new double[] {0, Double.NEGATIVE_INFINITY}, 1))
                .hasMessage("disk: center[1] = -Infinity is not finite");
        assertThatThrownBy(() -> new Ball(new double[0], 1))
                .hasMessage("ball: center is empty; at least one dimension is needed");
        assertThatThrownBy(() -> new Ball(new double[] {0, 0, 0}, 0)).hasMessage("ball: radius = 0.0 must be > 0");
        assertThatThrownBy(() -> new Ellipse(C, new double[] {1, 0}, 0))
                .hasMessage("ellipse: semiAxes[1] = 0.0 must be > 0");
        assertThatThrownBy(() -> new Ellipse(C, new double[] {-2, 1}, 0))
                .hasMessage("ellipse: semiAxes[0] = -2.0 must be > 0");
        assertThatThrownBy(() -> new Ellipse(C, new double[] {2, 1}, Double.NaN))
                .hasMessage("ellipse: angle = NaN is not finite");
        assertThatThrownBy(() -> new Ellipse(null, new double[] {2, 1}, 0)).hasMessage("ellipse: center is null");
        assertThatThrownBy(() -> new Disk(C, 1).normal(C)).hasMessageContaining("is not on the boundary");
    }
}
