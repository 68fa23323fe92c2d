package org.sciml4j.tensor;

import static org.sciml4j.tensor.Primitives.lifted;
import static org.sciml4j.tensor.Primitives.one;

import org.sciml4j.tensor.kernel.Reduce;

/** The reductions: sums, maxima and minima over axes. */
final class Reductions {
    private Reductions() {
    }

    static final class Sum extends ReplayablePrimitive {
        final int[] axes;
        final boolean keep;

        Sum(int[] axes, boolean keep) {
            this.axes = axes;
            this.keep = keep;
        }

        String name() {
            return "sum";
        }

        /** The sums, into {@code out} (or a new array where it is null). */
        double[] values(Tensor x, double[] out) {
            return Reduce.reduce(Reduce.Kind.SUM, x.data, x.shape, axes, out);
        }

        @Override
        void recompute(Tensor out, Tensor[] in) {
            values(in[0], out.data);
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(g.reshape(Reduce.keptShape(in[0].shape, axes)).broadcastTo(in[0].shape));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0].sum(axes, keep);
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return c[0].sum(shifted(axes), keep);
        }

        @Override
        boolean keepsRows(Tensor out, Tensor[] in, boolean[] batched) {
            return axes.length > 0 && axes[0] != 0;
        }

        @Override
        Tensor[] vjpRows(Tensor g, Tensor out, Tensor[] in, boolean[] need, boolean outBatched) {
            int n = g.shape[0];
            return one(g.reshape(lifted(n, Reduce.keptShape(in[0].shape, axes))).broadcastTo(lifted(n, in[0].shape)));
        }
    }

    /** Axes of a tensor as axes of its Taylor stack (one leading axis more). */
    static int[] shifted(int[] axes) {
        int[] s = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            s[i] = axes[i] + 1;
        }
        return s;
    }

    static int[] reducedShape(int[] shape, int[] axes, boolean keep) {
        if (keep) {
            return Reduce.keptShape(shape, axes);
        }
        int[] out = new int[shape.length - axes.length];
        for (int i = 0, j = 0, k = 0; i < shape.length; i++) {
            if (k < axes.length && axes[k] == i) {
                k++;
            } else {
                out[j++] = shape[i];
            }
        }
        return out;
    }

    static Tensor sum(Tensor x, int[] axes, boolean keep) {
        int[] ax = Shape.axes("sum", axes, x.shape.length);
        Sum op = new Sum(ax, keep);
        return Tensor.record(op, op.values(x, null), reducedShape(x.shape, ax, keep), x);
    }

    /** max or min over axes; the derivative is shared equally among tied extremes. */
    static final class Extreme extends ReplayablePrimitive {
        final int[] axes;
        final boolean keep;
        final boolean max;

        Extreme(int[] axes, boolean keep, boolean max) {
            this.axes = axes;
            this.keep = keep;
            this.max = max;
        }

        String name() {
            return max ? "max" : "min";
        }

        /** The extremes, into {@code out} (or a new array where it is null). */
        double[] values(Tensor x, double[] out) {
            return Reduce.reduce(max ? Reduce.Kind.MAX : Reduce.Kind.MIN, x.data, x.shape, axes, out);
        }

        /** The rules find the selected elements from the input and the output: both are current after a replay. */
        @Override
        void recompute(Tensor out, Tensor[] in) {
            values(in[0], out.data);
        }

        private Tensor weights(Tensor x, Tensor out) {
            Tensor mask = x.detach().eq(out.detach().reshape(Reduce.keptShape(x.shape, axes)));
            return mask.div(mask.sum(axes, true)).detach();
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(g.reshape(Reduce.keptShape(in[0].shape, axes)).mul(weights(in[0], out)));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0].mul(weights(in[0], out)).sum(axes, keep);
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            // along the selected (averaged, at ties) elements, as the jvp rule: its coefficients are theirs
            return c[0].mul(weights(in[0], out)).sum(shifted(axes), keep);
        }

        @Override
        boolean keepsRows(Tensor out, Tensor[] in, boolean[] batched) {
            return axes.length > 0 && axes[0] != 0;
        }
    }

    static Tensor extreme(Tensor x, int[] axes, boolean keep, boolean max) {
        String name = max ? "max" : "min";
        if (x.data.length == 0) {
            throw new ShapeException(name + ": empty tensor of shape " + Shape.str(x.shape) + " has no " + name);
        }
        int[] ax = Shape.axes(name, axes, x.shape.length);
        Extreme op = new Extreme(ax, keep, max);
        return Tensor.record(op, op.values(x, null), reducedShape(x.shape, ax, keep), x);
    }
}
