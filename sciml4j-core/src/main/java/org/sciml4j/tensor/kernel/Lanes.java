package org.sciml4j.tensor.kernel;

import jdk.incubator.vector.DoubleVector;
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
}
