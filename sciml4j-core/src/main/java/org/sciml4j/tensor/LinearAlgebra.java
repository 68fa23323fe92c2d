package org.sciml4j.tensor;

import static org.sciml4j.tensor.Primitives.one;

/**
 * The dense linear-algebra primitives on square matrices: solve, log |det|, Cholesky, and the packed
 * decompositions of {@link Decompositions} (QR, SVD, symmetric eigen). Forward computations call LAPACK
 * ({@link Lapack}); the rules are the standard matrix-calculus ones (Giles 2008, "Collected matrix derivative
 * results"; Murray 2016 for Cholesky) written in tensor operations, solves included, so that every derivative can
 * be differentiated again. Shapes are checked by the public face, {@link Linalg}.
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

    /** The diagonal of a square matrix, shape (n,). */
    static Tensor diagonal(Tensor x) {
        return x.mul(Tensor.eye(x.shape[0])).sum(1);
    }

    /** The diagonal matrix of a vector (n,), shape (n, n). */
    static Tensor diag(Tensor v) {
        return Tensor.eye(v.shape[0]).mul(v);
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

    /** The symmetric part of a square matrix's values, (A + A^T) / 2, the input the symmetric primitives read. */
    static double[] symmetricValues(Tensor a) {
        int n = a.shape[0];
        double[] s = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                s[i * n + j] = (a.data[i * n + j] + a.data[j * n + i]) * 0.5;
            }
        }
        return s;
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

    /** A^-1 B for A (n, n) and B (n, k). */
    static Tensor solve(Tensor a, Tensor b) {
        int n = a.shape[0];
        int k = b.shape[1];
        return Tensor.record(SOLVE, Lapack.solve(a.data, b.data, n, k), new int[] {n, k}, a, b);
    }

    // ------------------------------------------------------------------ log |det|

    /** log |det A|: d = tr(A^-1 dA); reverse gA = g A^-T. */
    static final Primitive LOGDET = new MatrixPrimitive() {
        String name() {
            return "logdet";
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            Tensor a = in[0];
            return one(solve(a.mT(), Tensor.eye(a.shape[0])).mul(g));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return diagonal(solve(in[0], t[0])).sum();
        }
    };

    static Tensor logdet(Tensor a) {
        return Tensor.record(LOGDET, new double[] {Lapack.logAbsDet(a.data, a.shape[0])}, new int[0], a);
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
            return x.mul(mask(x.shape[0], true, 0.5));
        }
    };

    static Tensor cholesky(Tensor a) {
        int n = a.shape[0];
        return Tensor.record(CHOLESKY, Lapack.cholesky(symmetricValues(a), n), new int[] {n, n}, a);
    }
}
