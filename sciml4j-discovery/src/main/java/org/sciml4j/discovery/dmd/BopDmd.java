package org.sciml4j.discovery.dmd;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Bagging, optimised DMD (Sashidhar and Kutz 2022): optimised DMD on the full data, then on {@code trials} random
 * subsets of a {@code fraction} of the snapshots (drawn without replacement, any spacing), each started from the
 * full fit; every trial's eigenvalues are matched to the full fit's, and the result reports their mean (the
 * eigenvalues) and standard deviation (the uncertainty). Modes and amplitudes are refitted on all data at the mean
 * eigenvalues.
 */
public final class BopDmd {
    private BopDmd() {
    }

    /**
     * Fits BOP-DMD.
     *
     * @param x        snapshots (m, n), column-major
     * @param times    their times (n), increasing
     * @param trials   the number of bags (at least 2)
     * @param fraction the fraction of snapshots in each bag, in (0, 1]
     * @param seed     the seed of the draws
     */
    public static DmdResult fit(double[] x, int m, int n, double[] times, double dt, RankRule rule, int trials,
                                double fraction, long seed) {
        return fit(x, m, n, times, dt, rule, trials, fraction, seed, () -> false);
    }

    /**
     * As {@link #fit(double[], int, int, double[], double, RankRule, int, double, long)}, stopping the bagging early
     * (after at least two trials, whose statistics are then reported) once {@code stop} answers true (Ctrl-C).
     */
    public static DmdResult fit(double[] x, int m, int n, double[] times, double dt, RankRule rule, int trials,
                                double fraction, long seed, java.util.function.BooleanSupplier stop) {
        OptimizedDmd.Projection proj = OptimizedDmd.project(x, m, n, rule);
        double[] t = OptimizedDmd.fromZero(times);
        int r = proj.r();
        double[][] start = OptimizedDmd.initialEigenvalues(x, m, n, t, r);
        VariableProjection.Fit full = VariableProjection.fit(t, proj.data(), start[0], start[1]);
        int size = Math.min(n, Math.max(r + 1, (int) Math.round(fraction * n)));
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] re = new double[trials][];
        double[][] im = new double[trials][];
        int done = 0;
        for (int trial = 0; trial < trials && !(done >= 2 && stop.getAsBoolean()); trial++) {
            done++;
            int[] rows = subset(n, size, rnd);
            double[] tt = new double[rows.length];
            ComplexMatrix d = new ComplexMatrix(rows.length, r);
            for (int k = 0; k < rows.length; k++) {
                tt[k] = t[rows[k]];
                for (int l = 0; l < r; l++) {
                    d.re()[k + l * rows.length] = proj.data().re()[rows[k] + l * n];
                }
            }
            VariableProjection.Fit f = VariableProjection.fit(tt, d, full.alphaRe(), full.alphaIm());
            int[] match = match(full.alphaRe(), full.alphaIm(), f.alphaRe(), f.alphaIm());
            re[trial] = new double[r];
            im[trial] = new double[r];
            for (int j = 0; j < r; j++) {
                re[trial][j] = f.alphaRe()[match[j]];
                im[trial][j] = f.alphaIm()[match[j]];
            }
        }
        double[][] mre = meanSd(Arrays.copyOf(re, done), r);
        double[][] mim = meanSd(Arrays.copyOf(im, done), r);
        double[] p = new double[2 * r];
        System.arraycopy(mre[0], 0, p, 0, r);
        System.arraycopy(mim[0], 0, p, r, r);
        ComplexMatrix b = VariableProjection.exponentials(t, p, r).leastSquares(proj.data());
        VariableProjection.Fit mean = new VariableProjection.Fit(mre[0], mim[0], b, Double.NaN, 0);
        return OptimizedDmd.result("bop", proj, mean, dt, mre[1], mim[1]);
    }

    /** {@code size} distinct indices of 0..n-1, increasing. */
    static int[] subset(int n, int size, SplittableRandom rnd) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < size; i++) { // partial Fisher-Yates
            int j = i + rnd.nextInt(n - i);
            int tmp = all[i];
            all[i] = all[j];
            all[j] = tmp;
        }
        int[] out = Arrays.copyOf(all, size);
        Arrays.sort(out);
        return out;
    }

    /** For each reference eigenvalue j, the index of the nearest unused candidate (greedy, closest pairs first). */
    static int[] match(double[] refRe, double[] refIm, double[] re, double[] im) {
        int r = refRe.length;
        int[] out = new int[r];
        Arrays.fill(out, -1);
        boolean[] used = new boolean[re.length];
        for (int round = 0; round < r; round++) {
            double best = Double.POSITIVE_INFINITY;
            int bj = -1;
            int bk = -1;
            for (int j = 0; j < r; j++) {
                if (out[j] >= 0) {
                    continue;
                }
                for (int k = 0; k < re.length; k++) {
                    double dist = Math.hypot(refRe[j] - re[k], refIm[j] - im[k]);
                    if (!used[k] && dist < best) {
                        best = dist;
                        bj = j;
                        bk = k;
                    }
                }
            }
            if (bj < 0) {
                break;
            }
            out[bj] = bk;
            used[bk] = true;
        }
        return out;
    }

    private static double[][] meanSd(double[][] v, int r) {
        double[] mean = new double[r];
        double[] sd = new double[r];
        int k = v.length;
        for (int j = 0; j < r; j++) {
            double s = 0;
            for (double[] row : v) {
                s += row[j];
            }
            mean[j] = s / k;
            double ss = 0;
            for (double[] row : v) {
                ss += (row[j] - mean[j]) * (row[j] - mean[j]);
            }
            sd[j] = k > 1 ? Math.sqrt(ss / (k - 1)) : 0;
        }
        return new double[][] {mean, sd};
    }
}
