package org.sciml4j.pinn;

import java.util.ArrayList;
import java.util.List;

import org.sciml4j.nn.FactorizedLinear;
import org.sciml4j.nn.Linear;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.Module;
import org.sciml4j.tensor.FusedOp;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.MatMul;

/**
 * Taylor-mode propagation through an {@link Mlp}: the value u, the first derivative u' and the second derivative u''
 * of the network along a direction v, at N points, in one fused pass. The three Taylor rows are stacked so each layer
 * does one matrix product of 3N rows, and each activation maps (z, z', z'') to (y, y', y'') in one loop:
 * y' = f'(z) z', y'' = f'(z) z'' + f''(z) z'^2. The reverse rule is written by hand the same way, so a PINN step
 * (residual from u, u_t, u_tt, then the parameter gradient) costs a few flat loops and matrix products instead of
 * hundreds of small graph operations.
 * <p>
 * The result is differentiable once with respect to the parameters (and x, v): enough for first-order optimisers
 * and L-BFGS. For derivatives along several directions or of higher order, use {@code Autodiff.jvp}.
 */
public final class MlpJet {
    private MlpJet() {
    }

    /**
     * The jet of {@code net} at {@code x} along {@code v}.
     *
     * @param net an Mlp (plain or weight-factorised layers) without input embedding, activation tanh or sin
     * @param x   points, shape (N, in)
     * @param v   direction per point, shape (N, in) (ones in the time column for d/dt)
     * @return {u, u', u''}, each of shape (N, out), recorded against the network's parameters
     */
    public static Tensor[] of(Mlp net, Tensor x, Tensor v) {
        if (net.embedding().isPresent()) {
            throw new IllegalArgumentException("MlpJet: networks with an input embedding are not supported yet");
        }
        String act = net.activation().toString();
        if (!act.equals("tanh") && !act.equals("sin")) {
            throw new IllegalArgumentException("MlpJet: activation '" + act + "' has no fused rule (tanh, sin)");
        }
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(x);
        inputs.add(v);
        for (Module m : net.layers()) {
            // a factorised layer's weight is computed from its factors: the engine carries its gradient on to them
            if (m instanceof Linear) {
                inputs.add(((Linear) m).weight());
                inputs.add(((Linear) m).bias());
            } else if (m instanceof FactorizedLinear) {
                inputs.add(((FactorizedLinear) m).weight());
                inputs.add(((FactorizedLinear) m).bias());
            } else {
                throw new IllegalArgumentException("MlpJet: layer " + m + " is not an affine layer");
            }
        }
        int n = x.size(0);
        Tensor jet = new JetOp(act.equals("tanh")).apply(inputs.toArray(new Tensor[0]));
        int out = jet.size(2);
        return new Tensor[] {jet.slice(0, 0, 1).reshape(n, out), jet.slice(0, 1, 2).reshape(n, out),
            jet.slice(0, 2, 3).reshape(n, out)};
    }

    /** Inputs: x, v, W0, b0, W1, b1, ...; output (3, N, out). Keeps the per-layer values for its reverse rule. */
    private static final class JetOp extends FusedOp {
        private final boolean tanh;
        /** Per layer: its stacked input (3N, in) and its stacked pre-activation (3N, out). */
        private final List<double[]> layerInputs = new ArrayList<>();
        private final List<double[]> preActivations = new ArrayList<>();
        /** Per hidden layer: f(z) and f'(z) at the value row, kept for the reverse rule. */
        private final List<double[]> values = new ArrayList<>();
        private final List<double[]> slopes = new ArrayList<>();
        private int n;

        JetOp(boolean tanh) {
            this.tanh = tanh;
        }

        @Override
        protected String name() {
            return "mlp_jet";
        }

        @Override
        protected Tensor forward(Tensor[] in) {
            Tensor x = in[0];
            n = x.size(0);
            int width = x.size(1);
            double[] h = new double[3 * n * width];
            System.arraycopy(x.data(), 0, h, 0, n * width);
            System.arraycopy(in[1].data(), 0, h, n * width, n * width);
            int layers = (in.length - 2) / 2;
            for (int l = 0; l < layers; l++) {
                Tensor w = in[2 + 2 * l];
                double[] b = in[3 + 2 * l].data();
                int o = w.size(0);
                int i = w.size(1);
                double[] z = new double[3 * n * o];
                MatMul.gemm(h, 0, transpose(w.data(), o, i), 0, z, 0, 3 * n, i, o, false);
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < o; c++) {
                        z[r * o + c] += b[c];
                    }
                }
                layerInputs.add(h);
                preActivations.add(z);
                if (l == layers - 1) {
                    return Tensor.wrap(z, 3, n, o);
                }
                h = activate(z, n * o);
            }
            throw new IllegalArgumentException("MlpJet: the network has no layers");
        }

        /** (z, z', z'') -> (f, f' z', f' z'' + f'' z'^2). */
        private double[] activate(double[] z, int m) {
            double[] y = new double[3 * m];
            double[] fs = new double[m];
            double[] d1s = new double[m];
            values.add(fs);
            slopes.add(d1s);
            if (tanh) {
                org.sciml4j.tensor.kernel.Elementwise.tanh(z, 0, m, fs, 0); // vectorised
            }
            for (int j = 0; j < m; j++) {
                double z0 = z[j];
                double z1 = z[m + j];
                double z2 = z[2 * m + j];
                double f;
                double d1;
                double d2;
                if (tanh) {
                    f = fs[j];
                    d1 = 1 - f * f;
                    d2 = -2 * f * d1;
                } else {
                    f = Math.sin(z0);
                    d1 = Math.cos(z0);
                    d2 = -f;
                }
                fs[j] = f;
                d1s[j] = d1;
                y[j] = f;
                y[m + j] = d1 * z1;
                y[2 * m + j] = d1 * z2 + d2 * z1 * z1;
            }
            return y;
        }

        @Override
        protected Tensor[] backward(Tensor g, Tensor output, Tensor[] in, boolean[] need) {
            Tensor[] r = new Tensor[in.length];
            int layers = (in.length - 2) / 2;
            double[] gz = g.data().clone(); // cotangent of the last pre-activation, (3N, out)
            for (int l = layers - 1; l >= 0; l--) {
                Tensor w = in[2 + 2 * l];
                int o = w.size(0);
                int i = w.size(1);
                double[] h = layerInputs.get(l);
                // dW (o, i) = gz^T h over all 3N rows; db = sum of the value rows of gz
                double[] dw = new double[o * i];
                MatMul.gemmTransA(gz, 0, h, 0, dw, 0, o, 3 * n, i, false);
                double[] db = new double[o];
                for (int rr = 0; rr < n; rr++) {
                    for (int c = 0; c < o; c++) {
                        db[c] += gz[rr * o + c];
                    }
                }
                r[2 + 2 * l] = Tensor.wrap(dw, o, i);
                r[3 + 2 * l] = Tensor.wrap(db, o);
                if (l == 0 && !need[0] && !need[1]) {
                    break;
                }
                double[] gh = new double[3 * n * i]; // cotangent of this layer's stacked input
                MatMul.gemm(gz, 0, w.data(), 0, gh, 0, 3 * n, o, i, false);
                if (l == 0) {
                    r[0] = need[0] ? Tensor.wrap(java.util.Arrays.copyOfRange(gh, 0, n * i), n, i) : null;
                    r[1] = need[1] ? Tensor.wrap(java.util.Arrays.copyOfRange(gh, n * i, 2 * n * i), n, i) : null;
                    break;
                }
                gz = deactivate(gh, preActivations.get(l - 1), values.get(l - 1), slopes.get(l - 1), n * i);
            }
            return r;
        }

        /** Reverse rule of {@link #activate}: cotangents of (z, z', z'') from those of (y, y', y''). */
        private double[] deactivate(double[] gy, double[] z, double[] fs, double[] d1s, int m) {
            double[] gz = new double[3 * m];
            for (int j = 0; j < m; j++) {
                double z1 = z[m + j];
                double z2 = z[2 * m + j];
                double f = fs[j];
                double d1 = d1s[j];
                // tanh: f'' = -2 f f', f''' = f' (4 f^2 - 2 f'); sin: f'' = -f, f''' = -f'
                double d2 = tanh ? -2 * f * d1 : -f;
                double d3 = tanh ? d1 * (4 * f * f - 2 * d1) : -d1;
                double g0 = gy[j];
                double g1 = gy[m + j];
                double g2 = gy[2 * m + j];
                gz[j] = g0 * d1 + g1 * d2 * z1 + g2 * (d2 * z2 + d3 * z1 * z1);
                gz[m + j] = g1 * d1 + 2 * g2 * d2 * z1;
                gz[2 * m + j] = g2 * d1;
            }
            return gz;
        }

        private static double[] transpose(double[] a, int rows, int cols) {
            double[] t = new double[a.length];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    t[c * rows + r] = a[r * cols + c];
                }
            }
            return t;
        }
    }
}
