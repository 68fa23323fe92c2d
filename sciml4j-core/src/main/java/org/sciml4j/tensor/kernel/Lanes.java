package org.sciml4j.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The species the Vector API kernels use, as chosen by {@link VectorWidth}, and the narrower ones their column tails
 * go through. Static finals, so that the JIT sees constants. Loaded only when {@code jdk.incubator.vector} is present.
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
    /** 256-bit vectors: the tail of rows of 512-bit tiles (used only when L is 8). */
    static final VectorSpecies<Double> S256 = DoubleVector.SPECIES_256;
    /** 128-bit vectors: the tail of rows of 256-bit tiles (used only when L is at least 4). */
    static final VectorSpecies<Double> S128 = DoubleVector.SPECIES_128;
}
