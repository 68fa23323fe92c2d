package org.sciml4j.tensor.kernel;

/**
 * Size thresholds that choose between code paths, kept in one place so they can be tuned together.
 * Each can be overridden with a system property of the same name in lower case, e.g.
 * {@code -Dsciml4j.parallel.min=65536}.
 */
public final class Thresholds {
    private Thresholds() {
    }

    /** Element count from which element-wise kernels split the work over all cores. */
    public static final int PARALLEL_ELEMENTWISE = Integer.getInteger("sciml4j.parallel.min", 1 << 16);

    /**
     * Multiply-add count (m*k*n) from which a matrix product goes to BLAS. Below it the Vector API kernel is faster:
     * measured on a 2-core AMD EPYC, it runs at 32-33 GFLOP/s on one core from 101x20x20 to 128^3 (14-16 before
     * its packed panels, session 18), against 3-5 GFLOP/s for
     * Debian's reference libblas through JNI and 5-8 GFLOP/s for netlib's VectorBLAS; only from about 256^3 does
     * VectorBLAS (or a native OpenBLAS) win. Applies only to a tuned native BLAS: {@code MatMul} keeps every product
     * in Java under the reference BLAS or netlib's Java fallback (see there), unless this property is given.
     */
    public static final long BLAS_MIN_MULADDS = Long.getLong("sciml4j.blas.min", 192L * 192 * 192);

    /**
     * Rows of C per BLAS call: a product that goes to BLAS is cut into blocks of this many rows (fixed by index, so
     * that the bits do not depend on the thread count), run over the kernels' threads, each on one BLAS thread (the
     * launcher sets {@code OPENBLAS_NUM_THREADS=1}: OpenBLAS's own spinning workers took the cores from the kernels).
     */
    public static final int BLAS_BLOCK_ROWS = Math.max(1, Integer.getInteger("sciml4j.blas.rows", 128));

    /**
     * Multiply-add count (m*k*n) from which a matrix product that runs in Java ({@code MatMul}) is split by rows of
     * its output over the kernels' threads. The split does not change the bits (each output element is the same chain
     * of multiply-adds). About 0.1 ms of work at 10 GFLOP/s, well above the cost of handing work to the pool.
     */
    public static final long PARALLEL_GEMM_MIN_MULADDS = Long.getLong("sciml4j.gemm.parallel.min", 1L << 20);

    /**
     * Point rows per chunk of a fused Taylor jet ({@code MlpJet}): a larger batch is split into chunks of this many
     * points (the last one shorter), processed in parallel, and their parameter gradients summed in chunk order, so
     * results do not depend on the number of cores. At most this many points go through one unsplit pass. (The
     * multi-direction jet makes the chunk count even and the chunks equal, at most about this many points each.)
     */
    public static final int JET_CHUNK_ROWS = Integer.getInteger("sciml4j.jet.chunk", 256);

    /**
     * Multiply-adds of a fused jet's forward pass (all its stacked rows through all layers) from which its chunks run
     * over the kernels' threads rather than in order on the caller. Measured with {@code JetParallelProbe} (sciml4j-nn
     * tests): see its description and docs/BENCHMARKS.md, "Threads and vector width".
     */
    public static final long JET_PARALLEL_MIN_MULADDS = Long.getLong("sciml4j.jet.parallel.min", 400_000L);
}
