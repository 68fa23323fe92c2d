package org.sciml4j.tensor.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The vector width rule, and the small-product kernel's promise that each element of C is one chain of fused
 * multiply-adds in the order of p whatever its column's path (wide tile, narrower tail vector, scalar), so that the
 * products are the same bits at every width. The surefire run at {@code -XX:MaxVectorSize=16} checks the 128-bit path
 * of the same tests.
 */
class VectorWidthTest {

    @Test
    void theDefaultIsTheMachinesWidestCappedAt256Bits() {
        assertThat(VectorWidth.choose(null, 128, false)).isEqualTo(128);
        assertThat(VectorWidth.choose(null, 256, false)).isEqualTo(256);
        assertThat(VectorWidth.choose(null, 512, false)).isEqualTo(256);
        assertThat(VectorWidth.reason(null, 512, 256)).contains("capped at 256");
    }

    @Test
    void thePropertyForcesAWidthUpToTheMachinesWidest() {
        assertThat(VectorWidth.choose("512", 512, false)).isEqualTo(512);
        assertThat(VectorWidth.choose("128", 256, false)).isEqualTo(128);
        assertThat(VectorWidth.choose("512", 256, false)).isEqualTo(256);
        assertThat(VectorWidth.choose("512", 256, true)).isEqualTo(512);
        assertThat(VectorWidth.reason("512", 256, 256)).contains("capped at the machine's widest, 256 bits");
        assertThatThrownBy(() -> VectorWidth.choose("300", 256, false)).hasMessageContaining("use 128, 256 or 512");
        assertThat(VectorWidth.chooseOrDefault("300", 512, false)).isEqualTo(256);
        assertThat(VectorWidth.reason("300", 512, 256)).startsWith("ignored -Dsciml4j.vector.bits=300");
    }

    @Test
    void theWidthInUseIsDescribed() {
        System.out.println("vector width: " + VectorWidth.describe());
        assertThat(VectorWidth.bits()).isIn(64, 128, 256, 512);
        if (!Boolean.getBoolean("sciml4j.vector.emulate")) {
            assertThat(VectorWidth.bits()).isLessThanOrEqualTo(Math.max(64, VectorWidth.preferredBits()));
        }
        assertThat(VectorWidth.describe()).startsWith(MatMul.VECTOR_API ? VectorWidth.bits() + " bits" : "none");
    }

    @Test
    void matrixBlocksAreFourRowsHighWhereTheMachineHasAVX512() {
        assertThat(VectorWidth.chooseGemmRows(null, 512)).isEqualTo(4);
        assertThat(VectorWidth.chooseGemmRows(null, 256)).isEqualTo(2);
        assertThat(VectorWidth.chooseGemmRows(null, 128)).isEqualTo(2);
        assertThat(VectorWidth.chooseGemmRows(" 4", 256)).isEqualTo(4);
        assertThat(VectorWidth.chooseGemmRows("2", 512)).isEqualTo(2);
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            assertThat(VectorWidth.chooseGemmRows("3", 512)).isEqualTo(4);
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString()).contains("ignored -Dsciml4j.gemm.rows=3: use 2 or 4");
        // the kernels use the rule, with this JVM's property and widest vector
        assertThat(VectorWidth.gemmRows()).isEqualTo(MatMul.VECTOR_API
                ? VectorWidth.chooseGemmRows(System.getProperty("sciml4j.gemm.rows"), VectorWidth.preferredBits()) : 1);
    }

    @Test
    void everyColumnIsTheSameFusedChainAtAnyWidth() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int m : new int[] {1, 3, 4, 5, 9, 258}) {
            for (int k : new int[] {1, 20, 70}) { // 70 > the k-block of 64: running sums kept in C between blocks
                for (int n = 2; n <= 23; n++) {
                    for (boolean acc : new boolean[] {false, true}) {
                        double[] a = random(rng, m * k);
                        double[] at = new double[k * m];
                        for (int i = 0; i < m; i++) {
                            for (int p = 0; p < k; p++) {
                                at[p * m + i] = a[i * k + p];
                            }
                        }
                        double[] b = random(rng, k * n);
                        double[] c = random(rng, m * n);
                        double[] expected = c.clone();
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < n; j++) {
                                double s = acc ? expected[i * n + j] : 0;
                                for (int p = 0; p < k; p++) {
                                    s = Math.fma(a[i * k + p], b[p * n + j], s);
                                }
                                expected[i * n + j] = s;
                            }
                        }
                        double[] c1 = c.clone();
                        MatMul.gemm(a, 0, b, 0, c1, 0, m, k, n, acc);
                        double[] c2 = c.clone();
                        MatMul.gemmTransA(at, 0, b, 0, c2, 0, m, k, n, acc);
                        String what = m + "x" + k + "x" + n + (acc ? " accumulate" : "");
                        if (MatMul.VECTOR_API) {
                            assertThat(c1).as("gemm " + what).isEqualTo(expected);
                            assertThat(c2).as("gemmTransA " + what).isEqualTo(expected);
                        }
                    }
                }
            }
        }
    }

    private static double[] random(SplittableRandom rng, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 2 * rng.nextDouble() - 1;
        }
        return a;
    }
}
