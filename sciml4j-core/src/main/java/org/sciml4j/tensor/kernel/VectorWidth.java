package org.sciml4j.tensor.kernel;

/**
 * The one place that decides the vector width of every Vector API kernel ({@code VectorGemm}, {@code VectorJet},
 * {@code VectorMath}), and says why. The kernels are written for any species length (their tiles are multiples of the
 * lane count; the columns of a row narrower than one vector run as scalar fused multiply-adds, the same arithmetic as
 * the lanes), so every width is correct and the matrix products are the same bits at every width; the choice is about
 * speed:
 * <ul>
 * <li>{@code -Dsciml4j.vector.bits=128|256|512} forces a width (capped at the machine's widest);</li>
 * <li>otherwise the machine's widest ({@code DoubleVector.SPECIES_PREFERRED}, which {@code -XX:MaxVectorSize}
 * lowers), capped at 256 bits. PINN layers are 20 to 100 columns wide: a 256-bit tile of 4 doubles divides 20 and
 * 100, a 512-bit one of 8 divides neither, and on AVX-512 machines the 256-bit kernels ran the Burgers step about
 * twice as fast as the 512-bit ones (issue 12: 1500 Adam epochs in 4.1 s against 7.9 s; on a Zen 4, 1.6-1.8 times,
 * and the kernels' tanh 3.4 times slower per element at 512 bits on JDK 17).</li>
 * </ul>
 * The rule is fixed, not a timing at start-up, so that the same machine and flags always give the same width and the
 * same bits (the lanes of a vector reduction are summed in an order that depends on the width).
 */
public final class VectorWidth {
    private VectorWidth() {
    }

    /** The widest vector the default rule uses, in bits. */
    static final int DEFAULT_CAP_BITS = 256;

    /** The width in use, in bits (64 without the Vector API: one double at a time). */
    public static int bits() {
        return MatMul.VECTOR_API ? Lanes.BITS : 64;
    }

    /** Doubles per vector in use (1 without the Vector API). */
    public static int lanes() {
        return bits() / 64;
    }

    /** The machine's widest vector for doubles, in bits (as {@code -XX:MaxVectorSize} leaves it); 64 without the API. */
    public static int preferredBits() {
        return MatMul.VECTOR_API ? Lanes.PREFERRED_BITS : 64;
    }

    /** Rows of C per block of the small matrix product's kernel: 4 with 32 vector registers (AVX-512), else 2. */
    public static int gemmRows() {
        return MatMul.VECTOR_API ? Lanes.GEMM_ROWS : 1;
    }

    /**
     * Rows of C per block from {@code -Dsciml4j.gemm.rows} (null when unset) and the machine's widest vector: 4 where
     * that is 512 bits (AVX-512, 32 vector registers), else 2; a property value other than 2 or 4 is warned about on
     * stderr (one line) and the default used.
     */
    static int chooseGemmRows(String property, int preferredBits) {
        if (property != null) {
            String v = property.trim();
            if (v.equals("2") || v.equals("4")) {
                return Integer.parseInt(v);
            }
            System.err.println("sciml4j: ignored -Dsciml4j.gemm.rows=" + property + ": use 2 or 4");
        }
        return preferredBits >= 512 ? 4 : 2;
    }

    /** One line: the width in use and why it was chosen. */
    public static String describe() {
        if (!MatMul.VECTOR_API) {
            return "none (scalar loops): start Java with --add-modules jdk.incubator.vector for vector kernels";
        }
        return bits() + " bits (" + lanes() + " doubles): " + reason(System.getProperty("sciml4j.vector.bits"),
                Lanes.PREFERRED_BITS, Lanes.BITS);
    }

    /**
     * The width in bits the kernels use, from the property's value (null when unset) and the machine's widest;
     * {@code emulate} ({@code -Dsciml4j.vector.emulate=true}) lets the property ask for more than the machine has, run
     * by the Vector API's (slow) Java fallback: only to test the 512-bit tiles on a machine without AVX-512.
     *
     * @throws IllegalArgumentException for a property value other than 128, 256 or 512
     */
    static int choose(String property, int preferredBits, boolean emulate) {
        if (property != null) {
            int bits = parse(property);
            return emulate ? bits : Math.min(bits, preferredBits);
        }
        return Math.min(preferredBits, DEFAULT_CAP_BITS);
    }

    /** As {@link #choose}, a bad property value warned about on stderr (one line) and the default rule used. */
    static int chooseOrDefault(String property, int preferredBits, boolean emulate) {
        try {
            return choose(property, preferredBits, emulate);
        } catch (IllegalArgumentException e) {
            System.err.println("sciml4j: ignored " + e.getMessage());
            return choose(null, preferredBits, false);
        }
    }

    private static boolean valid(String property) {
        try {
            parse(property);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int parse(String property) {
        String v = property.trim();
        if (!v.equals("128") && !v.equals("256") && !v.equals("512")) {
            throw new IllegalArgumentException("-Dsciml4j.vector.bits=" + property + ": use 128, 256 or 512");
        }
        return Integer.parseInt(v);
    }

    static String reason(String property, int preferredBits, int bits) {
        if (property != null && !valid(property)) {
            return "ignored -Dsciml4j.vector.bits=" + property + " (use 128, 256 or 512); " + reason(null, preferredBits, bits);
        }
        if (property != null) {
            return "set by -Dsciml4j.vector.bits=" + property.trim()
                    + (bits > preferredBits ? " (emulated: wider than the machine's " + preferredBits + " bits)" : "")
                    + (bits < parse(property) ? " (capped at the machine's widest, " + preferredBits + " bits)" : "");
        }
        if (preferredBits > bits) {
            return "the machine's widest (" + preferredBits + " bits) capped at " + bits + ": 20-100-column layers fill "
                    + bits + "-bit tiles, and wider kernels ran PINN steps 1.6-1.8 times slower (-Dsciml4j.vector.bits="
                    + preferredBits + " forces them)";
        }
        return "the machine's widest (lower it with -XX:MaxVectorSize or -Dsciml4j.vector.bits)";
    }
}
