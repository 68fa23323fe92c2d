package org.sciml4j.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The small-product kernels against the plain triple loop, over shapes that exercise every block and tail. */
class MatMulTest {

    private static double[] random(SplittableRandom rng, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 2 * rng.nextDouble() - 1;
        }
        return a;
    }

    @Test
    void productsMatchThePlainLoop() {
        SplittableRandom rng = new SplittableRandom(1);
        int[] sizes = {1, 2, 3, 4, 5, 7, 8, 9, 16, 19, 20, 21, 24, 40, 41};
        for (int m : new int[] {1, 2, 3, 5, 8, 13, 306}) {
            for (int k : new int[] {1, 3, 20}) {
                for (int n : sizes) {
                    for (boolean acc : new boolean[] {false, true}) {
                        int off = 3; // operands at offsets inside larger arrays
                        double[] a = random(rng, off + m * k);
                        double[] b = random(rng, off + k * n);
                        double[] c = random(rng, off + m * n + 2);
                        double[] expected = c.clone();
                        double[] at = random(rng, off + k * m); // A^T stored (k, m)
                        for (int i = 0; i < m; i++) {
                            for (int p = 0; p < k; p++) {
                                at[off + p * m + i] = a[off + i * k + p];
                            }
                        }
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                double s = acc ? expected[off + i * n + j] : 0;
                                for (int p = 0; p < k; p++) {
                                    s += a[off + i * k + p] * b[off + p * n + j];
                                }
                                expected[off + i * n + j] = s;
                            }
                        }
                        double[] c1 = c.clone();
                        MatMul.gemm(a, off, b, off, c1, off, m, k, n, acc);
                        double[] c2 = c.clone();
                        MatMul.gemmTransA(at, off, b, off, c2, off, m, k, n, acc);
                        for (int q = 0; q < c.length; q++) {
                            String what = m + "x" + k + "x" + n + (acc ? " accumulate" : "") + " at " + q;
                            assertThat(c1[q]).as("gemm " + what).isCloseTo(expected[q], within(1e-13));
                            assertThat(c2[q]).as("gemmTransA " + what).isCloseTo(expected[q], within(1e-13));
                        }
                    }
                }
            }
        }
    }

    /**
     * The same product gives the same bits before and after the JIT has compiled the kernels: results must not
     * depend on timing. (JDK 25's C2 reduced the lanes of a vector in another order than the interpreter, so the
     * matrix-vector kernel gave different bits once compiled, and training runs differed from run to run.)
     */
    @Test
    void resultsDoNotChangeOnceTheKernelsAreCompiled() {
        SplittableRandom rng = new SplittableRandom(7);
        int[][] shapes = {{37, 41, 1}, {306, 20, 1}, {102, 20, 20}, {13, 9, 7}};
        for (int[] sh : shapes) {
            int m = sh[0];
            int k = sh[1];
            int n = sh[2];
            double[] a = random(rng, m * k);
            double[] b = random(rng, k * n);
            double[] first = new double[m * n];
            MatMul.gemm(a, 0, b, 0, first, 0, m, k, n, false);
            double[] c = new double[m * n];
            for (int rep = 0; rep < 20000; rep++) {
                MatMul.gemm(a, 0, b, 0, c, 0, m, k, n, false);
            }
            for (int q = 0; q < c.length; q++) {
                assertThat(Double.doubleToRawLongBits(c[q])).as(m + "x" + k + "x" + n + " at " + q)
                        .isEqualTo(Double.doubleToRawLongBits(first[q]));
            }
        }
    }
}
