package org.sciml4j.operators.deeponet;

import org.sciml4j.tensor.FusedOp;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.MatMul;
import org.sciml4j.tensor.kernel.Parallel;

/**
 * An unstacked DeepONet at per-function points (unaligned data) as one fused operation over flat arrays: the
 * branch MLP on the sensor values, the trunk MLP on the points (activation on its output too), the row-wise dot
 * product and the output bias, with a hand-written reverse rule. Each layer is one matrix product and one loop that
 * adds the bias and applies the activation; the reverse rule takes the weight gradients as {@code dZ^T H} without
 * copying a transpose, and never forms the input gradient of the sensor values or the points unless asked. The
 * batch is cut into chunks of {@value #CHUNK} functions that run forward and backward in parallel, each on its own
 * thread's cache, their weight gradients added in chunk order (the same bits for any number of threads).
 * Differentiable once, in reverse mode ({@link FusedOp}): for derivatives with respect to the points (physics) use
 * {@link DeepOnet#evaluateUnaligned}, built from primitives. One instance per application: it keeps the layer
 * activations of its forward pass for its reverse rule.
 * <p>
 * Inputs: {@code u (B, m)}, {@code y (B Q, d)} (function i's points in rows {@code [i Q, (i + 1) Q)}), then the
 * branch layers' {@code W (out, in), b (out,)} in order, the trunk layers' likewise, and the output bias
 * {@code (c,)}. Output {@code (B, c, Q)}: {@code sum_k B[i, j p + k] T[i Q + q, j p + k] + b0[j]}.
 */
final class PointwiseKernel extends FusedOp {
    /** Functions per chunk of the parallel passes. */
    private static final int CHUNK = 512;
    private final int branchLayers;
    private final int trunkLayers;
    private final boolean tanh;
    private final int outputs;
    private final int p;
    private final int q;
    private double[][] branchActs;
    private double[][] trunkActs;

    /**
     * @param tanh    tanh activations, else ReLU
     * @param q       points per function
     */
    PointwiseKernel(int branchLayers, int trunkLayers, boolean tanh, int outputs, int p, int q) {
        this.branchLayers = branchLayers;
        this.trunkLayers = trunkLayers;
        this.tanh = tanh;
        this.outputs = outputs;
        this.p = p;
        this.q = q;
    }

    @Override
    protected String name() {
        return "deeponet_pointwise";
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        int b = in[0].size(0);
        int cp = outputs * p;
        branchActs = new double[branchLayers + 1][];
        trunkActs = new double[trunkLayers + 1][];
        double[][] branchWt = allocate(in, 2, branchLayers, in[0], branchActs, b);
        double[][] trunkWt = allocate(in, 2 + 2 * branchLayers, trunkLayers, in[1], trunkActs, b * q);
        double[] bias = in[in.length - 1].data();
        double[] out = new double[b * outputs * q];
        Parallel.each(chunks(b), c -> {
            int f0 = c * CHUNK;
            int f1 = Math.min(b, f0 + CHUNK);
            mlp(in, 2, branchWt, branchActs, f0, f1, false);
            mlp(in, 2 + 2 * branchLayers, trunkWt, trunkActs, f0 * q, f1 * q, true);
            double[] bo = branchActs[branchLayers];
            double[] to = trunkActs[trunkLayers];
            for (int i = f0; i < f1; i++) {
                for (int j = 0; j < outputs; j++) {
                    int bRow = i * cp + j * p;
                    for (int r = 0; r < q; r++) {
                        int tRow = (i * q + r) * cp + j * p;
                        double s = bias[j];
                        for (int k = 0; k < p; k++) {
                            s += bo[bRow + k] * to[tRow + k];
                        }
                        out[(i * outputs + j) * q + r] = s;
                    }
                }
            }
        });
        return Tensor.wrap(out, b, outputs, q);
    }

    /**
     * Chunks of {@link #CHUNK} functions, processed in parallel; they depend only on the batch, so the summed
     * gradients are the same bits for any number of threads.
     */
    private static int chunks(int functions) {
        return (functions + CHUNK - 1) / CHUNK;
    }

    /**
     * Makes room for an MLP's activations ({@code acts[0]} the input, {@code acts[l + 1]} layer l's output, rows of
     * the whole batch) and returns its layers' transposed weights {@code (in, out)}; the layers are
     * {@code in[first + 2 l]} (W) and {@code in[first + 2 l + 1]} (b).
     */
    private static double[][] allocate(Tensor[] in, int first, int layers, Tensor x, double[][] acts, int rows) {
        acts[0] = x.data();
        double[][] wt = new double[layers][];
        for (int l = 0; l < layers; l++) {
            Tensor w = in[first + 2 * l];
            wt[l] = w.mT().data();              // the weight is small: its transpose is a cheap copy
            acts[l + 1] = new double[rows * w.size(0)];
        }
        return wt;
    }

    /** Rows [r0, r1) of an MLP's forward pass: per layer one product and one bias + activation loop. */
    private void mlp(Tensor[] in, int first, double[][] wt, double[][] acts, int r0, int r1, boolean lastActivated) {
        int layers = wt.length;
        for (int l = 0; l < layers; l++) {
            int o = in[first + 2 * l].size(0);
            int i = in[first + 2 * l].size(1);
            double[] z = acts[l + 1];
            MatMul.gemm(acts[l], r0 * i, wt[l], 0, z, r0 * o, r1 - r0, i, o, false);
            double[] bias = in[first + 2 * l + 1].data();
            boolean activate = l < layers - 1 || lastActivated;
            for (int r = r0; r < r1; r++) {
                int row = r * o;
                for (int c = 0; c < o; c++) {
                    double v = z[row + c] + bias[c];
                    z[row + c] = !activate ? v : tanh ? Math.tanh(v) : Math.max(v, 0);
                }
            }
        }
    }

    @Override
    protected Tensor[] backward(Tensor g, Tensor output, Tensor[] in, boolean[] need) {
        int b = in[0].size(0);
        int cp = outputs * p;
        double[] gd = g.data();
        double[] bo = branchActs[branchLayers];
        double[] to = trunkActs[trunkLayers];
        int chunks = chunks(b);
        double[][][] partial = new double[chunks][in.length][];
        double[] gu = need[0] ? new double[in[0].numel()] : null;
        double[] gy = need[1] ? new double[in[1].numel()] : null;
        Parallel.each(chunks, c -> {
            int f0 = c * CHUNK;
            int f1 = Math.min(b, f0 + CHUNK);
            double[] gb = new double[(f1 - f0) * cp];
            double[] gt = new double[(f1 - f0) * q * cp];
            double[] gbias = new double[outputs];
            for (int i = f0; i < f1; i++) {
                for (int j = 0; j < outputs; j++) {
                    int bRow = i * cp + j * p;
                    int gbRow = (i - f0) * cp + j * p;
                    for (int r = 0; r < q; r++) {
                        double gv = gd[(i * outputs + j) * q + r];
                        gbias[j] += gv;
                        int tRow = (i * q + r) * cp + j * p;
                        int gtRow = ((i - f0) * q + r) * cp + j * p;
                        for (int k = 0; k < p; k++) {
                            gb[gbRow + k] += gv * to[tRow + k];
                            gt[gtRow + k] = gv * bo[bRow + k];
                        }
                    }
                }
            }
            partial[c][in.length - 1] = gbias;
            mlpBackward(in, need, partial[c], 2, branchLayers, branchActs, gb, f0, false, gu);
            mlpBackward(in, need, partial[c], 2 + 2 * branchLayers, trunkLayers, trunkActs, gt, f0 * q, true, gy);
        });
        Tensor[] r = new Tensor[in.length];
        for (int k = 2; k < in.length; k++) {
            if (need[k]) {
                double[] sum = partial[0][k];
                for (int c = 1; c < chunks; c++) {        // in chunk order: the same bits for any thread count
                    for (int e = 0; e < sum.length; e++) {
                        sum[e] += partial[c][k][e];
                    }
                }
                r[k] = Tensor.wrap(sum, in[k].shape());
            }
        }
        r[0] = gu == null ? null : Tensor.wrap(gu, in[0].shape());
        r[1] = gy == null ? null : Tensor.wrap(gy, in[1].shape());
        return r;
    }

    /**
     * Back through rows [r0, r0 + rows) of an MLP from the cotangent of their output ({@code gOut}, overwritten):
     * puts this chunk's weight and bias cotangents into {@code r}, and the input's rows into {@code gIn} when given.
     */
    private void mlpBackward(Tensor[] in, boolean[] need, double[][] r, int first, int layers, double[][] acts,
                             double[] gOut, int r0, boolean lastActivated, double[] gIn) {
        double[] gz = gOut;
        int rows = gOut.length / in[first + 2 * (layers - 1)].size(0);
        for (int l = layers - 1; l >= 0; l--) {
            Tensor w = in[first + 2 * l];
            int o = w.size(0);
            int i = w.size(1);
            if (l < layers - 1 || lastActivated) {
                activationBackward(gz, acts[l + 1], r0 * o);
            }
            if (need[first + 2 * l]) {
                double[] gw = new double[o * i];
                MatMul.gemmTransA(gz, 0, acts[l], r0 * i, gw, 0, o, rows, i, false);   // dZ^T H: (out, in)
                r[first + 2 * l] = gw;
            }
            if (need[first + 2 * l + 1]) {
                double[] gbias = new double[o];
                for (int row = 0; row < rows; row++) {
                    for (int c = 0; c < o; c++) {
                        gbias[c] += gz[row * o + c];
                    }
                }
                r[first + 2 * l + 1] = gbias;
            }
            if (l == 0 && gIn == null) {
                return;
            }
            double[] gh = l == 0 ? gIn : new double[rows * i];
            MatMul.gemm(gz, 0, w.data(), 0, gh, l == 0 ? r0 * i : 0, rows, o, i, false);   // dZ W: (rows, in)
            gz = gh;
        }
    }

    /** {@code gz *= f'(z)}, from the activated values {@code y[yOff...]}: ReLU {@code y > 0}, tanh {@code 1 - y^2}. */
    private void activationBackward(double[] gz, double[] y, int yOff) {
        for (int k = 0; k < gz.length; k++) {
            double v = y[yOff + k];
            gz[k] *= tanh ? 1 - v * v : (v > 0 ? 1 : 0);
        }
    }
}
