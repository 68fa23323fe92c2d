package org.sciml4j.nn.jet;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.sciml4j.nn.Activation;
import org.sciml4j.nn.Module;
import org.sciml4j.nn.ModifiedMlp;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.TaylorKernels;

/**
 * The fused {@link TaylorJet} of a {@link ModifiedMlp} ({@link ModifiedMlp#taylorJet()}), built as {@link MlpJet}
 * is: Taylor rows stacked in 1 + D + S blocks (u, then the first derivatives along D input columns, then S second
 * derivatives along single columns, in derivative form), so each affine layer is one matrix product over all the rows
 * and each activation one loop, with a hand-written reverse rule. The network's gate H = V + Z (U - V) goes by the
 * product rule, H' = V' + Z' (U - V) + Z (U' - V'), H'' = V'' + Z'' (U - V) + 2 Z' (U' - V') + Z (U'' - V'')
 * ({@link TaylorKernels#gateMultiJet}); the two encoders U and V are affine layers on the input, as the first layer.
 * <p>
 * Handled: activation {@link Activation#TANH} or {@link Activation#SIN}, plain or weight-factorised layers and
 * encoders, no input embedding or one with a fused jet of order 2 (such as {@link FourierJet}); order at most 2 along
 * each variable. Points are split into the same chunks as {@link MlpJet}'s, so results are the same bit for bit
 * whatever the number of threads; the result is differentiable once with respect to the parameters and the points.
 */
public final class ModifiedMlpJet implements TaylorJet {
    private final ModifiedMlp net;
    private final boolean tanh;
    /** The node's affine layers in its input order (see {@link #affineLayers}), listed once, not every step. */
    private final List<Module> affine;

    private ModifiedMlpJet(ModifiedMlp net) {
        this.net = net;
        this.tanh = net.activation() == Activation.TANH;
        this.affine = affineLayers(net);
    }

    /**
     * The fused jet of {@code net} if it has one (see the class description for what is handled), else empty: the
     * caller then takes the generic path.
     */
    public static Optional<TaylorJet> of(ModifiedMlp net) {
        return unsupported(net) == null ? Optional.of(new ModifiedMlpJet(net)) : Optional.empty();
    }

    /** Why the jet does not handle {@code net}, or null when it does. */
    private static String unsupported(ModifiedMlp net) {
        String why = JetLayers.unsupportedEmbedding(net.embedding());
        if (why == null) {
            why = JetLayers.unsupportedActivation(net.activation());
        }
        return why != null ? why : JetLayers.unsupportedLayer(affineLayers(net));
    }

    /** The node's affine layers in its input order: {@code layers.0 ... layers.L-1}, then the encoders U and V. */
    private static List<Module> affineLayers(ModifiedMlp net) {
        List<Module> affine = new ArrayList<>(net.layers());
        affine.add(net.encoderU());
        affine.add(net.encoderV());
        return affine;
    }

    /** 2: values, first and second derivatives along single variables. */
    @Override
    public int maxOrder() {
        return 2;
    }

    /**
     * The value, first and second derivatives at {@code x} (see {@link TaylorJet#evaluate}).
     *
     * @param x points, shape (N, in)
     * @return {u (N, out), then d u / d x_variables[k] for each k, then d2 u / d x_variables[k]^2 for each k of order
     *         2, each (derivativePoints, out)}, recorded against the network's parameters and x
     */
    @Override
    public Tensor[] evaluate(Tensor x, int[] variables, int[] orders, int derivativePoints) {
        return StackedJetOp.evaluate("ModifiedMlpJet", net.inputSize(), net.outputSize(),
                JetLayers.embeddingJet(net.embedding()), affine, x, variables, orders, derivativePoints, 2,
                (v, second, third, fourth, nd, n, stacked) -> new GatedOp(tanh, v, second, third, fourth, nd, n,
                        stacked));
    }

    /**
     * Inputs: x (N, in) or a stacked input jet, then W_0, b_0, ..., W_L-1, b_L-1 (the layers), W_u, b_u, W_v, b_v
     * (affine layers L and L + 1 of the workspace). The workspace's h[l] holds H_l, its z[l] the pre-activation of
     * layer l, its gates the encoders and Z_l = act(z[l]).
     */
    private static final class GatedOp extends StackedJetOp {
        GatedOp(boolean tanh, int[] variables, int[] second, int[] third, int[] fourth, int nd, int points,
                boolean stackedInput) {
            super(tanh, variables, second, third, fourth, nd, points, stackedInput); // none: order 2 at most
        }

        @Override
        protected String name() {
            return "modified_mlp_multi_jet";
        }

        @Override
        JetWorkspace acquire(Tensor[] in) {
            int layers = (in.length - 1) / 2 - 2;
            int[] dims = new int[layers + 1];
            dims[0] = in[0].size(1);
            for (int l = 0; l < layers; l++) {
                dims[l + 1] = in[1 + 2 * l].size(0);
            }
            return JetWorkspace.acquire(dims, points, nd, blocks, tanh, stackedInput, true);
        }

        /** Affine layer p on the chunk's input (the points or the stacked input jet) into {@code z}. */
        private void inputLayer(JetWorkspace w, Tensor[] in, int p, double[] z) {
            JetLayers.transposeWeight(w, in, p);
            if (stackedInput) {
                JetLayers.stackedLayer(w, in, p, w.h[0], z);
            } else {
                JetLayers.oneHotLayer(w, in, p, z, variables, firsts(w));
            }
        }

        @Override
        void compute(JetWorkspace w, Tensor[] in, double[] out) {
            int layers = w.dims.length - 1;
            int firsts = firsts(w);
            int[] second = seconds(w);
            int[] third = thirds(w); // empty: the jet goes to order 2
            int m = w.n * w.dims[1]; // values per block of every gated width
            JetWorkspace.Gates gt = w.gates;
            inputLayer(w, in, 0, w.z[0]);
            inputLayer(w, in, layers, gt.zu);
            inputLayer(w, in, layers + 1, gt.zv);
            JetLayers.activate(w.tanh, gt.zu, gt.u, gt.d1u, m, firsts, second, third);
            JetLayers.activate(w.tanh, gt.zv, gt.v, gt.d1v, m, firsts, second, third);
            for (int j = 0; j < w.blocks * m; j++) { // the jet of U - V: block by block, a difference
                gt.diff[j] = gt.u[j] - gt.v[j];
            }
            for (int l = 0; l < layers - 1; l++) {
                JetLayers.activate(w.tanh, w.z[l], gt.act[l], w.d1[l], m, firsts, second, third);
                TaylorKernels.gateMultiJet(gt.v, gt.act[l], gt.diff, w.h[l + 1], m, firsts, second);
                JetLayers.transposeWeight(w, in, l + 1);
                JetLayers.stackedLayer(w, in, l + 1, w.h[l + 1], l + 1 == layers - 1 ? out : w.z[l + 1]);
            }
        }

        @Override
        double[] backward(JetWorkspace w, double[] g, Tensor[] in, double[][] dws, double[][] dbs, double[] gx) {
            int layers = w.dims.length - 1;
            int firsts = firsts(w);
            int[] second = seconds(w);
            int[] third = thirds(w);
            int m = w.n * w.dims[1];
            JetWorkspace.Gates gt = w.gates;
            java.util.Arrays.fill(gt.gv, 0, w.blocks * m, 0.0); // the gates' shares, summed over the layers
            java.util.Arrays.fill(gt.gdiff, 0, w.blocks * m, 0.0);
            double[] gz = g; // cotangent of the last pre-activation, (Rn, out); read only
            for (int l = layers - 1; l >= 1; l--) {
                JetLayers.stackedLayerGradients(w, l, w.h[l], gz, dws[l], dbs[l]);
                double[] gh = gz == w.ping ? w.pong : w.ping; // cotangent of H_l, then of Z_l-1, then of z[l - 1]
                JetLayers.stackedInputCotangent(w, in, l, gz, gh, false);
                TaylorKernels.gateMultiJetBackward(gh, gt.act[l - 1], gt.diff, gt.gv, gt.gdiff, m, firsts, second);
                JetLayers.activateBackward(w.tanh, gh, w.z[l - 1], gt.act[l - 1], w.d1[l - 1], m, firsts, second,
                        third);
                gz = gh;
            }
            // diff = U - V: U's cotangent is diff's, V's is its own share less diff's
            for (int j = 0; j < w.blocks * m; j++) {
                gt.gv[j] -= gt.gdiff[j];
            }
            JetLayers.activateBackward(w.tanh, gt.gdiff, gt.zu, gt.u, gt.d1u, m, firsts, second, third);
            JetLayers.activateBackward(w.tanh, gt.gv, gt.zv, gt.v, gt.d1v, m, firsts, second, third);
            return inputLayersBackward(w, in, new double[][] {gz, gt.gdiff, gt.gv}, dws, dbs, gx);
        }

        /**
         * The reverse rule of the three affine layers on the input (layer 0, U, V) from the cotangents of their
         * pre-activations {@code gzs}; as {@link StackedJetOp#backward} for the input's cotangent.
         */
        private double[] inputLayersBackward(JetWorkspace w, Tensor[] in, double[][] gzs, double[][] dws,
                                             double[][] dbs, double[] gx) {
            int layers = w.dims.length - 1;
            int[] p = {0, layers, layers + 1};
            if (stackedInput) {
                double[] gin = gx == null ? null : gzs[0] == w.ping ? w.pong : w.ping;
                for (int q = 0; q < p.length; q++) {
                    JetLayers.stackedLayerGradients(w, p[q], w.h[0], gzs[q], dws[p[q]], dbs[p[q]]);
                    if (gin != null) {
                        JetLayers.stackedInputCotangent(w, in, p[q], gzs[q], gin, q > 0);
                    }
                }
                return gin;
            }
            for (int q = 0; q < p.length; q++) {
                JetLayers.oneHotLayerGradients(w, p[q], gzs[q], in, variables, firsts(w), dws[p[q]], dbs[p[q]], gx,
                        q > 0);
            }
            return null;
        }
    }
}
