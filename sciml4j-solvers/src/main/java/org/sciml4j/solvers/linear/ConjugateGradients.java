package org.sciml4j.solvers.linear;

/**
 * Preconditioned conjugate gradients for a symmetric positive definite system {@code A x = b} given as products over
 * flat arrays, the one implementation behind the grid solvers (Darcy's multigrid-preconditioned solve, the antiplane
 * fault's Jacobi-preconditioned one). Stops when {@code |b - A x| <= tolerance |b|}.
 */
public final class ConjugateGradients {
    /** {@code out = Op in}, both of the system's length; {@code out} is overwritten. */
    @FunctionalInterface
    public interface Operator {
        void apply(double[] in, double[] out);
    }

    private ConjugateGradients() {
    }

    /**
     * Solves {@code A x = b} from the start {@code x} (updated in place).
     *
     * @param a             the matrix A, symmetric positive definite on the iterated subspace
     * @param preconditioner M^-1 (symmetric positive definite), e.g. a Jacobi division or a multigrid cycle
     * @param b             right-hand side, length n (not changed)
     * @param x             start, length n; the solution on return
     * @param tolerance     relative residual to reach, in (0, 1)
     * @param maxIterations iterations allowed
     * @param what          the solver's name for the error message
     * @return the iterations done (0 when {@code b = 0} or the start already meets the tolerance)
     * @throws IllegalStateException when the tolerance is not reached in {@code maxIterations}
     */
    public static int solve(Operator a, Operator preconditioner, double[] b, double[] x, double tolerance,
            int maxIterations, String what) { // numerical kernel
        int n = b.length;
        double norm0 = Math.sqrt(dot(b, b));
        double[] r = new double[n];
        a.apply(x, r);
        for (int k = 0; k < n; k++) {
            r[k] = b[k] - r[k];
        }
        if (norm0 == 0 || Math.sqrt(dot(r, r)) <= tolerance * norm0) {
            return 0;
        }
        double[] z = new double[n];
        double[] q = new double[n];
        preconditioner.apply(r, z);
        double[] p = z.clone();
        double rz = dot(r, z);
        for (int it = 1; it <= maxIterations; it++) {
            a.apply(p, q);
            double step = rz / dot(p, q);
            for (int k = 0; k < n; k++) {
                x[k] += step * p[k];
                r[k] -= step * q[k];
            }
            if (Math.sqrt(dot(r, r)) <= tolerance * norm0) {
                return it;
            }
            preconditioner.apply(r, z);
            double rzNew = dot(r, z);
            double beta = rzNew / rz;
            rz = rzNew;
            for (int k = 0; k < n; k++) {
                p[k] = z[k] + beta * p[k];
            }
        }
        throw new IllegalStateException(what + ": conjugate gradients did not reach relative residual " + tolerance
                + " in " + maxIterations + " iterations");
    }

    /** The dot product of two arrays of one length. */
    public static double dot(double[] x, double[] y) {
        double s = 0;
        for (int k = 0; k < x.length; k++) {
            s += x[k] * y[k];
        }
        return s;
    }
}
