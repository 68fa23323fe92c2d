package org.sciml4j.nn.jet;

import java.util.Optional;

import org.sciml4j.nn.Activation;
import org.sciml4j.nn.Mlp;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.Parallel;
import org.sciml4j.tensor.kernel.Thresholds;

/**
 * Taylor-mode propagation through an {@link Mlp}, the {@link TaylorJet} of plain MLPs ({@link Mlp#taylorJet()}): at
 * N points, the value u, its first derivative along each of some input columns and its second derivative along some
 * of them (and the third along some of those), in one fused pass. The Taylor rows are stacked so each layer does one
 * matrix product of (1 + D + S + T) N rows (Burgers' u, u_x, u_t, u_xx: 4N; KdV's u, u_x, u_t, u_xx, u_xxx: 5N), and
 * each activation maps (z, z'_k, z''_k, z'''_k) to (y, y'_k, y''_k, y'''_k) in one loop: y'_k = f'(z) z'_k,
 * y''_k = f'(z) z''_k + f''(z) z'_k^2, y'''_k = f'(z) z'''_k + 3 f''(z) z'_k z''_k + f'''(z) z'_k^3. The reverse rule is written by hand the same way, so a PINN
 * step (residual from u and its derivatives, then the parameter gradient) costs a few flat loops and matrix products
 * instead of hundreds of small graph operations.
 * <p>
 * Handled: activation {@link Activation#TANH} or {@link Activation#SIN}, plain or weight-factorised layers, no input
 * embedding or one with a fused jet of its own (such as {@link org.sciml4j.nn.FourierFeatures}: {@link FourierJet},
 * whose stacked blocks the first layer then takes as a hidden layer takes its input); order at most 4 along each
 * variable (at most the embedding jet's order behind an embedding). The result is differentiable once with respect to
 * the parameters (and x): enough for first-order optimisers and L-BFGS. A direction may also be the sum of two input
 * columns ({@link TaylorJet#sum}), from which mixed second derivatives follow; for other mixed or higher-order
 * derivatives use {@code Taylor.partials}.
 * <p>
 * The per-layer values the reverse rule needs live in a workspace that is reused across calls: a jet holds one from
 * its forward pass until its reverse rule has run, then hands it back to a small pool for the next jet of the same
 * shapes (a jet that is never differentiated simply keeps its own). Results and gradients are always fresh arrays.
 * Differentiating the same jet a second time recomputes its forward pass first (from the parameters' current
 * values).
 * <p>
 * A batch of more than {@link Thresholds#JET_CHUNK_ROWS} points is split into an even number of chunks of equal lengths
 * (two cores get the same share), at most about that many points each, processed in parallel ({@link Parallel#each})
 * from {@link Thresholds#JET_PARALLEL_MIN_MULADDS}; the parameter gradients are the chunks' partial sums added in chunk
 * order. The chunks depend only on N (and on how many points carry derivatives), so results are the same bit for bit
 * whatever the number of threads.
 */
public final class MlpJet implements TaylorJet {
    private final Mlp net;
    private final boolean tanh;

    private MlpJet(Mlp net) {
        this.net = net;
        this.tanh = net.activation() == Activation.TANH;
    }

    /**
     * The fused jet of {@code net} if it has one (see the class description for what is handled), else empty: the
     * caller then takes the generic path.
     */
    public static Optional<TaylorJet> of(Mlp net) {
        return unsupported(net) == null ? Optional.of(new MlpJet(net)) : Optional.empty();
    }

    /** Why the jet does not handle {@code net}, or null when it does. */
    private static String unsupported(Mlp net) {
        String why = JetLayers.unsupportedEmbedding(net.embedding());
        if (why == null) {
            why = JetLayers.unsupportedActivation(net.activation());
        }
        return why != null ? why : JetLayers.unsupportedLayer(net.layers());
    }

    /**
     * 4: values, first, second, third and fourth derivatives along single variables; behind an input embedding no more than
     * the embedding's jet gives (its blocks are the first layer's input).
     */
    @Override
    public int maxOrder() {
        return maxOrder(net);
    }

    private static int maxOrder(Mlp net) {
        TaylorJet embedding = JetLayers.embeddingJet(net.embedding());
        return embedding == null ? 4 : Math.min(4, embedding.maxOrder());
    }

    @Override
    public Tensor[] evaluate(Tensor x, int[] variables, int[] orders, int derivativePoints) {
        return multi(net, tanh, x, variables, orders, derivativePoints);
    }

    /**
     * The multi-direction jet of {@code net} at {@code x}: the value u once, then the first derivative along each
     * input column {@code variables[k]}, then the second derivative along each variable with {@code orders[k] >= 2},
     * then the third along each with {@code orders[k] >= 3}, then the fourth along each with {@code orders[k] == 4}
     * (beams' and plates' u_xxxx), all in one pass whose layers each do one matrix product
     * of (1 + D + S + T + Q) N rows (D variables, S of them of order 2 or more, T of order 3 or more, Q of order 4):
     * Burgers' u, u_x, u_t, u_xx
     * are 4N rows instead of the 6N of two single-direction jets. Directions are one-hot along input columns, so
     * without an embedding the first layer's tangents are columns of its weight (no product) and its higher-order
     * terms are zero.
     *
     * @param net       an Mlp the jet handles (see the class description)
     * @param x         points, shape (N, in)
     * @param variables distinct input columns to differentiate along (may be empty: values only)
     * @param orders    per variable, 1 .. {@link #maxOrder()}: the highest order wanted along it
     * @return {u, then d u / d x_variables[k] for each k, then d2 u / d x_variables[k]^2 for each k of order 2 or more,
     *         then d3 u / d x_variables[k]^3 for each k of order 3 or more, then d4 u / d x_variables[k]^4 for each k
     *         of order 4, in the order of k}, each of shape (N, out),
     *         recorded against the network's parameters and x
     * @throws IllegalArgumentException if the jet does not handle {@code net} (saying why), or for bad arguments
     */
    public static Tensor[] multi(Mlp net, Tensor x, int[] variables, int[] orders) {
        return multi(net, x, variables, orders, x.rank() == 2 ? x.size(0) : 0);
    }

    /**
     * As {@link #multi(Mlp, Tensor, int[], int[])}, with the derivatives at the first {@code derivativePoints} points
     * only: the points after them carry value rows alone (a condition that needs only u does not pay for derivative
     * rows). Their values agree with those of a jet with derivatives everywhere to a few ulps (the same bits where
     * the vector width divides both chunkings' rows alike: see {@code MlpJetValueOnlyTest}).
     *
     * @return {u at all N points, then each derivative block at the first derivativePoints points}
     */
    public static Tensor[] multi(Mlp net, Tensor x, int[] variables, int[] orders, int derivativePoints) {
        String why = unsupported(net);
        if (why != null) {
            throw new IllegalArgumentException("MlpJet: " + why);
        }
        return multi(net, net.activation() == Activation.TANH, x, variables, orders, derivativePoints);
    }

    private static Tensor[] multi(Mlp net, boolean tanh, Tensor x, int[] variables, int[] orders,
                                  int derivativePoints) {
        return StackedJetOp.evaluate("MlpJet", net.inputSize(), net.outputSize(),
                JetLayers.embeddingJet(net.embedding()), net.layers(), x, variables, orders, derivativePoints,
                maxOrder(net), (v, second, third, fourth, nd, n, stacked) -> new MultiOp(tanh, v, second, third, fourth, nd, n,
                        stacked));
    }

    /**
     * Inputs: x (N, in) or a stacked input jet (N + (R - 1) Nd, in) (see {@link StackedJetOp}), then W0, b0, W1, b1,
     * ...; output (N + (R - 1) Nd, out) with R = 1 + D + S + T blocks: the value at all N points, then at the first Nd
     * points the first derivatives along {@code variables}, the second derivatives along {@code variables[second[s]]},
     * the third along {@code variables[second[third[t]]]}.
     * Holds its workspace until its reverse rule has run.
     */
    private static final class MultiOp extends StackedJetOp {
        MultiOp(boolean tanh, int[] variables, int[] second, int[] third, int[] fourth, int nd, int points,
                boolean stackedInput) {
            super(tanh, variables, second, third, fourth, nd, points, stackedInput);
        }

        @Override
        protected String name() {
            return "mlp_multi_jet";
        }

        @Override
        JetWorkspace acquire(Tensor[] in) {
            int layers = (in.length - 1) / 2;
            int[] dims = new int[layers + 1];
            dims[0] = in[0].size(1);
            for (int l = 0; l < layers; l++) {
                dims[l + 1] = in[1 + 2 * l].size(0);
            }
            return JetWorkspace.acquire(dims, points, nd, blocks, tanh, stackedInput, false);
        }

        @Override
        void compute(JetWorkspace w, Tensor[] in, double[] out) {
            int n = w.n;
            int[] dims = w.dims;
            int layers = dims.length - 1;
            int firsts = firsts(w);
            int[] second = seconds(w);
            int[] third = thirds(w);
            int[] fourth = fourths(w);
            JetLayers.transposeWeight(w, in, 0);
            double[] z = layers == 1 ? out : w.z[0];
            if (stackedInput) { // a stacked input jet: one product over all its rows, the bias on the value rows
                JetLayers.stackedLayer(w, in, 0, w.h[0], z);
            } else {
                JetLayers.oneHotLayer(w, in, 0, z, variables, firsts);
            }
            for (int l = 0; l < layers - 1; l++) {
                double[] y = w.h[l + 1];
                JetLayers.activate(w.tanh, z, y, w.d1[l], n * dims[l + 1], firsts, second, third, fourth);
                JetLayers.transposeWeight(w, in, l + 1);
                z = l + 1 == layers - 1 ? out : w.z[l + 1];
                JetLayers.stackedLayer(w, in, l + 1, y, z);
            }
        }

        @Override
        double[] backward(JetWorkspace w, double[] g, Tensor[] in, double[][] dws, double[][] dbs, double[] gx) {
            int n = w.n;
            int[] dims = w.dims;
            int layers = dims.length - 1;
            int firsts = firsts(w);
            int[] second = seconds(w);
            int[] third = thirds(w);
            int[] fourth = fourths(w);
            double[] gz = g; // cotangent of the last pre-activation, (Rn, out); read only
            for (int l = layers - 1; l >= 1; l--) {
                JetLayers.stackedLayerGradients(w, l, w.h[l], gz, dws[l], dbs[l]);
                double[] gh = gz == w.ping ? w.pong : w.ping; // cotangent of this layer's stacked input
                JetLayers.stackedInputCotangent(w, in, l, gz, gh, false);
                // through the activation of layer l - 1, in place
                JetLayers.activateBackward(w.tanh, gh, w.z[l - 1], w.h[l], w.d1[l - 1], n * dims[l], firsts, second,
                        third, fourth);
                gz = gh;
            }
            if (stackedInput) {
                JetLayers.stackedLayerGradients(w, 0, w.h[0], gz, dws[0], dbs[0]);
                if (gx == null) {
                    return null;
                }
                double[] gin = gz == w.ping ? w.pong : w.ping;
                JetLayers.stackedInputCotangent(w, in, 0, gz, gin, false);
                return gin;
            }
            JetLayers.oneHotLayerGradients(w, 0, gz, in, variables, firsts, dws[0], dbs[0], gx, false);
            return null;
        }
    }
}
