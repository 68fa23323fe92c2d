package org.sciml4j.tensor;

import org.sciml4j.tensor.kernel.Elementwise;
import org.sciml4j.tensor.kernel.Elementwise.Binary;
import org.sciml4j.tensor.kernel.Elementwise.Unary;
import org.sciml4j.tensor.kernel.Layout;
import org.sciml4j.tensor.kernel.MatMul;
import org.sciml4j.tensor.kernel.Reduce;

import java.util.Arrays;

/**
 * The primitive set, each with its forward computation and its two derivative rules in one place. Everything else
 * (sqrt, sigmoid, softplus, relu, silu, gelu, mean, norm, transpose, stack, ...) is composed from these in
 * {@link Tensor}.
 */
final class Primitives {
    private Primitives() {
    }

    /**
     * Names of all primitives. The derivative-check test covers each one by name, so a primitive added here
     * without a check fails the build.
     */
    static final java.util.List<String> NAMES = java.util.List.of("add", "sub", "mul", "div", "gt", "ge", "lt", "le",
            "eq", "sign", "neg", "exp", "log", "log1p", "sin", "cos", "tanh", "abs", "pow", "where", "sum", "max", "min",
            "matmul", "reshape", "permute", "broadcast_to", "slice", "unslice", "index_select", "index_add",
            "concat", "identity");

    // ------------------------------------------------------------------ helpers used by the rules

    /** Sums {@code g} down to {@code shape} (the adjoint of broadcasting). */
    static Tensor sumTo(Tensor g, int[] shape) {
        if (Arrays.equals(g.shape, shape)) {
            return g;
        }
        int lead = g.shape.length - shape.length;
        int count = 0;
        int[] axes = new int[g.shape.length];
        for (int i = 0; i < g.shape.length; i++) {
            if (i < lead || (shape[i - lead] == 1 && g.shape[i] != 1)) {
                axes[count++] = i;
            }
        }
        Tensor s = count == 0 ? g : g.sum(Arrays.copyOf(axes, count), true);
        return s.reshape(shape);
    }

    /**
     * Per-point version of {@link #sumTo}: reduces {@code x} of shape (N, ...) to (N, *shape), keeping axis 0 (the
     * points) and summing the axes along which {@code shape} was broadcast.
     */
    static Tensor sumToRows(Tensor x, int[] shape) {
        int n = x.shape[0];
        int[] rest = Arrays.copyOfRange(x.shape, 1, x.shape.length);
        int[] target = shape;
        if (shape.length == rest.length + 1) {
            // a batched result whose unbatched input has the result's rank: its leading 1 broadcast over the points
            if (shape[0] != 1) {
                throw new UnsupportedOperationException("per-point Jacobian: a parameter of shape " + Shape.str(shape)
                        + " is combined row by row with the points; only parameters broadcast over the points are"
                        + " supported");
            }
            target = Arrays.copyOfRange(shape, 1, shape.length);
        }
        int lead = rest.length - target.length;
        int count = 0;
        int[] axes = new int[rest.length];
        for (int i = 0; i < rest.length; i++) {
            if (i < lead || (target[i - lead] == 1 && rest[i] != 1)) {
                axes[count++] = i + 1;
            }
        }
        Tensor s = count == 0 ? x : x.sum(Arrays.copyOf(axes, count), true);
        int[] full = new int[shape.length + 1];
        full[0] = n;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return s.reshape(full);
    }

    /** Shape (n, *shape). */
    static int[] lifted(int n, int[] shape) {
        int[] full = new int[shape.length + 1];
        full[0] = n;
        System.arraycopy(shape, 0, full, 1, shape.length);
        return full;
    }

    /** Broadcasts a tangent to a shape when needed. */
    static Tensor fit(Tensor t, int[] shape) {
        return t == null || Arrays.equals(t.shape, shape) ? t : t.broadcastTo(shape);
    }

    /** Null-aware sum of two tangents already of the output shape. */
    static Tensor plus(Tensor a, Tensor b) {
        return a == null ? b : b == null ? a : a.add(b);
    }

    static Tensor[] one(Tensor t) {
        return new Tensor[] {t};
    }

    // ------------------------------------------------------------------ element-wise binary

    static Tensor binary(Primitive p, Binary op, Tensor a, Tensor b) {
        double[] out;
        int[] shape;
        if (Arrays.equals(a.shape, b.shape)) {
            shape = a.shape;
            out = Elementwise.binary(op, a.data, b.data, new double[a.data.length]);
        } else if (b.data.length == 1 && b.shape.length <= a.shape.length) {
            shape = a.shape;
            out = Elementwise.binaryScalar(op, a.data, b.data[0], new double[a.data.length]);
        } else if (a.data.length == 1 && a.shape.length <= b.shape.length) {
            shape = b.shape;
            out = Elementwise.scalarBinary(op, a.data[0], b.data, new double[b.data.length]);
        } else {
            shape = Shape.broadcast(p.name(), a.shape, b.shape);
            double[] ea = Layout.expand(a.data, a.shape, shape);
            double[] eb = Layout.expand(b.data, b.shape, shape);
            out = Elementwise.binary(op, ea, eb, new double[ea.length]);
        }
        return Tensor.record(p, out, shape, a, b);
    }

    /**
     * An element-wise binary primitive whose input cotangents are {@code sumTo(term(k), input shape)}: the same terms
     * give the per-point rules by {@link #sumToRows}.
     */
    abstract static class Broadcasting extends Primitive {
        abstract Tensor term(int k, Tensor g, Tensor out, Tensor[] in);

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            Tensor[] r = new Tensor[in.length];
            for (int k = 0; k < in.length; k++) {
                if (need[k]) {
                    r[k] = sumTo(term(k, g, out, in), in[k].shape);
                }
            }
            return r;
        }

        @Override
        Tensor[] vjpRows(Tensor g, Tensor out, Tensor[] in, boolean[] need, boolean outBatched) {
            Tensor[] r = new Tensor[in.length];
            for (int k = 0; k < in.length; k++) {
                if (need[k]) {
                    r[k] = sumToRows(term(k, g, out, in), in[k].shape);
                }
            }
            return r;
        }
    }

    static final Primitive ADD = new Broadcasting() {
        String name() {
            return "add";
        }

        Tensor term(int k, Tensor g, Tensor out, Tensor[] in) {
            return g;
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return plus(fit(t[0], out.shape), fit(t[1], out.shape));
        }
    };

    static final Primitive SUB = new Broadcasting() {
        String name() {
            return "sub";
        }

        Tensor term(int k, Tensor g, Tensor out, Tensor[] in) {
            return k == 0 ? g : g.neg();
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            Tensor tb = fit(t[1], out.shape);
            return plus(fit(t[0], out.shape), tb == null ? null : tb.neg());
        }
    };

    static final Primitive MUL = new Broadcasting() {
        String name() {
            return "mul";
        }

        Tensor term(int k, Tensor g, Tensor out, Tensor[] in) {
            return g.mul(in[1 - k]);
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return plus(t[0] == null ? null : fit(t[0].mul(in[1]), out.shape),
                    t[1] == null ? null : fit(in[0].mul(t[1]), out.shape));
        }
    };

    static final Primitive DIV = new Broadcasting() {
        String name() {
            return "div";
        }

        Tensor term(int k, Tensor g, Tensor out, Tensor[] in) {
            Tensor gb = g.div(in[1]);
            return k == 0 ? gb : gb.mul(out).neg();
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            Tensor num = plus(fit(t[0], out.shape), t[1] == null ? null : out.mul(t[1]).neg());
            return num == null ? null : num.div(in[1]);
        }
    };

    /** Comparisons: their outputs are piecewise constant and carry a node only to refuse differentiation. */
    static Primitive comparison(String name) {
        return new Primitive() {
            String name() {
                return name;
            }

            Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
                throw notDifferentiable(name);
            }

            Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
                throw notDifferentiable(name);
            }
        };
    }

    static NotDifferentiableException notDifferentiable(String name) {
        return new NotDifferentiableException("operation '" + name + "' is not differentiable (its value is piecewise"
                + " constant); use detach() to treat its result as a constant, or where(...) to select values");
    }

    static final Primitive GT = comparison("gt");
    static final Primitive GE = comparison("ge");
    static final Primitive LT = comparison("lt");
    static final Primitive LE = comparison("le");
    static final Primitive EQ = comparison("eq");
    static final Primitive SIGN = comparison("sign");

    // ------------------------------------------------------------------ element-wise unary

    static Tensor unary(Primitive p, Unary op, Tensor x) {
        return Tensor.record(p, Elementwise.unary(op, x.data, new double[x.data.length]), x.shape, x);
    }

    /**
     * A unary primitive whose vjp rule broadcasts over an extra leading axis of the cotangent, so the same rule gives
     * the per-point cotangent of a parameter-only input.
     */
    abstract static class LiftableUnary extends Primitive {
        @Override
        Tensor[] vjpRows(Tensor g, Tensor out, Tensor[] in, boolean[] need, boolean outBatched) {
            return vjp(g, out, in, need);
        }
    }

    /** A unary primitive whose derivative is {@code out' = factor(x, out) * x'}. */
    abstract static class Pointwise extends LiftableUnary {
        abstract Tensor factor(Tensor x, Tensor out);

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(g.mul(factor(in[0], out)));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0].mul(factor(in[0], out));
        }
    }

    static final Primitive NEG = new LiftableUnary() {
        String name() {
            return "neg";
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(g.neg());
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0].neg();
        }
    };

    static final Primitive EXP = new Pointwise() {
        String name() {
            return "exp";
        }

        Tensor factor(Tensor x, Tensor out) {
            return out;
        }
    };

    static final Primitive LOG = new LiftableUnary() {
        String name() {
            return "log";
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(g.div(in[0]));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0].div(in[0]);
        }
    };

    static final Primitive LOG1P = new LiftableUnary() {
        String name() {
            return "log1p";
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(g.div(in[0].add(1.0)));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0].div(in[0].add(1.0));
        }
    };

    static final Primitive SIN = new Pointwise() {
        String name() {
            return "sin";
        }

        Tensor factor(Tensor x, Tensor out) {
            return x.cos();
        }
    };

    static final Primitive COS = new Pointwise() {
        String name() {
            return "cos";
        }

        Tensor factor(Tensor x, Tensor out) {
            return x.sin().neg();
        }
    };

    static final Primitive TANH = new Pointwise() {
        String name() {
            return "tanh";
        }

        Tensor factor(Tensor x, Tensor out) {
            return out.square().neg().add(1.0);
        }
    };

    static final Primitive ABS = new Pointwise() {
        String name() {
            return "abs";
        }

        Tensor factor(Tensor x, Tensor out) {
            return x.sign().detach();
        }
    };

    static final class PowScalar extends Pointwise {
        final double p;

        PowScalar(double p) {
            this.p = p;
        }

        String name() {
            return "pow";
        }

        Tensor factor(Tensor x, Tensor out) {
            return p == 2 ? x.mul(2.0) : x.pow(p - 1).mul(p);
        }
    }

    static Tensor pow(Tensor x, double p) {
        if (p == 1) {
            return x;
        }
        return Tensor.record(new PowScalar(p), Elementwise.pow(x.data, p, new double[x.data.length]), x.shape, x);
    }

    // ------------------------------------------------------------------ selection

    /** where(cond, a, b): cond is a constant (never differentiated). */
    static final class Where extends Broadcasting {
        final Tensor cond;

        Where(Tensor cond) {
            this.cond = cond;
        }

        String name() {
            return "where";
        }

        Tensor term(int k, Tensor g, Tensor out, Tensor[] in) {
            Tensor zero = Tensor.scalar(0);
            return k == 0 ? Tensor.where(cond, g, zero) : Tensor.where(cond, zero, g);
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            Tensor zero = Tensor.scalar(0);
            return Tensor.where(cond, t[0] == null ? zero : t[0], t[1] == null ? zero : t[1]);
        }
    }

    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        int[] shape = Shape.broadcast("where", Shape.broadcast("where", cond.shape, a.shape), b.shape);
        double[] c = Layout.expand(cond.data, cond.shape, shape);
        double[] ea = Layout.expand(a.data, a.shape, shape);
        double[] eb = Layout.expand(b.data, b.shape, shape);
        return Tensor.record(new Where(cond.detach()), Elementwise.where(c, ea, eb, new double[c.length]), shape,
                a, b);
    }

    // ------------------------------------------------------------------ reductions

    static final class Sum extends Primitive {
        final int[] axes;
        final boolean keep;

        Sum(int[] axes, boolean keep) {
            this.axes = axes;
            this.keep = keep;
        }

        String name() {
            return "sum";
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(g.reshape(Reduce.keptShape(in[0].shape, axes)).broadcastTo(in[0].shape));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0].sum(axes, keep);
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
        return Tensor.record(new Sum(ax, keep), Reduce.reduce(Reduce.Kind.SUM, x.data, x.shape, ax),
                reducedShape(x.shape, ax, keep), x);
    }

    /** max or min over axes; the derivative is shared equally among tied extremes. */
    static final class Extreme extends Primitive {
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
        return Tensor.record(new Extreme(ax, keep, max),
                Reduce.reduce(max ? Reduce.Kind.MAX : Reduce.Kind.MIN, x.data, x.shape, ax),
                reducedShape(x.shape, ax, keep), x);
    }

    // ------------------------------------------------------------------ matrix product

    static final Primitive MATMUL = new Primitive() {
        String name() {
            return "matmul";
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return new Tensor[] {need[0] ? sumTo(g.matmul(in[1].mT()), in[0].shape) : null,
                need[1] ? sumTo(in[0].mT().matmul(g), in[1].shape) : null};
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return plus(t[0] == null ? null : fit(t[0].matmul(in[1]), out.shape),
                    t[1] == null ? null : fit(in[0].matmul(t[1]), out.shape));
        }

        @Override
        boolean keepsRows(Tensor out, Tensor[] in, boolean[] batched) {
            // points on the left: (N, k) @ (k, n); a batched right operand must carry the points as a batch axis
            if (!batched[0]) {
                return false;
            }
            return !batched[1] || (in[1].shape.length >= 3 && in[1].shape[0] == out.shape[0]
                    && in[0].shape.length >= 3);
        }

        @Override
        Tensor[] vjpRows(Tensor g, Tensor out, Tensor[] in, boolean[] need, boolean outBatched) {
            if (outBatched) {
                // dB per point: the outer product of point i's row of A with its row of g, not their sum
                Tensor a = in[0];
                Tensor rows = a.shape.length == 2 ? a.unsqueeze(2).mul(g.unsqueeze(1)) : a.mT().matmul(g);
                return new Tensor[] {null, sumToRows(rows, in[1].shape)};
            }
            return new Tensor[] {need[0] ? sumToRows(g.matmul(in[1].mT()), in[0].shape) : null,
                need[1] ? sumToRows(in[0].mT().matmul(g), in[1].shape) : null};
        }
    };

    static Tensor matmul(Tensor a, Tensor b) {
        int ra = a.shape.length;
        int rb = b.shape.length;
        if (ra < 2 || rb < 2) {
            throw new ShapeException("matmul: operands must have rank >= 2, got " + Shape.str(a.shape) + " and "
                    + Shape.str(b.shape) + " (reshape a vector to (n, 1) or (1, n))");
        }
        int m = a.shape[ra - 2];
        int k = a.shape[ra - 1];
        int n = b.shape[rb - 1];
        if (b.shape[rb - 2] != k) {
            throw new ShapeException("matmul: inner dimensions differ: " + Shape.str(a.shape) + " @ "
                    + Shape.str(b.shape) + " (" + k + " vs " + b.shape[rb - 2] + ")");
        }
        int[] ba = Arrays.copyOf(a.shape, ra - 2);
        int[] bb = Arrays.copyOf(b.shape, rb - 2);
        int[] batch = Shape.broadcast("matmul (batch dimensions)", ba, bb);
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = m;
        shape[batch.length + 1] = n;
        double[] c = new double[Shape.numel(shape)];
        int nb = Shape.numel(batch);
        if (nb == 1) {
            MatMul.gemm(a.data, 0, b.data, 0, c, 0, m, k, n, false);
        } else {
            // batch offsets through broadcasting of batch indices
            double[] ia = Layout.expand(iota(Shape.numel(ba)), ba, batch);
            double[] ib = Layout.expand(iota(Shape.numel(bb)), bb, batch);
            for (int i = 0; i < nb; i++) {
                MatMul.gemm(a.data, (int) ia[i] * m * k, b.data, (int) ib[i] * k * n, c, i * m * n, m, k, n, false);
            }
        }
        return Tensor.record(MATMUL, c, shape, a, b);
    }

    private static double[] iota(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    // ------------------------------------------------------------------ shape operations

    static final class Reshape extends Primitive {
        String name() {
            return "reshape";
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(g.reshape(in[0].shape));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0].reshape(out.shape);
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

    static final class Permute extends Primitive {
        final int[] perm;

        Permute(int[] perm) {
            this.perm = perm;
        }

        String name() {
            return "permute";
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
        return Tensor.record(new Permute(p), Layout.permute(x.data, x.shape, p), shape, x);
    }

    static final class BroadcastTo extends Primitive {
        String name() {
            return "broadcast_to";
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(sumTo(g, in[0].shape));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0].broadcastTo(out.shape);
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
        return Tensor.record(BROADCAST, Layout.expand(x.data, x.shape, shape), shape.clone(), x);
    }

    /** Elements start, start+step, ... (count of them) along an axis; its adjoint is {@link Unslice}. */
    static final class Slice extends Primitive {
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

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(unslice(g, in[0].shape, this));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return slice(t[0], this);
        }
    }

    static Tensor slice(Tensor x, Slice s) {
        int[] shape = x.shape.clone();
        shape[s.axis] = s.count;
        return Tensor.record(s, Layout.slice(x.data, x.shape, s.axis, s.start, s.step, s.count), shape, x);
    }

    static final class Unslice extends Primitive {
        final Slice slice;

        Unslice(Slice slice) {
            this.slice = slice;
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
    }

    static Tensor unslice(Tensor g, int[] shape, Slice s) {
        return Tensor.record(new Unslice(s), Layout.unslice(g.data, shape, s.axis, s.start, s.step, s.count),
                shape.clone(), g);
    }

    static final class IndexSelect extends Primitive {
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

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(indexAdd(g, in[0].shape, this));
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return indexSelect(t[0], this);
        }
    }

    static Tensor indexSelect(Tensor x, IndexSelect s) {
        int[] shape = x.shape.clone();
        shape[s.axis] = s.index.length;
        return Tensor.record(s, Layout.indexSelect(x.data, x.shape, s.axis, s.index), shape, x);
    }

    static final class IndexAdd extends Primitive {
        final IndexSelect select;

        IndexAdd(IndexSelect select) {
            this.select = select;
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
    }

    static Tensor indexAdd(Tensor g, int[] shape, IndexSelect s) {
        return Tensor.record(new IndexAdd(s), Layout.indexAdd(g.data, shape, s.axis, s.index), shape.clone(), g);
    }

    static final class Concat extends Primitive {
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
    }

    static Tensor concat(int axis, Tensor[] parts) {
        if (parts.length == 0) {
            throw new ShapeException("concat: no tensors given");
        }
        int rank = parts[0].shape.length;
        int ax = Shape.axis("concat", axis, rank);
        int[] shape = parts[0].shape.clone();
        shape[ax] = 0;
        double[][] data = new double[parts.length][];
        int[][] shapes = new int[parts.length][];
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
            data[i] = parts[i].data;
            shapes[i] = s;
        }
        return Tensor.record(new Concat(ax), Layout.concat(data, shapes, ax, shape), shape, parts);
    }

    /** Identity: gives a function its own copy of an input so nested derivatives do not confuse perturbations. */
    static final Primitive IDENTITY = new LiftableUnary() {
        String name() {
            return "identity";
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return one(g);
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return t[0];
        }
    };
}
