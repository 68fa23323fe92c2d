package org.sciml4j.operators.fno;

import java.util.function.DoubleUnaryOperator;

/**
 * The standard normal distribution function {@code Phi(x) = (1 + erf(x / sqrt 2)) / 2} and the exact GELU's slope
 * {@code Phi(x) + x phi(x)} in double precision, fast enough for element-wise use: each is {@code 1/2 + sign(x)
 * T(|x|)} with T one of 80 polynomials of degree 9 on intervals of width 1/8 of [0, 10) (Chebyshev interpolants,
 * evaluated by Estrin's scheme), and {@code 1/2 + sign(x)/2} from 10 on, where both equal 0 or 1 to double precision.
 * The tables are built once from two convergent expansions of erf: the positive-term series
 * {@code erf z = 2/sqrt(pi) e^{-z^2} sum_n 2^n z^{2n+1} / (2n+1)!!} below z = 2.5 (no cancellation) and the
 * continued fraction of erfc above. Absolute error below 1e-15, a few ulp (tested against reference values and
 * PyTorch's).
 */
final class GaussianTables {
    private static final int DEGREE = 9;
    private static final int PER_UNIT = 8;
    private static final double LIMIT = 10;
    private static final double INV_SQRT2 = 1 / Math.sqrt(2);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private static final double[] CDF = table(a -> 0.5 * erfReference(a * INV_SQRT2));
    private static final double[] SLOPE = table(a -> 0.5 * erfReference(a * INV_SQRT2)
            + a * INV_SQRT_2PI * Math.exp(-0.5 * a * a));

    private GaussianTables() {
    }

    /** {@code Phi(x)}, the standard normal distribution function; NaN for NaN. */
    static double cdf(double x) {
        return 0.5 + odd(CDF, x);
    }

    /** {@code d/dx (x Phi(x)) = Phi(x) + x phi(x)}; NaN for NaN. */
    static double geluSlope(double x) {
        return 0.5 + odd(SLOPE, x);
    }

    /** {@code erf(z) = 2 Phi(z sqrt 2) - 1} (for tests and callers that want erf itself). */
    static double erf(double z) {
        return 2 * odd(CDF, z * Math.sqrt(2));
    }

    /** {@code sign(x) T(|x|)} from a table; {@code sign(x)/2} beyond the limit. */
    private static double odd(double[] table, double x) {
        double a = Math.abs(x);
        if (!(a < LIMIT)) {
            return Double.isNaN(x) ? x : Math.copySign(0.5, x);
        }
        int i = (int) (a * PER_UNIT);
        double t = (a - (i + 0.5) / PER_UNIT) * (2 * PER_UNIT);  // in [-1, 1]
        int o = i * (DEGREE + 1);
        // Estrin's scheme: a shorter dependency chain than Horner's
        double t2 = t * t;
        double t4 = t2 * t2;
        double p01 = table[o] + table[o + 1] * t;
        double p23 = table[o + 2] + table[o + 3] * t;
        double p45 = table[o + 4] + table[o + 5] * t;
        double p67 = table[o + 6] + table[o + 7] * t;
        double p89 = table[o + 8] + table[o + 9] * t;
        double p = (p01 + p23 * t2) + (p45 + p67 * t2) * t4 + p89 * (t4 * t4);
        return Math.copySign(p, x);
    }

    /** Monomial coefficients in the local variable t of each interval, lowest degree first. */
    private static double[] table(DoubleUnaryOperator f) {
        int intervals = (int) (LIMIT * PER_UNIT);
        int n = DEGREE + 1;
        double[] table = new double[intervals * n];
        double[][] cheb = chebyshevMonomials(DEGREE);
        for (int i = 0; i < intervals; i++) {
            double center = (i + 0.5) / PER_UNIT;
            double half = 0.5 / PER_UNIT;
            // interpolate f - f(center): small values, so the rounding of the coefficient sums stays small too
            double f0 = f.applyAsDouble(center);
            double[] values = new double[n];
            for (int j = 0; j < n; j++) {
                values[j] = f.applyAsDouble(center + half * Math.cos(Math.PI * (j + 0.5) / n)) - f0;
            }
            for (int k = 0; k < n; k++) {
                double c = 0;
                for (int j = 0; j < n; j++) {
                    c += values[j] * Math.cos(Math.PI * k * (j + 0.5) / n);
                }
                c *= (k == 0 ? 1.0 : 2.0) / n;
                for (int d = 0; d <= k; d++) {
                    table[i * n + d] += c * cheb[k][d];
                }
            }
            table[i * n] += f0;
        }
        return table;
    }

    /** Coefficients of the Chebyshev polynomials T_0..T_degree in the monomials, lowest degree first. */
    private static double[][] chebyshevMonomials(int degree) {
        double[][] t = new double[degree + 1][degree + 1];
        t[0][0] = 1;
        t[1][1] = 1;
        for (int k = 2; k <= degree; k++) {
            for (int d = 0; d <= k; d++) {
                t[k][d] = (d > 0 ? 2 * t[k - 1][d - 1] : 0) - t[k - 2][d];
            }
        }
        return t;
    }

    /** erf(z) for z >= 0 from the series (z < 2.5) or 1 - erfc by its continued fraction; slow, for the tables. */
    static double erfReference(double z) {
        if (z < 2.5) {
            double term = z;
            double sum = z;
            double z2 = 2 * z * z;
            for (int k = 1; term > 1e-18 * sum; k++) {
                term *= z2 / (2 * k + 1);
                sum += term;
            }
            return 2 / Math.sqrt(Math.PI) * Math.exp(-z * z) * sum;
        }
        // erfc(z) = e^{-z^2}/sqrt(pi) / (z + (1/2) / (z + 1 / (z + (3/2) / (z + ...)))), evaluated from the tail
        double f = z;
        for (int k = 400; k >= 1; k--) {
            f = z + 0.5 * k / f;
        }
        return 1 - Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
    }
}
