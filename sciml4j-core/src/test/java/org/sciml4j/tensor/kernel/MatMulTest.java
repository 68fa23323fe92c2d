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
     * Products with one row of C (a one-output layer's weight gradient: k points, rows of B in several L1 blocks) and
     * outer products (k = 1) are each element's fused multiply-add chain in order of p, bit for bit, at any vector
     * width and with or without accumulation.
     */
    @Test
    void oneRowAndOuterProductsAreTheScalarChains() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int n : new int[] {1, 2, 3, 4, 5, 8, 15, 16, 17, 20, 33, 50, 100}) {
            for (boolean acc : new boolean[] {false, true}) {
                int k = 150;
                double[] a = random(rng, k + 2);
                double[] b = random(rng, k * n + 1);
                double[] c = random(rng, n + 3);
                double[] expected = c.clone();
                for (int j = 0; j < n; j++) {
                    double s = acc ? expected[1 + j] : 0;
                    for (int p = 0; p < k; p++) {
                        s = Math.fma(a[2 + p], b[1 + p * n + j], s);
                    }
                    expected[1 + j] = s;
                }
                double[] got = c.clone();
                MatMul.gemmTransA(a, 2, b, 1, got, 1, 1, k, n, acc);
                assertSameBits(got, expected, "1x" + k + "x" + n + (acc ? " accumulate" : ""));
                int m = 7;
                double[] cm = random(rng, m * n + 1);
                double[] outer = cm.clone();
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        outer[1 + i * n + j] = Math.fma(a[i], b[j], acc ? cm[1 + i * n + j] : 0.0);
                    }
                }
                double[] got2 = cm.clone();
                MatMul.gemm(a, 0, b, 0, got2, 1, m, 1, n, acc);
                assertSameBits(got2, outer, m + "x1x" + n + (acc ? " accumulate" : ""));
            }
        }
    }

    private static void assertSameBits(double[] got, double[] expected, String what) {
        for (int q = 0; q < got.length; q++) {
            assertThat(Double.doubleToRawLongBits(got[q])).as(what + " at " + q)
                    .isEqualTo(Double.doubleToRawLongBits(expected[q]));
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

    /**
     * Products large enough to be split over threads give the same bits with 1, 2 and 3 threads (rows of C split
     * differently), and match the plain loop; the HNN's 750 x 200 x 200 shape among them.
     */
    @Test
    void splittingRowsOverThreadsKeepsTheBits() {
        SplittableRandom rng = new SplittableRandom(11);
        int[][] shapes = {{750, 200, 200}, {203, 150, 41}, {4000, 300, 1}, {130, 130, 130}};
        try {
            for (int[] sh : shapes) {
                int m = sh[0];
                int k = sh[1];
                int n = sh[2];
                assertThat((long) m * k * n).isGreaterThanOrEqualTo(Thresholds.PARALLEL_GEMM_MIN_MULADDS);
                double[] a = random(rng, m * k);
                double[] at = random(rng, k * m);
                double[] b = random(rng, k * n);
                double[] c0 = random(rng, m * n);
                double[][] gemm = new double[3][];
                double[][] transA = new double[3][];
                for (int threads = 1; threads <= 3; threads++) {
                    Parallel.setThreads(threads);
                    gemm[threads - 1] = c0.clone();
                    MatMul.gemm(a, 0, b, 0, gemm[threads - 1], 0, m, k, n, true);
                    transA[threads - 1] = new double[m * n];
                    MatMul.gemmTransA(at, 0, b, 0, transA[threads - 1], 0, m, k, n, false);
                }
                for (int q = 0; q < m * n; q++) {
                    int i = q / n;
                    int j = q % n;
                    double s = c0[q];
                    double t = 0;
                    for (int p = 0; p < k; p++) {
                        s += a[i * k + p] * b[p * n + j];
                        t += at[p * m + i] * b[p * n + j];
                    }
                    String what = m + "x" + k + "x" + n + " at " + q;
                    assertThat(gemm[0][q]).as("gemm " + what).isCloseTo(s, within(1e-11));
                    assertThat(transA[0][q]).as("gemmTransA " + what).isCloseTo(t, within(1e-11));
                    for (int threads = 2; threads <= 3; threads++) {
                        assertThat(Double.doubleToRawLongBits(gemm[threads - 1][q])).as("gemm, %d threads, %s",
                                threads, what).isEqualTo(Double.doubleToRawLongBits(gemm[0][q]));
                        assertThat(Double.doubleToRawLongBits(transA[threads - 1][q])).as("gemmTransA, %d threads,"
                                + " %s", threads, what).isEqualTo(Double.doubleToRawLongBits(transA[0][q]));
                    }
                }
            }
        } finally {
            Parallel.setThreads(Parallel.defaultThreads());
        }
    }

    /**
     * The transposed product gives gemm's bits on the copied transpose, on the shapes it reads in place (tall
     * weight gradients, parallel or not, one column or several) and on those it hands to gemm (one row, outer
     * products).
     */
    @Test
    void transposedProductKeepsTheBitsOfTheCopiedTranspose() {
        SplittableRandom rng = new SplittableRandom(13);
        int[][] shapes = {{20, 9600, 20}, {20, 2400, 1}, {7, 2403, 1}, {5, 3, 1}, {1, 300, 20}, {20, 1, 20},
            {7, 33, 5}, {3, 5000, 20}, {20, 60000, 1}};
        for (int[] sh : shapes) {
            int m = sh[0];
            int k = sh[1];
            int n = sh[2];
            double[] a = random(rng, k * m);
            double[] b = random(rng, k * n);
            double[] copy = Layout.permute(a, new int[] {k, m}, new int[] {1, 0});
            double[] expected = new double[m * n];
            MatMul.gemm(copy, 0, b, 0, expected, 0, m, k, n, false);
            double[] c = MatMul.transposedProduct(a, b, m, k, n);
            for (int q = 0; q < m * n; q++) {
                assertThat(Double.doubleToRawLongBits(c[q])).as(m + "x" + k + "x" + n + " at " + q)
                        .isEqualTo(Double.doubleToRawLongBits(expected[q]));
            }
        }
    }

    /**
     * Every element of a product with at least two columns is one chain of fused multiply-adds over p in ascending
     * order, from zero or from C's old value, bit for bit, for row-major and transposed A (read in place through its
     * strides), at offsets, with and without accumulation. The shapes reach every path of the kernel: odd m (the last
     * row alone), n below, at and between multiples of the vector width and of the five-vector block (tail vectors,
     * scalar tail columns), k over the inner-dimension block (C holds the running sums between blocks), and m from
     * which B (m = 33, 34) and a transposed A (m = 65, a partial group of rows) are copied into panels.
     */
    @Test
    void everyElementIsOneFusedChainInOrderOfP() {
        SplittableRandom rng = new SplittableRandom(17);
        int off = 5;
        for (int m : new int[] {1, 2, 3, 4, 5, 7, 9, 33, 34, 65}) {
            for (int k : new int[] {1, 2, 3, 20, 64, 65, 150}) {
                for (int n : new int[] {2, 3, 4, 5, 8, 12, 19, 20, 21, 33, 41, 50, 100}) {
                    for (boolean acc : new boolean[] {false, true}) {
                        double[] a = random(rng, off + m * k);
                        double[] at = random(rng, off + k * m); // A^T stored (k, m)
                        for (int i = 0; i < m; i++) {
                            for (int p = 0; p < k; p++) {
                                at[off + p * m + i] = a[off + i * k + p];
                            }
                        }
                        double[] b = random(rng, off + k * n + 3);
                        double[] c = random(rng, off + m * n + 3);
                        double[] expected = c.clone();
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                double s = acc ? expected[off + i * n + j] : 0;
                                for (int p = 0; p < k; p++) {
                                    s = Math.fma(a[off + i * k + p], b[off + p * n + j], s);
                                }
                                expected[off + i * n + j] = s;
                            }
                        }
                        String what = m + "x" + k + "x" + n + (acc ? " accumulate" : "");
                        double[] c1 = c.clone();
                        MatMul.gemm(a, off, b, off, c1, off, m, k, n, acc);
                        assertSameBits(c1, expected, "gemm " + what);
                        double[] c2 = c.clone();
                        MatMul.gemmTransA(at, off, b, off, c2, off, m, k, n, acc);
                        assertSameBits(c2, expected, "gemmTransA " + what);
                    }
                }
            }
        }
    }

    /** The reference BLAS is told from the tuned ones that install under the same name by its mapped path. */
    @Test
    void referenceBlasIsFoundByItsPath() {
        String prefix = "7f1c2a000000-7f1c2a0b0000 r-xp 00000000 fd:01 1234567                    ";
        assertThat(MatMul.referenceBlas(java.util.List.of(prefix + "/usr/lib/x86_64-linux-gnu/libc.so.6",
                prefix + "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0"))).isTrue();
        assertThat(MatMul.referenceBlas(java.util.List.of(
                prefix + "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3"))).isFalse();
        assertThat(MatMul.referenceBlas(java.util.List.of(
                prefix + "/usr/lib/x86_64-linux-gnu/blis-openmp/libblas.so.3"))).isFalse();
        assertThat(MatMul.referenceBlas(java.util.List.of(prefix + "/usr/lib/x86_64-linux-gnu/libc.so.6",
                "7f1c2a000000-7f1c2a0b0000 rw-p 00000000 00:00 0"))).isFalse();
        assertThat(MatMul.referenceBlas(java.util.List.of())).isFalse();
    }
}
