package org.sciml4j.tensor.kernel;

import org.sciml4j.tensor.Shape;

/** Reductions over a sorted set of axes, written into an output of the keep-dims shape. */
public final class Reduce {
    private Reduce() {
    }

    /** Kinds of reduction. */
    public enum Kind { SUM, MAX, MIN }

    /** Shape with the reduced axes set to 1. */
    public static int[] keptShape(int[] shape, int[] axes) {
        int[] k = shape.clone();
        for (int a : axes) {
            k[a] = 1;
        }
        return k;
    }

    /** Reduces {@code x} of {@code shape} over the sorted {@code axes}; the result has the kept shape's size. */
    public static double[] reduce(Kind kind, double[] x, int[] shape, int[] axes) {
        return reduce(kind, x, shape, axes, null);
    }

    /** {@link #reduce} into {@code out} (of the kept shape's size, overwritten), or a new array where it is null. */
    public static double[] reduce(Kind kind, double[] x, int[] shape, int[] axes, double[] out) {
        int[] kept = keptShape(shape, axes);
        int n = Shape.numel(kept);
        double init = kind == Kind.SUM ? 0 : kind == Kind.MAX ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (out == null) {
            out = new double[n];
            if (kind != Kind.SUM) { // a new array holds the sum's start already
                java.util.Arrays.fill(out, init);
            }
        } else {
            java.util.Arrays.fill(out, 0, n, init);
        }
        if (x.length == 0) {
            return out;
        }
        if (n == 1) {
            out[0] = all(kind, x, init);
            return out;
        }
        // contiguous block decomposition when the reduced axes are one run: (outer, reduced, inner)
        int first = axes[0];
        int last = axes[axes.length - 1];
        if (last - first + 1 == axes.length) {
            int outer = Layout.outer(shape, first);
            int inner = Layout.inner(shape, last);
            int red = 1;
            for (int a = first; a <= last; a++) {
                red *= shape[a];
            }
            for (int o = 0; o < outer; o++) {
                int base = o * red * inner;
                int ob = o * inner;
                if (inner == 1) {
                    double acc = init;
                    for (int r = 0; r < red; r++) {
                        acc = combine(kind, acc, x[base + r]);
                    }
                    out[ob] = acc;
                } else {
                    for (int r = 0; r < red; r++) {
                        int src = base + r * inner;
                        for (int i = 0; i < inner; i++) {
                            out[ob + i] = combine(kind, out[ob + i], x[src + i]);
                        }
                    }
                }
            }
            return out;
        }
        int rank = shape.length;
        int[] outStrides = Shape.strides(kept);
        int[] step = new int[rank];
        for (int d = 0; d < rank; d++) {
            step[d] = kept[d] == 1 && shape[d] != 1 ? 0 : outStrides[d];
        }
        int[] idx = new int[rank];
        int dst = 0;
        for (int i = 0; i < x.length; i++) {
            out[dst] = combine(kind, out[dst], x[i]);
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                dst += step[d];
                if (idx[d] < shape[d]) {
                    break;
                }
                dst -= step[d] * shape[d];
                idx[d] = 0;
            }
        }
        return out;
    }

    private static double all(Kind kind, double[] x, double init) {
        double acc = init;
        switch (kind) {
            case SUM:
                for (double v : x) {
                    acc += v;
                }
                return acc;
            case MAX:
                for (double v : x) {
                    acc = Math.max(acc, v);
                }
                return acc;
            default:
                for (double v : x) {
                    acc = Math.min(acc, v);
                }
                return acc;
        }
    }

    private static double combine(Kind kind, double acc, double v) {
        switch (kind) {
            case SUM:
                return acc + v;
            case MAX:
                return Math.max(acc, v);
            default:
                return Math.min(acc, v);
        }
    }
}
