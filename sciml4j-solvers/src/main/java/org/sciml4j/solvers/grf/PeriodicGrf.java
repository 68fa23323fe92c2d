package org.sciml4j.solvers.grf;

import org.jtransforms.fft.DoubleFFT_1D;
import org.jtransforms.fft.DoubleFFT_2D;
import org.sciml4j.tensor.Rng;

/**
 * A mean-zero Gaussian random field on the periodic unit interval or square with covariance operator
 * {@code sigma^2 (-Laplacian + tau^2 I)^(-alpha)}: its Karhunen-Loeve modes are the Fourier modes
 * {@code exp(2 pi i k.x)}, k != 0, with variances {@code lambda_k = sigma^2 ((2 pi |k|)^2 + tau^2)^(-alpha)}.
 * The constant mode is left out (mean exactly zero), as in the FNO data generators.
 * <p>
 * Sampling on an s-point grid ({@code x_j = j / s}): complex white noise on the discrete frequencies with
 * {@code 0 < |k_i| <= min(modes, s/2 - 1)} (all below Nyquist when modes = 0), scaled by sqrt(lambda_k), one complex
 * inverse FFT, real part.
 * The real part of {@code sum_k sqrt(lambda_k) (xi_k + i eta_k) e^{2 pi i k x}} has covariance
 * {@code sum_k lambda_k cos(2 pi k (x - y))}: exactly the truncated covariance, stationary, on the grid.
 */
public final class PeriodicGrf {
    private final double sigma;
    private final double tau;
    private final double alpha;
    private final int modes;

    /**
     * @param sigma amplitude (> 0)
     * @param tau   inverse length scale (>= 0; > 0 is not needed since k = 0 is left out)
     * @param alpha smoothness (> d/2 for a field with finite variance)
     * @param modes largest |k| (per dimension) kept; 0 keeps every frequency the grid resolves
     */
    public PeriodicGrf(double sigma, double tau, double alpha, int modes) {
        if (!(sigma > 0) || !(tau >= 0) || !(alpha > 0) || modes < 0) {
            throw new IllegalArgumentException("grf needs sigma > 0, tau >= 0, alpha > 0, modes >= 0; got sigma "
                    + sigma + ", tau " + tau + ", alpha " + alpha + ", modes " + modes);
        }
        this.sigma = sigma;
        this.tau = tau;
        this.alpha = alpha;
        this.modes = modes;
    }

    /** The variance of the mode with integer frequency vector of squared length {@code k2}; 0 for k = 0. */
    public double eigenvalue(double k2) {
        if (k2 == 0) {
            return 0;
        }
        return sigma * sigma * Math.pow(4 * Math.PI * Math.PI * k2 + tau * tau, -alpha);
    }

    /** The signed frequency of discrete index {@code j} on an s-point grid: 0..s/2, then -s/2+1..-1. */
    static int frequency(int j, int s) {
        return j <= s / 2 ? j : j - s;
    }

    /** The largest |k| sampled on an s-point grid: {@code modes}, at most s/2 - 1 (the Nyquist mode is left out). */
    int cutoff(int s) {
        int nyquistBelow = s / 2 - 1;
        return modes == 0 ? nyquistBelow : Math.min(modes, nyquistBelow);
    }

    private boolean kept(int k, int s) {
        return k != 0 && Math.abs(k) <= cutoff(s);
    }

    /**
     * One sample on {@code x_j = j / s}. The normals are drawn for k = 1, -1, 2, -2, ... up to the cutoff, so with a
     * fixed {@code modes} the same generator state gives the same function on every grid that resolves it.
     *
     * @return values, shape (s,)
     */
    public double[] sample1d(int s, Rng rng) {
        double[] c = new double[2 * s];
        int cut = cutoff(s);
        for (int k = 1; k <= cut; k++) {
            double sd = Math.sqrt(eigenvalue((double) k * k));
            for (int sign = 1; sign >= -1; sign -= 2) {
                int j = Math.floorMod(sign * k, s);
                c[2 * j] = sd * rng.normal();
                c[2 * j + 1] = sd * rng.normal();
            }
        }
        new DoubleFFT_1D(s).complexInverse(c, false);
        double[] u = new double[s];
        for (int j = 0; j < s; j++) {
            u[j] = c[2 * j];
        }
        return u;
    }

    /**
     * One sample on {@code (x_i, y_j) = (i / s, j / s)}; frequencies |k1|, |k2| up to the cutoff, drawn in an order
     * that does not depend on s (as for {@link #sample1d}).
     *
     * @return values row-major, shape (s, s), index {@code i * s + j}
     */
    public double[] sample2d(int s, Rng rng) {
        double[][] c = new double[s][2 * s];
        int cut = cutoff(s);
        for (int ka = -cut; ka <= cut; ka++) {
            int a = Math.floorMod(ka, s);
            for (int kb = -cut; kb <= cut; kb++) {
                if (ka == 0 && kb == 0) {
                    continue;
                }
                int b = Math.floorMod(kb, s);
                double sd = Math.sqrt(eigenvalue((double) ka * ka + (double) kb * kb));
                c[a][2 * b] = sd * rng.normal();
                c[a][2 * b + 1] = sd * rng.normal();
            }
        }
        new DoubleFFT_2D(s, s).complexInverse(c, false);
        double[] u = new double[s * s];
        for (int a = 0; a < s; a++) {
            for (int b = 0; b < s; b++) {
                u[a * s + b] = c[a][2 * b];
            }
        }
        return u;
    }

    /** The covariance of two points of a 1-D sample on an s-point grid that are {@code r} apart. */
    public double covariance1d(double r, int s) {
        double sum = 0;
        for (int j = 0; j < s; j++) {
            int k = frequency(j, s);
            if (kept(k, s)) {
                sum += eigenvalue((double) k * k) * Math.cos(2 * Math.PI * k * r);
            }
        }
        return sum;
    }
}
