package org.sciml4j.discovery.dmd;

/**
 * Kernel DMD (Williams, Rowley and Kevrekidis 2015): EDMD with the dictionary left implicit in a kernel. From the
 * Gram matrices G_ij = k(x_i, x_j) and A_ij = k(y_i, x_j) (p, p), G = Q S^2 Q^T truncated to rank r, the operator
 * K^ = S^-1 Q^T A Q S^-1 (r, r); its eigenvectors v_j give the eigenfunctions at the data, Phi_X = Q S V.
 */
public final class KernelDmd {
    private KernelDmd() {
    }

    /**
     * Fits kernel DMD.
     *
     * @param x states (m, p), column-major; y the states one step dt later
     * @param rule the truncation of the Gram matrix's spectrum (on its square roots, the singular values of Psi_X)
     */
    public static DmdResult fit(double[] x, double[] y, int m, int p, double dt, Kernel kernel, RankRule rule) {
        double[] g = new double[p * p];
        double[] a = new double[p * p];
        for (int j = 0; j < p; j++) {
            for (int i = 0; i < p; i++) {
                g[i + j * p] = kernel.value(x, i * m, x, j * m, m);
                a[i + j * p] = kernel.value(y, i * m, x, j * m, m);
            }
        }
        double[][] eig = Dense.eigh(g, p); // ascending
        double[] s = new double[p];
        for (int j = 0; j < p; j++) {
            s[j] = Math.sqrt(Math.max(eig[0][p - 1 - j], 0));
        }
        int r = rule.rank(s, p, p);
        double[] qs = new double[p * r]; // Q S^-1 (p, r)
        double[] qsPlus = new double[p * r]; // Q S (p, r)
        for (int j = 0; j < r; j++) {
            for (int i = 0; i < p; i++) {
                double q = eig[1][i + (p - 1 - j) * p];
                qs[i + j * p] = q / s[j];
                qsPlus[i + j * p] = q * s[j];
            }
        }
        double[] aqs = Dense.multiply(false, false, p, r, p, a, qs);
        double[] khat = Dense.multiply(true, false, r, r, p, qs, aqs);
        ComplexEigen e = Dense.eig(khat, r);
        ComplexMatrix phiX = e.vectors().leftMultiplyReal(qsPlus, p);
        return Edmd.koopmanModes("kernel", dt, e, phiX, x, m, p, s, r);
    }
}
