package org.sciml4j.inference.diagnostics;

/**
 * The chi-square distribution's upper tail, through the regularised upper incomplete gamma function Q(k/2, x/2)
 * (series below a + 1, Lentz continued fraction above; relative accuracy about 1e-14).
 */
public final class ChiSquare {
    private ChiSquare() {
    }

    /** P(X >= x) for X chi-square with {@code dof} degrees of freedom. */
    public static double survival(double x, int dof) {
        if (x <= 0) {
            return 1;
        }
        return upperGamma(dof / 2.0, x / 2);
    }

    /** The Pearson statistic sum (observed - expected)^2 / expected against equal expected counts. */
    public static double uniformStatistic(int[] counts) {
        double[] shares = new double[counts.length];
        java.util.Arrays.fill(shares, 1.0 / counts.length);
        return statistic(counts, shares);
    }

    /**
     * The Pearson statistic sum (observed - expected)^2 / expected, expected_k = total * shares[k].
     *
     * @param counts observed counts per bin, length K
     * @param shares the bins' probabilities under the null hypothesis, length K, each > 0, summing to 1
     */
    public static double statistic(int[] counts, double[] shares) {
        if (counts.length != shares.length) {
            throw new IllegalArgumentException(counts.length + " counts but " + shares.length + " bin shares");
        }
        double total = 0;
        for (int c : counts) {
            total += c;
        }
        double s = 0;
        for (int k = 0; k < counts.length; k++) {
            double e = total * shares[k];
            s += (counts[k] - e) * (counts[k] - e) / e;
        }
        return s;
    }

    // numerical kernel
    static double upperGamma(double a, double x) {
        double lnPrefix = -x + a * Math.log(x) - logGamma(a);
        if (x < a + 1) {
            double sum = 1 / a;
            double term = sum;
            for (int n = 1; n < 10_000; n++) {
                term *= x / (a + n);
                sum += term;
                if (Math.abs(term) < Math.abs(sum) * 1e-16) {
                    break;
                }
            }
            return 1 - sum * Math.exp(lnPrefix);
        }
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 10_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(lnPrefix) * h;
    }

    /** log Gamma(a) for a > 0 (Lanczos, g = 7, 9 terms). */
    static double logGamma(double a) {
        double[] g = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (a < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * a))) - logGamma(1 - a);
        }
        a -= 1;
        double s = g[0];
        for (int i = 1; i < 9; i++) {
            s += g[i] / (a + i);
        }
        double t = a + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (a + 0.5) * Math.log(t) - t + Math.log(s);
    }
}
