package org.sciml4j.discovery.dmd;

/**
 * Extended DMD (Williams, Kevrekidis and Rowley 2015): the Koopman operator on the span of a dictionary, K =
 * Psi_X^+ Psi_Y (N, N) from the dictionary at the snapshot pairs; its eigenvalues approximate Koopman eigenvalues,
 * its eigenvectors w_j give eigenfunctions phi_j(x) = psi(x)^T w_j, and the Koopman modes xi_j (the state as a
 * combination of eigenfunctions) come from least squares X^T ~ Phi_X Xi. When the dictionary spans a Koopman
 * invariant subspace, its eigenvalues are exact (up to rounding).
 */
public final class Edmd {
    private Edmd() {
    }

    /**
     * Fits EDMD.
     *
     * @param x     states (m, p), column-major; y the states one step dt later
     * @param rcond singular values of Psi_X below rcond s_max are treated as zero in the least squares
     */
    public static DmdResult fit(double[] x, double[] y, int m, int p, double dt, Dictionary dict, double rcond) {
        int nf = dict.size();
        double[] psiX = dict.matrix(x, m, p);
        double[] psiY = dict.matrix(y, m, p);
        double[] k = Dense.leastSquares(psiX, p, nf, psiY, nf, rcond);
        ComplexEigen eig = Dense.eig(k, nf);
        ComplexMatrix phiX = eig.vectors().leftMultiplyReal(psiX, p); // (p, N)
        double[] s = Dense.svd(psiX, p, nf).s();
        return koopmanModes("edmd", dt, eig, phiX, x, m, p, s, nf);
    }

    /**
     * The result from eigenvalues and eigenfunction values Phi_X (p, r) at the snapshots: modes Xi^T (m, r) with
     * X^T ~ Phi_X Xi, amplitudes phi_j at the first snapshot.
     */
    static DmdResult koopmanModes(String method, double dt, ComplexEigen eig, ComplexMatrix phiX, double[] x, int m,
                                  int p, double[] s, int rank) {
        int r = phiX.cols();
        ComplexMatrix xi = phiX.leastSquares(ComplexMatrix.real(p, m, Dense.transpose(x, m, p))); // (r, m)
        ComplexMatrix modes = new ComplexMatrix(m, r);
        double[] cre = new double[r];
        double[] cim = new double[r];
        for (int j = 0; j < r; j++) {
            for (int i = 0; i < m; i++) {
                modes.re()[i + j * m] = xi.re()[j + i * r];
                modes.im()[i + j * m] = xi.im()[j + i * r];
            }
            cre[j] = phiX.re()[j * p];
            cim[j] = phiX.im()[j * p];
        }
        return DmdResult.fromDiscrete(method, dt, eig.re(), eig.im(), modes, cre, cim, s, rank);
    }
}
