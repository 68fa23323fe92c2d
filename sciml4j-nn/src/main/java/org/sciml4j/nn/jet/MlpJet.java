package org.sciml4j.nn.jet;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.sciml4j.nn.Activation;
import org.sciml4j.nn.FactorizedLinear;
import org.sciml4j.nn.Linear;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.Module;
import org.sciml4j.tensor.FusedOp;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.MatMul;
import org.sciml4j.tensor.kernel.Parallel;
import org.sciml4j.tensor.kernel.TaylorKernels;
import org.sciml4j.tensor.kernel.Thresholds;

/**
 * Taylor-mode propagation through an {@link Mlp}, the {@link TaylorJet} of plain MLPs ({@link Mlp#taylorJet()}): at
 * N points, the value u, its first derivative along each of some input columns and its second derivative along some
 * of them, in one fused pass. The Taylor rows are stacked so each layer does one matrix product of (1 + D + S) N rows
 * (Burgers' u, u_x, u_t, u_xx: 4N), and each activation maps (z, z'_k, z''_k) to (y, y'_k, y''_k) in one loop:
 * y'_k = f'(z) z'_k, y''_k = f'(z) z''_k + f''(z) z'_k^2. The reverse rule is written by hand the same way, so a PINN
 * step (residual from u and its derivatives, then the parameter gradient) costs a few flat loops and matrix products
 * instead of hundreds of small graph operations.
 * <p>
 * Handled: activation {@link Activation#TANH} or {@link Activation#SIN}, plain or weight-factorised layers, no input
 * embedding or one with a fused jet of its own (such as {@link org.sciml4j.nn.FourierFeatures}: {@link FourierJet},
 * whose stacked blocks the first layer then takes as a hidden layer takes its input); order at most 2 along each
 * variable. The result is differentiable once with respect to
 * the parameters (and x): enough for first-order optimisers and L-BFGS. For mixed or higher-order derivatives use
 * {@code Autodiff.jvp}.
 * <p>
 * The per-layer values the reverse rule needs live in a workspace that is reused across calls: a jet holds one from
 * its forward pass until its reverse rule has run, then hands it back to a small pool for the next jet of the same
 * shapes (a jet that is never differentiated simply keeps its own). Results and gradients are always fresh arrays.
 * Differentiating the same jet a second time recomputes its forward pass first (from the parameters' current
 * values).
 * <p>
 * A batch of more than {@link Thresholds#JET_CHUNK_ROWS} points is split into an even number of chunks of equal
 * lengths (two cores get the same share), at most about that many points each, processed in parallel
 * ({@link Parallel#each}) from {@link Thresholds#JET_PARALLEL_MIN_MULADDS}; the parameter gradients are the chunks' partial sums added in chunk order. The chunks
 * depend only on N (and on how many points carry derivatives), so results are the same bit for bit whatever the
 * number of threads.
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
        Optional<Module> embedding = net.embedding();
        if (embedding.isPresent() && embeddingJet(net) == null) {
            return "its input embedding " + embedding.get() + " has no fused jet of order 2";
        }
        Activation act = net.activation();
        if (act != Activation.TANH && act != Activation.SIN) {
            return "activation '" + act + "' has no fused rule (tanh, sin)";
        }
        for (Module m : net.layers()) {
            if (!(m instanceof Linear) && !(m instanceof FactorizedLinear)) {
                return "layer " + m + " is not an affine layer";
            }
        }
        return null;
    }

    /** The jet of the network's input embedding (of order 2 at least), or null: none or no such jet. */
    private static TaylorJet embeddingJet(Mlp net) {
        return net.embedding().flatMap(Module::taylorJet).filter(j -> j.maxOrder() >= 2).orElse(null);
    }

    /** 2: values, first and second derivatives along single variables. */
    @Override
    public int maxOrder() {
        return 2;
    }

    @Override
    public Tensor[] evaluate(Tensor x, int[] variables, int[] orders, int derivativePoints) {
        return multi(net, tanh, x, variables, orders, derivativePoints);
    }

    /** {@code acc += a}, element by element. */
    private static void addTo(double[] acc, double[] a) {
        for (int k = 0; k < acc.length; k++) {
            acc[k] += a[k];
        }
    }

    /** {@code t (cols, rows) = a (rows, cols)^T}. */
    private static void transpose(double[] a, int rows, int cols, double[] t) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
    }

    /**
     * The multi-direction jet of {@code net} at {@code x}: the value u once, then the first derivative along each
     * input column {@code variables[k]}, then the second derivative along each variable with {@code orders[k] == 2},
     * all in one pass whose layers each do one matrix product of (1 + D + S) N rows (D variables, S of them of order
     * 2): Burgers' u, u_x, u_t, u_xx are 4N rows instead of the 6N of two single-direction jets. Directions are
     * one-hot along input columns, so without an embedding the first layer's tangents are columns of its weight (no
     * product) and its second-order terms are zero.
     *
     * @param net       an Mlp the jet handles (see the class description)
     * @param x         points, shape (N, in)
     * @param variables distinct input columns to differentiate along (may be empty: values only)
     * @param orders    per variable, 1 or 2: the highest order wanted along it
     * @return {u, then d u / d x_variables[k] for each k, then d2 u / d x_variables[k]^2 for each k of order 2 in
     *         the order of k}, each of shape (N, out), recorded against the network's parameters and x
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
        if (x.rank() != 2 || x.size(1) != net.inputSize()) {
            throw new IllegalArgumentException("MlpJet: points must have shape (N, " + net.inputSize() + "), got "
                    + Arrays.toString(x.shape()));
        }
        int[] second = secondOrderVariables("MlpJet", variables, orders, x.size(1));
        int n = x.size(0);
        if (derivativePoints < 0 || derivativePoints > n) {
            throw new IllegalArgumentException("MlpJet: derivatives at " + derivativePoints + " of " + n + " points");
        }
        List<Module> layers = net.layers();
        Tensor[] inputs = new Tensor[1 + 2 * layers.size()];
        TaylorJet embedding = embeddingJet(net);
        if (embedding != null) { // the embedding's jet, blocks stacked as the layers' are: the first layer's input
            Tensor[] e = embedding.evaluate(x, variables, orders, derivativePoints);
            inputs[0] = e.length == 1 ? e[0] : Tensor.concat(0, e);
        } else {
            inputs[0] = x;
        }
        parameters(layers, inputs, 1);
        int blocks = 1 + variables.length + second.length;
        MultiOp op = new MultiOp(tanh, variables.clone(), second, derivativePoints, n, embedding != null);
        Tensor token = op.apply(inputs); // the jet's node; its blocks are nodes of their own on top of it
        int out = inputs[inputs.length - 2].size(0); // the last weight: (out, in)
        Tensor[] r = new Tensor[blocks];
        if (!token.isTracked()) {
            for (int b = 0; b < blocks; b++) {
                r[b] = Tensor.wrap(op.block(b), b == 0 ? n : derivativePoints, out);
            }
            op.releaseWorkspace();
            return r;
        }
        for (int b = 0; b < blocks; b++) {
            r[b] = new JetBlock(op, b, b == 0 ? n : derivativePoints, out).apply(token);
        }
        return r;
    }

    /**
     * Checks the directions of a jet of order 2 against {@code columns} input columns, naming {@code jet} in the
     * messages; returns the indices k (into {@code variables}) of those of order 2, in order.
     */
    static int[] secondOrderVariables(String jet, int[] variables, int[] orders, int columns) {
        if (variables.length != orders.length) {
            throw new IllegalArgumentException(jet + ": " + variables.length + " variables but " + orders.length
                    + " orders");
        }
        int seconds = 0;
        for (int k = 0; k < variables.length; k++) {
            if (variables[k] < 0 || variables[k] >= columns) {
                throw new IllegalArgumentException(jet + ": variable " + variables[k] + " is not an input column (0.."
                        + (columns - 1) + ")");
            }
            for (int q = 0; q < k; q++) {
                if (variables[q] == variables[k]) {
                    throw new IllegalArgumentException(jet + ": variable " + variables[k] + " given twice");
                }
            }
            if (orders[k] != 1 && orders[k] != 2) {
                throw new IllegalArgumentException(jet + ": order " + orders[k] + " along variable " + variables[k]
                        + " (1 or 2)");
            }
            seconds += orders[k] == 2 ? 1 : 0;
        }
        int[] second = new int[seconds];
        for (int k = 0, s = 0; k < variables.length; k++) {
            if (orders[k] == 2) {
                second[s++] = k;
            }
        }
        return second;
    }

    /** The layers' weights and biases into {@code inputs} from {@code k} on: W0, b0, W1, b1, ... */
    private static void parameters(List<Module> layers, Tensor[] inputs, int k) {
        for (Module m : layers) {
            // a factorised layer's weight is computed from its factors: the engine carries its gradient on to them
            if (m instanceof Linear linear) {
                inputs[k++] = linear.weight();
                inputs[k++] = linear.bias();
            } else {
                FactorizedLinear factorized = (FactorizedLinear) m; // checked by unsupported()
                inputs[k++] = factorized.weight();
                inputs[k++] = factorized.bias();
            }
        }
    }

    /**
     * Inputs: x (N, in) or a stacked input jet (N + (R - 1) Nd, in) (see {@code stackedInput}), then W0, b0, W1, b1,
     * ...; output (N + (R - 1) Nd, out) with R = 1 + D + S blocks: the value at all N points, then at the first Nd
     * points the first derivatives along {@code variables}, the second derivatives along {@code variables[second[s]]}.
     * Holds its workspace until its reverse rule has run.
     */
    private static final class MultiOp extends FusedOp implements JetBlock.Source {
        private static final int[] NONE = new int[0];
        private final boolean tanh;
        private final int[] variables;
        private final int[] second;
        private final int blocks;
        private final int nd;
        /** N: the number of points. */
        private final int points;
        /**
         * Whether input 0 is the stacked jet of an embedding, its blocks laid out as the output's (the first layer is
         * then a product over all R blocks, as a hidden layer's) rather than the points x, along whose columns the
         * tangents are one-hot.
         */
        private final boolean stackedInput;
        private JetWorkspace ws;
        /** The blocks' values from the forward pass: u (N, out), then each derivative (Nd, out). */
        private double[][] results;
        /** The inputs of the forward pass (to recompute it when differentiated a second time). */
        private Tensor[] inputs;
        /** Which blocks' cotangents have been delivered to the workspace since the last reverse pass. */
        private boolean[] delivered;

        MultiOp(boolean tanh, int[] variables, int[] second, int nd, int points, boolean stackedInput) {
            this.tanh = tanh;
            this.variables = variables;
            this.second = second;
            this.blocks = 1 + variables.length + second.length;
            this.nd = nd;
            this.points = points;
            this.stackedInput = stackedInput;
        }

        @Override
        protected String name() {
            return "mlp_multi_jet";
        }

        synchronized void releaseWorkspace() {
            if (ws != null) {
                JetWorkspace.release(ws);
                ws = null;
            }
        }

        private static int[] dims(Tensor[] in) {
            int layers = (in.length - 1) / 2;
            int[] dims = new int[layers + 1];
            dims[0] = in[0].size(1);
            for (int l = 0; l < layers; l++) {
                dims[l + 1] = in[1 + 2 * l].size(0);
            }
            return dims;
        }

        /** Output: a one-element token (the blocks, {@link JetBlock}s on top of it, carry the values). */
        @Override
        protected synchronized Tensor forward(Tensor[] in) {
            ws = JetWorkspace.acquire(dims(in), points, nd, blocks, tanh, stackedInput);
            inputs = in.clone();
            results = compute(ws, in);
            delivered = new boolean[blocks];
            return Tensor.wrap(new double[1], 1);
        }

        @Override
        public synchronized double[] block(int k) {
            return results[k];
        }

        /** Block k's cotangent into the chunks' cotangent buffers (recomputing the workspace if it went back). */
        @Override
        public synchronized void deliver(int k, double[] gk) {
            if (ws == null) { // differentiated again: the workspace went back to the pool, recompute it
                ws = JetWorkspace.acquire(dims(inputs), points, nd, blocks, tanh, stackedInput);
                compute(ws, inputs);
                java.util.Arrays.fill(delivered, false);
            }
            int o = ws.dims[ws.dims.length - 1];
            for (JetWorkspace p : ws.parts) {
                if (k < p.blocks) {
                    System.arraycopy(gk, p.row0 * o, p.g, k * p.n * o, p.n * o);
                }
            }
            delivered[k] = true;
        }

        /**
         * Runs {@code body} for every chunk of {@code w}: over the kernels' threads ({@link Parallel#each}) when the
         * pass has at least {@link Thresholds#JET_PARALLEL_MIN_MULADDS} multiply-adds, else in order on the caller.
         * The chunks are the same either way, so are the results.
         */
        private static void eachChunk(JetWorkspace w, java.util.function.IntConsumer body) {
            if (w.parts.length > 1 && w.muladds() >= Thresholds.JET_PARALLEL_MIN_MULADDS) {
                Parallel.each(w.parts.length, body);
                return;
            }
            for (int c = 0; c < w.parts.length; c++) {
                body.accept(c);
            }
        }

        /** Where block k of chunk p's rows starts in the whole output (in rows). */
        private int rowOf(JetWorkspace w, JetWorkspace p, int k) {
            return k == 0 ? p.row0 : w.n + (k - 1) * w.nd + p.row0;
        }

        /**
         * Copies chunk p's rows of {@code width} columns between {@code whole} (the batch's layout: N value rows, then
         * each derivative block's Nd rows) and {@code chunk} (its blocks one after another), one block at a time.
         */
        private void copyRows(JetWorkspace w, JetWorkspace p, double[] whole, double[] chunk, int width,
                              boolean toChunk) {
            int len = p.n * width;
            for (int k = 0; k < p.blocks; k++) {
                int at = rowOf(w, p, k) * width;
                if (toChunk) {
                    System.arraycopy(whole, at, chunk, k * len, len);
                } else {
                    System.arraycopy(chunk, k * len, whole, at, len);
                }
            }
        }

        /** The forward pass of every chunk; returns the blocks' values, u (N, out) then each derivative (Nd, out). */
        private double[][] compute(JetWorkspace w, Tensor[] in) {
            int o = w.dims[w.dims.length - 1];
            double[][] out = new double[blocks][];
            for (int k = 0; k < blocks; k++) {
                out[k] = new double[(k == 0 ? w.n : w.nd) * o];
            }
            eachChunk(w, c -> {
                JetWorkspace p = w.parts[c];
                if (stackedInput) {
                    copyRows(w, p, in[0].data(), p.h[0], w.dims[0], true);
                }
                compute(p, in, p.out);
                int len = p.n * o;
                for (int k = 0; k < p.blocks; k++) { // chunks own disjoint row ranges of each block
                    System.arraycopy(p.out, k * len, out[k], p.row0 * o, len);
                }
            });
            return out;
        }

        /** The forward pass of the points of chunk {@code w} into {@code w}; its output (Rn, out) into {@code out}. */
        private void compute(JetWorkspace w, Tensor[] in, double[] out) {
            int n = w.n;
            int[] dims = w.dims;
            int layers = dims.length - 1;
            int blocks = w.blocks;
            int rows = blocks * n;
            int firsts = blocks > 1 ? variables.length : 0;
            int[] second = blocks > 1 ? this.second : NONE;
            int i0 = dims[0];
            int o0 = dims[1];
            double[] w0 = in[1].data();
            transpose(w0, o0, i0, w.wt[0]);
            double[] z = layers == 1 ? out : w.z[0];
            if (stackedInput) { // a stacked input jet: one product over all its rows, the bias on the value rows
                MatMul.gemm(w.h[0], 0, w.wt[0], 0, z, 0, rows, i0, o0, false);
                TaylorKernels.addBias(z, n, o0, in[2].data());
            } else {
                oneHotFirstLayer(w, in, z, firsts);
            }
            for (int l = 0; ; l++) {
                int o = dims[l + 1];
                if (l == layers - 1) {
                    return;
                }
                double[] y = w.h[l + 1];
                if (w.tanh) {
                    TaylorKernels.tanhMultiJet(z, y, n * o, firsts, second);
                } else {
                    TaylorKernels.sinMultiJet(z, y, w.d1[l], n * o, firsts, second);
                }
                int i = o;
                int on = dims[l + 2];
                transpose(in[1 + 2 * (l + 1)].data(), on, i, w.wt[l + 1]);
                z = l + 1 == layers - 1 ? out : w.z[l + 1];
                MatMul.gemm(y, 0, w.wt[l + 1], 0, z, 0, rows, i, on, false);
                TaylorKernels.addBias(z, n, on, in[2 + 2 * (l + 1)].data());
            }
        }

        /**
         * The first layer of a chunk on the points x themselves: values x W0^T + b0; first derivatives along column v:
         * W0[:, v] on every row (the tangent is one-hot, no product); second derivatives 0.
         */
        private void oneHotFirstLayer(JetWorkspace w, Tensor[] in, double[] z, int firsts) {
            int n = w.n;
            int i0 = w.dims[0];
            int o0 = w.dims[1];
            MatMul.gemm(in[0].data(), w.row0 * i0, w.wt[0], 0, z, 0, n, i0, o0, false);
            TaylorKernels.addBias(z, n, o0, in[2].data());
            for (int k = 0; k < firsts; k++) {
                int base = (1 + k) * n * o0;
                System.arraycopy(w.wt[0], variables[k] * o0, z, base, o0); // row v of W0^T is column v of W0
                for (int filled = 1; filled < n; filled *= 2) {
                    System.arraycopy(z, base, z, base + filled * o0, Math.min(filled, n - filled) * o0);
                }
            }
            Arrays.fill(z, (1 + firsts) * n * o0, w.blocks * n * o0, 0.0);
        }

        /**
         * Runs after every block's reverse rule (the token is their input): the blocks' cotangents are in the chunks'
         * buffers; those of blocks no loss used are zero.
         */
        @Override
        protected synchronized Tensor[] backward(Tensor g, Tensor output, Tensor[] in, boolean[] need) {
            JetWorkspace w = ws;
            ws = null;
            if (w == null) { // no block delivered a cotangent: recompute, all cotangents zero
                w = JetWorkspace.acquire(dims(in), points, nd, blocks, tanh, stackedInput);
                compute(w, in);
                java.util.Arrays.fill(delivered, false);
            }
            int o = w.dims[w.dims.length - 1];
            for (JetWorkspace p : w.parts) {
                for (int k = 0; k < p.blocks; k++) {
                    if (!delivered[k]) {
                        java.util.Arrays.fill(p.g, k * p.n * o, (k + 1) * p.n * o, 0.0);
                    }
                }
            }
            java.util.Arrays.fill(delivered, false);
            Tensor[] r = backward(w, in, need);
            JetWorkspace.release(w);
            return r;
        }

        private Tensor[] backward(JetWorkspace w, Tensor[] in, boolean[] need) {
            Tensor[] r = new Tensor[in.length];
            int[] dims = w.dims;
            int layers = dims.length - 1;
            double[] gx = need[0] ? new double[in[0].size(0) * dims[0]] : null;
            double[][] dw = new double[layers][];
            double[][] db = new double[layers][];
            eachChunk(w, c -> {
                JetWorkspace p = w.parts[c];
                double[] gin = backward(p, p.g, in, p.gw, p.gb, gx);
                if (gin != null) { // a stacked input jet's cotangent: the chunk's rows of it
                    copyRows(w, p, gx, gin, dims[0], false);
                }
            });
            // the parameter gradients: the chunks' partial sums, added in chunk order
            for (int l = 0; l < layers; l++) {
                dw[l] = w.parts[0].gw[l].clone();
                db[l] = w.parts[0].gb[l].clone();
                for (int c = 1; c < w.parts.length; c++) {
                    addTo(dw[l], w.parts[c].gw[l]);
                    addTo(db[l], w.parts[c].gb[l]);
                }
            }
            for (int l = 0; l < layers; l++) {
                r[1 + 2 * l] = Tensor.wrap(dw[l], dims[l + 1], dims[l]);
                r[2 + 2 * l] = Tensor.wrap(db[l], dims[l + 1]);
            }
            r[0] = gx != null ? Tensor.wrap(gx, in[0].size(0), dims[0]) : null;
            return r;
        }

        /**
         * The reverse rule over the points of chunk {@code w}, from the cotangent {@code g} (Rn, out): dW and db of
         * each layer into {@code dws} and {@code dbs} (overwritten), the cotangent of x (where {@code gx} is not
         * null) into its rows of {@code gx}; with a stacked input jet, returns the cotangent of the chunk's rows of
         * it (Rn, in) instead (null when {@code gx} is null), else null.
         */
        private double[] backward(JetWorkspace w, double[] g, Tensor[] in, double[][] dws, double[][] dbs,
                                  double[] gx) {
            int n = w.n;
            int[] dims = w.dims;
            int layers = dims.length - 1;
            int rows = w.blocks * n;
            int firsts = w.blocks > 1 ? variables.length : 0;
            int[] second = w.blocks > 1 ? this.second : NONE;
            double[] gz = g; // cotangent of the last pre-activation, (Rn, out); read only
            for (int l = layers - 1; l >= 1; l--) {
                int o = dims[l + 1];
                int i = dims[l];
                stackedLayerGradients(w, l, gz, dws[l], dbs[l]);
                double[] gh = gz == w.ping ? w.pong : w.ping; // cotangent of this layer's stacked input
                MatMul.gemm(gz, 0, in[1 + 2 * l].data(), 0, gh, 0, rows, o, i, false);
                // through the activation of layer l - 1, in place
                if (w.tanh) {
                    TaylorKernels.tanhMultiJetBackward(gh, w.z[l - 1], w.h[l], n * i, firsts, second);
                } else {
                    TaylorKernels.sinMultiJetBackward(gh, w.z[l - 1], w.h[l], w.d1[l - 1], n * i, firsts, second);
                }
                gz = gh;
            }
            if (stackedInput) {
                stackedLayerGradients(w, 0, gz, dws[0], dbs[0]);
                if (gx == null) {
                    return null;
                }
                double[] gin = gz == w.ping ? w.pong : w.ping;
                MatMul.gemm(gz, 0, in[1].data(), 0, gin, 0, rows, dims[1], dims[0], false);
                return gin;
            }
            oneHotFirstLayerGradients(w, gz, in, dws[0], dbs[0], gx);
            return null;
        }

        /**
         * dW (o, i) = gz^T h and db (o) = the column sums of gz's value rows for layer l of chunk w, whose stacked
         * input is {@code w.h[l]}: a product over all Rn rows, vectorised along the wider of o and i.
         */
        private static void stackedLayerGradients(JetWorkspace w, int l, double[] gz, double[] dw, double[] db) {
            int o = w.dims[l + 1];
            int i = w.dims[l];
            int rows = w.blocks * w.n;
            double[] h = w.h[l];
            if (i >= o) {
                MatMul.gemmTransA(gz, 0, h, 0, dw, 0, o, rows, i, false);
            } else {
                MatMul.gemmTransA(h, 0, gz, 0, w.wt[l], 0, i, rows, o, false);
                transpose(w.wt[l], i, o, dw);
            }
            TaylorKernels.columnSums(gz, w.n, o, db); // db: the value rows
        }

        /**
         * The reverse rule of {@link #oneHotFirstLayer}: z = x W0^T + b0 on the value rows, z'_k = W0[:, v_k],
         * z'' = 0; the cotangent of x (where {@code gx} is not null) into the chunk's rows of {@code gx}.
         */
        private void oneHotFirstLayerGradients(JetWorkspace w, double[] gz, Tensor[] in, double[] dw, double[] db,
                                               double[] gx) {
            int n = w.n;
            int row0 = w.row0;
            int firsts = w.blocks > 1 ? variables.length : 0;
            int o = w.dims[1];
            int i = w.dims[0];
            double[] x = in[0].data();
            MatMul.gemmTransA(x, row0 * i, gz, 0, w.wt[0], 0, i, n, o, false);
            transpose(w.wt[0], i, o, dw);
            for (int k = 0; k < firsts; k++) {
                double[] s = w.sums;
                TaylorKernels.columnSums(gz, (1 + k) * n * o, n, o, s); // in row order, as the loop it replaces
                int v = variables[k];
                for (int j = 0; j < o; j++) {
                    dw[j * i + v] += s[j];
                }
            }
            TaylorKernels.columnSums(gz, n, o, db);
            if (gx != null) {
                MatMul.gemm(gz, 0, in[1].data(), 0, gx, row0 * i, n, o, i, false);
            }
        }
    }
}
