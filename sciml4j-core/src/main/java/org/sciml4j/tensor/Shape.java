package org.sciml4j.tensor;

import java.util.Arrays;

/** Static helpers on shapes ({@code int[]}, row-major). Shapes are never mutated after a tensor is built. */
public final class Shape {
    private Shape() {
    }

    /** Number of elements of a shape (1 for a scalar, shape {@code []}). */
    public static int numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new ShapeException("negative dimension in shape " + str(shape));
            }
            n *= d;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new ShapeException("shape " + str(shape) + " has " + n + " elements, more than a Java array holds");
        }
        return (int) n;
    }

    /** Row-major strides of a shape, in elements. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /** Shape as NumPy prints it: {@code (2, 3)}. */
    public static String str(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(shape[i]);
        }
        return b.append(')').toString();
    }

    /** NumPy broadcasting of two shapes; {@code op} names the operation in the error message. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int n = Math.max(a.length, b.length);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int da = i < n - a.length ? 1 : a[i - (n - a.length)];
            int db = i < n - b.length ? 1 : b[i - (n - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new ShapeException(op + ": shapes " + str(a) + " and " + str(b)
                        + " cannot be broadcast (dimension " + i + " of the result: " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Whether {@code from} broadcasts to {@code to} under NumPy rules. */
    public static boolean broadcastsTo(int[] from, int[] to) {
        if (from.length > to.length) {
            return false;
        }
        int off = to.length - from.length;
        for (int i = 0; i < from.length; i++) {
            if (from[i] != 1 && from[i] != to[i + off]) {
                return false;
            }
        }
        return true;
    }

    /** Normalises a possibly negative axis against a rank, with a clear error. */
    public static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new ShapeException(op + ": axis " + axis + " is out of range for a tensor of rank " + rank);
        }
        return a;
    }

    /** Normalised, sorted, duplicate-free axes; an empty array means all axes. */
    public static int[] axes(String op, int[] axes, int rank) {
        if (axes.length == 0) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = axis(op, axes[i], rank);
        }
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw new ShapeException(op + ": axis " + out[i] + " is repeated in " + Arrays.toString(axes));
            }
        }
        return out;
    }

    /** {@link Tensor#toString()}: shape, the first eight values, and how the tensor was made. */
    static String describe(Tensor t) {
        StringBuilder b = new StringBuilder("Tensor").append(str(t.shape)).append(' ');
        int show = Math.min(t.data.length, 8);
        b.append('[');
        for (int i = 0; i < show; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(t.data[i]);
        }
        if (show < t.data.length) {
            b.append(", ...");
        }
        b.append(']');
        if (t.node != null) {
            b.append(" <").append(t.node.op.name()).append('>');
        } else if (t.requiresGrad) {
            b.append(" requiresGrad");
        }
        return b.toString();
    }

    /** Row-major position of a full index into a tensor of {@code shape}; {@code op} names the caller in errors. */
    static int flatIndex(String op, int[] index, int[] shape) {
        if (index.length != shape.length) {
            throw new ShapeException(op + ": index " + Arrays.toString(index) + " has " + index.length
                    + " entries for a tensor of shape " + str(shape));
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new ShapeException(op + ": index " + index[i] + " out of range for axis " + i + " of shape "
                        + str(shape));
            }
            flat = flat * shape[i] + index[i];
        }
        return flat;
    }
}
