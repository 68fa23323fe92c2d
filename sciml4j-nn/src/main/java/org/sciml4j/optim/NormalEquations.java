package org.sciml4j.optim;

import org.sciml4j.tensor.kernel.MatMul;

/**
 * The Gauss-Newton products of a row-major (m, n) Jacobian J and residuals r: {@code J^T J} and {@code J^T r}, shared
 * by {@link LevenbergMarquardt} and {@link NaturalGradient}.
 * <p>
 * {@code J^T J} goes through the engine's Vector API matrix kernel, not BLAS {@code dsyrk}: without a native BLAS,
 * netlib's Java {@code dsyrk} took 23-66 ms for a (1020, 129) Jacobian on a loaded 2-core machine where the kernel
 * took 9-11 ms, and it was the largest item of the Poisson PINN's Levenberg-Marquardt profile.
 */
final class NormalEquations {
    private NormalEquations() {
    }

    /**
     * {@code J^T J}, the full symmetric (n, n) matrix (row-major equals column-major).
     *
     * @param jacobian the (m, n) Jacobian, row-major
     */
    static double[] gramian(double[] jacobian, int m, int n) {
        double[] out = new double[n * n];
        if (m > 0 && n > 0) {
            MatMul.gemmTransA(jacobian, 0, jacobian, 0, out, 0, n, m, n, false);
        }
        return out;
    }

    /**
     * {@code J^T r}, length n.
     *
     * @param jacobian the (m, n) Jacobian, row-major
     * @param r        the residuals, length m
     */
    static double[] transposeTimes(double[] jacobian, double[] r, int n) {
        double[] out = new double[n];
        for (int i = 0; i < r.length; i++) {
            double ri = r[i];
            int row = i * n;
            for (int j = 0; j < n; j++) {
                out[j] += jacobian[row + j] * ri;
            }
        }
        return out;
    }

    /**
     * {@code J v}, length m.
     *
     * @param jacobian the (m, n) Jacobian, row-major
     * @param v        length n
     */
    static double[] times(double[] jacobian, double[] v, int m) {
        int n = v.length;
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            int row = i * n;
            for (int j = 0; j < n; j++) {
                s += jacobian[row + j] * v[j];
            }
            out[i] = s;
        }
        return out;
    }
}
