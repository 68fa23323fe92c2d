package org.sciml4j.discovery.dmd;

import java.util.Arrays;

/**
 * Optimised DMD (Askham and Kutz 2018): the continuous-time eigenvalues alpha and modes that best fit all snapshots
 * at once, x(t_k) ~ sum_j phi_j b_j exp(alpha_j t_k), by variable projection ({@link VariableProjection}). Unlike
 * exact DMD it is not biased by noise in X (exact DMD's damping grows with the noise) and takes unevenly spaced
 * times. The data are first projected on their r leading POD modes (r by the rank rule), as BOP-DMD does.
 */
public final class OptimizedDmd {
    private OptimizedDmd() {
    }

    /** The POD projection the fit works in: basis U_r (m, r), projected data D = X^T U_r (n, r), singular values. */
    record Projection(double[] basis, int m, int r, ComplexMatrix data, double[] singularValues) {
    }

    static Projection project(double[] x, int m, int n, RankRule rule) {
        Dense.Svd svd = ExactDmd.svd(x, m, n, rule);
        int r = rule.rank(svd.s(), m, n);
        double[] basis = Arrays.copyOf(svd.u(), m * r);
        double[] d = Dense.multiply(true, false, n, r, m, x, basis);
        return new Projection(basis, m, r, ComplexMatrix.real(n, r, d), svd.s());
    }

    /**
     * Fits optimised DMD.
     *
     * @param x     snapshots (m, n), column-major
     * @param times their times (n), increasing, any spacing
     * @param dt    the step the discrete eigenvalues of the result refer to
     * @param rule  the rank truncation
     */
    public static DmdResult fit(double[] x, int m, int n, double[] times, double dt, RankRule rule) {
        Projection proj = project(x, m, n, rule);
        double[] t = fromZero(times);
        double[][] start = initialEigenvalues(x, m, n, t, proj.r);
        VariableProjection.Fit f = VariableProjection.fit(t, proj.data, start[0], start[1]);
        return result("optimized", proj, f, dt, null, null);
    }

    /** Times shifted to start at 0. */
    static double[] fromZero(double[] times) {
        double[] t = new double[times.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = times[k] - times[0];
        }
        return t;
    }

    /**
     * The start of the iteration: exact DMD's eigenvalues of rank r, treating the snapshots as equally spaced by their
     * mean step (as PyDMD's BOP-DMD does).
     */
    static double[][] initialEigenvalues(double[] x, int m, int n, double[] t, int r) {
        double meanStep = t[n - 1] / (n - 1);
        double[] xs = Arrays.copyOf(x, m * (n - 1));
        double[] ys = Arrays.copyOfRange(x, m, m * n);
        DmdResult exact = ExactDmd.fit(xs, ys, m, n - 1, meanStep, RankRule.fixed(r), Arrays.copyOf(x, m));
        double[] re = exact.omegaRe().clone();
        for (int j = 0; j < re.length; j++) {
            if (!Double.isFinite(re[j])) {
                re[j] = -1 / meanStep; // a zero eigenvalue: start from a fast decay instead
            }
        }
        return new double[][] {re, exact.omegaIm().clone()};
    }

    /** The result from a fit: modes U_r B^T (column j = U_r b_j, b_j row j of B), amplitudes their norms. */
    static DmdResult result(String method, Projection proj, VariableProjection.Fit f, double dt, double[] sdRe,
                            double[] sdIm) {
        int r = f.alphaRe().length;
        int c = f.b().cols();
        ComplexMatrix bt = new ComplexMatrix(c, r);
        for (int j = 0; j < r; j++) {
            for (int l = 0; l < c; l++) {
                bt.re()[l + j * c] = f.b().re()[j + l * r];
                bt.im()[l + j * c] = f.b().im()[j + l * r];
            }
        }
        ComplexMatrix modes = bt.leftMultiplyReal(proj.basis, proj.m);
        double[] ones = new double[r];
        Arrays.fill(ones, 1);
        return DmdResult.fromContinuous(method, dt, f.alphaRe(), f.alphaIm(), modes, ones, new double[r],
                proj.singularValues, proj.r, sdRe, sdIm);
    }
}
