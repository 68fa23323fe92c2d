package org.sciml4j.domain.sampling;

/**
 * The Sobol sequence with the direction numbers of S. Joe and F. Y. Kuo, "Constructing Sobol sequences with better
 * two-dimensional projections", SIAM J. Sci. Comput. 30 (2008) 2635-2654 (file {@code new-joe-kuo-6.21201}), for up
 * to {@value #MAX_DIMENSION} dimensions; dimension 1 is van der Corput's sequence in base 2.
 *
 * <p>Points are generated in Gray-code order (Antonov and Saleev): point {@code i + 1} is point {@code i} with its
 * bits XOR-ed with the direction number of the lowest zero bit of {@code i}, one XOR per coordinate. The sequence's
 * first point, the origin, is skipped (as DeepXDE and scikit-optimize do): {@code unitCube(n, ...)} returns points 1
 * to {@code n} of the sequence, all inside the open cube (0, 1)^dim. Consequence: the first 2^m - 1 returned points
 * together with the origin form the balanced (t, m, d)-net, so {@code n = 2^m - 1} is the balanced choice. No
 * scrambling: the seed is ignored.
 */
final class Sobol implements Sampler {

    static final Sobol INSTANCE = new Sobol();

    /**
     * Joe and Kuo's rows for dimensions 2, 3, ...: {s, a, m_1, ..., m_s}, where s is the degree of the primitive
     * polynomial, a encodes its inner coefficients and m_k are the initial odd direction integers (m_k < 2^k).
     */
    private static final int[][] JOE_KUO = {
        {1, 0, 1},
        {2, 1, 1, 3},
        {3, 1, 1, 3, 1},
        {3, 2, 1, 1, 1},
        {4, 1, 1, 1, 3, 3},
        {4, 4, 1, 3, 5, 13},
        {5, 2, 1, 1, 5, 5, 17},
        {5, 4, 1, 1, 5, 5, 5},
        {5, 7, 1, 1, 7, 11, 19},
        {5, 11, 1, 1, 5, 1, 1},
        {5, 13, 1, 1, 1, 3, 11},
        {5, 14, 1, 3, 5, 5, 31},
        {6, 1, 1, 3, 3, 9, 7, 49},
        {6, 13, 1, 1, 1, 15, 21, 21},
        {6, 16, 1, 3, 1, 13, 27, 49},
        {6, 19, 1, 1, 1, 15, 7, 5},
        {6, 22, 1, 3, 1, 15, 13, 25},
        {6, 25, 1, 1, 5, 5, 19, 61},
        {7, 1, 1, 3, 7, 11, 23, 15, 103},
        {7, 4, 1, 3, 7, 13, 13, 15, 69},
        {7, 7, 1, 1, 3, 13, 7, 35, 63},
        {7, 8, 1, 3, 5, 9, 1, 25, 53},
        {7, 14, 1, 3, 1, 13, 9, 35, 107},
        {7, 19, 1, 3, 1, 5, 27, 61, 31},
        {7, 21, 1, 1, 5, 11, 19, 41, 61},
        {7, 28, 1, 3, 5, 3, 3, 13, 69},
        {7, 31, 1, 1, 7, 13, 1, 19, 1},
        {7, 32, 1, 3, 7, 5, 13, 19, 59},
        {7, 37, 1, 1, 3, 9, 25, 29, 41},
        {7, 41, 1, 3, 5, 13, 23, 1, 55},
        {7, 42, 1, 3, 7, 3, 13, 59, 17},
    };

    /** The number of dimensions with direction numbers here. */
    static final int MAX_DIMENSION = 32;

    /**
     * Bits per coordinate. An index below 2^31 (any int count) changes only the 31 leading bits' direction numbers,
     * and 32 bits fit exactly in a double.
     */
    private static final int BITS = 32;

    /** DIRECTIONS[j][k]: direction number v_{k+1} of dimension j + 1 as a BITS-bit integer (binary point left). */
    private static final long[][] DIRECTIONS = directions();

    private Sobol() {
    }

    @Override
    public double[] unitCube(int n, int dim, long seed) {
        Checks.unitCube("sobol", n, dim);
        if (dim > MAX_DIMENSION) {
            throw new IllegalArgumentException("sobol: dim = " + dim + " exceeds the " + MAX_DIMENSION
                    + " dimensions with direction numbers; use halton, lhs or random");
        }
        double[] out = new double[n * dim];
        long[] x = new long[dim]; // the current point's bits, starting at the skipped origin
        for (int i = 0; i < n; i++) {
            // from sequence point i to i + 1: flip the direction number of i's lowest zero bit
            int c = Integer.numberOfTrailingZeros(~i);
            int row = i * dim;
            for (int j = 0; j < dim; j++) {
                x[j] ^= DIRECTIONS[j][c];
                out[row + j] = x[j] * 0x1p-32; // exact: 32 bits fit in a double
            }
        }
        return out;
    }

    private static long[][] directions() {
        if (JOE_KUO.length + 1 != MAX_DIMENSION) {
            throw new AssertionError("Sobol: table has " + (JOE_KUO.length + 1) + " dimensions");
        }
        long[][] v = new long[MAX_DIMENSION][BITS];
        for (int k = 0; k < BITS; k++) {
            v[0][k] = 1L << (BITS - 1 - k); // van der Corput: all m_k = 1
        }
        for (int j = 1; j < MAX_DIMENSION; j++) {
            int[] row = JOE_KUO[j - 1];
            int s = row[0];
            int a = row[1];
            long[] vj = v[j];
            for (int k = 0; k < s; k++) {
                vj[k] = (long) row[2 + k] << (BITS - 1 - k);
            }
            // Bratley and Fox's recurrence: v_k = v_{k-s} ^ (v_{k-s} >> s) ^ sum of a_i v_{k-i}, a_i the bits of a
            for (int k = s; k < BITS; k++) {
                long w = vj[k - s] ^ (vj[k - s] >>> s);
                for (int i = 1; i < s; i++) {
                    if (((a >>> (s - 1 - i)) & 1) != 0) {
                        w ^= vj[k - i];
                    }
                }
                vj[k] = w;
            }
        }
        return v;
    }

    @Override
    public String toString() {
        return "sobol";
    }
}
