package org.sciml4j.operators.deeponet;

import org.sciml4j.tensor.FusedOp;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.MatMul;

/**
 * An unstacked DeepONet at per-function points (unaligned data) as one fused operation over flat arrays: the
 * branch MLP on the sensor values, the trunk MLP on the points (activation on its output too), the row-wise dot
 * product and the output bias, with a hand-written reverse rule. Each layer is one matrix product and one loop that
 * adds the bias and applies the activation; the reverse rule takes the weight gradients as {@code dZ^T H} without
 * copying a transpose, and never forms the input gradient of the sensor values or the points unless asked.
 * Differentiable once, in reverse mode ({@link FusedOp}): for derivatives with respect to the points (physics) use
 * {@link DeepOnet#evaluateUnaligned}, built from primitives. One instance per application: it keeps the layer
 * activations of its forward pass for its reverse rule.
 * <p>
 * Inputs: {@code u (B, m)}, {@code y (B Q, d)} (function i's points in rows {@code [i Q, (i + 1) Q)}), then the
 * branch layers' {@code W (out, in), b (out,)} in order, the trunk layers' likewise, and the output bias
 * {@code (c,)}. Output {@code (B, c, Q)}: {@code sum_k B[i, j p + k] T[i Q + q, j p + k] + b0[j]}.
 */
final class PointwiseKernel extends FusedOp {
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
        branchActs = mlp(in, 2, branchLayers, in[0], false);
        trunkActs = mlp(in, 2 + 2 * branchLayers, trunkLayers, in[1], true);
        double[] bo = branchActs[branchLayers];
        double[] to = trunkActs[trunkLayers];
        double[] bias = in[in.length - 1].data();
        int cp = outputs * p;
        double[] out = new double[b * outputs * q];
        for (int i = 0; i < b; i++) {
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
        return Tensor.wrap(out, b, outputs, q);
    }

    /**
     * The activations of an MLP whose layers are {@code in[first + 2 l]} (W) and {@code in[first + 2 l + 1]} (b):
     * index 0 the input, index l + 1 layer l's output (activated except the last unless {@code lastActivated}).
     */
    private double[][] mlp(Tensor[] in, int first, int layers, Tensor x, boolean lastActivated) {
        double[][] acts = new double[layers + 1][];
        acts[0] = x.data();
        int rows = x.size(0);
        for (int l = 0; l < layers; l++) {
            Tensor w = in[first + 2 * l];
            int o = w.size(0);
            int i = w.size(1);
            double[] wt = w.mT().data();     // (in, out): the weight is small, its transpose a cheap copy
            double[] z = new double[rows * o];
            MatMul.gemm(acts[l], 0, wt, 0, z, 0, rows, i, o, false);
            biasAndActivation(z, in[first + 2 * l + 1].data(), rows, o, l < layers - 1 || lastActivated);
            acts[l + 1] = z;
        }
        return acts;
    }

    private void biasAndActivation(double[] z, double[] bias, int rows, int cols, boolean activate) {
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            for (int c = 0; c < cols; c++) {
                double v = z[o + c] + bias[c];
                z[o + c] = !activate ? v : tanh ? Math.tanh(v) : Math.max(v, 0);
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
        double[] gb = new double[b * cp];
        double[] gt = new double[b * q * cp];
        double[] gbias = new double[outputs];
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < outputs; j++) {
                int bRow = i * cp + j * p;
                for (int r = 0; r < q; r++) {
                    double gv = gd[(i * outputs + j) * q + r];
                    gbias[j] += gv;
                    int tRow = (i * q + r) * cp + j * p;
                    for (int k = 0; k < p; k++) {
                        gb[bRow + k] += gv * to[tRow + k];
                        gt[tRow + k] = gv * bo[bRow + k];
                    }
                }
            }
        }
        Tensor[] r = new Tensor[in.length];
        r[0] = mlpBackward(in, need, r, 2, branchLayers, branchActs, gb, false, need[0]);
        r[1] = mlpBackward(in, need, r, 2 + 2 * branchLayers, trunkLayers, trunkActs, gt, true, need[1]);
        r[in.length - 1] = Tensor.wrap(gbias, outputs);
        return r;
    }

    /**
     * Back through an MLP from the cotangent of its output ({@code gOut}, overwritten): fills the weight and bias
     * cotangents into {@code r} and returns the input's cotangent when {@code needInput}, else null.
     */
    private Tensor mlpBackward(Tensor[] in, boolean[] need, Tensor[] r, int first, int layers, double[][] acts,
                               double[] gOut, boolean lastActivated, boolean needInput) {
        double[] gz = gOut;
        int rows = gOut.length / in[first + 2 * (layers - 1)].size(0);
        for (int l = layers - 1; l >= 0; l--) {
            Tensor w = in[first + 2 * l];
            int o = w.size(0);
            int i = w.size(1);
            if (l < layers - 1 || lastActivated) {
                activationBackward(gz, acts[l + 1]);
            }
            if (need[first + 2 * l]) {
                double[] gw = new double[o * i];
                MatMul.gemmTransA(gz, 0, acts[l], 0, gw, 0, o, rows, i, false);   // dZ^T H: (out, in)
                r[first + 2 * l] = Tensor.wrap(gw, o, i);
            }
            if (need[first + 2 * l + 1]) {
                double[] gbias = new double[o];
                for (int row = 0; row < rows; row++) {
                    for (int c = 0; c < o; c++) {
                        gbias[c] += gz[row * o + c];
                    }
                }
                r[first + 2 * l + 1] = Tensor.wrap(gbias, o);
            }
            if (l == 0 && !needInput) {
                return null;
            }
            double[] gh = new double[rows * i];
            MatMul.gemm(gz, 0, w.data(), 0, gh, 0, rows, o, i, false);            // dZ W: (rows, in)
            gz = gh;
        }
        return Tensor.wrap(gz, rows, in[first].size(1));
    }

    /** {@code gz *= f'(z)}, from the activated values y: ReLU {@code y > 0}, tanh {@code 1 - y^2}. */
    private void activationBackward(double[] gz, double[] y) {
        for (int k = 0; k < gz.length; k++) {
            gz[k] *= tanh ? 1 - y[k] * y[k] : (y[k] > 0 ? 1 : 0);
        }
    }
}
