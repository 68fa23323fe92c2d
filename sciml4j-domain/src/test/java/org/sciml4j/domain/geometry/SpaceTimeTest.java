package org.sciml4j.domain.geometry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.sciml4j.domain.geometry.GeometryChecks.allInside;
import static org.sciml4j.domain.geometry.GeometryChecks.allOnBoundary;
import static org.sciml4j.domain.geometry.GeometryChecks.fraction;
import static org.sciml4j.domain.geometry.GeometryChecks.rows;

import org.junit.jupiter.api.Test;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/** Space-time cylinders: column order, the three point sets, lateral normals. */
class SpaceTimeTest {

    @Test
    void intervalTimesTimeWithTimeLast() {
        SpaceTime g = SpaceTime.timeLast(new Interval(-1, 1), 0, 1);
        assertThat(g.dimension()).isEqualTo(2);
        assertThat(g.timeColumn()).isEqualTo(1);
        assertThat(g.lower()).containsExactly(-1, 0);
        assertThat(g.upper()).containsExactly(1, 1);
        Tensor in = g.interior(441, Sampler.uniform(), 0);
        assertThat(in.toArray()).containsExactly(Sampler.uniform().box(441, g.lower(), g.upper(), 0).toArray());
        allInside(g, g.interior(500, Sampler.sobol(), 0));
        Tensor b = g.boundary(1000, Sampler.random(), 3);
        allOnBoundary(g, b, x -> Math.min(Math.abs(x[0] + 1), Math.abs(x[0] - 1)));
        assertThat(fraction(b, x -> x[0] == -1)).isCloseTo(0.5, within(0.05));
        assertThat(fraction(b, x -> x[1] < 0.5)).isCloseTo(0.5, within(0.05));
        double[][] n = rows(g.normals(b));
        double[][] p = rows(b);
        for (int i = 0; i < p.length; i++) {
            assertThat(n[i]).containsExactly(p[i][0], 0);
        }
        Tensor init = g.initial(11, Sampler.uniform(), 0);
        assertThat(init.shape()).containsExactly(11, 2);
        for (int i = 0; i < 11; i++) {
            assertThat(init.get(i, 0)).isCloseTo(-1 + 0.2 * i, within(1e-15));
            assertThat(init.get(i, 1)).isEqualTo(0);
        }
        // the faces t = t0, t1 are not boundary in the lateral sense
        assertThat(g.onBoundary(new double[] {0.5, 0})).isFalse();
        assertThat(g.contains(new double[] {0.5, 0})).isTrue();
        assertThat(g.contains(new double[] {0.5, -0.01})).isFalse();
        assertThat(g.boundaryMeasure()).isEqualTo(2);
    }

    @Test
    void diskTimesTimeWithTimeFirst() {
        double[] c = {1, 2};
        SpaceTime g = SpaceTime.timeFirst(new Disk(c, 0.5), 0, 2);
        assertThat(g.timeColumn()).isEqualTo(0);
        assertThat(g.lower()).containsExactly(0, 0.5, 1.5);
        assertThat(g.upper()).containsExactly(2, 1.5, 2.5);
        assertThat(g.boundaryMeasure()).isCloseTo(2 * Math.PI, within(1e-14));
        Tensor in = g.interior(2000, Sampler.halton(), 0);
        allInside(g, in);
        assertThat(fraction(in, x -> x[0] < 1)).isCloseTo(0.5, within(0.02));
        assertThat(fraction(in, x -> Math.hypot(x[1] - c[0], x[2] - c[1]) < 0.25)).isCloseTo(0.25, within(0.02));
        Tensor b = g.boundary(2000, Sampler.sobol(), 5);
        allOnBoundary(g, b, x -> Math.abs(Math.hypot(x[1] - c[0], x[2] - c[1]) - 0.5));
        GeometryChecks.normalsPointOutward(g, b, 1e-6, x -> x[0] > 1e-5 && x[0] < 2 - 1e-5);
        // the shuffle decorrelates time from the position along the circle (both come from 1-D Sobol)
        double[][] p = rows(b);
        double st = 0;
        double sa = 0;
        double sta = 0;
        double stt = 0;
        double saa = 0;
        for (double[] x : p) {
            double a = Math.atan2(x[2] - c[1], x[1] - c[0]);
            st += x[0];
            sa += a;
            sta += x[0] * a;
            stt += x[0] * x[0];
            saa += a * a;
        }
        int n = p.length;
        double corr = (sta / n - st / n * sa / n)
                / Math.sqrt((stt / n - st / n * st / n) * (saa / n - sa / n * sa / n));
        assertThat(Math.abs(corr)).isLessThan(0.1);
        assertThat(fraction(b, x -> x[0] < 1)).isCloseTo(0.5, within(0.01));
        Tensor init = g.initial(300, Sampler.random(), 1);
        for (double[] x : rows(init)) {
            assertThat(x[0]).isEqualTo(0);
            assertThat(Math.hypot(x[1] - c[0], x[2] - c[1])).isLessThanOrEqualTo(0.5);
        }
        assertThat(g.normal(new double[] {1.5, 1.5, 2})).containsExactly(new double[] {0, 1, 0}, within(1e-15));
        assertThat(g.boundary(100, Sampler.random(), 9).toArray())
                .containsExactly(g.boundary(100, Sampler.random(), 9).toArray());
    }

    @Test
    void badTimeIntervalsAreRefused() {
        Interval x = new Interval(0, 1);
        assertThatThrownBy(() -> SpaceTime.timeLast(x, 1, 1)).hasMessage("space-time: t0 = 1.0 must be < t1 = 1.0");
        assertThatThrownBy(() -> SpaceTime.timeFirst(x, Double.NaN, 1))
                .hasMessage("space-time: t0 = NaN is not finite");
        assertThatThrownBy(() -> SpaceTime.timeFirst(null, 0, 1)).hasMessage("space-time: space is null");
        assertThatThrownBy(() -> SpaceTime.timeLast(x, 0, 1).initial(0, Sampler.sobol(), 0))
                .hasMessage("initial: n must be >= 1, got 0");
    }
}
