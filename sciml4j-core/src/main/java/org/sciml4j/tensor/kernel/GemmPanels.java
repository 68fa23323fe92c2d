package org.sciml4j.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The per-thread panels {@link VectorGemm} copies B (and a transposed A) into, so that its kernels read them with
 * constant strides: with B's rows a variable n apart the JIT cannot take the range checks out of the loop over p
 * (a 1024 x 20 x 20 product: 30.7 -> 35.4 GFLOP/s on one core). Loaded only when {@code jdk.incubator.vector} is
 * present.
 */
final class GemmPanels {
    private GemmPanels() {
    }

    private static final VectorSpecies<Double> S = Lanes.S;
    private static final int L = Lanes.L;
    private static final int W = VectorGemm.W;
    private static final int K_BLOCK = VectorGemm.K_BLOCK;

    /**
     * Rows of C from which a row-major product copies B's blocks of five vectors of columns into a panel for
     * {@link VectorGemm#block2x5Packed}: the copy is k x W values against m x k x W multiply-adds (8 rows: 0.79x, 16
     * rows 0.94x, 32 and 64 rows 1.06x, 1024 rows 1.18x). At least 3, see {@link #PACK_T_MIN_ROWS}.
     */
    static final int PACK_MIN_ROWS = Math.max(3, Integer.getInteger("sciml4j.gemm.packrows", 32));

    /**
     * Each thread's panel for {@link #packPanel}, {@link VectorGemm#K_BLOCK} x W values (a packed product has m > 2,
     * so its blocks of B have at most K_BLOCK rows). Reused, not allocated per product: a fresh array per call made an
     * 8 x 20 x 20 product twice as slow as without packing (its zeroing writes new cache lines every call).
     */
    static final ThreadLocal<double[]> PANEL = ThreadLocal.withInitial(() -> new double[K_BLOCK * W]);

    /**
     * Rows of C from which a product with a transposed A (ars = 1) packs A and B, see {@link #packGroups}: at 20 rows
     * the two copies cost more than they save (20 x 1024 x 20: 0.84x), at 64 and 100 rows 1.26x and 1.11-1.16x.
     * At least 3, as {@link #PACK_MIN_ROWS}: only products of more than two rows are blocked along k, so only theirs
     * fit the panels.
     */
    static final int PACK_T_MIN_ROWS = Math.max(3, Integer.getInteger("sciml4j.gemm.packrows.t", 64));

    /** Each thread's copy of a transposed A's block for {@link #packGroups}; grown as needed. */
    static final ThreadLocal<double[][]> GROUPS = ThreadLocal.withInitial(() -> new double[1][0]);

    /**
     * Copies columns [0, W) of the k rows of B starting at {@code bOff}, {@code n} apart, into {@code panel} with rows
     * W apart.
     */
    static void packPanel(double[] b, int bOff, int n, int k, double[] panel) {
        for (int p = 0; p < k; p++) { // vector moves: System.arraycopy's call per row of 20 values cost more
            int src = bOff + p * n;
            int dst = p * W;
            for (int q = 0; q < W; q += L) {
                DoubleVector.fromArray(S, b, src + q).intoArray(panel, dst + q);
            }
        }
    }

    /**
     * Copies the k x m block of a transposed A (element (i, p) at {@code a[aOff + p * acs + i]}) into the thread's
     * group array: rows of C in groups of L, group g's values for p at {@code [(g * k + p) * L, + L)}, one vector move
     * each (the last, partial group scalar). {@link VectorGemm#block2x5Groups} then reads A with the constant stride L.
     */
    static double[] packGroups(double[] a, int aOff, int acs, int m, int k) {
        int groups = (m + L - 1) / L;
        double[][] holder = GROUPS.get();
        if (holder[0].length < groups * k * L) {
            holder[0] = new double[groups * k * L];
        }
        double[] q = holder[0];
        int whole = m / L;
        for (int g = 0; g < whole; g++) {
            for (int p = 0; p < k; p++) {
                DoubleVector.fromArray(S, a, aOff + p * acs + g * L).intoArray(q, (g * k + p) * L);
            }
        }
        if (whole < groups) {
            for (int p = 0; p < k; p++) {
                for (int i = whole * L; i < m; i++) {
                    q[(whole * k + p) * L + i - whole * L] = a[aOff + p * acs + i];
                }
            }
        }
        return q;
    }
}
