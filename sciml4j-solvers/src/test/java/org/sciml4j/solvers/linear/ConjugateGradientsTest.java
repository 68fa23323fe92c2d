package org.sciml4j.solvers.linear;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ConjugateGradientsTest {
    /** The 1-D Dirichlet Laplacian tridiag(-1, 2, -1) scaled per row by d: x_k = k (n + 1 - k) / 2 solves A x = 1. */
    private static final int N = 50;

    private static void laplacian(double[] in, double[] out) {
        for (int k = 0; k < N; k++) {
            out[k] = 2 * in[k] - (k > 0 ? in[k - 1] : 0) - (k < N - 1 ? in[k + 1] : 0);
        }
    }

    @Test
    void solvesTheLaplacianToTheExactQuadraticWithAndWithoutAPreconditioner() {
        double[] b = new double[N];
        java.util.Arrays.fill(b, 1);
        for (ConjugateGradients.Operator m : new ConjugateGradients.Operator[] {
            (r, z) -> System.arraycopy(r, 0, z, 0, N), (r, z) -> {
                for (int k = 0; k < N; k++) {
                    z[k] = r[k] / 2;
                }
            }}) {
            double[] x = new double[N];
            int it = ConjugateGradients.solve(ConjugateGradientsTest::laplacian, m, b, x, 1e-12, 200, "test");
            for (int k = 0; k < N; k++) {
                double exact = (k + 1) * (N - k) / 2.0;
                assertThat(x[k]).isCloseTo(exact, within(1e-9 * exact));
            }
            assertThat(it).isLessThanOrEqualTo(N / 2 + 1); // exact in at most n steps; symmetric b halves them
            assertThat(ConjugateGradients.solve(ConjugateGradientsTest::laplacian, m, b, x, 1e-6, 200, "test"))
                    .as("a start that already meets the tolerance").isZero();
        }
    }

    @Test
    void saysWhoFailedWhenTheIterationsRunOut() {
        double[] b = new double[N];
        b[0] = 1;
        assertThatThrownBy(() -> ConjugateGradients.solve(ConjugateGradientsTest::laplacian,
                (r, z) -> System.arraycopy(r, 0, z, 0, N), b, new double[N], 1e-12, 3, "darcy"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("darcy: conjugate gradients did not reach relative residual 1.0E-12 in 3 iterations");
    }
}
