package org.sciml4j.tensor;

import org.sciml4j.tensor.kernel.Elementwise.Binary;
import org.sciml4j.tensor.kernel.Elementwise.Unary;

import java.util.Arrays;

/**
 * A dense, row-major, n-dimensional float64 tensor that records the operations applied to it for automatic
 * differentiation (see {@link Autodiff}).
 * <p>
 * Tensors are values: operations return new tensors and never change their operands. A tensor that
 * {@linkplain #requiresGrad() requires gradients} is a leaf of the graph (a trainable parameter or an input whose
 * derivatives are wanted); a tensor computed from tracked tensors while {@linkplain Autodiff#isRecording()
 * recording} carries the record of how it was made. Element-wise operations follow NumPy broadcasting.
 * Shapes are written as NumPy prints them, e.g. {@code (101, 20)}; a scalar has shape {@code ()}.
 */
public final class Tensor {
    final double[] data;
    final int[] shape;
    final Node node;
    final boolean requiresGrad;

    Tensor(double[] data, int[] shape, Node node, boolean requiresGrad) {
        this.data = data;
        this.shape = shape;
        this.node = node;
        this.requiresGrad = requiresGrad;
    }

    /** Result of a primitive: records a node when recording and some input is tracked. */
    static Tensor record(Primitive op, double[] data, int[] shape, Tensor... inputs) {
        if (Autodiff.isRecording()) {
            for (Tensor in : inputs) {
                if (in.isTracked()) {
                    return new Tensor(data, shape, new Node(op, inputs), false);
                }
            }
        }
        return new Tensor(data, shape, null, false);
    }

    // ================================================================== creation

    /** A tensor holding a copy of {@code values} with the given shape (the sizes must agree). */
    public static Tensor of(double[] values, int... shape) {
        return wrap(values.clone(), shape);
    }

    /**
     * A tensor that uses {@code values} as its storage without copying. The caller must not change the array while
     * the tensor is in use.
     */
    public static Tensor wrap(double[] values, int... shape) {
        if (Shape.numel(shape) != values.length) {
            throw new ShapeException("tensor of shape " + Shape.str(shape) + " needs " + Shape.numel(shape)
                    + " values, got " + values.length);
        }
        return new Tensor(values, shape.clone(), null, false);
    }

    /** A scalar (shape {@code ()}). */
    public static Tensor scalar(double value) {
        return new Tensor(new double[] {value}, new int[0], null, false);
    }

    /** A vector (shape {@code (n,)}). */
    public static Tensor vector(double... values) {
        return of(values, values.length);
    }

    /** A matrix from rows of equal length (shape {@code (rows, cols)}). */
    public static Tensor matrix(double[]... rows) {
        int r = rows.length;
        int c = r == 0 ? 0 : rows[0].length;
        double[] d = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (rows[i].length != c) {
                throw new ShapeException("matrix: row " + i + " has " + rows[i].length + " values, row 0 has " + c);
            }
            System.arraycopy(rows[i], 0, d, i * c, c);
        }
        return new Tensor(d, new int[] {r, c}, null, false);
    }

    /** Zeros of a shape. */
    public static Tensor zeros(int... shape) {
        return new Tensor(new double[Shape.numel(shape)], shape.clone(), null, false);
    }

    /** Ones of a shape. */
    public static Tensor ones(int... shape) {
        return full(1.0, shape);
    }

    /** A constant of a shape. */
    public static Tensor full(double value, int... shape) {
        double[] d = new double[Shape.numel(shape)];
        Arrays.fill(d, value);
        return new Tensor(d, shape.clone(), null, false);
    }

    /** {@code start, start + step, ...} below {@code stop} (shape {@code (n,)}), as NumPy's arange. */
    public static Tensor arange(double start, double stop, double step) {
        if (step == 0 || !Double.isFinite(start) || !Double.isFinite(stop) || !Double.isFinite(step)) {
            throw new IllegalArgumentException("arange: need finite start, stop and a non-zero step, got " + start
                    + ", " + stop + ", " + step);
        }
        int n = (int) Math.max(0, Math.ceil((stop - start) / step));
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = start + i * step;
        }
        return new Tensor(d, new int[] {n}, null, false);
    }

    /** {@code n} evenly spaced values from {@code a} to {@code b} inclusive (shape {@code (n,)}). */
    public static Tensor linspace(double a, double b, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("linspace: n must be >= 0, got " + n);
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = n == 1 ? a : a + (b - a) * i / (n - 1);
        }
        if (n > 1) {
            d[n - 1] = b;
        }
        return new Tensor(d, new int[] {n}, null, false);
    }

    /** Identity matrix (shape {@code (n, n)}). */
    public static Tensor eye(int n) {
        double[] d = new double[n * n];
        for (int i = 0; i < n; i++) {
            d[i * n + i] = 1;
        }
        return new Tensor(d, new int[] {n, n}, null, false);
    }

    /** Uniform in [lo, hi), drawn from {@code rng} in row-major order. */
    public static Tensor uniform(Rng rng, double lo, double hi, int... shape) {
        double[] d = new double[Shape.numel(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.uniform(lo, hi);
        }
        return new Tensor(d, shape.clone(), null, false);
    }

    /** Uniform in [0, 1). */
    public static Tensor rand(Rng rng, int... shape) {
        return uniform(rng, 0, 1, shape);
    }

    /** Standard normal. */
    public static Tensor randn(Rng rng, int... shape) {
        double[] d = new double[Shape.numel(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = rng.normal();
        }
        return new Tensor(d, shape.clone(), null, false);
    }

    // ================================================================== inspection

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** Whether this tensor's shape is {@code s}; unlike comparing {@link #shape()}, copies nothing. */
    public boolean hasShape(int... s) {
        return Arrays.equals(shape, s);
    }

    /** Size of one axis (negative axes count from the end). */
    public int size(int axis) {
        return shape[Shape.axis("size", axis, shape.length)];
    }

    /** Number of axes. */
    public int rank() {
        return shape.length;
    }

    /** Number of elements. */
    public int numel() {
        return data.length;
    }

    /** The value of a one-element tensor. */
    public double item() {
        if (data.length != 1) {
            throw new ShapeException("item: tensor of shape " + Shape.str(shape) + " has " + data.length
                    + " elements, not 1");
        }
        return data[0];
    }

    /** The element at a full index. */
    public double get(int... index) {
        return data[Shape.flatIndex("get", index, shape)];
    }

    /** A copy of the elements in row-major order. */
    public double[] toArray() {
        return data.clone();
    }

    /**
     * The backing array, row-major, for hot loops and in-place updates of parameters by optimisers. Changing it
     * changes this tensor; do so only for leaves and never while a graph that uses them is still to be
     * differentiated.
     */
    public double[] data() {
        return data;
    }

    /** Whether this is a leaf that requires gradients. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Whether operations on this tensor are recorded: it requires gradients or was computed from one that does. */
    public boolean isTracked() {
        return requiresGrad || node != null;
    }

    /** A leaf sharing this tensor's storage that requires gradients (a parameter or a differentiated input). */
    public Tensor requireGrad() {
        return new Tensor(data, shape, null, true);
    }

    /** A constant sharing this tensor's storage: derivatives do not flow through it. */
    public Tensor detach() {
        return node == null && !requiresGrad ? this : new Tensor(data, shape, null, false);
    }

    /** An independent copy of the values, untracked. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape, null, false);
    }

    // ================================================================== element-wise arithmetic (broadcasting)

    /** {@code this + other}, broadcasting. */
    public Tensor add(Tensor other) {
        return ElementwisePrimitives.binary(ElementwisePrimitives.ADD, this, other);
    }

    /** {@code this + c}. */
    public Tensor add(double c) {
        return add(scalar(c));
    }

    /** {@code this - other}, broadcasting. */
    public Tensor sub(Tensor other) {
        return ElementwisePrimitives.binary(ElementwisePrimitives.SUB, this, other);
    }

    /** {@code this - c}. */
    public Tensor sub(double c) {
        return sub(scalar(c));
    }

    /** {@code this * other}, broadcasting. */
    public Tensor mul(Tensor other) {
        return ElementwisePrimitives.binary(ElementwisePrimitives.MUL, this, other);
    }

    /** {@code this * c}. */
    public Tensor mul(double c) {
        return mul(scalar(c));
    }

    /** {@code this / other}, broadcasting. */
    public Tensor div(Tensor other) {
        return ElementwisePrimitives.binary(ElementwisePrimitives.DIV, this, other);
    }

    /** {@code this / c}. */
    public Tensor div(double c) {
        return div(scalar(c));
    }

    /** {@code c - this}. */
    public Tensor rsub(double c) {
        return scalar(c).sub(this);
    }

    // ================================================================== unary math

    /** {@code -this}. */
    public Tensor neg() {
        return ElementwisePrimitives.unary(ElementwisePrimitives.NEG, this);
    }

    /** e to the power of each element. */
    public Tensor exp() {
        return ElementwisePrimitives.unary(ElementwisePrimitives.EXP, this);
    }

    /** Natural logarithm. */
    public Tensor log() {
        return ElementwisePrimitives.unary(ElementwisePrimitives.LOG, this);
    }

    /** {@code log(1 + x)}, accurate for small x. */
    public Tensor log1p() {
        return ElementwisePrimitives.unary(ElementwisePrimitives.LOG1P, this);
    }

    /** Sine. */
    public Tensor sin() {
        return ElementwisePrimitives.unary(ElementwisePrimitives.SIN, this);
    }

    /** Cosine. */
    public Tensor cos() {
        return ElementwisePrimitives.unary(ElementwisePrimitives.COS, this);
    }

    /** Hyperbolic tangent. */
    public Tensor tanh() {
        return ElementwisePrimitives.unary(ElementwisePrimitives.TANH, this);
    }

    /** Absolute value (derivative sign(x), taken as 0 at 0). */
    public Tensor abs() {
        return ElementwisePrimitives.unary(ElementwisePrimitives.ABS, this);
    }

    /** Sign: -1, 0 or 1. Not differentiable. */
    public Tensor sign() {
        return ElementwisePrimitives.unary(ElementwisePrimitives.SIGN, Unary.SIGN, this);
    }

    /** Each element to the power {@code p}. */
    public Tensor pow(double p) {
        return ElementwisePrimitives.pow(this, p);
    }

    /** Element-wise power with a tensor exponent, {@code exp(e * log(this))}: needs positive elements. */
    public Tensor pow(Tensor exponent) {
        return exponent.mul(log()).exp();
    }

    /** {@code this * this}. */
    public Tensor square() {
        return ElementwisePrimitives.pow(this, 2);
    }

    /** Square root. */
    public Tensor sqrt() {
        return ElementwisePrimitives.pow(this, 0.5);
    }

    /**
     * Logistic sigmoid {@code 1 / (1 + e^-x)}, computed as {@code exp(-softplus(-x))}: no overflow, and full relative
     * precision in both tails.
     */
    public Tensor sigmoid() {
        return neg().softplus().neg().exp();
    }

    /**
     * {@code log(1 + e^x)}, computed as {@code max(x, 0) + log1p(exp(min(x, 0) - max(x, 0)))}: the exponent is never
     * positive (no overflow, no NaN in the derivative), precision is kept for very negative x, and each piece is
     * chosen so the derivative at 0 is the exact 1/2.
     */
    public Tensor softplus() {
        Tensor positive = gt(0.0);
        Tensor zero = scalar(0);
        Tensor max = where(positive, this, zero);
        Tensor min = where(positive, zero, this);
        return max.add(min.sub(max).exp().log1p());
    }

    /** {@code max(x, 0)}. */
    public Tensor relu() {
        return where(gt(0.0), this, scalar(0));
    }

    /** {@code x * sigmoid(x)} (also called swish). */
    public Tensor silu() {
        return mul(sigmoid());
    }

    /** GELU, tanh form: {@code x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}. */
    public Tensor gelu() {
        Tensor inner = add(pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
        return mul(0.5).mul(inner.tanh().add(1.0));
    }

    // ================================================================== comparisons and selection

    /** 1 where {@code this > other}, else 0. Not differentiable. */
    public Tensor gt(Tensor other) {
        return ElementwisePrimitives.binary(ElementwisePrimitives.GT, Binary.GT, this, other);
    }

    /** 1 where {@code this > c}, else 0. Not differentiable. */
    public Tensor gt(double c) {
        return gt(scalar(c));
    }

    /** 1 where {@code this >= other}, else 0. Not differentiable. */
    public Tensor ge(Tensor other) {
        return ElementwisePrimitives.binary(ElementwisePrimitives.GE, Binary.GE, this, other);
    }

    /** 1 where {@code this < other}, else 0. Not differentiable. */
    public Tensor lt(Tensor other) {
        return ElementwisePrimitives.binary(ElementwisePrimitives.LT, Binary.LT, this, other);
    }

    /** 1 where {@code this < c}, else 0. Not differentiable. */
    public Tensor lt(double c) {
        return lt(scalar(c));
    }

    /** 1 where {@code this <= other}, else 0. Not differentiable. */
    public Tensor le(Tensor other) {
        return ElementwisePrimitives.binary(ElementwisePrimitives.LE, Binary.LE, this, other);
    }

    /** 1 where {@code this == other}, else 0. Not differentiable. */
    public Tensor eq(Tensor other) {
        return ElementwisePrimitives.binary(ElementwisePrimitives.EQ, Binary.EQ, this, other);
    }

    /**
     * {@code a} where {@code cond} is non-zero, else {@code b}; the three broadcast together. The condition is a
     * constant; derivatives flow to {@code a} and {@code b}.
     */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return ElementwisePrimitives.where(cond, a, b);
    }

    // ================================================================== reductions

    /** Sum of all elements (shape {@code ()}). */
    public Tensor sum() {
        return Reductions.sum(this, new int[0], false);
    }

    /** Sum over the given axes, which are removed. */
    public Tensor sum(int... axes) {
        return Reductions.sum(this, axes, false);
    }

    /** Sum over the given axes (all when empty), kept with size 1 when {@code keepDims}. */
    public Tensor sum(int[] axes, boolean keepDims) {
        return Reductions.sum(this, axes, keepDims);
    }

    /** Mean of all elements. */
    public Tensor mean() {
        return sum().div(data.length);
    }

    /** Mean over the given axes, which are removed. */
    public Tensor mean(int... axes) {
        int[] ax = Shape.axes("mean", axes, shape.length);
        int count = 1;
        for (int a : ax) {
            count *= shape[a];
        }
        return sum(ax, false).div(count);
    }

    /** Maximum of all elements. */
    public Tensor max() {
        return Reductions.extreme(this, new int[0], false, true);
    }

    /** Maximum over axes (all when empty), kept with size 1 when {@code keepDims}. */
    public Tensor max(int[] axes, boolean keepDims) {
        return Reductions.extreme(this, axes, keepDims, true);
    }

    /** Minimum of all elements. */
    public Tensor min() {
        return Reductions.extreme(this, new int[0], false, false);
    }

    /** Minimum over axes (all when empty), kept with size 1 when {@code keepDims}. */
    public Tensor min(int[] axes, boolean keepDims) {
        return Reductions.extreme(this, axes, keepDims, false);
    }

    /** Euclidean (Frobenius) norm of all elements. */
    public Tensor norm() {
        return square().sum().sqrt();
    }

    /** Euclidean norm over axes, which are removed. */
    public Tensor norm(int... axes) {
        return square().sum(axes).sqrt();
    }

    // ================================================================== matrix product

    /**
     * Matrix product of {@code (..., m, k)} and {@code (..., k, n)} giving {@code (..., m, n)}; leading batch
     * dimensions broadcast.
     */
    public Tensor matmul(Tensor other) {
        return MatrixProduct.matmul(this, other);
    }

    // ================================================================== shape operations

    /** Same elements in a new shape; one dimension may be -1 (inferred). */
    public Tensor reshape(int... newShape) {
        return ShapePrimitives.reshape(this, newShape);
    }

    /** Permutes the axes: output axis i is input axis {@code perm[i]}. */
    public Tensor permute(int... perm) {
        return ShapePrimitives.permute(this, perm);
    }

    /** Swaps two axes. */
    public Tensor transpose(int axis0, int axis1) {
        return permute(ShapePrimitives.swap(shape.length, axis0, axis1));
    }

    /** Transpose of a matrix (rank 2). */
    public Tensor transpose() {
        if (shape.length != 2) {
            throw new ShapeException("transpose(): needs a matrix, got shape " + Shape.str(shape)
                    + "; use transpose(a, b) or permute(...)");
        }
        return permute(1, 0);
    }

    /** Swaps the last two axes (matrix transpose of each matrix in a batch). */
    public Tensor mT() {
        return transpose(-2, -1);
    }

    /** Broadcasts to a larger shape under NumPy rules. */
    public Tensor broadcastTo(int... newShape) {
        return ShapePrimitives.broadcastTo(this, newShape);
    }

    /** Inserts an axis of size 1. */
    public Tensor unsqueeze(int axis) {
        return reshape(ShapePrimitives.unsqueezed(shape, axis));
    }

    /** Removes an axis of size 1. */
    public Tensor squeeze(int axis) {
        return reshape(ShapePrimitives.squeezed(shape, axis));
    }

    /** Elements {@code start <= i < end} along an axis (negative values count from the end, as in Python). */
    public Tensor slice(int axis, int start, int end) {
        return slice(axis, start, end, 1);
    }

    /** Elements {@code start, start+step, ...} below {@code end} along an axis (step > 0). */
    public Tensor slice(int axis, int start, int end, int step) {
        return ShapePrimitives.slice(this, axis, start, end, step);
    }

    /** Column {@code j} of a matrix, as a column {@code (n, 1)}. */
    public Tensor col(int j) {
        return slice(-1, j, j + 1);
    }

    /** The entries {@code index[0], index[1], ...} along an axis (repeats allowed). */
    public Tensor indexSelect(int axis, int... index) {
        return ShapePrimitives.indexSelect(this, axis, index);
    }

    /** Concatenation along an existing axis. */
    public static Tensor concat(int axis, Tensor... parts) {
        return ShapePrimitives.concat(axis, parts);
    }

    /** Stacks equal-shaped tensors along a new axis. */
    public static Tensor stack(int axis, Tensor... parts) {
        return ShapePrimitives.stack(axis, parts);
    }

    /** A new tensor recording the identity, so a function can be differentiated at this point on its own. */
    Tensor identity() {
        return record(ElementwisePrimitives.IDENTITY, data, shape, this);
    }

    @Override
    public String toString() {
        return Shape.describe(this);
    }
}
