package org.sciml4j.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Values of the linear-algebra primitives: each factorisation reproduces its matrix and has the promised structure,
 * and bad input is named. (Their derivatives are checked with every primitive in {@link PrimitiveDerivativeTest}.)
 */
class LinalgTest {
    private static final double TOL = 1e-12;

    static void assertClose(Tensor actual, Tensor expected, double tol) {
        assertThat(actual.shape()).containsExactly(expected.shape());
        double[] a = actual.toArray();
        double[] e = expected.toArray();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(e[i], within(tol));
        }
    }

    static Tensor spd(Rng rng, int n) {
        Tensor m = Tensor.randn(rng, n, n);
        return m.matmul(m.mT()).add(Tensor.eye(n).mul(n));
    }

    /** Asserts every element of {@code x} strictly on one side of the diagonal is exactly zero. */
    static void assertZeroOutside(Tensor x, boolean lower) {
        int n = x.size(0);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < x.size(1); j++) {
                if (lower ? j > i : j < i) {
                    assertThat(x.get(i, j)).as("(%d, %d)", i, j).isZero();
                }
            }
        }
    }

    @Test
    void solveAndInverse() {
        Rng rng = new Rng(1);
        Tensor a = Tensor.randn(rng, 5, 5).add(Tensor.eye(5).mul(3.0));
        Tensor b = Tensor.randn(rng, 5, 2);
        assertClose(a.matmul(Linalg.solve(a, b)), b, TOL);
        Tensor v = Tensor.randn(rng, 5);
        Tensor x = Linalg.solve(a, v);
        assertThat(x.shape()).containsExactly(5);
        assertClose(a.matmul(x.reshape(5, 1)).reshape(5), v, TOL);
        assertClose(a.matmul(Linalg.inverse(a)), Tensor.eye(5), TOL);
        // a 2x2 system with a known solution: [[2, 1], [1, 3]] x = [3, 5] at x = [0.8, 1.4]
        assertClose(Linalg.solve(Tensor.matrix(new double[] {2, 1}, new double[] {1, 3}), Tensor.vector(3, 5)),
                Tensor.vector(0.8, 1.4), 1e-15);
    }

    @Test
    void logdetAgainstKnownDeterminantsAndCholesky() {
        // det [[1, 2], [3, 4]] = -2
        assertThat(Linalg.logdet(Tensor.matrix(new double[] {1, 2}, new double[] {3, 4})).item())
                .isCloseTo(Math.log(2), within(1e-15));
        Tensor s = spd(new Rng(2), 6);
        double viaCholesky = 2 * Linalg.cholesky(s).mul(Tensor.eye(6)).sum(1).log().sum().item();
        assertThat(Linalg.logdet(s).item()).isCloseTo(viaCholesky, within(TOL));
        // its gradient is A^-T
        Tensor a = Tensor.randn(new Rng(3), 4, 4).add(Tensor.eye(4).mul(2.0)).requireGrad();
        assertClose(Autodiff.grad(Linalg.logdet(a), a)[0], Linalg.inverse(a.detach()).mT(), TOL);
    }

    @Test
    void choleskyReproducesTheMatrixAndReadsItsSymmetricPart() {
        Tensor s = spd(new Rng(4), 5);
        Tensor l = Linalg.cholesky(s);
        assertClose(l.matmul(l.mT()), s, TOL);
        assertZeroOutside(l, true);
        for (int i = 0; i < 5; i++) {
            assertThat(l.get(i, i)).isPositive();
        }
        Tensor skew = Tensor.randn(new Rng(5), 5, 5);
        Tensor tilted = s.add(skew.sub(skew.mT()));
        assertClose(Linalg.cholesky(tilted), l, TOL);
    }

    @Test
    void qrIsOrthonormalTimesUpperTriangular() {
        for (int[] shape : new int[][] {{4, 4}, {7, 3}}) {
            Tensor a = Tensor.randn(new Rng(6), shape);
            Linalg.QR f = Linalg.qr(a);
            int n = shape[1];
            assertThat(f.q().shape()).containsExactly(shape[0], n);
            assertClose(f.q().matmul(f.r()), a, TOL);
            assertClose(f.q().mT().matmul(f.q()), Tensor.eye(n), TOL);
            assertZeroOutside(f.r(), false);
            for (int i = 0; i < n; i++) {
                assertThat(f.r().get(i, i)).isPositive();
            }
        }
    }

    @Test
    void svdReproducesTheMatrixWithOrthonormalFactors() {
        for (int[] shape : new int[][] {{4, 4}, {6, 3}, {2, 5}}) {
            Tensor a = Tensor.randn(new Rng(7), shape);
            Linalg.SVD f = Linalg.svd(a);
            int k = Math.min(shape[0], shape[1]);
            assertThat(f.u().shape()).containsExactly(shape[0], k);
            assertThat(f.vt().shape()).containsExactly(k, shape[1]);
            assertClose(f.u().mul(f.s()).matmul(f.vt()), a, TOL);
            assertClose(f.u().mT().matmul(f.u()), Tensor.eye(k), TOL);
            assertClose(f.vt().matmul(f.vt().mT()), Tensor.eye(k), TOL);
            for (int i = 1; i < k; i++) {
                assertThat(f.s().get(i)).isLessThan(f.s().get(i - 1));
            }
        }
        // singular values of diag(3, -1) are 3 and 1
        assertClose(Linalg.svd(Tensor.matrix(new double[] {3, 0}, new double[] {0, -1})).s(), Tensor.vector(3, 1),
                1e-15);
    }

    @Test
    void eighGivesAscendingEigenvaluesAndOrthonormalVectors() {
        Tensor m = Tensor.randn(new Rng(8), 5, 5);
        Tensor s = m.add(m.mT());
        Linalg.Eigh f = Linalg.eigh(s);
        Tensor v = f.vectors();
        assertClose(s.matmul(v), v.mul(f.values()), TOL);
        assertClose(v.mT().matmul(v), Tensor.eye(5), TOL);
        for (int i = 1; i < 5; i++) {
            assertThat(f.values().get(i)).isGreaterThan(f.values().get(i - 1));
        }
        // [[2, 1], [1, 2]] has eigenvalues 1 and 3
        assertClose(Linalg.eigh(Tensor.matrix(new double[] {2, 1}, new double[] {1, 2})).values(),
                Tensor.vector(1, 3), 1e-15);
    }

    @Test
    void badInputIsNamed() {
        Tensor singular = Tensor.matrix(new double[] {1, 2}, new double[] {2, 4});
        assertThatThrownBy(() -> Linalg.solve(singular, Tensor.vector(1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("solve: the matrix is singular");
        assertThatThrownBy(() -> Linalg.cholesky(Tensor.matrix(new double[] {1, 2}, new double[] {2, 1})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cholesky: the matrix is not"
                        + " positive definite (its leading minor of order 2 is not)");
        assertThatThrownBy(() -> Linalg.eigh(Tensor.zeros(2, 3))).isInstanceOf(ShapeException.class)
                .hasMessage("eigh: needs square matrices, got shape (2, 3)");
        assertThatThrownBy(() -> Linalg.qr(Tensor.zeros(2, 3))).isInstanceOf(ShapeException.class)
                .hasMessageContaining("qr: the matrix of shape (2, 3) has more columns than rows");
        assertThatThrownBy(() -> Linalg.solve(Tensor.eye(3), Tensor.ones(2))).isInstanceOf(ShapeException.class)
                .hasMessage("solve: the right-hand side of shape (2,) must be (3, k) or (3,) for matrices of"
                        + " shape (3, 3)");
        assertThatThrownBy(() -> Linalg.logdet(Tensor.matrix(new double[] {1, Double.NaN}, new double[] {0, 1})))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("logdet: entry (0, 1) of the input of shape (2, 2) is NaN");
    }

    /** Matrix i of a batch of shape (count, 1, m, n). */
    static Tensor at(Tensor batch, int i) {
        return batch.slice(0, i, i + 1).squeeze(0).squeeze(0);
    }

    @Test
    void aBatchGivesTheResultsOfItsMatricesBitForBit() {
        Rng rng = new Rng(10);
        Tensor a = Tensor.stack(0, spd(rng, 4), spd(rng, 4), spd(rng, 4)).reshape(3, 1, 4, 4);
        Tensor b = Tensor.randn(rng, 3, 1, 4, 2);
        Tensor wide = Tensor.randn(rng, 3, 1, 2, 4);
        Tensor solve = Linalg.solve(a, b);
        Tensor logdet = Linalg.logdet(a);
        Tensor cholesky = Linalg.cholesky(a);
        Linalg.QR qr = Linalg.qr(a);
        Linalg.SVD svd = Linalg.svd(wide);
        Linalg.Eigh eigh = Linalg.eigh(a);
        assertThat(logdet.shape()).containsExactly(3, 1);
        assertThat(svd.u().shape()).containsExactly(3, 1, 2, 2);
        assertThat(svd.vt().shape()).containsExactly(3, 1, 2, 4);
        for (int i = 0; i < 3; i++) {
            Tensor ai = at(a, i);
            assertThat(at(solve, i).toArray()).containsExactly(Linalg.solve(ai, at(b, i)).toArray());
            assertThat(logdet.get(i, 0)).isEqualTo(Linalg.logdet(ai).item());
            assertThat(at(cholesky, i).toArray()).containsExactly(Linalg.cholesky(ai).toArray());
            assertThat(at(qr.q(), i).toArray()).containsExactly(Linalg.qr(ai).q().toArray());
            assertThat(at(qr.r(), i).toArray()).containsExactly(Linalg.qr(ai).r().toArray());
            Linalg.SVD one = Linalg.svd(at(wide, i));
            assertThat(at(svd.u(), i).toArray()).containsExactly(one.u().toArray());
            assertThat(svd.s().slice(0, i, i + 1).toArray()).containsExactly(one.s().toArray());
            assertThat(at(svd.vt(), i).toArray()).containsExactly(one.vt().toArray());
            assertThat(eigh.values().slice(0, i, i + 1).toArray()).containsExactly(Linalg.eigh(ai).values().toArray());
            assertThat(at(eigh.vectors(), i).toArray()).containsExactly(Linalg.eigh(ai).vectors().toArray());
        }
        assertThatThrownBy(() -> Linalg.solve(a, Tensor.ones(3, 2, 4, 2))).isInstanceOf(ShapeException.class)
                .hasMessage("solve: the right-hand side of shape (3, 2, 4, 2) must be (3, 1, 4, k) for matrices of"
                        + " shape (3, 1, 4, 4)");
    }

    @Test
    void perPointJacobiansRefuseThem() {
        Tensor x = Tensor.randn(new Rng(9), 3, 3).requireGrad();
        Tensor w = Tensor.eye(3).requireGrad();
        Tensor r = Linalg.solve(w.mul(4.0), x).sum(1);
        assertThatThrownBy(() -> Autodiff.jacobianRows(r, x, List.of(w)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("'solve'");
    }
}
