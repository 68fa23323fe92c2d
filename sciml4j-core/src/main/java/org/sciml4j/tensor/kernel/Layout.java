package org.sciml4j.tensor.kernel;

import org.sciml4j.tensor.Shape;

/** Kernels that move elements: broadcasting, permutation, slicing and its adjoint, index select/add, concat. */
public final class Layout {
    private Layout() {
    }

    /**
     * The values of {@code x} (shape {@code from}) broadcast to shape {@code to}: {@code x} itself when broadcasting
     * adds no elements (the caller only reads it), else a new array.
     */
    public static double[] expand(double[] x, int[] from, int[] to) {
        return expand(x, from, to, null);
    }

    /**
     * {@link #expand} into {@code out} (of {@code to}'s size, overwritten; x's values copied where broadcasting adds
     * no elements), or as there where it is null.
     */
    public static double[] expand(double[] x, int[] from, int[] to, double[] out) {
        int n = Shape.numel(to);
        if (x.length == n) {
            if (out == null || out == x) {
                return x;
            }
            System.arraycopy(x, 0, out, 0, n);
            return out;
        }
        if (out == null) {
            out = new double[n];
        }
        if (x.length == 1) {
            java.util.Arrays.fill(out, x[0]);
            return out;
        }
        int rank = to.length;
        int off = rank - from.length;
        // common case: the source is a suffix of the target (a row broadcast over leading dimensions)
        boolean suffix = true;
        for (int i = 0; i < from.length; i++) {
            if (from[i] != to[i + off]) {
                suffix = false;
                break;
            }
        }
        if (suffix) {
            for (int o = 0; o < n; o += x.length) {
                System.arraycopy(x, 0, out, o, x.length);
            }
            return out;
        }
        int[] srcStrides = new int[rank];
        int[] fs = Shape.strides(from);
        for (int i = 0; i < from.length; i++) {
            srcStrides[i + off] = from[i] == 1 ? 0 : fs[i];
        }
        int inner = to[rank - 1];
        int innerStride = srcStrides[rank - 1];
        int[] idx = new int[rank];
        int src = 0;
        for (int o = 0; o < n; o += inner) {
            for (int j = 0, s = src; j < inner; j++, s += innerStride) {
                out[o + j] = x[s];
            }
            // advance the odometer over all but the last dimension
            for (int d = rank - 2; d >= 0; d--) {
                idx[d]++;
                src += srcStrides[d];
                if (idx[d] < to[d]) {
                    break;
                }
                src -= srcStrides[d] * to[d];
                idx[d] = 0;
            }
        }
        return out;
    }

    /** Permutes the axes: output axis i is input axis {@code perm[i]}. */
    public static double[] permute(double[] x, int[] shape, int[] perm) {
        return permute(x, shape, perm, null);
    }

    /** {@link #permute} into {@code out} (x's size, overwritten), or a new array where it is null. */
    public static double[] permute(double[] x, int[] shape, int[] perm, double[] out) {
        int rank = shape.length;
        int n = x.length;
        if (out == null) {
            out = new double[n];
        }
        if (rank == 2 && perm[0] == 1) {
            int r = shape[0];
            int c = shape[1];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    out[j * r + i] = x[i * c + j];
                }
            }
            return out;
        }
        int[] inStrides = Shape.strides(shape);
        int[] outShape = new int[rank];
        int[] stepIn = new int[rank];
        for (int i = 0; i < rank; i++) {
            outShape[i] = shape[perm[i]];
            stepIn[i] = inStrides[perm[i]];
        }
        int[] idx = new int[rank];
        int src = 0;
        for (int o = 0; o < n; o++) {
            out[o] = x[src];
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                src += stepIn[d];
                if (idx[d] < outShape[d]) {
                    break;
                }
                src -= stepIn[d] * outShape[d];
                idx[d] = 0;
            }
        }
        return out;
    }

    /** Product of the dimensions before {@code axis}. */
    public static int outer(int[] shape, int axis) {
        int p = 1;
        for (int i = 0; i < axis; i++) {
            p *= shape[i];
        }
        return p;
    }

    /** Product of the dimensions after {@code axis}. */
    public static int inner(int[] shape, int axis) {
        int p = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            p *= shape[i];
        }
        return p;
    }

    /** Elements {@code start, start+step, ...} (count of them) along {@code axis}. */
    public static double[] slice(double[] x, int[] shape, int axis, int start, int step, int count) {
        return slice(x, shape, axis, start, step, count, null);
    }

    /** {@link #slice} into {@code out} (the slice's size, overwritten), or a new array where it is null. */
    public static double[] slice(double[] x, int[] shape, int axis, int start, int step, int count, double[] out) {
        int outer = outer(shape, axis);
        int inner = inner(shape, axis);
        int dim = shape[axis];
        if (out == null) {
            out = new double[outer * count * inner];
        }
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < count; j++) {
                System.arraycopy(x, (o * dim + start + j * step) * inner, out, (o * count + j) * inner, inner);
            }
        }
        return out;
    }

    /**
     * Adjoint of {@link #slice}: places {@code g} into zeros of shape {@code shape}, in {@code out} (of that size,
     * overwritten) or a new array where it is null.
     */
    public static double[] unslice(double[] g, int[] shape, int axis, int start, int step, int count, double[] out) {
        int outer = outer(shape, axis);
        int inner = inner(shape, axis);
        int dim = shape[axis];
        if (out == null) {
            out = new double[Shape.numel(shape)];
        } else {
            java.util.Arrays.fill(out, 0.0);
        }
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < count; j++) {
                System.arraycopy(g, (o * count + j) * inner, out, (o * dim + start + j * step) * inner, inner);
            }
        }
        return out;
    }

    /** {@link #unslice} added into {@code acc} (of shape {@code shape}) in place: {@code acc[slice] += g}. */
    public static void unsliceAdd(double[] g, double[] acc, int[] shape, int axis, int start, int step, int count) {
        int outer = outer(shape, axis);
        int inner = inner(shape, axis);
        int dim = shape[axis];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < count; j++) {
                int from = (o * count + j) * inner;
                int to = (o * dim + start + j * step) * inner;
                for (int e = 0; e < inner; e++) {
                    acc[to + e] += g[from + e];
                }
            }
        }
    }

    /** Rows {@code index[j]} along {@code axis}. */
    public static double[] indexSelect(double[] x, int[] shape, int axis, int[] index) {
        return indexSelect(x, shape, axis, index, null);
    }

    /** {@link #indexSelect} into {@code out} (the selection's size, overwritten), or a new array where it is null. */
    public static double[] indexSelect(double[] x, int[] shape, int axis, int[] index, double[] out) {
        int outer = outer(shape, axis);
        int inner = inner(shape, axis);
        int dim = shape[axis];
        int count = index.length;
        if (out == null) {
            out = new double[outer * count * inner];
        }
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < count; j++) {
                System.arraycopy(x, (o * dim + index[j]) * inner, out, (o * count + j) * inner, inner);
            }
        }
        return out;
    }

    /**
     * Adjoint of {@link #indexSelect}: adds slice j of {@code g} into row {@code index[j]} of zeros, in {@code out}
     * (of {@code shape}'s size, overwritten) or a new array where it is null.
     */
    public static double[] indexAdd(double[] g, int[] shape, int axis, int[] index, double[] out) {
        int outer = outer(shape, axis);
        int inner = inner(shape, axis);
        int dim = shape[axis];
        int count = index.length;
        if (out == null) {
            out = new double[Shape.numel(shape)];
        } else {
            java.util.Arrays.fill(out, 0.0);
        }
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < count; j++) {
                int dst = (o * dim + index[j]) * inner;
                int src = (o * count + j) * inner;
                for (int i = 0; i < inner; i++) {
                    out[dst + i] += g[src + i];
                }
            }
        }
        return out;
    }

    /** Concatenates arrays along {@code axis}; {@code shapes[p][axis]} may differ, other dimensions agree. */
    public static double[] concat(double[][] parts, int[][] shapes, int axis, int[] outShape) {
        return concat(parts, shapes, axis, outShape, null);
    }

    /** {@link #concat} into {@code out} (of {@code outShape}, overwritten), or a new array where it is null. */
    public static double[] concat(double[][] parts, int[][] shapes, int axis, int[] outShape, double[] out) {
        int outer = outer(outShape, axis);
        int inner = inner(outShape, axis);
        int dim = outShape[axis];
        if (out == null) {
            out = new double[Shape.numel(outShape)];
        }
        int offset = 0;
        for (int p = 0; p < parts.length; ++p) {
            int d = shapes[p][axis];
            for (int o = 0; o < outer; o++) {
                System.arraycopy(parts[p], o * d * inner, out, (o * dim + offset) * inner, d * inner);
            }
            offset += d;
        }
        return out;
    }
}
