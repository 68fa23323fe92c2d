package org.sciml4j.pinn.uncertainty;

/** Markov-chain diagnostics. */
public final class Diagnostics {
    private Diagnostics() {
    }

    /**
     * The effective sample size of one chain, n / (1 + 2 sum of autocorrelations), the sum truncated by Geyer's
     * initial positive sequence (pairs of lags summed while positive), capped at n log10 n as Stan does. NaN for a constant chain.
     *
     * @param chain the draws in order, length n >= 4
     */
    public static double effectiveSampleSize(double[] chain) {
        int n = chain.length;
        if (n < 4) {
            return Double.NaN;
        }
        double mean = 0;
        for (double x : chain) {
            mean += x;
        }
        mean /= n;
        double var = 0;
        for (double x : chain) {
            var += (x - mean) * (x - mean);
        }
        var /= n;
        if (!(var > 0)) {
            return Double.NaN;
        }
        // tau = -1 + 2 sum_k (rho_2k + rho_2k+1), while the pair sums stay positive (rho_0 = 1)
        double tau = -1;
        for (int k = 0; 2 * k + 1 < n; k++) {
            double pair = autocorrelation(chain, mean, var, 2 * k) + autocorrelation(chain, mean, var, 2 * k + 1);
            if (!(pair > 0)) {
                break;
            }
            tau += 2 * pair;
        }
        // an antithetic chain can have tau < 1; Stan caps the estimate at n log10 n
        return Math.min(n * Math.log10(n), n / tau);
    }

    private static double autocorrelation(double[] x, double mean, double var, int lag) {
        double s = 0;
        for (int i = 0; i + lag < x.length; i++) {
            s += (x[i] - mean) * (x[i + lag] - mean);
        }
        return s / (x.length * var);
    }
}
