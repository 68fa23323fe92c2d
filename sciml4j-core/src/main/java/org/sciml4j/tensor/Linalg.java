package org.sciml4j.tensor;

/**
 * Differentiable dense linear algebra on matrices, batched: an input of shape (..., m, n) is a batch of matrices
 * (m, n) along its leading axes, each treated on its own, and the results carry the same leading axes (below,
 * shapes are written for one matrix). Forward computations by LAPACK
 * ({@code dev.ludovic.netlib}). Every operation is a primitive with reverse and forward rules written in tensor
 * operations, so its derivatives can be differentiated again, in either mode, to any order; each is checked by
 * {@link GradCheck} to second order in both modes.
 * <p>
 * The decompositions are made unique, so that they are differentiable functions of the matrix: R of the QR has a
 * positive diagonal, and the component of largest magnitude of each eigenvector and of each left singular vector
 * is positive. Their derivatives exist only where the factors are unique: full column rank (QR), a positive
 * definite matrix (Cholesky), distinct eigenvalues (eigh), distinct non-zero singular values (SVD); near ties they
 * grow like the inverse of the gap. The symmetric operations (Cholesky, eigh) read the symmetric part
 * {@code (A + A^T) / 2} of their input, so their derivatives are those of that function of A.
 */
public final class Linalg {
    private Linalg() {
    }

    /** The factors {@code Q (m, n)} with orthonormal columns and {@code R (n, n)} upper triangular, A = Q R. */
    public record QR(Tensor q, Tensor r) {
    }

    /**
     * The factors of A = U diag(s) V^T, k = min(m, n): {@code u (m, k)}, {@code s (k,)} descending, {@code vt (k, n)}.
     */
    public record SVD(Tensor u, Tensor s, Tensor vt) {
    }

    /** The eigen-decomposition S = V diag(w) V^T: {@code values (n,)} ascending, {@code vectors (n, n)} by column. */
    public record Eigh(Tensor values, Tensor vectors) {
    }

    /**
     * The solution X of A X = B, by LU with partial pivoting.
     *
     * @param a square matrices (..., n, n), non-singular
     * @param b right-hand sides (..., n, k) with the batch axes of {@code a}, or one right-hand side (n,) when
     *          {@code a} is one matrix (n, n)
     * @return X, the shape of {@code b}
     * @throws IllegalArgumentException if a matrix is exactly singular
     */
    public static Tensor solve(Tensor a, Tensor b) {
        int n = square("solve", a);
        boolean vector = b.shape.length == 1 && a.shape.length == 2;
        int[] batch = LinearAlgebra.batchShape(a);
        boolean fits = vector ? b.shape[0] == n : b.shape.length == a.shape.length && b.size(-2) == n
                && java.util.Arrays.equals(LinearAlgebra.batchShape(b), batch);
        if (!fits) {
            StringBuilder wanted = new StringBuilder("(");
            for (int d : batch) {
                wanted.append(d).append(", ");
            }
            wanted.append(n).append(", k)").append(batch.length == 0 ? " or (" + n + ",)" : "");
            throw new ShapeException("solve: the right-hand side of shape " + Shape.str(b.shape) + " must be "
                    + wanted + " for matrices of shape " + Shape.str(a.shape));
        }
        finite("solve", b);
        Tensor x = LinearAlgebra.solve(a, vector ? b.reshape(n, 1) : b);
        return vector ? x.reshape(n) : x;
    }

    /**
     * The inverse A^-1, as {@code solve(A, I)}; prefer {@link #solve} where a product with the inverse is wanted.
     *
     * @param a square matrix (n, n), non-singular
     * @return shape (n, n)
     */
    public static Tensor inverse(Tensor a) {
        return LinearAlgebra.solve(a, Tensor.eye(square("inverse", a)).broadcastTo(a.shape));
    }

    /**
     * The logarithm of the absolute value of the determinant, log |det A|, from an LU factorisation: for a
     * positive definite matrix, its log-determinant. Derivative: A^-T.
     *
     * @param a square matrix (n, n), non-singular
     * @return shape (), one value per matrix (the batch shape for a batch)
     * @throws IllegalArgumentException if A is exactly singular
     */
    public static Tensor logdet(Tensor a) {
        square("logdet", a);
        return LinearAlgebra.logdet(a);
    }

    /**
     * The lower-triangular Cholesky factor L of the symmetric positive definite matrix S = (A + A^T) / 2, S = L L^T.
     *
     * @param a square matrix (n, n), symmetric positive definite
     * @return L, shape (n, n), zero above the diagonal, positive diagonal
     * @throws IllegalArgumentException if the matrix is not positive definite
     */
    public static Tensor cholesky(Tensor a) {
        square("cholesky", a);
        return LinearAlgebra.cholesky(a);
    }

    /**
     * The reduced QR decomposition A = Q R, by Householder reflections, with R's diagonal positive.
     *
     * @param a matrix (m, n), m >= n, of full column rank
     * @return Q (m, n) with Q^T Q = I, and R (n, n) upper triangular
     */
    public static QR qr(Tensor a) {
        matrix("qr", a);
        if (a.size(-2) < a.size(-1)) {
            throw new ShapeException("qr: the matrix of shape " + Shape.str(a.shape) + " has more columns than rows;"
                    + " the reduced QR here needs m >= n");
        }
        Tensor[] f = Decompositions.qr(a);
        return new QR(f[0], f[1]);
    }

    /**
     * The thin singular value decomposition A = U diag(s) V^T (for m < n, that of A^T transposed back).
     *
     * @param a matrix (m, n); its singular values must be distinct and non-zero for derivatives
     * @return U (m, k), s (k,) descending, V^T (k, n), k = min(m, n)
     */
    public static SVD svd(Tensor a) {
        matrix("svd", a);
        if (a.size(-2) < a.size(-1)) {
            Tensor[] f = Decompositions.svd(a.mT());
            return new SVD(f[2].mT(), f[1], f[0].mT());
        }
        Tensor[] f = Decompositions.svd(a);
        return new SVD(f[0], f[1], f[2]);
    }

    /**
     * The eigen-decomposition of the symmetric matrix S = (A + A^T) / 2: S = V diag(w) V^T.
     *
     * @param a square matrix (n, n), symmetric; its eigenvalues must be distinct for derivatives
     * @return w (n,) ascending, and V (n, n) orthogonal with eigenvector i in column i
     */
    public static Eigh eigh(Tensor a) {
        square("eigh", a);
        Tensor[] f = Decompositions.eigh(a);
        return new Eigh(f[0], f[1]);
    }

    private static void matrix(String op, Tensor a) {
        if (a.shape.length < 2 || a.size(-2) == 0 || a.size(-1) == 0) {
            throw new ShapeException(op + ": needs non-empty matrices (rank 2, or more for a batch), got shape "
                    + Shape.str(a.shape));
        }
        finite(op, a);
    }

    private static void finite(String op, Tensor a) {
        for (int i = 0; i < a.data.length; i++) {
            if (!Double.isFinite(a.data[i])) {
                int[] index = new int[a.shape.length];
                for (int d = index.length - 1, rest = i; d >= 0; d--) {
                    index[d] = rest % a.shape[d];
                    rest /= a.shape[d];
                }
                String at = java.util.Arrays.toString(index).replace('[', '(').replace(']', ')');
                throw new IllegalArgumentException(op + ": entry " + at + " of the input of shape "
                        + Shape.str(a.shape) + " is " + a.data[i]);
            }
        }
    }

    private static int square(String op, Tensor a) {
        matrix(op, a);
        if (a.size(-2) != a.size(-1)) {
            throw new ShapeException(op + ": needs square matrices, got shape " + Shape.str(a.shape));
        }
        return a.size(-1);
    }
}
