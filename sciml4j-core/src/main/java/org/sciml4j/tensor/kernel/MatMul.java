package org.sciml4j.tensor.kernel;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Row-major matrix products. Small products run a direct Java loop (a BLAS call costs more than it saves below
 * {@link Thresholds#BLAS_MIN_MULADDS}); larger ones with at least two blocks of {@link Thresholds#BLAS_BLOCK_ROWS}
 * rows go to {@code dev.ludovic.netlib} BLAS when it is a tuned native library (OpenBLAS, MKL, BLIS, ...), one call
 * per block over the kernels' threads. Every product stays in Java when the native library is the unoptimised
 * reference BLAS (Debian's {@code libblas3}, 1.2-2 GFLOP/s on 750 x 200 x 200 where {@code VectorGemm} runs 30-40 on
 * one core) or when there is none: netlib's own Java fallback ({@code VectorBLAS}, 512-bit vectors) is slower than
 * {@code VectorGemm} at that size (about 21 GFLOP/s) and, once it has run, {@code VectorGemm}'s products in the same
 * JVM ran 15-20 times slower (the two kernels' vector shapes mixed in the JIT's profiles). {@code -Dsciml4j.blas.min}
 * given explicitly sends products from that size to whatever BLAS loaded. The implementation in use is logged once.
 * <p>
 * Products of at least {@link Thresholds#PARALLEL_GEMM_MIN_MULADDS} multiply-adds that run in Java are split by rows
 * of C over the kernels' threads ({@link Parallel#each}). Every element of C is the same chain of multiply-adds
 * whichever rows share its block, so the bits do not depend on the number of threads.
 */
public final class MatMul {
    private MatMul() {
    }

    private static final class Holder {
        static final BLAS BLAS_INSTANCE = BLAS.getInstance();
        /**
         * Whether large products go to BLAS: when it is a native library other than the reference BLAS, or when
         * {@code -Dsciml4j.blas.min} asks for it.
         */
        static final boolean USE_BLAS = System.getProperty("sciml4j.blas.min") != null
                || BLAS_INSTANCE instanceof NativeBLAS && !referenceBlas(mappedFiles());

        static {
            Logger.getLogger("org.sciml4j").info("sciml4j BLAS: " + BLAS_INSTANCE.getClass().getName()
                    + (USE_BLAS ? "" : BLAS_INSTANCE instanceof NativeBLAS
                    ? " (the reference BLAS: products stay in the Java kernel)"
                    : " (not native: products stay in the Java kernel)"));
        }

        /** The lines of {@code /proc/self/maps} (the process's mapped files, Linux), empty where unreadable. */
        static List<String> mappedFiles() {
            try {
                return Files.readAllLines(Path.of("/proc/self/maps"));
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        }
    }

    /**
     * Whether the process maps a native {@code libblas.so} that is the unoptimised reference implementation: one
     * whose path names none of the tuned implementations that install under that name (OpenBLAS, BLIS, ATLAS, MKL),
     * e.g. Debian's {@code /usr/lib/x86_64-linux-gnu/blas/libblas.so.3.11.0} (measured at 1.2-2 GFLOP/s on a
     * 750 x 200 x 200 product against 30-40 for {@code VectorGemm}, CPU time of one core). False when no such library
     * is mapped (nothing known: a native BLAS then gets the products from the threshold on).
     *
     * @param maps lines of {@code /proc/self/maps}
     */
    static boolean referenceBlas(List<String> maps) {
        for (String line : maps) {
            String path = line.substring(line.lastIndexOf(' ') + 1).toLowerCase(Locale.ROOT);
            String file = path.substring(path.lastIndexOf('/') + 1);
            if (file.startsWith("libblas.so") && !path.contains("openblas") && !path.contains("blis")
                    && !path.contains("atlas") && !path.contains("mkl")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the small-product kernel can use the Vector API: the JVM must be started with
     * {@code --add-modules jdk.incubator.vector} (the launcher, tests and benchmarks do). Without it a plain loop runs.
     */
    static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("sciml4j.novector");

    /** Which small-product kernel is in use. */
    public static String smallKernelName() {
        return VECTOR_API ? "Vector API, blocks of " + VectorWidth.gemmRows() + " rows x 5 vectors" : "plain Java loop";
    }

    /** Name of the BLAS implementation loaded (loads it), and whether large products use it or stay in Java. */
    public static String blasName() {
        String name = Holder.BLAS_INSTANCE.getClass().getName();
        if (!Holder.USE_BLAS) {
            return name + " over the reference libblas: not used, products stay in the Java kernel";
        }
        boolean openBlas = Holder.mappedFiles().stream().anyMatch(l -> l.toLowerCase(Locale.ROOT).contains("openblas"));
        String threads = System.getenv("OPENBLAS_NUM_THREADS");
        return !openBlas ? name : name + " over OpenBLAS, " + (threads != null ? "OPENBLAS_NUM_THREADS=" + threads
                : "its own threads (the sciml4j command sets OPENBLAS_NUM_THREADS=1: they competed with the kernels')");
    }

    /**
     * {@code C[m,n] (+)= A^T B} where A is a row-major (k, m) array and B a row-major (k, n) array: the product with
     * a transposed left operand, without copying the transpose (e.g. a weight gradient h^T g summed over points).
     */
    public static void gemmTransA(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k,
                                  int n, boolean accumulate) {
        if (m == 1) { // one row of C: a sum of k scaled rows of B (the tiled kernel handles it about 100x slower)
            rowCombination(a, aOff, b, bOff, c, cOff, k, n, accumulate);
            return;
        }
        int chunks = rowChunks(m, k, n);
        if (chunks > 1) { // rows i of C read columns i of the (k, m) array A
            int rows = chunkRows(m, chunks);
            Parallel.each(chunks, q -> {
                int i0 = q * rows;
                gemmTransARows(a, aOff + i0, m, b, bOff, c, cOff + i0 * n, Math.min(rows, m - i0), k, n, accumulate);
            });
            return;
        }
        gemmTransARows(a, aOff, m, b, bOff, c, cOff, m, k, n, accumulate);
    }

    /**
     * {@code A^T B} for a row-major (k, m) array A and (k, n) array B, into a new (m, n) array: bit for bit what
     * {@link #gemm} gives on the transposed copy of A, without making that copy where {@link #gemmTransA} runs the
     * same kernel with the same splits (the copy of a tall A, e.g. the activations of every point for a weight
     * gradient, was a tenth of a KdV PINN epoch on the generic path); one column of C (the weight gradient of a
     * scalar output) runs gemv's transposed twin. Where the kernels differ (BLAS, one-row and outer products) it
     * copies and calls {@code gemm}.
     */
    public static double[] transposedProduct(double[] a, double[] b, int m, int k, int n) {
        double[] c = new double[m * n];
        if (m < 2 || k < 2 || usesBlas(m, k, n)) {
            gemm(Layout.permute(a, new int[] {k, m}, new int[] {1, 0}), 0, b, 0, c, 0, m, k, n, false);
        } else if (n == 1 && VECTOR_API) {
            VectorGemv.gemvTransA(a, 0, b, 0, c, 0, m, k);
        } else { // (n = 1 without vectors: the scalar loops of both add each c[i]'s terms in the order of p)
            gemmTransA(a, 0, b, 0, c, 0, m, k, n, false);
        }
        return c;
    }

    /**
     * Chunks of rows of C for a Java product of (m, k, n): 1 below {@link Thresholds#PARALLEL_GEMM_MIN_MULADDS} or
     * with one thread, else 2 per thread (at most one per 4 rows).
     */
    private static int rowChunks(int m, int k, int n) {
        int threads = Parallel.threads();
        if (threads < 2 || (long) m * k * n < Thresholds.PARALLEL_GEMM_MIN_MULADDS) {
            return 1;
        }
        int chunks = Math.min(2 * threads, m / 4);
        return chunks < 2 ? 1 : (m + chunkRows(m, chunks) - 1) / chunkRows(m, chunks);
    }

    /** Rows per chunk: m split in {@code chunks}, rounded up to a multiple of 4 (the kernel's row block). */
    private static int chunkRows(int m, int chunks) {
        return ((m + chunks - 1) / chunks + 3) / 4 * 4;
    }

    /** {@link #gemmTransA} on m rows of C whose A columns start at {@code aOff}, A's rows {@code lda} apart. */
    private static void gemmTransARows(double[] a, int aOff, int lda, double[] b, int bOff, double[] c, int cOff,
                                       int m, int k, int n, boolean accumulate) {
        if (VECTOR_API && n > 1) {
            VectorGemm.gemm(a, aOff, 1, lda, b, bOff, c, cOff, m, k, n, accumulate);
            return;
        }
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0.0);
        }
        for (int p = 0; p < k; p++) {
            for (int i = 0; i < m; i++) {
                double api = a[aOff + p * lda + i];
                int ci = cOff + i * n;
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += api * b[bp + j];
                }
            }
        }
    }

    /**
     * {@code C[m,n] (+)= A[m,k] * B[k,n]}, all row-major at the given offsets. When {@code accumulate} is false C is
     * overwritten.
     */
    public static void gemm(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                            boolean accumulate) {
        if (k == 1) { // an outer product (the tiled kernel handles it about 30x slower)
            if (VECTOR_API) {
                VectorGemv.outer(a, aOff, b, bOff, c, cOff, m, n, accumulate);
                return;
            }
            for (int i = 0; i < m; i++) {
                rowCombination(a, aOff + i, b, bOff, c, cOff + i * n, 1, n, accumulate);
            }
            return;
        }
        if (usesBlas(m, k, n)) {
            // blocks of rows fixed by index, over the kernels' threads: a BLAS's result depends on how its rows are
            // cut (OpenBLAS: 42-172 elements of a 300^3 product differed), so the cut must not follow the threads
            int rows = Thresholds.BLAS_BLOCK_ROWS;
            Parallel.each((m + rows - 1) / rows, q -> blasRows(a, aOff + q * rows * k, b, bOff, c, cOff + q * rows * n,
                    Math.min(rows, m - q * rows), k, n, accumulate));
            return;
        }
        int chunks = rowChunks(m, k, n);
        if (chunks > 1) {
            int rows = chunkRows(m, chunks);
            Parallel.each(chunks, q -> {
                int i0 = q * rows;
                gemmRows(a, aOff + i0 * k, b, bOff, c, cOff + i0 * n, Math.min(rows, m - i0), k, n, accumulate);
            });
            return;
        }
        gemmRows(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
    }

    /**
     * {@code c[0, n) (+)= sum_p a[aOff + p] b[p, :]} over the k rows of the row-major (k, n) B, in order of
     * p, each element one scalar fused multiply-add chain (the same bits on any thread count or vector width): a
     * product with one row of C. Not bit-equal to the tiled kernel's result for that row (measured: a one-row
     * {@code gemm} through here differed in the last bit from the same row inside a larger product), so it serves
     * only shapes that never also reach the tiled kernel for the same rows: outer products (every row goes through
     * here) and {@code gemmTransA} with one row of C; {@code gemm} keeps one-row products in the tiled kernel.
     */
    private static void rowCombination(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                                       int k, int n, boolean accumulate) {
        if (VECTOR_API) { // vectors of columns, each element the same chain as the loop below
            VectorGemv.rowCombination(a, aOff, b, bOff, c, cOff, k, n, accumulate);
            return;
        }
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff, cOff + n, 0.0);
        }
        for (int p = 0; p < k; p++) {
            double ap = a[aOff + p];
            int bp = bOff + p * n;
            for (int j = 0; j < n; j++) {
                c[cOff + j] = Math.fma(ap, b[bp + j], c[cOff + j]);
            }
        }
    }

    /**
     * Whether {@link #gemm} of (m, k, n) goes to BLAS: a tuned native one, from {@link Thresholds#BLAS_MIN_MULADDS}
     * multiply-adds and two blocks of {@link Thresholds#BLAS_BLOCK_ROWS} rows. Fewer rows would be one call on one
     * thread, slower than the Java kernel on two (100 x 2400 x 100: 1.05 against 0.61 ms; 256^3: 0.65 against 0.50).
     * The shape alone decides, never the thread count, so that the bits do not depend on it.
     */
    private static boolean usesBlas(int m, int k, int n) {
        return (long) m * k * n >= Thresholds.BLAS_MIN_MULADDS && m >= 2 * Thresholds.BLAS_BLOCK_ROWS
                && Holder.USE_BLAS;
    }

    /** {@link #gemm} through BLAS, on the caller's thread. */
    private static void blasRows(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k,
                                 int n, boolean accumulate) {
        // column-major view: C^T (n x m) = B^T (n x k) * A^T (k x m)
        Holder.BLAS_INSTANCE.dgemm("N", "N", n, m, k, 1.0, b, bOff, n, a, aOff, k, accumulate ? 1.0 : 0.0, c, cOff, n);
    }

    /** {@link #gemm} in Java, on the caller's thread. */
    private static void gemmRows(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k,
                                 int n, boolean accumulate) {
        if (VECTOR_API) {
            VectorGemm.gemm(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
            return;
        }
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0.0);
        }
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            int ai = aOff + i * k;
            for (int p = 0; p < k; p++) {
                double aip = a[ai + p];
                int bp = bOff + p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }
}
