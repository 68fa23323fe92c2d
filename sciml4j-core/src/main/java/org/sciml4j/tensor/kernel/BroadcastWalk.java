package org.sciml4j.tensor.kernel;

import org.sciml4j.tensor.Shape;

/**
 * How two operands broadcast to an output shape (NumPy rules) are read, without copying either to that shape: the
 * output is a sequence of rows of {@link #len} elements along which each operand either advances by one element or
 * stays on one (stride 1 or 0), and each row starts at an offset of each operand that {@link #offsetA} and
 * {@link #offsetB} give. Axes of size 1 are dropped and adjacent axes that every operand reads contiguously are merged
 * first, so a row is as long as the layout allows: (8000, 1) against (2, 8000, 1) walks 2 rows of 8000, (n, 1)
 * against (n, k) n rows of k.
 */
final class BroadcastWalk {
    /** Elements per row. */
    final int len;
    /** The operands' strides along a row: 1 or 0. */
    final int strideA;
    final int strideB;
    /** The axes above the row, innermost first: their sizes and the operands' strides along them. */
    private final int[] sizes;
    private final int[] stridesA;
    private final int[] stridesB;

    /**
     * @param a     the first operand's shape
     * @param b     the second operand's shape
     * @param shape the output's shape, which both broadcast to
     */
    BroadcastWalk(int[] a, int[] b, int[] shape) {
        int rank = shape.length;
        int[] sa = strides(a, rank);
        int[] sb = strides(b, rank);
        int[] size = new int[rank];
        int[] ta = new int[rank];
        int[] tb = new int[rank];
        int m = 0;
        for (int d = rank - 1; d >= 0; d--) {
            if (shape[d] == 1) {
                continue;
            }
            if (m > 0 && sa[d] == ta[m - 1] * size[m - 1] && sb[d] == tb[m - 1] * size[m - 1]) {
                size[m - 1] *= shape[d]; // read on from where the axis below ends, by both: one longer axis
            } else {
                size[m] = shape[d];
                ta[m] = sa[d];
                tb[m] = sb[d];
                m++;
            }
        }
        len = m == 0 ? 1 : size[0];
        strideA = m == 0 ? 0 : ta[0];
        strideB = m == 0 ? 0 : tb[0];
        int outer = Math.max(0, m - 1);
        sizes = java.util.Arrays.copyOfRange(size, 1, 1 + outer);
        stridesA = java.util.Arrays.copyOfRange(ta, 1, 1 + outer);
        stridesB = java.util.Arrays.copyOfRange(tb, 1, 1 + outer);
    }

    /** An operand's strides along the output's axes: 0 where it broadcasts (size 1, or an axis it does not have). */
    private static int[] strides(int[] from, int rank) {
        int[] s = new int[rank];
        int[] own = Shape.strides(from);
        int off = rank - from.length;
        for (int i = 0; i < from.length; i++) {
            s[i + off] = from[i] == 1 ? 0 : own[i];
        }
        return s;
    }

    /** Where row {@code r} starts in the first operand. */
    int offsetA(int r) {
        return offset(r, stridesA);
    }

    /** Where row {@code r} starts in the second operand. */
    int offsetB(int r) {
        return offset(r, stridesB);
    }

    private int offset(int r, int[] strides) {
        int off = 0;
        for (int g = 0; g < sizes.length && r > 0; g++) {
            off += r % sizes[g] * strides[g];
            r /= sizes[g];
        }
        return off;
    }
}
