package org.sciml4j.solvers.pde;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sciml4j.solvers.grf.NeumannGrf2d;
import org.sciml4j.tensor.Rng;

class Darcy2dTest {
    /** u = sin(pi x) sin(2 pi y) x, a = 1 + x^2 + y / 2: f = -div(a grad u) by hand. */
    static double exactU(double x, double y) {
        return x * Math.sin(Math.PI * x) * Math.sin(2 * Math.PI * y);
    }

    static double source(double x, double y) {
        double a = 1 + x * x + y / 2;
        double ax = 2 * x;
        double ay = 0.5;
        double s = Math.sin(Math.PI * x);
        double c = Math.cos(Math.PI * x);
        double sy = Math.sin(2 * Math.PI * y);
        double cy = Math.cos(2 * Math.PI * y);
        double ux = (s + Math.PI * x * c) * sy;
        double uxx = (2 * Math.PI * c - Math.PI * Math.PI * x * s) * sy;
        double uy = 2 * Math.PI * x * s * cy;
        double uyy = -4 * Math.PI * Math.PI * x * s * sy;
        return -(a * (uxx + uyy) + ax * ux + ay * uy);
    }

    static double maxError(int points) {
        int n = points - 1;
        double[] a = new double[points * points];
        double[] f = new double[points * points];
        for (int i = 0; i < points; i++) {
            for (int j = 0; j < points; j++) {
                double x = (double) i / n;
                double y = (double) j / n;
                a[i * points + j] = 1 + x * x + y / 2;
                f[i * points + j] = source(x, y);
            }
        }
        double[] u = new Darcy2d(points, 1e-12).solve(a, f);
        double err = 0;
        for (int i = 0; i < points; i++) {
            for (int j = 0; j < points; j++) {
                err = Math.max(err, Math.abs(u[i * points + j] - exactU((double) i / n, (double) j / n)));
            }
        }
        return err;
    }

    @Test
    void manufacturedSolutionConvergesWithOrderTwo() {
        double e1 = maxError(33);
        double e2 = maxError(65);
        double e3 = maxError(129);
        double p1 = Math.log(e1 / e2) / Math.log(2);
        double p2 = Math.log(e2 / e3) / Math.log(2);
        System.out.printf("darcy errors %.3e %.3e %.3e orders %.2f %.2f%n", e1, e2, e3, p1, p2);
        assertThat(p1).isBetween(1.85, 2.15);
        assertThat(p2).isBetween(1.9, 2.1);
    }

    @Test
    void thresholdCoefficientSolvesInFewIterationsToTheTolerance() {
        int points = 129;
        double[] g = new NeumannGrf2d(3, 3, 2, 0).sample(points, new Rng(3));
        double[] a = new double[g.length];
        double[] f = new double[g.length];
        for (int k = 0; k < g.length; k++) {
            a[k] = g[k] >= 0 ? 12 : 3;
            f[k] = 1;
        }
        Darcy2d solver = new Darcy2d(points, 1e-10);
        double[] u = solver.solve(a, f);
        GridOperator op = GridOperator.fromVertexCoefficient(points - 1, a);
        double[] au = new double[u.length];
        op.apply(u, au);
        double res = 0;
        double norm = 0;
        for (int i = 1; i < points - 1; i++) {
            for (int j = 1; j < points - 1; j++) {
                res += Math.pow(au[i * points + j] - 1, 2);
                norm += 1;
            }
        }
        assertThat(Math.sqrt(res / norm)).isLessThan(1e-9);
        assertThat(solver.lastIterations()).isLessThan(25);
        assertThat(u[64 * points + 64]).isBetween(0.001, 0.1);
    }
}
