package org.sciml4j.discovery.sindy;

/**
 * Weak-form SINDy (Messenger and Bortz, Multiscale Model. Simul. 2021; PySINDy's WeakPDELibrary in time): instead of
 * differentiating noisy data, each equation x' = Theta(x) Xi is multiplied by test functions phi_k supported on
 * sub-intervals [a_k, b_k] and integrated; integration by parts moves the derivative onto phi_k:
 * {@code -int phi_k' x dt = (int phi_k Theta(x) dt) Xi}. The test functions are the bumps
 * {@code ((t - a)(b - t))^power}, which vanish to order {@code power} at both ends, so the trapezoid rule is
 * very accurate and noise is averaged over each support. Rows of the resulting design are test functions.
 */
public final class WeakForm {
    private final int testFunctions;
    private final int width;
    private final int power;

    /**
     * @param testFunctions the number of test functions K, at least 1
     * @param width         the samples in each support, at least 5
     * @param power         the bump's exponent, at least 2
     */
    public WeakForm(int testFunctions, int width, int power) {
        if (testFunctions < 1 || width < 5 || power < 2) {
            throw new IllegalArgumentException("weak form needs test_functions >= 1, width >= 5 samples and"
                    + " power >= 2; got " + testFunctions + ", " + width + ", " + power);
        }
        this.testFunctions = testFunctions;
        this.width = width;
        this.power = power;
    }

    /**
     * The weak-form design.
     *
     * @param t     the times, shape (n), increasing
     * @param x     the states (targets), shape (n, m) row-major
     * @param m     the number of states
     * @param theta the library at the samples, shape (n, p) row-major
     * @param p     the number of features
     * @return the design with K rows: integrals of phi_k Theta and of -phi_k' x
     */
    // numerical kernel
    public Design design(double[] t, double[] x, int m, double[] theta, int p) {
        int n = t.length;
        if (n < width) {
            throw new IllegalArgumentException("the weak form's support of " + width + " samples is longer than the "
                    + n + " samples");
        }
        double[] wt = new double[testFunctions * p];
        double[] wy = new double[testFunctions * m];
        for (int k = 0; k < testFunctions; k++) {
            int start = testFunctions == 1 ? 0 : (int) Math.round((double) k * (n - width) / (testFunctions - 1));
            double a = t[start];
            double b = t[start + width - 1];
            double half = (b - a) / 2;
            double norm = Math.pow(half * half, power);
            for (int i = start; i < start + width; i++) {
                double q = 0.5 * ((i + 1 < start + width ? t[i + 1] : t[i]) - (i > start ? t[i - 1] : t[i]));
                double l = t[i] - a;
                double r = b - t[i];
                double phi = Math.pow(l * r, power) / norm;
                double dphi = power * Math.pow(l * r, power - 1) * (r - l) / norm;
                for (int f = 0; f < p; f++) {
                    wt[k * p + f] += q * phi * theta[i * p + f];
                }
                for (int j = 0; j < m; j++) {
                    wy[k * m + j] -= q * dphi * x[i * m + j];
                }
            }
        }
        return new Design(wt, testFunctions, p, wy, m);
    }

    @Override
    public String toString() {
        return "weak(" + testFunctions + " test functions, width " + width + ", power " + power + ")";
    }
}
