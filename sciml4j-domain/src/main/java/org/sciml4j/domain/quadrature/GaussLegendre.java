package org.sciml4j.domain.quadrature;

import org.sciml4j.tensor.Tensor;

/**
 * Gauss-Legendre rules: the n-point rule on [-1, 1] (exact for polynomials of degree up to 2n - 1), its tensor
 * product on an axis-aligned box, optionally composite (each axis cut into equal sub-intervals with n points in
 * each), and a polar rule on a disk (Gauss-Legendre in the radius, equally spaced angles).
 */
public final class GaussLegendre {

    private GaussLegendre() {
    }

    /**
     * The nodes and weights of the n-point rule on [-1, 1], nodes ascending: the roots of the Legendre polynomial
     * P_n found by Newton's method from Chebyshev-like guesses, weights {@code 2 / ((1 - x^2) P_n'(x)^2)}.
     *
     * @param n number of nodes, 1 to 10000
     * @return {nodes, weights}, each of length n
     */
    public static double[][] rule(int n) { // numerical kernel
        if (n < 1 || n > 10000) {
            throw new IllegalArgumentException("Gauss-Legendre: the number of points must be 1 to 10000, got " + n);
        }
        double[] x = new double[n];
        double[] w = new double[n];
        for (int i = 0; i < (n + 1) / 2; i++) {
            double z = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
            double dp = 0;
            for (int iter = 0; iter < 100; iter++) {
                double p0 = 1;
                double p1 = z;
                for (int k = 2; k <= n; k++) {
                    double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                dp = n * (z * p1 - p0) / (z * z - 1);
                double dz = p1 / dp;
                z -= dz;
                if (Math.abs(dz) < 1e-16) {
                    break;
                }
            }
            // recompute the derivative at the converged root for the weight
            double p0 = 1;
            double p1 = z;
            for (int k = 2; k <= n; k++) {
                double p2 = ((2 * k - 1) * z * p1 - (k - 1) * p0) / k;
                p0 = p1;
                p1 = p2;
            }
            dp = n == 1 ? 1 : n * (z * p1 - p0) / (z * z - 1);
            double weight = 2 / ((1 - z * z) * dp * dp);
            x[i] = -z;
            x[n - 1 - i] = z;
            w[i] = weight;
            w[n - 1 - i] = weight;
        }
        if (n % 2 == 1) {
            x[n / 2] = 0;
        }
        return new double[][] {x, w};
    }

    /**
     * The composite rule on [lo, hi]: {@code intervals} equal sub-intervals with the n-point rule in each.
     *
     * @return {nodes, weights}, each of length n * intervals, nodes ascending
     */
    public static double[][] interval(double lo, double hi, int n, int intervals) {
        if (intervals < 1) {
            throw new IllegalArgumentException("Gauss-Legendre: sub-intervals must be >= 1, got " + intervals);
        }
        double[][] ref = rule(n);
        double[] x = new double[n * intervals];
        double[] w = new double[n * intervals];
        double h = (hi - lo) / intervals;
        for (int s = 0; s < intervals; s++) {
            double a = lo + s * h;
            for (int i = 0; i < n; i++) {
                x[s * n + i] = a + 0.5 * h * (ref[0][i] + 1);
                w[s * n + i] = 0.5 * h * ref[1][i];
            }
        }
        return new double[][] {x, w};
    }

    /**
     * The tensor-product rule on the box [lo, hi]: per axis {@code n} points in each of {@code intervals} equal
     * sub-intervals, so (n * intervals)^d nodes, the first coordinate varying slowest. Exact for polynomials of
     * degree up to 2n - 1 in each coordinate.
     */
    public static Quadrature box(double[] lo, double[] hi, int n, int intervals) {
        int d = lo.length;
        double[][][] axes = new double[d][][];
        long total = 1;
        for (int j = 0; j < d; j++) {
            axes[j] = interval(lo[j], hi[j], n, intervals);
            total *= axes[j][0].length;
        }
        if (total > 50_000_000L / d) {
            throw new IllegalArgumentException("Gauss-Legendre: " + total + " nodes in " + d + " dimensions are too"
                    + " many; use fewer points per axis or a (quasi-)Monte Carlo rule");
        }
        int count = (int) total;
        double[] p = new double[count * d];
        double[] w = new double[count];
        int[] index = new int[d];
        for (int k = 0; k < count; k++) {
            double weight = 1;
            for (int j = 0; j < d; j++) {
                p[k * d + j] = axes[j][0][index[j]];
                weight *= axes[j][1][index[j]];
            }
            w[k] = weight;
            for (int j = d - 1; j >= 0; j--) { // odometer, last coordinate fastest
                if (++index[j] < axes[j][0].length) {
                    break;
                }
                index[j] = 0;
            }
        }
        return new Quadrature(Tensor.wrap(p, count, d), w);
    }

    /**
     * A polar rule on the disk of centre {@code (cx, cy)} and radius {@code r}: n Gauss-Legendre radii in each of
     * {@code intervals} sub-intervals of [0, r] (weight times the Jacobian r) and 2n(intervals) equally spaced
     * angles (the trapezoid rule, exact for trigonometric polynomials of degree below their number). Exact for
     * polynomials in x, y of total degree up to 2n - 2 (one sub-interval).
     *
     * @return 2 (n intervals)^2 nodes, shape (M, 2)
     */
    public static Quadrature disk(double cx, double cy, double r, int n, int intervals) {
        double[][] radial = interval(0, r, n, intervals);
        int nr = radial[0].length;
        int na = 2 * nr;
        double[] p = new double[nr * na * 2];
        double[] w = new double[nr * na];
        double dTheta = 2 * Math.PI / na;
        int k = 0;
        for (int i = 0; i < nr; i++) {
            double rho = radial[0][i];
            for (int a = 0; a < na; a++) {
                double theta = (a + 0.5) * dTheta;
                p[2 * k] = cx + rho * Math.cos(theta);
                p[2 * k + 1] = cy + rho * Math.sin(theta);
                w[k++] = radial[1][i] * rho * dTheta;
            }
        }
        return new Quadrature(Tensor.wrap(p, nr * na, 2), w);
    }
}
