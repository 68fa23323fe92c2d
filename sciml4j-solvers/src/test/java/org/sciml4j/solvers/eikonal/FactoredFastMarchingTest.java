package org.sciml4j.solvers.eikonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Factored fast marching against closed forms: exact in a constant medium; in a medium whose velocity grows linearly
 * with depth, v = v0 + G z, T = acosh(1 + G^2 r^2 / (2 v(xs) v(x))) / G, with the measured orders 1 and 2.
 */
class FactoredFastMarchingTest {
    private static final double V0 = 2;
    private static final double G = 1.5;

    private static double exact(double[] x, double[] xs) {
        double r2 = 0;
        for (int a = 0; a < x.length; a++) {
            r2 += (x[a] - xs[a]) * (x[a] - xs[a]);
        }
        int z = x.length - 1;
        return acosh(1 + G * G * r2 / (2 * (V0 + G * xs[z]) * (V0 + G * x[z]))) / G;
    }

    private static double acosh(double v) {
        return Math.log(v + Math.sqrt(v * v - 1));
    }

    /** The largest error over the nodes, relative to the largest travel time. */
    private static double error(FactoredFastMarching fm, int n, double[] xs) {
        return errors(fm, n, xs)[0];
    }

    /** {largest error, mean error} over the nodes, relative to the largest travel time. */
    private static double[] errors(FactoredFastMarching fm, int n, double[] xs) {
        int d = xs.length;
        double[] lo = new double[d];
        double[] hi = new double[d];
        int[] shape = new int[d];
        java.util.Arrays.fill(hi, 1);
        java.util.Arrays.fill(shape, n);
        Grid grid = Grid.spanning(lo, hi, shape);
        double[] s = grid.sample(x -> 1 / (V0 + G * x[d - 1]));
        double[] t = fm.solve(grid, s, xs).times();
        double[] truth = grid.sample(x -> exact(x, xs));
        double worst = 0;
        double sum = 0;
        double max = 0;
        for (int i = 0; i < t.length; i++) {
            worst = Math.max(worst, Math.abs(t[i] - truth[i]));
            sum += Math.abs(t[i] - truth[i]);
            max = Math.max(max, truth[i]);
        }
        return new double[] {worst / max, sum / t.length / max};
    }

    /** The order measured from the grid with 2n - 1 nodes to the one with 4n - 3: {of the largest, of the mean}. */
    private static double[] order(FactoredFastMarching fm, double[] xs, int n) {
        double[] e2 = errors(fm, 2 * n - 1, xs);
        double[] e3 = errors(fm, 4 * n - 3, xs);
        return new double[] {Math.log(e2[0] / e3[0]) / Math.log(2), Math.log(e2[1] / e3[1]) / Math.log(2)};
    }

    @Test
    void aConstantMediumIsExactForASourceOnANode() {
        Grid grid = Grid.spanning(new double[] {0, 0}, new double[] {2, 1}, 41, 21);
        double[] xs = {0.75, 0.3};
        double[] t = FactoredFastMarching.secondOrder().solve(grid, grid.sample(x -> 0.5), xs).times();
        double[] truth = grid.sample(x -> 0.5 * Math.hypot(x[0] - xs[0], x[1] - xs[1]));
        for (int i = 0; i < t.length; i++) {
            assertThat(t[i]).isCloseTo(truth[i], org.assertj.core.data.Offset.offset(1e-13 * truth[i] + 1e-16));
        }
    }

    /** Off the nodes, tau is interpolated from the marches of the source cell's corners: still exact. */
    @Test
    void aConstantMediumIsExactForASourceOffTheNodes() {
        Grid grid = Grid.spanning(new double[] {0, 0}, new double[] {2, 1}, 41, 21);
        double[] s = grid.sample(x -> 0.5);
        double[] xs = {0.737, 0.311};
        TravelTimes tt = FactoredFastMarching.secondOrder().solve(grid, s, xs);
        double[] t = tt.times();
        double[] truth = grid.sample(x -> 0.5 * Math.hypot(x[0] - xs[0], x[1] - xs[1]));
        for (int i = 0; i < t.length; i++) {
            assertThat(t[i]).isCloseTo(truth[i], org.assertj.core.data.Offset.offset(1e-13 * truth[i] + 1e-16));
        }
        assertThat(tt.at(1.9, 0.05)).isCloseTo(0.5 * Math.hypot(1.9 - 0.737, 0.05 - 0.311),
                org.assertj.core.data.Offset.offset(1e-14));
    }

    @Test
    void firstOrderConvergesWithOrderOneIn2d() {
        double[] p = order(FactoredFastMarching.firstOrder(), new double[] {0.25, 0.5}, 21);
        assertThat(p[0]).isBetween(0.85, 1.3);
        assertThat(p[1]).isBetween(0.85, 1.3);
    }

    /**
     * Order 2 in the mean error; the largest error, on the rows through the source where the update switches between
     * one and two axes, converges with order about 1.5.
     */
    @Test
    void secondOrderConvergesWithOrderTwoIn2d() {
        FactoredFastMarching fm = FactoredFastMarching.secondOrder();
        double[] p = order(fm, new double[] {0.25, 0.5}, 41);
        assertThat(p[1]).isGreaterThan(1.9);
        assertThat(p[0]).isGreaterThan(1.4);
        assertThat(error(fm, 161, new double[] {0.25, 0.5})).isLessThan(2e-5);
    }

    @Test
    void anOffNodeSourceKeepsOrderTwo() {
        double[] p = order(FactoredFastMarching.secondOrder(), new double[] {0.2371, 0.4439}, 41);
        assertThat(p[1]).isGreaterThan(1.8);
    }

    @Test
    void secondOrderIn3dIsAccurate() {
        FactoredFastMarching fm = FactoredFastMarching.secondOrder();
        double[] e1 = errors(fm, 21, new double[] {0.5, 0.5, 0.25});
        double[] e2 = errors(fm, 41, new double[] {0.5, 0.5, 0.25});
        assertThat(Math.log(e1[1] / e2[1]) / Math.log(2)).isGreaterThan(1.8);
        assertThat(e2[0]).isLessThan(5e-4);
    }

    /**
     * First order in 3-D too, from 21^3 to 41^3 nodes (source at (0.5, 0.5, 0.25) in the unit cube): measured 1.05
     * for the largest error and 1.24 for the mean.
     */
    @Test
    void firstOrderConvergesWithOrderOneIn3d() {
        double[] p = order(FactoredFastMarching.firstOrder(), new double[] {0.5, 0.5, 0.25}, 11);
        assertThat(p[0]).isBetween(0.85, 1.35);
        assertThat(p[1]).isBetween(0.85, 1.35);
    }

    /**
     * Second order in 3-D from a source off the nodes, 21^3 to 41^3 nodes: measured 2.17 for the mean error and 1.57
     * for the largest (on the planes through the source, as in 2-D).
     */
    @Test
    void anOffNodeSourceKeepsOrderTwoIn3d() {
        double[] p = order(FactoredFastMarching.secondOrder(), new double[] {0.4371, 0.5439, 0.2617}, 11);
        assertThat(p[1]).isGreaterThan(1.9);
        assertThat(p[0]).isGreaterThan(1.4);
    }

    @Test
    void badInputIsNamed() {
        Grid grid = Grid.spanning(new double[] {0, 0}, new double[] {1, 1}, 5, 5);
        double[] s = grid.sample(x -> 1);
        s[7] = Double.NaN;
        assertThatThrownBy(() -> FactoredFastMarching.firstOrder().solve(grid, s, new double[] {0.5, 0.5}))
                .hasMessageContaining("node 7");
        assertThatThrownBy(() -> FactoredFastMarching.firstOrder().solve(grid, grid.sample(x -> 1),
                new double[] {1.5, 0.5})).hasMessageContaining("not inside");
        assertThatThrownBy(() -> FactoredFastMarching.firstOrder().solve(grid, new double[3],
                new double[] {0.5, 0.5})).hasMessageContaining("3 values");
    }
}
