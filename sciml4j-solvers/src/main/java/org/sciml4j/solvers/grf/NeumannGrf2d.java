package org.sciml4j.solvers.grf;

import org.jtransforms.fft.DoubleFFT_1D;
import org.sciml4j.tensor.Rng;

/**
 * The FNO Darcy coefficient field: a mean-zero Gaussian random field on the unit square with covariance
 * {@code sigma^2 (-Laplacian + tau^2 I)^(-alpha)}, the Laplacian with zero Neumann boundary values, so its
 * Karhunen-Loeve modes are {@code phi_k1(x) phi_k2(y)}, {@code phi_0 = 1}, {@code phi_k = sqrt(2) cos(pi k x)}, with
 * variances {@code sigma^2 (pi^2 (k1^2 + k2^2) + tau^2)^(-alpha)}; the constant mode is left out. The FNO code
 * ({@code data_generation/darcy/GRF.m}) uses {@code sigma = tau^(alpha - 1)}: alpha = 2, tau = 3, sigma = 3.
 * <p>
 * Sampled on the vertex grid {@code x_j = j / (s - 1)}, j = 0..s-1 (the solver's grid, boundary included), with the
 * modes k1, k2 &lt; {@code modes}: the cosine sums are a type-I discrete cosine transform, done as one real FFT of the
 * even extension (length 2 (s - 1)) per row and column.
 */
public final class NeumannGrf2d {
    private final double sigma;
    private final double tau;
    private final double alpha;
    private final int modes;

    /**
     * @param modes number of cosine modes per direction (k = 0..modes-1); 0 keeps all the grid resolves (s)
     */
    public NeumannGrf2d(double sigma, double tau, double alpha, int modes) {
        if (!(sigma > 0) || !(tau >= 0) || !(alpha > 0) || modes < 0) {
            throw new IllegalArgumentException("grf needs sigma > 0, tau >= 0, alpha > 0, modes >= 0; got sigma "
                    + sigma + ", tau " + tau + ", alpha " + alpha + ", modes " + modes);
        }
        this.sigma = sigma;
        this.tau = tau;
        this.alpha = alpha;
        this.modes = modes;
    }

    /** The variance of mode (k1, k2); 0 for (0, 0). */
    public double eigenvalue(int k1, int k2) {
        if (k1 == 0 && k2 == 0) {
            return 0;
        }
        return sigma * sigma * Math.pow(Math.PI * Math.PI * ((double) k1 * k1 + (double) k2 * k2) + tau * tau, -alpha);
    }

    /** The basis function phi_k at x in [0, 1]. */
    public static double basis(int k, double x) {
        return k == 0 ? 1 : Math.sqrt(2) * Math.cos(Math.PI * k * x);
    }

    /**
     * One sample on the (s, s) vertex grid.
     *
     * @param s points per side, >= 2 (boundary included)
     * @return values row-major, shape (s, s), index {@code i * s + j} for {@code (x_i, y_j)}
     */
    public double[] sample(int s, Rng rng) {
        if (s < 2) {
            throw new IllegalArgumentException("grid needs at least 2 points per side, got " + s);
        }
        int k = modes == 0 ? s : Math.min(modes, s);
        double[] coef = new double[s * s]; // coefficient of cos(pi k1 x) cos(pi k2 y) (basis factors folded in)
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                double scale = (a == 0 ? 1 : Math.sqrt(2)) * (b == 0 ? 1 : Math.sqrt(2));
                coef[a * s + b] = scale * Math.sqrt(eigenvalue(a, b)) * rng.normal();
            }
        }
        CosineSum sum = new CosineSum(s);
        double[] rows = new double[s * s];
        double[] line = new double[s];
        for (int a = 0; a < k; a++) { // along y for each x-frequency: rows[a][j]
            System.arraycopy(coef, a * s, line, 0, s);
            System.arraycopy(sum.apply(line), 0, rows, a * s, s);
        }
        double[] u = new double[s * s];
        for (int j = 0; j < s; j++) { // along x for each y point
            for (int a = 0; a < s; a++) {
                line[a] = rows[a * s + j];
            }
            double[] col = sum.apply(line);
            for (int i = 0; i < s; i++) {
                u[i * s + j] = col[i];
            }
        }
        return u;
    }

    /** {@code f_j = sum_{k=0}^{s-1} c_k cos(pi k j / (s - 1))} by a real FFT of the even extension. */
    static final class CosineSum {
        private final int s;
        private final int m;
        private final DoubleFFT_1D fft;

        CosineSum(int s) {
            this.s = s;
            this.m = 2 * (s - 1);
            this.fft = new DoubleFFT_1D(m);
        }

        double[] apply(double[] c) {
            double[] g = new double[m];
            for (int k = 0; k < s; k++) {
                g[k] = c[k];
            }
            for (int k = 1; k < s - 1; k++) {
                g[m - k] = c[k];
            }
            fft.realForward(g); // g even, so its transform is real and even: sum_k g_k cos(2 pi k j / m)
            double[] f = new double[s];
            double last = c[s - 1];
            for (int j = 0; j < s; j++) {
                double gj = j == 0 ? g[0] : j == s - 1 ? g[1] : g[2 * j];
                f[j] = 0.5 * (gj + c[0] + ((j & 1) == 0 ? last : -last));
            }
            return f;
        }
    }
}
