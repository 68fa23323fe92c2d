package org.sciml4j.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The species the Vector API kernels use, as chosen by {@link VectorWidth}. Static finals, so that the JIT sees
 * constants. Loaded only when {@code jdk.incubator.vector} is present.
 */
final class Lanes {
    private Lanes() {
    }

    static final int PREFERRED_BITS = DoubleVector.SPECIES_PREFERRED.vectorBitSize();
    static final int BITS = VectorWidth.chooseOrDefault(System.getProperty("sciml4j.vector.bits"), PREFERRED_BITS,
            Boolean.getBoolean("sciml4j.vector.emulate"));
    /** The kernels' species. */
    static final VectorSpecies<Double> S = VectorSpecies.of(double.class, VectorShape.forBitSize(BITS));
    /** Its lane count. */
    static final int L = S.length();

    /**
     * Rows of C per block of {@link VectorGemm}'s five vectors of columns: 4 ({@link FourRowBlocks}) on machines with
     * 32 vector registers, told by a 512-bit preferred species (AVX-512; with {@code -XX:MaxVectorSize=32} there the
     * 2-row blocks run, correct but slower), else 2 (with 16 registers four rows spill). {@code -Dsciml4j.gemm.rows=2|4}
     * forces it: the tests run both on every machine, the results are the same bits.
     */
    static final int GEMM_ROWS = VectorWidth.chooseGemmRows(System.getProperty("sciml4j.gemm.rows"), PREFERRED_BITS);

    static {
        fillOperatorCaches();
    }

    /**
     * Uses, once and before any kernel runs, every lane-wise operation the kernels use (in the forms they use it:
     * vector or scalar operand), so that the Vector API's per-operator caches ({@code VectorOperators.ImplCache}) are
     * full before C2 compiles a kernel. Why: a cache miss in compiled code calls the cache's supplier lambda through a
     * call site that C2 had inlined for the one lambda class it had seen; another lambda class there is a failed type
     * check (an uncommon trap of reason class_check, recorded in {@code ImplCache.find}'s profile, four per miss).
     * C2 adds up the traps of every method it inlines, and a kernel inlines {@code find} once per operation: with 25
     * operations and 4 traps the count reached the per-method limit (100, {@code -XX:PerMethodTrapLimit}) while C2
     * parsed {@code VectorJet.laplacianBackward}, after which its type-checked inlining kept a virtual call beside the
     * inlined code, the vectors' types were no longer exact, and the stores fell back to the Java implementation
     * (a boxed vector per operation). It happened in about half the runs, those in which an operation was first used
     * after C2 had compiled a method that inlines {@code find}: poisson-mlp-1x100 then took 5-8 ms per epoch and
     * allocated 16.6 MB, against 2.4-3.7 ms and 0.39 MB. A new operation in a kernel belongs here.
     */
    private static void fillOperatorCaches() {
        DoubleVector x = DoubleVector.broadcast(S, 0.5);
        DoubleVector y = x.add(x).sub(x).sub(1.0).mul(x).mul(2.0).div(x).min(20.0).neg()
                .lanewise(VectorOperators.ABS).fma(x, x);
        LongVector bits = ((LongVector) y.reinterpretAsLongs()).sub(1L).lanewise(VectorOperators.LSHL, 1).and(1L);
        bits.or(bits);
    }
}
