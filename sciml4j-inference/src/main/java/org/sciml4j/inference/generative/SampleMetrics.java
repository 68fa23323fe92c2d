package org.sciml4j.inference.generative;

import org.sciml4j.tensor.ColumnMoments;
import org.sciml4j.tensor.Tensor;

import java.util.Arrays;

/**
 * Distribution quality of generated fields against reference fields (each flat (N, n) row-major): the maximum mean
 * discrepancy with a Gaussian kernel, and the errors of the pointwise mean and standard-deviation fields.
 */
public final class SampleMetrics {
    private SampleMetrics() {
    }

    /**
     * The kernel width h of {@link #mmd}: the median distance between pairs of reference fields (the median
     * heuristic), so that the MMD is on the data's scale.
     */
    public static double medianDistance(double[] ref, int n) {
        int m = ref.length / n;
        double[] d = new double[m * (m - 1) / 2];
        int c = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                d[c++] = Math.sqrt(squaredDistance(ref, i, ref, j, n));
            }
        }
        Arrays.sort(d);
        return d.length == 0 ? 1 : d[d.length / 2];
    }

    /**
     * The biased estimate of the maximum mean discrepancy, MMD = sqrt(mean k(x, x') + mean k(y, y') - 2 mean
     * k(x, y)), k(a, b) = exp(-|a - b|^2 / (2 h^2)); 0 for equal sets, at most sqrt(2).
     */
    // numerical kernel
    public static double mmd(double[] x, double[] y, int n, double h) {
        double kxx = meanKernel(x, x, n, h);
        double kyy = meanKernel(y, y, n, h);
        double kxy = meanKernel(x, y, n, h);
        return Math.sqrt(Math.max(0, kxx + kyy - 2 * kxy));
    }

    /** The root-mean-square over the grid of the difference of the pointwise means. */
    public static double meanError(double[] x, double[] y, int n) {
        return rms(moments(x, n)[0], moments(y, n)[0]);
    }

    /** The root-mean-square over the grid of the difference of the pointwise standard deviations. */
    public static double sdError(double[] x, double[] y, int n) {
        return rms(moments(x, n)[1], moments(y, n)[1]);
    }

    /** The pointwise mean (row 0) and standard deviation (row 1) of the fields, each of n values. */
    public static double[][] moments(double[] x, int n) {
        ColumnMoments m = ColumnMoments.of(Tensor.wrap(x, x.length / n, n));
        return new double[][] {m.mean(), m.sd()};
    }

    private static double rms(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(s / a.length);
    }

    private static double meanKernel(double[] x, double[] y, int n, double h) {
        int mx = x.length / n;
        int my = y.length / n;
        double s = 0;
        for (int i = 0; i < mx; i++) {
            for (int j = 0; j < my; j++) {
                s += Math.exp(-squaredDistance(x, i, y, j, n) / (2 * h * h));
            }
        }
        return s / ((double) mx * my);
    }

    private static double squaredDistance(double[] x, int i, double[] y, int j, int n) {
        double s = 0;
        for (int k = 0; k < n; k++) {
            double d = x[i * n + k] - y[j * n + k];
            s += d * d;
        }
        return s;
    }
}
