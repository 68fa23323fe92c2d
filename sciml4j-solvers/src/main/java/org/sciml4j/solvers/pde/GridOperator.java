package org.sciml4j.solvers.pde;

/**
 * The 5-point finite-difference operator {@code -div(a grad u)} on the unit square with n intervals per side
 * ({@code h = 1 / n}), u = 0 on the boundary, given by its face coefficients. Arrays cover the whole vertex grid
 * (n + 1)^2 row-major, boundary included (kept at zero), so that neighbours need no bounds checks.
 * <p>
 * {@code ax[i * (n + 1) + j]} is the coefficient of the face between vertices (i, j) and (i + 1, j), i &lt; n;
 * {@code ay[i * n + j]} the one between (i, j) and (i, j + 1), j &lt; n.
 */
final class GridOperator {
    final int n;
    final double[] ax;
    final double[] ay;
    final double[] diag;
    private final double invH2;

    GridOperator(int n, double[] ax, double[] ay) {
        this.n = n;
        this.ax = ax;
        this.ay = ay;
        this.invH2 = (double) n * n;
        int w = n + 1;
        diag = new double[w * w];
        for (int i = 1; i < n; i++) {
            for (int j = 1; j < n; j++) {
                diag[i * w + j] = (ax[i * w + j] + ax[(i - 1) * w + j] + ay[i * n + j] + ay[i * n + j - 1]) * invH2;
            }
        }
    }

    /** Face coefficients from vertex values of a: harmonic means of the two ends (exact for a piecewise-constant a). */
    static GridOperator fromVertexCoefficient(int n, double[] a) {
        int w = n + 1;
        double[] ax = new double[n * w];
        double[] ay = new double[w * n];
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= n; j++) {
                if (i < n) {
                    ax[i * w + j] = harmonic(a[i * w + j], a[(i + 1) * w + j]);
                }
                if (j < n) {
                    ay[i * n + j] = harmonic(a[i * w + j], a[i * w + j + 1]);
                }
            }
        }
        return new GridOperator(n, ax, ay);
    }

    static double harmonic(double p, double q) {
        return 2 * p * q / (p + q);
    }

    /**
     * The operator on the grid with half as many intervals: a coarse face is two fine faces in series (harmonic mean)
     * averaged across with weights 1/4, 1/2, 1/4 over the fine lines beside it (in parallel).
     */
    GridOperator coarsen() {
        int nc = n / 2;
        int w = n + 1;
        int wc = nc + 1;
        double[] cx = new double[nc * wc];
        double[] cy = new double[wc * nc];
        for (int ic = 0; ic <= nc; ic++) {
            for (int jc = 0; jc <= nc; jc++) {
                int i2 = 2 * ic;
                int j2 = 2 * jc;
                if (ic < nc) {
                    cx[ic * wc + jc] = across(j2, j -> harmonic(ax[i2 * w + j], ax[(i2 + 1) * w + j]));
                }
                if (jc < nc) {
                    cy[ic * nc + jc] = across(i2, i -> harmonic(ay[i * n + j2], ay[i * n + j2 + 1]));
                }
            }
        }
        return new GridOperator(nc, cx, cy);
    }

    private double across(int centre, java.util.function.IntToDoubleFunction series) {
        double sum = 0.5 * series.applyAsDouble(centre);
        double weight = 0.5;
        if (centre > 0) {
            sum += 0.25 * series.applyAsDouble(centre - 1);
            weight += 0.25;
        }
        if (centre < n) {
            sum += 0.25 * series.applyAsDouble(centre + 1);
            weight += 0.25;
        }
        return sum / weight;
    }

    /** {@code out = A u} on interior vertices (boundary of out set to zero). */
    void apply(double[] u, double[] out) { // numerical kernel
        int w = n + 1;
        java.util.Arrays.fill(out, 0);
        for (int i = 1; i < n; i++) {
            for (int j = 1; j < n; j++) {
                int p = i * w + j;
                out[p] = diag[p] * u[p] - invH2 * (ax[p] * u[p + w] + ax[p - w] * u[p - w]
                        + ay[i * n + j] * u[p + 1] + ay[i * n + j - 1] * u[p - 1]);
            }
        }
    }

    /** Gauss-Seidel sweeps over the vertices of one colour ((i + j) % 2 == parity), in place. */
    void relax(double[] u, double[] f, int parity) { // numerical kernel
        int w = n + 1;
        for (int i = 1; i < n; i++) {
            for (int j = 1 + ((i + 1 + parity) & 1); j < n; j += 2) {
                int p = i * w + j;
                double off = invH2 * (ax[p] * u[p + w] + ax[p - w] * u[p - w]
                        + ay[i * n + j] * u[p + 1] + ay[i * n + j - 1] * u[p - 1]);
                u[p] = (f[p] + off) / diag[p];
            }
        }
    }

    /** Number of interior vertices, (n - 1)^2. */
    int unknowns() {
        return (n - 1) * (n - 1);
    }

    /** The band matrix's lower part in LAPACK's column-major band layout, band width n - 1. */
    double[] lowerBand() {
        int m = n - 1;
        int ldab = m + 1;
        int w = n + 1;
        double[] ab = new double[ldab * m * m];
        for (int i = 1; i < n; i++) {
            for (int j = 1; j < n; j++) {
                int col = (i - 1) * m + (j - 1);
                ab[col * ldab] = diag[i * w + j];
                if (j < n - 1) {
                    ab[col * ldab + 1] = -invH2 * ay[i * n + j];
                }
                if (i < n - 1) {
                    ab[col * ldab + m] = -invH2 * ax[i * w + j];
                }
            }
        }
        return ab;
    }
}
