package org.sciml4j.operators.fno;

import org.sciml4j.tensor.FusedOp;
import org.sciml4j.tensor.ShapeException;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.MatMul;

import java.util.Arrays;

/**
 * A dense layer over rows, {@code y = x W^T + b} ({@code nn.Linear}) as one fused operation whose reverse rule runs
 * three matrix products on the stored arrays, none of them on a transposed copy of the activations:
 * {@code dx = g W}, {@code dW = g^T x} (a product with a transposed left operand), {@code db} the column sums of g.
 * Inputs {@code x (N, in)}, {@code W (out, in)}, {@code b (out)}; output {@code (N, out)}. Differentiable once, in
 * reverse mode (equal to {@code Linear.forward}, tested).
 */
final class Dense extends FusedOp {
    static final Dense INSTANCE = new Dense();

    private Dense() {
    }

    /** {@code x W^T + b}: {@code (N, in), (out, in), (out) -> (N, out)}. */
    static Tensor apply(Tensor x, Tensor weight, Tensor bias) {
        return INSTANCE.apply(new Tensor[] {x, weight, bias});
    }

    @Override
    protected String name() {
        return "dense";
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        int[] xs = in[0].shape();
        int[] ws = in[1].shape();
        if (xs.length != 2 || ws.length != 2 || ws[1] != xs[1] || in[2].rank() != 1 || in[2].size(0) != ws[0]) {
            throw new ShapeException("dense: need x (N, in), W (out, in), b (out), got " + Arrays.toString(xs) + ", "
                    + Arrays.toString(ws) + ", " + Arrays.toString(in[2].shape()));
        }
        int rows = xs[0];
        int out = ws[0];
        double[] y = new double[rows * out];
        affine(in[0].data(), 0, rows, xs[1], in[1].data(), in[2].data(), y, 0, false);
        return Tensor.wrap(y, rows, out);
    }

    /**
     * {@code y (+)= x W^T + b} on {@code rows} rows at the given offsets: x (rows, in), W (out, in), b (out).
     */
    static void affine(double[] x, int xOff, int rows, int in, double[] w, double[] b, double[] y, int yOff,
                       boolean accumulate) {
        int out = b.length;
        double[] wt = transpose(w, out, in);
        if (!accumulate) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(b, 0, y, yOff + r * out, out);
            }
        } else {
            for (int r = 0; r < rows; r++) {
                int o = yOff + r * out;
                for (int j = 0; j < out; j++) {
                    y[o + j] += b[j];
                }
            }
        }
        MatMul.gemm(x, xOff, wt, 0, y, yOff, rows, in, out, true);
    }

    @Override
    protected Tensor[] backward(Tensor g, Tensor output, Tensor[] in, boolean[] need) {
        int rows = in[0].size(0);
        int cin = in[0].size(1);
        int out = in[1].size(0);
        double[] gd = g.data();
        Tensor[] r = new Tensor[3];
        if (need[0]) {
            double[] gx = new double[rows * cin];
            MatMul.gemm(gd, 0, in[1].data(), 0, gx, 0, rows, out, cin, false);
            r[0] = Tensor.wrap(gx, rows, cin);
        }
        if (need[1]) {
            double[] gw = new double[out * cin];
            MatMul.gemmTransA(gd, 0, in[0].data(), 0, gw, 0, out, rows, cin, false);
            r[1] = Tensor.wrap(gw, out, cin);
        }
        if (need[2]) {
            r[2] = Tensor.wrap(columnSums(gd, 0, rows, out), out);
        }
        return r;
    }

    /** Sums over the rows of a row-major (rows, cols) block, in row order (the same bits on any thread count). */
    static double[] columnSums(double[] a, int off, int rows, int cols) {
        double[] s = new double[cols];
        for (int r = 0; r < rows; r++) {
            int o = off + r * cols;
            for (int j = 0; j < cols; j++) {
                s[j] += a[o + j];
            }
        }
        return s;
    }

    /** The transpose of a row-major (rows, cols) array. */
    static double[] transpose(double[] a, int rows, int cols) {
        double[] t = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = a[i * cols + j];
            }
        }
        return t;
    }
}
