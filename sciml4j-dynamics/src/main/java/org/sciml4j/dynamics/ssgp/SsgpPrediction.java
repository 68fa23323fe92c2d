package org.sciml4j.dynamics.ssgp;

import java.util.SplittableRandom;

import org.sciml4j.dynamics.data.DynamicalSystem;
import org.sciml4j.dynamics.ode.OdeSolver;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * Predictive rollouts of a trained SSGP from test initial states: the trajectory of the posterior-mean weights b (the
 * paper's prediction: one Hamiltonian (or dissipative) field, so it conserves (or dissipates) its own energy exactly),
 * and {@code samples} weight vectors drawn from q, each rolled out from every test state, whose 2.5 % / 97.5 %
 * quantiles per time and coordinate form the 95 % band; the share of the true states inside the band.
 *
 * @param t          times (T,)
 * @param mean       rollout of the posterior-mean weights, [k][T][d]
 * @param lower      2.5 % quantile of the sampled rollouts, [k][T][d]
 * @param upper      97.5 % quantile of the sampled rollouts, [k][T][d]
 * @param sampleMean mean of the sampled rollouts, [k][T][d] (not itself a trajectory: it dephases)
 */
public record SsgpPrediction(double[] t, double[][][] mean, double[][][] lower, double[][][] upper,
        double[][][] sampleMean) {

    /**
     * @param x0 test initial states [k][d]
     */
    public static SsgpPrediction of(SymplecticFeatures f, VariationalWeights q, OdeSolver solver, double[][] x0,
            double[] t, int samples, long seed) {
        return of(f, q, solver, x0, t, samples, 1, seed);
    }

    /**
     * As {@link #of(SymplecticFeatures, VariationalWeights, OdeSolver, double[][], double[], int, long)} with each
     * band sample the average of {@code averaged} posterior draws, w = b + L mean(eps_1..eps_S): the distribution the
     * likelihood was fitted under when training used {@link SsgpObjective#averagedSamples} S (S = 1: the posterior).
     *
     * @param x0 test initial states [k][d]
     */
    public static SsgpPrediction of(SymplecticFeatures f, VariationalWeights q, OdeSolver solver, double[][] x0,
            double[] t, int samples, int averaged, long seed) {
        int k = x0.length;
        int d = x0[0].length;
        int n = t.length;
        double[][][][] all = new double[samples][][][];
        SplittableRandom rng = new SplittableRandom(seed);
        double[] start = new double[k * d];
        for (int i = 0; i < k; i++) {
            System.arraycopy(x0[i], 0, start, i * d, d);
        }
        double[][][] meanPath;
        try (var g = Autodiff.noGrad()) {
            meanPath = unpack(solver.solve(f.fieldWith(q.meanRows(k)), Tensor.of(start, k, d), t).toArray(), k, n,
                    d);
            for (int s = 0; s < samples; s++) {
                Tensor w = q.sample(1, rng, averaged);
                Tensor rows = Tensor.of(new double[k * w.numel()], k, w.numel()).add(w);
                all[s] = unpack(solver.solve(f.fieldWith(rows), Tensor.of(start, k, d), t).toArray(), k, n, d);
            }
        }
        double[][][] mean = new double[k][n][d];
        double[][][] lo = new double[k][n][d];
        double[][][] hi = new double[k][n][d];
        double[] v = new double[samples];
        for (int i = 0; i < k; i++) {
            for (int ti = 0; ti < n; ti++) {
                for (int j = 0; j < d; j++) {
                    double sum = 0;
                    for (int s = 0; s < samples; s++) {
                        v[s] = all[s][i][ti][j];
                        sum += v[s];
                    }
                    java.util.Arrays.sort(v);
                    mean[i][ti][j] = sum / samples;
                    lo[i][ti][j] = quantile(v, 0.025);
                    hi[i][ti][j] = quantile(v, 0.975);
                }
            }
        }
        return new SsgpPrediction(t, meanPath, lo, hi, mean);
    }

    /** A solution (T, k, d) flat as [k][T][d]. */
    public static double[][][] unpack(double[] flat, int k, int n, int d) {
        double[][][] out = new double[k][n][d];
        for (int ti = 0; ti < n; ti++) {
            for (int i = 0; i < k; i++) {
                System.arraycopy(flat, (ti * k + i) * d, out[i][ti], 0, d);
            }
        }
        return out;
    }

    private static double quantile(double[] sorted, double p) {
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Share of the true values [k][T][d] inside [lower, upper]. */
    public double coverage(double[][][] truth) {
        int in = 0;
        int all = 0;
        for (int i = 0; i < truth.length; i++) {
            for (int ti = 0; ti < truth[i].length; ti++) {
                for (int j = 0; j < truth[i][ti].length; j++) {
                    double y = truth[i][ti][j];
                    in += y >= lower[i][ti][j] && y <= upper[i][ti][j] ? 1 : 0;
                    all++;
                }
            }
        }
        return (double) in / all;
    }

    /** MSE (over trajectories, times and coordinates) of the posterior-mean rollout against the truth [k][T][d]. */
    public double trajectoryMse(double[][][] truth) {
        return mse(mean, truth);
    }

    /** MSE of the mean of the sampled rollouts against the truth [k][T][d]. */
    public double sampleMeanMse(double[][][] truth) {
        return mse(sampleMean, truth);
    }

    private static double mse(double[][][] mean, double[][][] truth) {
        double s = 0;
        int all = 0;
        for (int i = 0; i < truth.length; i++) {
            for (int ti = 0; ti < truth[i].length; ti++) {
                for (int j = 0; j < truth[i][ti].length; j++) {
                    double e = mean[i][ti][j] - truth[i][ti][j];
                    s += e * e;
                    all++;
                }
            }
        }
        return s / all;
    }

    /** Mean over trajectories and times of (H_true(posterior-mean rollout) - H_true(truth))^2. */
    public double energyMse(DynamicalSystem system, double[][][] truth) {
        double s = 0;
        int all = 0;
        for (int i = 0; i < truth.length; i++) {
            for (int ti = 0; ti < truth[i].length; ti++) {
                double e = system.energy(mean[i][ti]) - system.energy(truth[i][ti]);
                s += e * e;
                all++;
            }
        }
        return s / all;
    }
}
