package org.sciml4j.discovery.dmd;

/**
 * Exact DMD (Tu et al. 2014): for snapshot pairs Y = A X (features m, pairs p), the truncated SVD X = U_r S_r V_r^T,
 * the reduced operator A~ = U_r^T Y V_r S_r^-1 (r, r), its eigen-decomposition A~ W = W Lambda, the exact modes
 * Phi = Y V_r S_r^-1 W and the amplitudes b = argmin ||Phi b - x_0||.
 */
public final class ExactDmd {
    /** Above this many multiply-adds a tall SVD goes by the method of snapshots rather than dgesdd. */
    static final double SNAPSHOT_METHOD_ABOVE = 2e8;

    private ExactDmd() {
    }

    /**
     * Fits exact DMD.
     *
     * @param x    the snapshots X (m, p), column-major
     * @param y    the snapshots one step later, Y (m, p)
     * @param m    the number of features
     * @param p    the number of pairs
     * @param dt   the time step between X and Y
     * @param rule the rank truncation
     * @param x0   the snapshot the amplitudes are fitted to (m), usually the first one
     */
    public static DmdResult fit(double[] x, double[] y, int m, int p, double dt, RankRule rule, double[] x0) {
        Reduced red = reduce(x, y, m, p, rule);
        ComplexEigen eig = Dense.eig(red.atilde, red.r);
        ComplexMatrix phi = eig.vectors().leftMultiplyReal(red.yvs, m); // (m, r)
        ComplexMatrix b = phi.leastSquares(ComplexMatrix.real(m, 1, x0.clone()));
        return DmdResult.fromDiscrete("exact", dt, eig.re(), eig.im(), phi, b.re(), b.im(), red.svd.s(), red.r);
    }

    /** The reduced pieces of exact DMD: SVD of X, rank, Y V_r S_r^-1 (m, r) and A~ (r, r). */
    record Reduced(Dense.Svd svd, int r, double[] ur, double[] yvs, double[] atilde) {
    }

    static Reduced reduce(double[] x, double[] y, int m, int p, RankRule rule) {
        Dense.Svd svd = svd(x, m, p, rule);
        int r = rule.rank(svd.s(), m, p);
        int k = svd.k();
        double[] vs = new double[p * r]; // V_r S_r^-1 (p, r): row j of V^T is column j of V
        for (int j = 0; j < r; j++) {
            double inv = 1 / svd.s()[j];
            for (int i = 0; i < p; i++) {
                vs[i + j * p] = svd.vt()[j + i * k] * inv;
            }
        }
        double[] ur = new double[m * r];
        System.arraycopy(svd.u(), 0, ur, 0, m * r);
        double[] yvs = Dense.multiply(false, false, m, r, p, y, vs);
        double[] atilde = Dense.multiply(true, false, r, r, m, ur, yvs);
        return new Reduced(svd, r, ur, yvs, atilde);
    }

    /**
     * The economy SVD of an (m, n) matrix: by dgesdd, or for a tall matrix large enough that it pays by the method of
     * snapshots (one BLAS Gram product and a small symmetric eigenproblem), keeping singular values above 1e-7 s_max
     * and computing only the columns of U that {@code rule} keeps.
     */
    public static Dense.Svd svd(double[] a, int m, int n, RankRule rule) {
        if (m >= 4L * n && (double) m * n * n > SNAPSHOT_METHOD_ABOVE) {
            return Dense.svdBySnapshots(a, m, n, 1e-7, rule);
        }
        return Dense.svd(a, m, n);
    }
}
