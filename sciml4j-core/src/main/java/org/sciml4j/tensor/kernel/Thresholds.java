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
     * Multiply-add count (m*k*n) from which a matrix product goes to BLAS; below it a direct Java loop is faster
     * than the call overhead of the BLAS layer.
     */
    public static final long BLAS_MIN_MULADDS = Long.getLong("sciml4j.blas.min", 48L * 48 * 48);
}
