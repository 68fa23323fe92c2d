package org.sciml4j.inference.diagnostics;

import java.io.IOException;
import org.sciml4j.inference.sbi.PosteriorEstimate;
import org.sciml4j.inference.sbi.Prior;
import org.sciml4j.inference.sbi.Simulator;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * Simulation-based calibration (Talts et al. 2018) and expected coverage of an amortised posterior. For L pairs
 * theta_l ~ prior, x_l ~ simulator(theta_l), M posterior samples are drawn given x_l; the rank of theta_l among them
 * is uniform on 0..M in every dimension when the posterior is calibrated, tested per dimension by a chi-square test
 * on {@code bins} bins of consecutive ranks (expected counts from each bin's share of the M + 1 ranks). Expected
 * coverage uses the same draws: f_l, the share of samples with a higher log-density than theta_l, is uniform for a
 * calibrated posterior; coverage(alpha) = share of l with f_l < alpha.
 */
public final class Sbc {

    /**
     * @param ranks     rank of theta_l among the M samples, per pair and dimension: ranks[l][j] in 0..M
     * @param samples   M
     * @param bins      chi-square bins
     * @param pValues   per dimension, P(chi-square >= statistic) against uniform ranks
     * @param densityRanks f_l per pair (expected coverage)
     */
    public record Result(int[][] ranks, int samples, int bins, double[] pValues, double[] densityRanks) {
        /** Whether every dimension passes the chi-square test at this level (e.g. 0.01). */
        public boolean uniformAt(double level) {
            for (double p : pValues) {
                if (p < level) {
                    return false;
                }
            }
            return true;
        }

        /** Rank counts of dimension j in the chi-square bins. */
        public int[] histogram(int j) {
            int[] h = new int[bins];
            for (int[] r : ranks) {
                h[bin(r[j])]++;
            }
            return h;
        }

        /**
         * Each bin's probability under uniform ranks on 0..M: its share of the M + 1 ranks (the bins hold equally
         * many ranks only when bins divides M + 1; e.g. M = 100, 10 bins: the first holds 11 of 101).
         */
        public double[] binShares() {
            double[] share = new double[bins];
            for (int r = 0; r <= samples; r++) {
                share[bin(r)] += 1.0 / (samples + 1);
            }
            return share;
        }

        private int bin(int rank) {
            return (int) ((long) rank * bins / (samples + 1));
        }

        /** Coverage at each level of {@code levels}: share of pairs with f_l < level. */
        public double[] coverage(double[] levels) {
            double[] c = new double[levels.length];
            for (int k = 0; k < levels.length; k++) {
                int in = 0;
                for (double f : densityRanks) {
                    in += f < levels[k] ? 1 : 0;
                }
                c[k] = (double) in / densityRanks.length;
            }
            return c;
        }
    }

    private Sbc() {
    }

    /**
     * Runs SBC.
     *
     * @param pairs   L
     * @param samples M posterior samples per pair
     * @param bins    chi-square bins (with L / bins >= 5 expected per bin)
     * @throws IOException when the simulator fails
     */
    public static Result run(Prior prior, Simulator simulator, PosteriorEstimate posterior, int pairs, int samples, int bins,
            long seed) throws IOException {
        Rng rng = new Rng(seed);
        int d = prior.dim();
        int[][] ranks = new int[pairs][d];
        double[] densityRanks = new double[pairs];
        for (int l = 0; l < pairs; l++) {
            double[] theta = prior.sample(rng);
            double[] x = simulator.simulate(new double[][] {theta}, new long[] {seed * 1_000_003L + l})[0];
            Tensor s = posterior.sample(samples, x, rng);
            double[] sv = s.data();
            for (int i = 0; i < samples; i++) {
                for (int j = 0; j < d; j++) {
                    ranks[l][j] += sv[i * d + j] < theta[j] ? 1 : 0;
                }
            }
            densityRanks[l] = densityRank(posterior, s, theta, x);
        }
        double[] p = new double[d];
        Result partial = new Result(ranks, samples, bins, p, densityRanks);
        double[] shares = partial.binShares();
        for (int j = 0; j < d; j++) {
            p[j] = ChiSquare.survival(ChiSquare.statistic(partial.histogram(j), shares), bins - 1);
        }
        return partial;
    }

    private static double densityRank(PosteriorEstimate posterior, Tensor samples, double[] theta, double[] x) {
        int m = samples.size(0);
        double[] xs = new double[(m + 1) * x.length];
        for (int i = 0; i <= m; i++) {
            System.arraycopy(x, 0, xs, i * x.length, x.length);
        }
        Tensor all = Tensor.concat(0, samples, Tensor.of(theta, 1, theta.length));
        double[] lp = posterior.logProb(all, Tensor.of(xs, m + 1, x.length));
        int higher = 0;
        for (int i = 0; i < m; i++) {
            higher += lp[i] > lp[m] ? 1 : 0;
        }
        return (double) higher / m;
    }
}
