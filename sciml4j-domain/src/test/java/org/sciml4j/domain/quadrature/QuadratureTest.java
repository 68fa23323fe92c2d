package org.sciml4j.domain.quadrature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sciml4j.domain.geometry.Disk;
import org.sciml4j.domain.geometry.Geometry;
import org.sciml4j.domain.geometry.Polygon;
import org.sciml4j.domain.geometry.Rectangle;

class QuadratureTest {

    @Test
    void gaussLegendreNodesAndWeightsMatchTheTables() {
        double[][] r3 = GaussLegendre.rule(3);
        assertThat(r3[0]).containsExactly(new double[] {-Math.sqrt(0.6), 0, Math.sqrt(0.6)}, within(1e-15));
        assertThat(r3[1]).containsExactly(new double[] {5.0 / 9, 8.0 / 9, 5.0 / 9}, within(1e-15));
        double[][] r1 = GaussLegendre.rule(1);
        assertThat(r1[0][0]).isEqualTo(0.0);
        assertThat(r1[1][0]).isEqualTo(2.0);
        double sum = 0;
        for (double w : GaussLegendre.rule(64)[1]) {
            sum += w;
        }
        assertThat(sum).isCloseTo(2.0, within(1e-13));
    }

    @Test
    void gaussLegendreIsExactToDegreeTwoNMinusOneAndNotBeyond() {
        for (int n = 1; n <= 12; n++) {
            double[][] r = GaussLegendre.interval(0, 2, n, 1);
            for (int k = 0; k <= 2 * n; k++) {
                double q = 0;
                for (int i = 0; i < n; i++) {
                    q += r[1][i] * Math.pow(r[0][i], k);
                }
                double exact = Math.pow(2, k + 1) / (k + 1);
                if (k <= 2 * n - 1) {
                    assertThat(q).as("n=%d, x^%d", n, k).isCloseTo(exact, within(1e-12 * exact));
                } else if (n <= 8) {
                    // degree 2n is not integrated exactly: relative error 0.25 (n = 1) down to 6e-9 (n = 8)
                    assertThat(Math.abs(q - exact)).as("n=%d, x^%d", n, k).isGreaterThan(1e-10 * exact);
                }
            }
        }
    }

    @Test
    void tensorRuleIntegratesAPolynomialOnARectangleExactly() {
        Geometry rect = new Rectangle(new double[] {-1, 0}, new double[] {2, 1});
        Quadrature q = QuadratureRule.gaussLegendre(3).on(rect, 0);
        assertThat(q.size()).isEqualTo(9);
        // x^5 y^4 + x y: int_{-1}^{2} x^5 = (64 - 1) / 6, int_0^1 y^4 = 1/5; int x = 3/2, int y = 1/2
        double exact = 63.0 / 6 / 5 + 1.5 * 0.5;
        assertThat(q.integrate(p -> Math.pow(p[0], 5) * Math.pow(p[1], 4) + p[0] * p[1]))
                .isCloseTo(exact, within(1e-12));
        // composite: 4 points in each of 3 sub-intervals, exact too, 144 nodes
        Quadrature c = QuadratureRule.gaussLegendre(4, 3).on(rect, 0);
        assertThat(c.size()).isEqualTo(144);
        assertThat(c.integrate(p -> Math.pow(p[0], 7) * Math.pow(p[1], 7))).isCloseTo((256.0 - 1) / 8 / 8,
                within(1e-11));
    }

    @Test
    void compositeRuleConvergesAtOrderTwoNOnASmoothFunction() {
        // int_0^1 exp(x) dx with 2 points per interval: error ~ h^4
        double exact = Math.E - 1;
        double e4 = error(2, 4, exact);
        double e8 = error(2, 8, exact);
        assertThat(e4 / e8).isCloseTo(16, within(0.5));
    }

    private static double error(int n, int intervals, double exact) {
        double[][] r = GaussLegendre.interval(0, 1, n, intervals);
        double q = 0;
        for (int i = 0; i < r[0].length; i++) {
            q += r[1][i] * Math.exp(r[0][i]);
        }
        return Math.abs(q - exact);
    }

    @Test
    void polarRuleOnADiskIsExactForPolynomials() {
        Disk disk = new Disk(new double[] {0.5, -1}, 2);
        Quadrature q = QuadratureRule.gaussLegendre(4).on(disk, 0);
        assertThat(q.size()).isEqualTo(4 * 8);
        // about the centre: int r^2 = pi R^4 / 2, int X^2 Y^2 = pi R^6 / 24, int X^3 = 0; weights sum to pi R^2
        assertThat(q.integrate(p -> 1)).isCloseTo(Math.PI * 4, within(1e-12));
        double x2y2 = q.integrate(p -> Math.pow(p[0] - 0.5, 2) * Math.pow(p[1] + 1, 2));
        assertThat(x2y2).isCloseTo(Math.PI * 64 / 24, within(1e-11));
        double r2 = q.integrate(p -> Math.pow(p[0] - 0.5, 2) + Math.pow(p[1] + 1, 2));
        assertThat(r2).isCloseTo(Math.PI * 16 / 2, within(1e-11));
        assertThat(q.integrate(p -> Math.pow(p[0] - 0.5, 3))).isCloseTo(0, within(1e-11));
        // every node inside
        for (boolean in : disk.inside(q.points())) {
            assertThat(in).isTrue();
        }
    }

    @Test
    void gaussLegendreRefusesOtherShapes() {
        Polygon tri = new Polygon(new double[] {0, 0}, new double[] {1, 0}, new double[] {0, 1});
        assertThatThrownBy(() -> QuadratureRule.gaussLegendre(4).on(tri, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("qmc");
    }

    @Test
    void quasiMonteCarloConvergesFasterThanMonteCarloOnASmoothFunction() {
        Geometry square = new Rectangle(new double[] {0, 0}, new double[] {1, 1});
        double exact = (Math.E - 1) * (1 - Math.cos(1));
        double qmcSmall = 0;
        double qmcLarge = 0;
        double mcLarge = 0;
        for (long seed = 1; seed <= 8; seed++) {
            qmcSmall += Math.abs(qmc(square, 256, seed) - exact) / 8;
            qmcLarge += Math.abs(qmc(square, 4096, seed) - exact) / 8;
            Quadrature mc = QuadratureRule.monteCarlo(4096).on(square, seed);
            mcLarge += Math.abs(mc.integrate(p -> Math.exp(p[0]) * Math.sin(p[1])) - exact) / 8;
        }
        // 16 times the points: QMC's error falls by far more than MC's sqrt(16) = 4 (about 16 for order 1)
        assertThat(qmcSmall / qmcLarge).isGreaterThan(8);
        assertThat(qmcLarge).isLessThan(mcLarge / 10);
    }

    private static double qmc(Geometry g, int n, long seed) {
        return QuadratureRule.quasiMonteCarlo(n).on(g, seed).integrate(p -> Math.exp(p[0]) * Math.sin(p[1]));
    }

    @Test
    void volumesAreExactForShapesAndEstimatedForSetOperations() {
        Disk disk = new Disk(new double[] {0, 0}, 1);
        assertThat(Volumes.of(disk)).isEqualTo(new Volumes.Volume(Math.PI, true));
        Geometry rect = new Rectangle(new double[] {-1, -1}, new double[] {1, 1});
        assertThat(Volumes.of(rect).value()).isEqualTo(4.0);
        Volumes.Volume holed = Volumes.of(rect.difference(new Disk(new double[] {0, 0}, 0.5)));
        assertThat(holed.exact()).isFalse();
        assertThat(holed.value()).isCloseTo(4 - Math.PI / 4, within(4e-3));
        Quadrature q = QuadratureRule.quasiMonteCarlo(2000).on(rect.difference(disk), 3);
        assertThat(q.note()).contains("estimated");
        assertThat(q.integrate(p -> 1)).isCloseTo(4 - Math.PI, within(5e-3));
    }

    @Test
    void monteCarloOnADiskIsUnbiasedWithinItsStandardError() {
        Disk disk = new Disk(new double[] {0, 0}, 1);
        // int over the unit disk of x^2 = pi / 4; sd of one sample of pi x^2 is about pi * 0.2, so of the mean of
        // 20000 about 0.0044
        double q = QuadratureRule.monteCarlo(20000).on(disk, 11).integrate(p -> p[0] * p[0]);
        assertThat(q).isCloseTo(Math.PI / 4, within(0.02));
    }
}
