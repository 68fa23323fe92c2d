package org.sciml4j.inference.generative;

import java.util.List;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * Gauss-Newton projection of fields onto {R(u) = 0} for a set of per-field constraints R = (R_1, ..., R_m):
 * u <- u - J^T (J J^T)^{-1} R(u), J the (m, n) constraint Jacobian of each field taken through the engine
 * ({@link Autodiff}), iterated until every residual is below the tolerance or the iterations run out. For affine
 * constraints one step is exact (to rounding); for nonlinear ones the iteration converges quadratically from nearby
 * points. The step is the minimum-norm correction of the linearised constraints, so each field moves as little as
 * the constraints allow.
 */
public final class Projection {
    private final List<Constraint> constraints;
    private final int maxIterations;
    private final double tolerance;

    /**
     * @param constraints   the constraints, at least one
     * @param maxIterations Gauss-Newton steps at most (>= 1)
     * @param tolerance     stop once every |R_k(u)| is at most this (absolute)
     */
    public Projection(List<Constraint> constraints, int maxIterations, double tolerance) {
        if (constraints.isEmpty()) {
            throw new IllegalArgumentException("a projection needs at least one constraint");
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("projection iterations must be >= 1, got " + maxIterations);
        }
        this.constraints = List.copyOf(constraints);
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    /** The constraints, in order. */
    public List<Constraint> constraints() {
        return constraints;
    }

    /**
     * Projects B fields in place.
     *
     * @param u fields, flat (B, n) row-major; overwritten with the projected fields
     * @return the largest |R_k| over fields and constraints after the last step
     * @throws IllegalStateException if J J^T is singular for a field (e.g. the zero field under an energy constraint)
     */
    public double project(double[] u, int b, int n) {
        int m = constraints.size();
        double worst = Double.NaN;
        for (int it = 0; it <= maxIterations; it++) {
            double[] r = new double[b * m];
            double[][] jac = new double[m][];
            try (var s = Autodiff.enableGrad()) {
                Tensor x = Tensor.of(u, b, n).requireGrad();
                for (int k = 0; k < m; k++) {
                    Tensor rk = constraints.get(k).residual(x);
                    double[] rv = rk.data();
                    for (int i = 0; i < b; i++) {
                        r[i * m + k] = rv[i];
                    }
                    // the fields are independent, so the gradient of the sum holds every field's row k of J
                    jac[k] = Autodiff.grad(rk.sum(), x)[0].toArray();
                }
            }
            worst = maxAbs(r);
            if (worst <= tolerance || it == maxIterations) {
                break;
            }
            step(u, r, jac, b, n, m);
        }
        return worst;
    }

    /** Largest |R_k| for each of B fields (B values). */
    public double[] violations(double[] u, int b, int n) {
        double[] out = new double[b];
        try (var s = Autodiff.noGrad()) {
            Tensor x = Tensor.of(u, b, n);
            for (Constraint c : constraints) {
                double[] r = c.residual(x).data();
                for (int i = 0; i < b; i++) {
                    out[i] = Math.max(out[i], Math.abs(r[i]));
                }
            }
        }
        return out;
    }

    // numerical kernel
    private static void step(double[] u, double[] r, double[][] jac, int b, int n, int m) {
        double[] a = new double[m * m];
        double[] lambda = new double[m];
        for (int i = 0; i < b; i++) {
            int off = i * n;
            for (int p = 0; p < m; p++) {
                for (int q = 0; q <= p; q++) {
                    double dot = 0;
                    for (int j = 0; j < n; j++) {
                        dot += jac[p][off + j] * jac[q][off + j];
                    }
                    a[p * m + q] = dot;
                    a[q * m + p] = dot;
                }
                lambda[p] = r[i * m + p];
            }
            SmallSolve.solveInPlace(a, lambda, m);
            for (int p = 0; p < m; p++) {
                double l = lambda[p];
                for (int j = 0; j < n; j++) {
                    u[off + j] -= jac[p][off + j] * l;
                }
            }
        }
    }

    private static double maxAbs(double[] v) {
        double w = 0;
        for (double x : v) {
            w = Math.max(w, Math.abs(x));
        }
        return w;
    }
}
