package org.sciml4j.tensor;

import static org.sciml4j.tensor.Primitives.fit;
import static org.sciml4j.tensor.Primitives.plus;
import static org.sciml4j.tensor.Primitives.sumTo;
import static org.sciml4j.tensor.Primitives.sumToRows;

import org.sciml4j.tensor.kernel.Layout;
import org.sciml4j.tensor.kernel.MatMul;

import java.util.Arrays;

/** The matrix product (batched, broadcasting). */
final class MatrixProduct {
    private MatrixProduct() {
    }

    static final Primitive MATMUL = new ReplayablePrimitive() {
        String name() {
            return "matmul";
        }

        @Override
        void recompute(Tensor out, Tensor[] in) {
            product(in[0], in[1], out.shape, out.data);
        }

        Tensor[] vjp(Tensor g, Tensor out, Tensor[] in, boolean[] need) {
            return new Tensor[] {need[0] ? sumTo(g.matmul(in[1].mT()), in[0].shape) : null,
                need[1] ? sumTo(transposedLeft(in[0], g), in[1].shape) : null};
        }

        Tensor jvp(Tensor[] t, Tensor out, Tensor[] in) {
            return plus(t[0] == null ? null : fit(t[0].matmul(in[1]), out.shape),
                    t[1] == null ? null : fit(in[0].matmul(t[1]), out.shape));
        }

        @Override
        Tensor taylor(TaylorPlan plan, Tensor[] c, Tensor out, Tensor[] in) {
            return TaylorRules.bilinear(plan, c, in, out.shape.length, TaylorRules::matmul);
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

    /**
     * a^T g (the right operand's cotangent): for matrices outside a recording, read in place by the kernel instead
     * of copying the transpose of a (a tall a is every point's activations), with the same bits.
     */
    private static Tensor transposedLeft(Tensor a, Tensor g) {
        if (a.shape.length != 2 || g.shape.length != 2 || Autodiff.isRecording()) {
            return a.mT().matmul(g);
        }
        int m = a.shape[1];
        int n = g.shape[1];
        return Tensor.wrap(MatMul.transposedProduct(a.data, g.data, m, a.shape[0], n), m, n);
    }

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
        return Tensor.record(MATMUL, product(a, b, shape, new double[Shape.numel(shape)]), shape, a, b);
    }

    /** a @ b into c, of the product's {@code shape} (batch dimensions broadcast): its one computation. */
    private static double[] product(Tensor a, Tensor b, int[] shape, double[] c) {
        int ra = a.shape.length;
        int rb = b.shape.length;
        int m = a.shape[ra - 2];
        int k = a.shape[ra - 1];
        int n = b.shape[rb - 1];
        int[] batch = Arrays.copyOf(shape, shape.length - 2);
        int nb = Shape.numel(batch);
        if (nb == 1) {
            MatMul.gemm(a.data, 0, b.data, 0, c, 0, m, k, n, false);
        } else {
            // batch offsets through broadcasting of batch indices
            int[] ba = Arrays.copyOf(a.shape, ra - 2);
            int[] bb = Arrays.copyOf(b.shape, rb - 2);
            double[] ia = Layout.expand(iota(Shape.numel(ba)), ba, batch);
            double[] ib = Layout.expand(iota(Shape.numel(bb)), bb, batch);
            for (int i = 0; i < nb; i++) {
                MatMul.gemm(a.data, (int) ia[i] * m * k, b.data, (int) ib[i] * k * n, c, i * m * n, m, k, n, false);
            }
        }
        return c;
    }

    private static double[] iota(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }
}
