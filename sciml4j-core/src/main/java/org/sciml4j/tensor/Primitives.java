package org.sciml4j.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * The registry of the engine's primitives and the helpers their rules share. The primitives themselves live by
 * family, each with its forward computation and its two derivative rules in one place:
 * {@link ElementwisePrimitives} (arithmetic, comparisons, unary functions, where, identity), {@link Reductions}
 * (sum, max, min), {@link ShapePrimitives} (reshape, permute, broadcast, slices, index selections, concat),
 * {@link MatrixProduct} (matmul) and {@link LinearAlgebra} with {@link Decompositions} (solve, logdet, cholesky,
 * qr, svd, eigh; public face {@link Linalg}). Everything else (sqrt, sigmoid, softplus, relu, silu, gelu, mean,
 * norm, transpose, stack, inverse, ...) is composed from these. Primitives defined outside the engine extend the
 * public {@link CustomPrimitive}.
 */
final class Primitives {
    private Primitives() {
    }

    /**
     * Names of all primitives. The derivative-check test covers each one by name, so a primitive added here
     * without a check fails the build.
     */
    static final List<String> NAMES = List.of(
            // ElementwisePrimitives
            "add", "sub", "mul", "div", "gt", "ge", "lt", "le", "eq", "sign", "neg", "exp", "log", "log1p", "sin",
            "cos", "tanh", "abs", "pow", "where", "identity",
            // Reductions
            "sum", "max", "min",
            // ShapePrimitives
            "reshape", "permute", "broadcast_to", "slice", "unslice", "index_select", "index_add", "concat",
            // MatrixProduct and LinearAlgebra (Decompositions)
            "matmul", "solve", "logdet", "cholesky", "qr", "svd", "eigh");

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
}
