package org.sciml4j.tensor;

import static org.sciml4j.tensor.Primitives.lifted;
import static org.sciml4j.tensor.Primitives.one;
import static org.sciml4j.tensor.Primitives.sumTo;
import static org.sciml4j.tensor.Primitives.sumToRows;

import org.sciml4j.tensor.kernel.Layout;

import java.util.Arrays;

/**
 * The shape primitives: reshape, permute, broadcast, slices and index selections with their adjoints, and
 * concatenation.
 */
final class ShapePrimitives {
    private ShapePrimitives() {
    }

    static final class Reshape extends ReplayablePrimitive {
        String name() {
            return "reshape";
        }

        /** Its output shares its input's array: nothing to compute. */
        @Override
        void recompute(Tensor out, Tensor[] in) {
            store(out, in[0].data);
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(g.reshape(in[0].shape));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0].reshape(out.shape);
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return c[0].reshape(plan.stacked(out.shape));
        }

        @Override
        boolean keepsRows(Tensor out, Tensor[] in, boolean[] batched) {
            return out.shape.length > 0 && in[0].shape.length > 0 && out.shape[0] == in[0].shape[0];
        }

        @Override
        Tensor[] vjpRows(Tensor g, Tensor out, Tensor[] in, boolean[] need, boolean outBatched) {
            return one(g.reshape(lifted(g.shape[0], in[0].shape)));
        }
    }

    static final Primitive RESHAPE = new Reshape();

    static final class Permute extends ReplayablePrimitive {
        final int[] perm;

        Permute(int[] perm) {
            this.perm = perm;
        }

        String name() {
            return "permute";
        }

        /** x's values permuted, into {@code out} (or a new array where it is null). */
        double[] values(Tensor x, double[] out) {
            return Layout.permute(x.data, x.shape, perm, out);
        }

        @Override
        void recompute(Tensor out, Tensor[] in) {
            values(in[0], out.data);
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            int[] inv = new int[perm.length];
            for (int i = 0; i < perm.length; i++) {
                inv[perm[i]] = i;
            }
            return one(g.permute(inv));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0].permute(perm);
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            int[] p = new int[perm.length + 1];
            for (int i = 0; i < perm.length; i++) {
                p[i + 1] = perm[i] + 1;
            }
            return c[0].permute(p);
        }

        @Override
        boolean keepsRows(Tensor out, Tensor[] in, boolean[] batched) {
            return perm[0] == 0;
        }

        @Override
        Tensor[] vjpRows(Tensor g, Tensor out, Tensor[] in, boolean[] need, boolean outBatched) {
            int[] inv = new int[perm.length + 1];
            for (int i = 0; i < perm.length; i++) {
                inv[perm[i] + 1] = i + 1;
            }
            return one(g.permute(inv));
        }
    }

    static Tensor permute(Tensor x, int[] perm) {
        int rank = x.shape.length;
        if (perm.length != rank) {
            throw new ShapeException("permute: " + Arrays.toString(perm) + " has " + perm.length
                    + " axes but the tensor of shape " + Shape.str(x.shape) + " has " + rank);
        }
        int[] p = new int[rank];
        boolean[] seen = new boolean[rank];
        int[] shape = new int[rank];
        boolean identity = true;
        for (int i = 0; i < rank; i++) {
            p[i] = Shape.axis("permute", perm[i], rank);
            if (seen[p[i]]) {
                throw new ShapeException("permute: axis " + p[i] + " is repeated in " + Arrays.toString(perm));
            }
            seen[p[i]] = true;
            shape[i] = x.shape[p[i]];
            identity &= p[i] == i;
        }
        if (identity) {
            return x;
        }
        Permute op = new Permute(p);
        return Tensor.record(op, op.values(x, null), shape, x);
    }

    static final class BroadcastTo extends ReplayablePrimitive {
        String name() {
            return "broadcast_to";
        }

        /** x's values broadcast to {@code shape}, into {@code out} (or x's own array or a new one where it is null). */
        static double[] values(Tensor x, int[] shape, double[] out) {
            return Layout.expand(x.data, x.shape, shape, out);
        }

        @Override
        void recompute(Tensor out, Tensor[] in) {
            values(in[0], out.shape, out.data);
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(sumTo(g, in[0].shape));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0].broadcastTo(out.shape);
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return plan.fit(c[0], out.shape);
        }

        @Override
        Tensor[] vjpRows(Tensor g, Tensor out, Tensor[] in, boolean[] need, boolean outBatched) {
            return one(sumToRows(g, in[0].shape));
        }
    }

    static final Primitive BROADCAST = new BroadcastTo();

    static Tensor broadcastTo(Tensor x, int[] shape) {
        if (Arrays.equals(x.shape, shape)) {
            return x;
        }
        if (!Shape.broadcastsTo(x.shape, shape)) {
            throw new ShapeException("broadcast_to: shape " + Shape.str(x.shape) + " cannot be broadcast to "
                    + Shape.str(shape));
        }
        return Tensor.record(BROADCAST, BroadcastTo.values(x, shape, null), shape.clone(), x);
    }

    /** Elements start, start+step, ... (count of them) along an axis; its adjoint is {@link Unslice}. */
    static final class Slice extends ReplayablePrimitive {
        final int axis;
        final int start;
        final int step;
        final int count;

        Slice(int axis, int start, int step, int count) {
            this.axis = axis;
            this.start = start;
            this.step = step;
            this.count = count;
        }

        @Override
        boolean keepsRows(Tensor out, Tensor[] in, boolean[] batched) {
            return axis != 0 && super.keepsRows(out, in, batched);
        }

        String name() {
            return "slice";
        }

        /** x's slice, into {@code out} (or a new array where it is null). */
        double[] values(Tensor x, double[] out) {
            return Layout.slice(x.data, x.shape, axis, start, step, count, out);
        }

        @Override
        void recompute(Tensor out, Tensor[] in) {
            values(in[0], out.data);
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(unslice(g, in[0].shape, this));
        }

        @Override
        boolean addsInto() {
            return true;
        }

        @Override
        void vjpAddInto(double[] acc, Tensor g, Tensor[] in) {
            Layout.unsliceAdd(g.data, acc, in[0].shape, axis, start, step, count);
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return slice(t[0], this);
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return slice(c[0], new Slice(axis + 1, start, step, count));
        }
    }

    static Tensor slice(Tensor x, Slice s) {
        int[] shape = x.shape.clone();
        shape[s.axis] = s.count;
        return Tensor.record(s, s.values(x, null), shape, x);
    }

    static final class Unslice extends ReplayablePrimitive {
        final Slice slice;

        Unslice(Slice slice) {
            this.slice = slice;
        }

        /** g's values placed at the slice in zeros of {@code shape}, into {@code out} (or a new array where null). */
        double[] values(Tensor g, int[] shape, double[] out) {
            return Layout.unslice(g.data, shape, slice.axis, slice.start, slice.step, slice.count, out);
        }

        @Override
        void recompute(Tensor out, Tensor[] in) {
            values(in[0], out.shape, out.data);
        }

        @Override
        boolean keepsRows(Tensor out, Tensor[] in, boolean[] batched) {
            return slice.axis != 0 && super.keepsRows(out, in, batched);
        }

        String name() {
            return "unslice";
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(slice(g, slice));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return unslice(t[0], out.shape, slice);
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return unslice(c[0], plan.stacked(out.shape),
                    new Slice(slice.axis + 1, slice.start, slice.step, slice.count));
        }
    }

    static Tensor unslice(Tensor g, int[] shape, Slice s) {
        Unslice op = new Unslice(s);
        return Tensor.record(op, op.values(g, shape, null), shape.clone(), g);
    }

    static final class IndexSelect extends ReplayablePrimitive {
        final int axis;
        final int[] index;

        IndexSelect(int axis, int[] index) {
            this.axis = axis;
            this.index = index;
        }

        @Override
        boolean keepsRows(Tensor out, Tensor[] in, boolean[] batched) {
            return axis != 0 && super.keepsRows(out, in, batched);
        }

        String name() {
            return "index_select";
        }

        /** x's selected rows, into {@code out} (or a new array where it is null). */
        double[] values(Tensor x, double[] out) {
            return Layout.indexSelect(x.data, x.shape, axis, index, out);
        }

        @Override
        void recompute(Tensor out, Tensor[] in) {
            values(in[0], out.data);
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(indexAdd(g, in[0].shape, this));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return indexSelect(t[0], this);
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return indexSelect(c[0], new IndexSelect(axis + 1, index));
        }
    }

    static Tensor indexSelect(Tensor x, IndexSelect s) {
        int[] shape = x.shape.clone();
        shape[s.axis] = s.index.length;
        return Tensor.record(s, s.values(x, null), shape, x);
    }

    static final class IndexAdd extends ReplayablePrimitive {
        final IndexSelect select;

        IndexAdd(IndexSelect select) {
            this.select = select;
        }

        /** g's rows added at the selected indices into zeros of {@code shape}, into {@code out} (or new where null). */
        double[] values(Tensor g, int[] shape, double[] out) {
            return Layout.indexAdd(g.data, shape, select.axis, select.index, out);
        }

        @Override
        void recompute(Tensor out, Tensor[] in) {
            values(in[0], out.shape, out.data);
        }

        @Override
        boolean keepsRows(Tensor out, Tensor[] in, boolean[] batched) {
            return select.axis != 0 && super.keepsRows(out, in, batched);
        }

        String name() {
            return "index_add";
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(indexSelect(g, select));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return indexAdd(t[0], out.shape, select);
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return indexAdd(c[0], plan.stacked(out.shape), new IndexSelect(select.axis + 1, select.index));
        }
    }

    static Tensor indexAdd(Tensor g, int[] shape, IndexSelect s) {
        IndexAdd op = new IndexAdd(s);
        return Tensor.record(op, op.values(g, shape, null), shape.clone(), g);
    }

    static final class Concat extends ReplayablePrimitive {
        final int axis;

        Concat(int axis) {
            this.axis = axis;
        }

        @Override
        boolean keepsRows(Tensor out, Tensor[] in, boolean[] batched) {
            return axis != 0 && super.keepsRows(out, in, batched);
        }

        String name() {
            return "concat";
        }

        /** The parts' values side by side along the axis, in the output's {@code shape}, into {@code out} (or new). */
        double[] values(Tensor[] parts, int[] shape, double[] out) {
            double[][] data = new double[parts.length][];
            int[][] shapes = new int[parts.length][];
            for (int i = 0; i < parts.length; i++) {
                data[i] = parts[i].data;
                shapes[i] = parts[i].shape;
            }
            return Layout.concat(data, shapes, axis, shape, out);
        }

        @Override
        void recompute(Tensor out, Tensor[] in) {
            values(in, out.shape, out.data);
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            Tensor[] r = new Tensor[in.length];
            int offset = 0;
            for (int i = 0; i < in.length; i++) {
                int d = in[i].shape[axis];
                if (need[i]) {
                    r[i] = slice(g, new Slice(axis, offset, 1, d));
                }
                offset += d;
            }
            return r;
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            Tensor[] parts = new Tensor[in.length];
            for (int i = 0; i < in.length; i++) {
                parts[i] = t[i] != null ? t[i] : Tensor.zeros(in[i].shape);
            }
            return concat(axis, parts);
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            Tensor[] parts = new Tensor[in.length];
            for (int i = 0; i < in.length; i++) {
                parts[i] = c[i] != null ? c[i] : Tensor.zeros(plan.stacked(in[i].shape));
            }
            return concat(axis + 1, parts);
        }
    }

    static Tensor concat(int axis, Tensor[] parts) {
        if (parts.length == 0) {
            throw new ShapeException("concat: no tensors given");
        }
        int rank = parts[0].shape.length;
        int ax = Shape.axis("concat", axis, rank);
        int[] shape = parts[0].shape.clone();
        shape[ax] = 0;
        for (int i = 0; i < parts.length; i++) {
            int[] s = parts[i].shape;
            boolean ok = s.length == rank;
            for (int d = 0; ok && d < rank; d++) {
                ok = d == ax || s[d] == parts[0].shape[d];
            }
            if (!ok) {
                throw new ShapeException("concat along axis " + ax + ": tensor " + i + " has shape " + Shape.str(s)
                        + ", which does not match " + Shape.str(parts[0].shape) + " outside that axis");
            }
            shape[ax] += s[ax];
        }
        Concat op = new Concat(ax);
        return Tensor.record(op, op.values(parts, shape, null), shape, parts.clone());
    }

    // ------------------------------------------------------------------ the shape methods of Tensor

    /** {@link Tensor#reshape}: one dimension of {@code newShape} may be -1 (inferred). */
    static Tensor reshape(Tensor x, int[] newShape) {
        int[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) {
                    throw new ShapeException("reshape: only one dimension can be -1 in " + Arrays.toString(newShape));
                }
                infer = i;
            } else {
                known *= s[i];
            }
        }
        int size = x.data.length;
        if (infer >= 0 && known > 0 && size % known == 0) {
            s[infer] = (int) (size / known);
        }
        if (infer >= 0 && s[infer] == -1 || Shape.numel(s) != size) {
            throw new ShapeException("reshape: cannot reshape a tensor of shape " + Shape.str(x.shape) + " ("
                    + size + " elements) to " + Arrays.toString(newShape));
        }
        if (Arrays.equals(s, x.shape)) {
            return x;
        }
        return Tensor.record(RESHAPE, x.data, s, x);
    }

    /** The permutation of {@code rank} axes that swaps two of them. */
    static int[] swap(int rank, int axis0, int axis1) {
        int[] p = new int[rank];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        int a = Shape.axis("transpose", axis0, rank);
        int b = Shape.axis("transpose", axis1, rank);
        p[a] = b;
        p[b] = a;
        return p;
    }

    /** {@code shape} with an axis of size 1 inserted at {@code axis}. */
    static int[] unsqueezed(int[] shape, int axis) {
        int a = Shape.axis("unsqueeze", axis, shape.length + 1);
        int[] s = new int[shape.length + 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            s[i] = i == a ? 1 : shape[j++];
        }
        return s;
    }

    /** {@code shape} without its axis {@code axis}, which must have size 1. */
    static int[] squeezed(int[] shape, int axis) {
        int a = Shape.axis("squeeze", axis, shape.length);
        if (shape[a] != 1) {
            throw new ShapeException("squeeze: axis " + axis + " of shape " + Shape.str(shape) + " has size "
                    + shape[a] + ", not 1");
        }
        int[] s = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != a) {
                s[j++] = shape[i];
            }
        }
        return s;
    }

    /** {@link Tensor#slice(int, int, int, int)}: Python-style bounds, a positive step. */
    static Tensor slice(Tensor x, int axis, int start, int end, int step) {
        int a = Shape.axis("slice", axis, x.shape.length);
        int dim = x.shape[a];
        if (step <= 0) {
            throw new ShapeException("slice: step must be positive, got " + step);
        }
        int s = Math.max(0, Math.min(dim, start < 0 ? start + dim : start));
        int e = Math.max(0, Math.min(dim, end < 0 ? end + dim : end));
        int count = Math.max(0, (e - s + step - 1) / step);
        if (s == 0 && count == dim && step == 1) {
            return x;
        }
        return slice(x, new Slice(a, s, step, count));
    }

    /** {@link Tensor#indexSelect}: checks the indices, then selects. */
    static Tensor indexSelect(Tensor x, int axis, int[] index) {
        int a = Shape.axis("index_select", axis, x.shape.length);
        for (int i : index) {
            if (i < 0 || i >= x.shape[a]) {
                throw new ShapeException("index_select: index " + i + " out of range for axis " + a + " of shape "
                        + Shape.str(x.shape));
            }
        }
        return indexSelect(x, new IndexSelect(a, index.clone()));
    }

    /** {@link Tensor#stack}: equal shapes, each given a new axis, then concatenated. */
    static Tensor stack(int axis, Tensor[] parts) {
        if (parts.length == 0) {
            throw new ShapeException("stack: no tensors given");
        }
        Tensor[] u = new Tensor[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!Arrays.equals(parts[i].shape, parts[0].shape)) {
                throw new ShapeException("stack: tensor " + i + " has shape " + Shape.str(parts[i].shape)
                        + ", tensor 0 has " + Shape.str(parts[0].shape));
            }
            u[i] = parts[i].unsqueeze(axis);
        }
        return concat(axis, u);
    }
}
