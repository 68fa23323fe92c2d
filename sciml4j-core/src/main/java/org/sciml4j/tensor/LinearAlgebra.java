package org.sciml4j.tensor;

import static org.sciml4j.tensor.Primitives.one;

import java.util.Arrays;
import java.util.function.Function;

/**
 * The dense linear-algebra primitives on matrices, batched over leading axes (shape (..., m, n)): solve, log |det|,
 * Cholesky, and the packed decompositions of {@link Decompositions} (QR, SVD, symmetric eigen). Forward
 * computations call LAPACK ({@link Lapack}) matrix by matrix; the rules are the standard matrix-calculus ones
 * (Giles 2008, "Collected matrix derivative results"; Murray 2016 for Cholesky) written in tensor operations,
 * solves included, so that every derivative can be differentiated again. Shapes are checked by the public face,
 * {@link Linalg}.
 */
final class LinearAlgebra {
    private LinearAlgebra() {
    }

    /** A primitive on whole matrices: it mixes rows, so per-point Jacobians refuse it. */
    abstract static class MatrixPrimitive extends Primitive {
        @Override
        boolean keepsRows(Tensor out, Tensor[] in, boolean[] batched) {
            return false;
        }

        /**
         * The Taylor rule of solve, logdet, cholesky, qr, svd and eigh: the generic one built from each primitive's
         * jvp rule, one direction at a time ({@link TaylorByDirection}); exact, and off the PINN's hot path.
         */
        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return TaylorByDirection.byForwardMode(this, plan, c, out, in);
        }
    }

    // ------------------------------------------------------------------ helpers in tensor operations

    /** (X + X^T) / 2. */
    static Tensor sym(Tensor x) {
        return x.add(x.mT()).mul(0.5);
    }

    /** X A^-1 = (A^-T X^T)^T. */
    static Tensor rightSolve(Tensor x, Tensor a) {
        return solve(a.mT(), x.mT()).mT();
    }

    /** The diagonal of square matrices (..., n, n), shape (..., n). */
    static Tensor diagonal(Tensor x) {
        return x.mul(Tensor.eye(x.size(-1))).sum(-1);
    }

    /** The diagonal matrices of vectors (..., n), shape (..., n, n). */
    static Tensor diag(Tensor v) {
        return Tensor.eye(v.size(-1)).mul(v.unsqueeze(-2));
    }

    /** Scales column j of matrices (..., m, n) by v_j, v of shape (..., n): X diag(v). */
    static Tensor scaleColumns(Tensor x, Tensor v) {
        return x.mul(v.unsqueeze(-2));
    }

    /** Scales row i of matrices (..., n, k) by v_i, v of shape (..., n): diag(v) X. */
    static Tensor scaleRows(Tensor x, Tensor v) {
        return x.mul(v.unsqueeze(-1));
    }

    /**
     * A constant (n, n) mask: 1 below the diagonal when {@code lower} (above it otherwise), {@code diagonal} on it,
     * 0 elsewhere.
     */
    static Tensor mask(int n, boolean lower, double diagonal) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                m[i * n + j] = i == j ? diagonal : (i > j) == lower ? 1 : 0;
            }
        }
        return Tensor.wrap(m, n, n);
    }

    /** The symmetric part of square matrices' values, (A + A^T) / 2, the input the symmetric primitives read. */
    static double[] symmetricValues(Tensor a) {
        int n = a.size(-1);
        double[] s = new double[a.data.length];
        for (int b = 0; b < s.length; b += n * n) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    s[b + i * n + j] = (a.data[b + i * n + j] + a.data[b + j * n + i]) * 0.5;
                }
            }
        }
        return s;
    }

    /** The batch shape of matrices (..., m, n): their leading axes. */
    static int[] batchShape(Tensor a) {
        return Arrays.copyOf(a.shape, a.shape.length - 2);
    }

    /** {@code shape} with {@code tail} appended. */
    static int[] withTail(int[] shape, int... tail) {
        int[] s = Arrays.copyOf(shape, shape.length + tail.length);
        System.arraycopy(tail, 0, s, shape.length, tail.length);
        return s;
    }

    /**
     * Runs a computation on each matrix of a batch: {@code f} maps one matrix's values (row-major) to its results,
     * of the lengths {@code sizes}; the results of all matrices are laid one after the other, per result.
     */
    static double[][] perMatrix(double[] batch, int matrixSize, int[] sizes, Function<double[], double[][]> f) {
        int count = batch.length / matrixSize;
        double[][] out = new double[sizes.length][];
        for (int k = 0; k < sizes.length; k++) {
            out[k] = new double[count * sizes[k]];
        }
        for (int b = 0; b < count; b++) {
            double[][] r = f.apply(Arrays.copyOfRange(batch, b * matrixSize, (b + 1) * matrixSize));
            for (int k = 0; k < sizes.length; k++) {
                System.arraycopy(r[k], 0, out[k], b * sizes[k], sizes[k]);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ solve

    /** X = A^-1 B: dX = A^-1 (dB - dA X); reverse gB = A^-T g, gA = -gB X^T. */
    static final Primitive SOLVE = new MatrixPrimitive() {
        String name() {
            return "solve";
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            Tensor gb = solve(in[0].mT(), g);
            return new Tensor[] {need[0] ? gb.matmul(out.mT()).neg() : null, need[1] ? gb : null};
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            Tensor rhs = t[0] == null ? t[1] : t[1] == null ? t[0].matmul(out).neg() : t[1].sub(t[0].matmul(out));
            return solve(in[0], rhs);
        }
    };

    /** A^-1 B for A (..., n, n) and B (..., n, k), the same batch axes. */
    static Tensor solve(Tensor a, Tensor b) {
        int n = a.size(-1);
        int k = b.size(-1);
        double[] x = new double[b.data.length];
        for (int i = 0; i < x.length / (n * k); i++) {
            double[] ai = Arrays.copyOfRange(a.data, i * n * n, (i + 1) * n * n);
            double[] bi = Arrays.copyOfRange(b.data, i * n * k, (i + 1) * n * k);
            System.arraycopy(Lapack.solve(ai, bi, n, k), 0, x, i * n * k, n * k);
        }
        return Tensor.record(SOLVE, x, b.shape.clone(), a, b);
    }

    // ------------------------------------------------------------------ log |det|

    /** log |det A|: d = tr(A^-1 dA); reverse gA = g A^-T. */
    static final Primitive LOGDET = new MatrixPrimitive() {
        String name() {
            return "logdet";
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            Tensor a = in[0];
            Tensor inverseT = solve(a.mT(), Tensor.eye(a.size(-1)).broadcastTo(a.shape));
            return one(inverseT.mul(g.unsqueeze(-1).unsqueeze(-1)));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return diagonal(solve(in[0], t[0])).sum(-1);
        }
    };

    static Tensor logdet(Tensor a) {
        int n = a.size(-1);
        double[] d = perMatrix(a.data, n * n, new int[] {1}, m -> new double[][] {{Lapack.logAbsDet(m, n)}})[0];
        return Tensor.record(LOGDET, d, batchShape(a), a);
    }

    // ------------------------------------------------------------------ Cholesky

    /**
     * L with L L^T = S = (A + A^T) / 2 (Murray 2016): dL = L Phi(L^-1 dS L^-T), Phi taking the lower triangle with
     * half the diagonal; reverse gS = L^-T Phi(L^T gL) L^-1, then gA = sym(gS).
     */
    static final Primitive CHOLESKY = new MatrixPrimitive() {
        String name() {
            return "cholesky";
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            Tensor lt = out.mT();
            Tensor p = phi(lt.matmul(g));
            Tensor left = solve(lt, p);                                   // L^-T P
            return one(sym(solve(lt, left.mT()).mT()));                   // (L^-T P) L^-1
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            Tensor c = solve(out, solve(out, sym(t[0])).mT()).mT();       // L^-1 dS L^-T
            return out.matmul(phi(c));
        }

        private Tensor phi(Tensor x) {
            return x.mul(mask(x.size(-1), true, 0.5));
        }
    };

    static Tensor cholesky(Tensor a) {
        int n = a.size(-1);
        double[] l = perMatrix(symmetricValues(a), n * n, new int[] {n * n},
                m -> new double[][] {Lapack.cholesky(m, n)})[0];
        return Tensor.record(CHOLESKY, l, a.shape.clone(), a);
    }
}
