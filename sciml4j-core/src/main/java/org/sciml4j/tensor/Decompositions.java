package org.sciml4j.tensor;

import static org.sciml4j.tensor.LinearAlgebra.batchShape;
import static org.sciml4j.tensor.LinearAlgebra.diag;
import static org.sciml4j.tensor.LinearAlgebra.diagonal;
import static org.sciml4j.tensor.LinearAlgebra.mask;
import static org.sciml4j.tensor.LinearAlgebra.perMatrix;
import static org.sciml4j.tensor.LinearAlgebra.rightSolve;
import static org.sciml4j.tensor.LinearAlgebra.scaleColumns;
import static org.sciml4j.tensor.LinearAlgebra.scaleRows;
import static org.sciml4j.tensor.LinearAlgebra.sym;
import static org.sciml4j.tensor.LinearAlgebra.symmetricValues;
import static org.sciml4j.tensor.LinearAlgebra.withTail;
import static org.sciml4j.tensor.Primitives.one;

import java.util.function.Function;

/**
 * The decompositions with several outputs: QR, SVD and the symmetric eigen-decomposition. Each is one primitive whose
 * output packs each matrix's factors into one flat vector, shape (..., size), the leading axes those of the batch
 * of matrices; {@link Packed#parts} cuts them out with slice and reshape, which are
 * recorded like any operation, so a derivative reaching any factor flows back through the one node and its rules
 * receive (and return) the cotangents (tangents) of all factors at once. Rules follow Walter and Lehmann 2018 /
 * Seeger et al. 2017 (QR), Townsend 2016 (SVD) and Giles 2008 (eigen); the symmetric ones read (A + A^T) / 2.
 */
final class Decompositions {
    private Decompositions() {
    }

    /** A primitive on matrices whose output is, per matrix, its factors flattened and concatenated. */
    abstract static class Packed extends LinearAlgebra.MatrixPrimitive {
        final int[] batch;
        final int[][] shapes;

        /**
         * @param batch  the leading axes of the input
         * @param shapes the shape of each factor of one matrix
         */
        Packed(int[] batch, int[]... shapes) {
            this.batch = batch;
            this.shapes = shapes;
        }

        /** The factors of a packed output (or of its cotangent or tangent), each of shape (*batch, *its shape). */
        final Tensor[] parts(Tensor packed) {
            Tensor[] p = new Tensor[shapes.length];
            int offset = 0;
            for (int i = 0; i < shapes.length; i++) {
                int size = Shape.numel(shapes[i]);
                p[i] = packed.slice(-1, offset, offset + size).reshape(withTail(batch, shapes[i]));
                offset += size;
            }
            return p;
        }

        /** The factors packed into one tensor of shape (*batch, total size). */
        final Tensor pack(Tensor[] parts) {
            Tensor[] flat = new Tensor[parts.length];
            for (int i = 0; i < parts.length; i++) {
                flat[i] = parts[i].reshape(withTail(batch, Shape.numel(shapes[i])));
            }
            return Tensor.concat(-1, flat);
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

        /**
         * Applies {@code factorise} to each matrix of {@code values} (matrices of {@code matrixSize} elements) and
         * records the packed factors.
         */
        final Tensor record(Tensor a, double[] values, int matrixSize, Function<double[], double[][]> factorise) {
            int[] sizes = new int[shapes.length];
            int total = 0;
            for (int i = 0; i < shapes.length; i++) {
                sizes[i] = Shape.numel(shapes[i]);
                total += sizes[i];
            }
            double[][] factors = perMatrix(values, matrixSize, sizes, factorise);
            int count = values.length / matrixSize;
            double[] packed = new double[count * total];
            for (int b = 0, at = 0; b < count; b++) {
                for (int i = 0; i < shapes.length; i++) {
                    System.arraycopy(factors[i], b * sizes[i], packed, at, sizes[i]);
                    at += sizes[i];
                }
            }
            return Tensor.record(this, packed, withTail(batch, total), a);
        }
    }

    /** F with F_ij = 1 / (x_j - x_i) off the diagonal and 0 on it, for distinct x (..., n); shape (..., n, n). */
    static Tensor inverseGaps(Tensor x) {
        int n = x.size(-1);
        Tensor gaps = x.unsqueeze(-2).sub(x.unsqueeze(-1)).add(Tensor.eye(n));
        return gaps.pow(-1).mul(Tensor.ones(n, n).sub(Tensor.eye(n)));
    }

    // ------------------------------------------------------------------ QR

    /**
     * A = Q R, Q (m, n) with orthonormal columns, R (n, n) upper triangular with a positive diagonal. With
     * C = Q^T dA R^-1 and Omega = tril(C, -1) - tril(C, -1)^T: dR = (C - Omega) R, dQ = dA R^-1 - Q (C - Omega).
     * Reverse: M = gR R^T - Q^T gQ, N = triu(M) + triu(M, 1)^T, gA = (gQ + Q N) R^-T.
     */
    static final class Qr extends Packed {
        Qr(int[] batch, int m, int n) {
            super(batch, new int[] {m, n}, new int[] {n, n});
        }

        String name() {
            return "qr";
        }

        Tensor[] jvpParts(Tensor da, Tensor[] f, Tensor a) {
            Tensor q = f[0];
            Tensor r = f[1];
            int n = r.size(-1);
            Tensor c = rightSolve(q.mT().matmul(da), r);
            Tensor below = c.mul(mask(n, true, 0));
            Tensor cMinusOmega = c.sub(below).add(below.mT());
            return new Tensor[] {rightSolve(da, r).sub(q.matmul(cMinusOmega)), cMinusOmega.matmul(r)};
        }

        Tensor vjpParts(Tensor[] g, Tensor[] f, Tensor a) {
            Tensor q = f[0];
            Tensor r = f[1];
            int n = r.size(-1);
            Tensor m = g[1].matmul(r.mT()).sub(q.mT().matmul(g[0]));
            Tensor n1 = m.mul(mask(n, false, 1)).add(m.mul(mask(n, false, 0)).mT());
            return rightSolve(g[0].add(q.matmul(n1)), r.mT());
        }
    }

    static Tensor[] qr(Tensor a) {
        int m = a.size(-2);
        int n = a.size(-1);
        Qr op = new Qr(batchShape(a), m, n);
        return op.parts(op.record(a, a.data, m * n, x -> Lapack.qr(x, m, n)));
    }

    // ------------------------------------------------------------------ symmetric eigen-decomposition

    /**
     * S = (A + A^T) / 2 = V diag(w) V^T, w ascending. With P = V^T dS V and F = inverseGaps(w): dw = diag(P),
     * dV = V (F * P). Reverse: gS = V (diag(gw) + F * (V^T gV)) V^T, gA = sym(gS).
     */
    static final class Eigh extends Packed {
        Eigh(int[] batch, int n) {
            super(batch, new int[] {n}, new int[] {n, n});
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
        int n = a.size(-1);
        Eigh op = new Eigh(batchShape(a), n);
        return op.parts(op.record(a, symmetricValues(a), n * n, x -> Lapack.eigh(x, n)));
    }

    // ------------------------------------------------------------------ singular value decomposition

    /**
     * A = U diag(s) V^T, m >= n, s descending and distinct. With P = U^T dA V and F_ij = 1 / (s_j^2 - s_i^2):
     * ds = diag(P), dU = U (F * (P S + S P^T)) + (I - U U^T) dA V S^-1, dV = V (F * (S P + P^T S)). Reverse, with
     * J = F * (U^T gU) and K = F * (V^T gV): gP = diag(gs) + (J + J^T) S + S (K + K^T),
     * gA = U gP V^T + (I - U U^T) gU S^-1 V^T.
     */
    static final class Svd extends Packed {
        Svd(int[] batch, int m, int n) {
            super(batch, new int[] {m, n}, new int[] {n}, new int[] {n, n});
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
            Tensor pS = scaleColumns(p, s);
            Tensor sP = scaleRows(p, s);
            Tensor daVsInv = da.matmul(v).div(s.unsqueeze(-2));
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
            Tensor gp = diag(g[1]).add(scaleColumns(j.add(j.mT()), s)).add(scaleRows(k.add(k.mT()), s));
            Tensor guSinv = g[0].div(s.unsqueeze(-2));
            Tensor outside = guSinv.sub(u.matmul(u.mT().matmul(guSinv)));      // (I - U U^T) gU S^-1
            return u.matmul(gp).add(outside).matmul(v.mT());
        }
    }

    static Tensor[] svd(Tensor a) {
        int m = a.size(-2);
        int n = a.size(-1);
        Svd op = new Svd(batchShape(a), m, n);
        return op.parts(op.record(a, a.data, m * n, x -> Lapack.svd(x, m, n)));
    }
}
