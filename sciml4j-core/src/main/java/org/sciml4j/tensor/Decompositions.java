package org.sciml4j.tensor;

import static org.sciml4j.tensor.LinearAlgebra.diag;
import static org.sciml4j.tensor.LinearAlgebra.diagonal;
import static org.sciml4j.tensor.LinearAlgebra.mask;
import static org.sciml4j.tensor.LinearAlgebra.rightSolve;
import static org.sciml4j.tensor.LinearAlgebra.sym;
import static org.sciml4j.tensor.LinearAlgebra.symmetricValues;
import static org.sciml4j.tensor.Primitives.one;

/**
 * The decompositions with several outputs: QR, SVD and the symmetric eigen-decomposition. Each is one primitive whose
 * output packs its factors into one flat vector; {@link Packed#parts} cuts them out with slice and reshape, which are
 * recorded like any operation, so a derivative reaching any factor flows back through the one node and its rules
 * receive (and return) the cotangents (tangents) of all factors at once. Rules follow Walter and Lehmann 2018 /
 * Seeger et al. 2017 (QR), Townsend 2016 (SVD) and Giles 2008 (eigen); the symmetric ones read (A + A^T) / 2.
 */
final class Decompositions {
    private Decompositions() {
    }

    /** A primitive on one matrix whose output is its factors, flattened and concatenated. */
    abstract static class Packed extends LinearAlgebra.MatrixPrimitive {
        final int[][] shapes;

        Packed(int[]... shapes) {
            this.shapes = shapes;
        }

        /** The factors of a packed output (or of its cotangent or tangent), each in its own shape. */
        final Tensor[] parts(Tensor packed) {
            Tensor[] p = new Tensor[shapes.length];
            int offset = 0;
            for (int i = 0; i < shapes.length; i++) {
                int size = Shape.numel(shapes[i]);
                p[i] = packed.slice(0, offset, offset + size).reshape(shapes[i]);
                offset += size;
            }
            return p;
        }

        /** The factors packed into one flat vector. */
        final Tensor pack(Tensor[] parts) {
            Tensor[] flat = new Tensor[parts.length];
            for (int i = 0; i < parts.length; i++) {
                flat[i] = parts[i].reshape(-1);
            }
            return Tensor.concat(0, flat);
        }

        /** Cotangent of the input from the factors' cotangents {@code g} and the factors {@code f}. */
        abstract Tensor vjpParts(Tensor[] g, Tensor[] f, Tensor a);

        /** Tangents of the factors from the input's tangent {@code da}. */
        abstract Tensor[] jvpParts(Tensor da, Tensor[] f, Tensor a);

        @Override
        final Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(vjpParts(parts(g), parts(out), in[0]));
        }

        @Override
        final Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return pack(jvpParts(t[0], parts(out), in[0]));
        }

        /** Records the packed output of the factors' values. */
        final Tensor record(Tensor a, double[]... factors) {
            int size = 0;
            for (double[] f : factors) {
                size += f.length;
            }
            double[] packed = new double[size];
            int offset = 0;
            for (double[] f : factors) {
                System.arraycopy(f, 0, packed, offset, f.length);
                offset += f.length;
            }
            return Tensor.record(this, packed, new int[] {size}, a);
        }
    }

    /** F with F_ij = 1 / (x_j - x_i) off the diagonal and 0 on it, for distinct x (n,). */
    static Tensor inverseGaps(Tensor x) {
        int n = x.shape[0];
        Tensor gaps = x.unsqueeze(0).sub(x.unsqueeze(1)).add(Tensor.eye(n));
        return gaps.pow(-1).mul(Tensor.ones(n, n).sub(Tensor.eye(n)));
    }

    // ------------------------------------------------------------------ QR

    /**
     * A = Q R, Q (m, n) with orthonormal columns, R (n, n) upper triangular with a positive diagonal. With
     * C = Q^T dA R^-1 and Omega = tril(C, -1) - tril(C, -1)^T: dR = (C - Omega) R, dQ = dA R^-1 - Q (C - Omega).
     * Reverse: M = gR R^T - Q^T gQ, N = triu(M) + triu(M, 1)^T, gA = (gQ + Q N) R^-T.
     */
    static final class Qr extends Packed {
        Qr(int m, int n) {
            super(new int[] {m, n}, new int[] {n, n});
        }

        String name() {
            return "qr";
        }

        Tensor[] jvpParts(Tensor da, Tensor[] f, Tensor a) {
            Tensor q = f[0];
            Tensor r = f[1];
            int n = r.shape[0];
            Tensor c = rightSolve(q.mT().matmul(da), r);
            Tensor below = c.mul(mask(n, true, 0));
            Tensor cMinusOmega = c.sub(below).add(below.mT());
            return new Tensor[] {rightSolve(da, r).sub(q.matmul(cMinusOmega)), cMinusOmega.matmul(r)};
        }

        Tensor vjpParts(Tensor[] g, Tensor[] f, Tensor a) {
            Tensor q = f[0];
            Tensor r = f[1];
            int n = r.shape[0];
            Tensor m = g[1].matmul(r.mT()).sub(q.mT().matmul(g[0]));
            Tensor n1 = m.mul(mask(n, false, 1)).add(m.mul(mask(n, false, 0)).mT());
            return rightSolve(g[0].add(q.matmul(n1)), r.mT());
        }
    }

    static Tensor[] qr(Tensor a) {
        int m = a.shape[0];
        int n = a.shape[1];
        Qr op = new Qr(m, n);
        return op.parts(op.record(a, Lapack.qr(a.data, m, n)));
    }

    // ------------------------------------------------------------------ symmetric eigen-decomposition

    /**
     * S = (A + A^T) / 2 = V diag(w) V^T, w ascending. With P = V^T dS V and F = inverseGaps(w): dw = diag(P),
     * dV = V (F * P). Reverse: gS = V (diag(gw) + F * (V^T gV)) V^T, gA = sym(gS).
     */
    static final class Eigh extends Packed {
        Eigh(int n) {
            super(new int[] {n}, new int[] {n, n});
        }

        String name() {
            return "eigh";
        }

        Tensor[] jvpParts(Tensor da, Tensor[] f, Tensor a) {
            Tensor v = f[1];
            Tensor p = v.mT().matmul(sym(da)).matmul(v);
            return new Tensor[] {diagonal(p), v.matmul(inverseGaps(f[0]).mul(p))};
        }

        Tensor vjpParts(Tensor[] g, Tensor[] f, Tensor a) {
            Tensor v = f[1];
            Tensor inner = diag(g[0]).add(inverseGaps(f[0]).mul(v.mT().matmul(g[1])));
            return sym(v.matmul(inner).matmul(v.mT()));
        }
    }

    static Tensor[] eigh(Tensor a) {
        int n = a.shape[0];
        Eigh op = new Eigh(n);
        return op.parts(op.record(a, Lapack.eigh(symmetricValues(a), n)));
    }

    // ------------------------------------------------------------------ singular value decomposition

    /**
     * A = U diag(s) V^T, m >= n, s descending and distinct. With P = U^T dA V and F_ij = 1 / (s_j^2 - s_i^2):
     * ds = diag(P), dU = U (F * (P S + S P^T)) + (I - U U^T) dA V S^-1, dV = V (F * (S P + P^T S)). Reverse, with
     * J = F * (U^T gU) and K = F * (V^T gV): gP = diag(gs) + (J + J^T) S + S (K + K^T),
     * gA = U gP V^T + (I - U U^T) gU S^-1 V^T.
     */
    static final class Svd extends Packed {
        Svd(int m, int n) {
            super(new int[] {m, n}, new int[] {n}, new int[] {n, n});
        }

        String name() {
            return "svd";
        }

        Tensor[] jvpParts(Tensor da, Tensor[] f, Tensor a) {
            Tensor u = f[0];
            Tensor s = f[1];
            Tensor v = f[2].mT();
            Tensor gaps = inverseGaps(s.square());
            Tensor p = u.mT().matmul(da).matmul(v);
            Tensor pS = p.mul(s);                                  // P S: column j times s_j
            Tensor sP = p.mul(s.unsqueeze(1));                     // S P: row i times s_i
            Tensor daVsInv = da.matmul(v).div(s);
            Tensor du = u.matmul(gaps.mul(pS.add(pS.mT()))).add(daVsInv.sub(u.matmul(u.mT().matmul(daVsInv))));
            Tensor dv = v.matmul(gaps.mul(sP.add(sP.mT())));
            return new Tensor[] {du, diagonal(p), dv.mT()};
        }

        Tensor vjpParts(Tensor[] g, Tensor[] f, Tensor a) {
            Tensor u = f[0];
            Tensor s = f[1];
            Tensor v = f[2].mT();
            Tensor gaps = inverseGaps(s.square());
            Tensor j = gaps.mul(u.mT().matmul(g[0]));
            Tensor k = gaps.mul(v.mT().matmul(g[2].mT()));
            Tensor gp = diag(g[1]).add(j.add(j.mT()).mul(s)).add(k.add(k.mT()).mul(s.unsqueeze(1)));
            Tensor guSinv = g[0].div(s);
            Tensor outside = guSinv.sub(u.matmul(u.mT().matmul(guSinv)));      // (I - U U^T) gU S^-1
            return u.matmul(gp).add(outside).matmul(v.mT());
        }
    }

    static Tensor[] svd(Tensor a) {
        int m = a.shape[0];
        int n = a.shape[1];
        Svd op = new Svd(m, n);
        return op.parts(op.record(a, Lapack.svd(a.data, m, n)));
    }
}
