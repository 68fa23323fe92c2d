package org.sciml4j.nn.jet;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

import org.sciml4j.nn.Module;
import org.sciml4j.tensor.FusedOp;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.tensor.kernel.Parallel;
import org.sciml4j.tensor.kernel.Thresholds;

/**
 * The node of a fused multi-direction jet whose rows are stacked in R = 1 + D + S + T blocks ({@link MlpJet},
 * {@link ModifiedMlpJet}): what does not depend on the network's layout. It holds the workspace from the forward pass
 * until the reverse rule has run, splits the points into the workspace's chunks and runs them in parallel, hands out
 * the blocks ({@link JetBlock}) and collects their cotangents, and adds the chunks' parameter gradients in chunk order
 * (so results do not depend on the number of threads). A subclass does one chunk's forward pass and reverse rule.
 * <p>
 * Inputs: x (N, in) or a stacked input jet (N + (R - 1) Nd, in) (see {@code stackedInput}), then the weight and bias of
 * each affine layer p, in the workspace's order ({@link JetWorkspace}): W_p at 1 + 2p, b_p at 2 + 2p. Output a
 * one-element token; the blocks, u (N, out) then each derivative (Nd, out), are {@link JetBlock}s on top of it.
 */
abstract class StackedJetOp extends FusedOp implements JetBlock.Source {
    private static final int[] NONE = new int[0];
    final boolean tanh;
    final int[] variables;
    /** Indices k (into {@link #variables}) of the variables of order 2 or more, in order. */
    final int[] second;
    /** Indices s (into {@link #second}) of the variables of order 3, in order. */
    final int[] third;
    /** Indices q (into {@link #third}) of the variables of order 4, in order. */
    final int[] fourth;
    final int blocks;
    final int nd;
    /** N: the number of points. */
    final int points;
    /**
     * Whether input 0 is the stacked jet of an embedding, its blocks laid out as the output's (the first layers are
     * then products over all R blocks, as a hidden layer's) rather than the points x, along whose columns the tangents
     * are one-hot.
     */
    final boolean stackedInput;
    private JetWorkspace ws;
    /** The blocks' values from the forward pass: u (N, out), then each derivative (Nd, out). */
    private double[][] results;
    /**
     * The blocks a replay computes into ({@link #replay}), made at the first: not the arrays of a forward pass, which
     * the blocks of its graph hold as their outputs.
     */
    private double[][] replayed;
    /** The inputs of the forward pass (to recompute it when differentiated a second time). */
    private Tensor[] inputs;
    /** Which blocks' cotangents have been delivered to the workspace since the last reverse pass. */
    private boolean[] delivered;

    StackedJetOp(boolean tanh, int[] variables, int[] second, int[] third, int[] fourth, int nd, int points,
                 boolean stackedInput) {
        this.tanh = tanh;
        this.variables = variables;
        this.second = second;
        this.third = third;
        this.fourth = fourth;
        this.blocks = 1 + variables.length + second.length + third.length + fourth.length;
        this.nd = nd;
        this.points = points;
        this.stackedInput = stackedInput;
    }

    /** Makes the node of one evaluation (see {@link #evaluate}). */
    interface Factory {
        StackedJetOp create(int[] variables, int[] second, int[] third, int[] fourth, int nd, int points,
                            boolean stackedInput);
    }

    /**
     * The shared front of the fused jets' {@code evaluate}: checks the arguments (naming {@code jet}), evaluates the
     * embedding's jet (its blocks stacked: the first layers' input), records the node on the points (or that jet) and
     * the affine layers' weights and biases, and returns its blocks: u (N, out), then each derivative
     * (derivativePoints, out), recorded when anything is tracked.
     *
     * @param affine    the affine layers in the node's input order ({@link org.sciml4j.nn.Linear} or
     *                  {@link org.sciml4j.nn.FactorizedLinear})
     * @param embedding the input embedding's jet of order 2, or null: none
     * @param maxOrder  the highest order along one variable the node handles (2, or 3 for third-derivative blocks)
     */
    static Tensor[] evaluate(String jet, int inputSize, int outputSize, TaylorJet embedding, List<Module> affine,
                             Tensor x, int[] variables, int[] orders, int derivativePoints, int maxOrder,
                             Factory factory) {
        if (x.rank() != 2 || x.size(1) != inputSize) {
            throw new IllegalArgumentException(jet + ": points must have shape (N, " + inputSize + "), got "
                    + Arrays.toString(x.shape()));
        }
        int[] second = JetLayers.secondOrderVariables(jet, variables, orders, x.size(1), maxOrder);
        int[] third = JetLayers.thirdOrderVariables(second, orders);
        int[] fourth = JetLayers.fourthOrderVariables(second, third, orders);
        int n = x.size(0);
        if (derivativePoints < 0 || derivativePoints > n) {
            throw new IllegalArgumentException(jet + ": derivatives at " + derivativePoints + " of " + n + " points");
        }
        Tensor[] inputs = new Tensor[1 + 2 * affine.size()];
        if (embedding != null) { // the embedding's jet, blocks stacked as the layers' are: the first layers' input
            inputs[0] = embedding.stacked(x, variables, orders, derivativePoints);
        } else {
            inputs[0] = x;
        }
        JetLayers.parameters(affine, inputs, 1);
        StackedJetOp op = factory.create(variables.clone(), second, third, fourth, derivativePoints, n,
                embedding != null);
        Tensor token = op.apply(inputs); // the jet's node; its blocks are nodes of their own on top of it
        Tensor[] r = new Tensor[op.blocks];
        if (!token.isTracked()) {
            for (int b = 0; b < r.length; b++) {
                r[b] = Tensor.wrap(op.block(b), b == 0 ? n : derivativePoints, outputSize);
            }
            op.releaseWorkspace();
            return r;
        }
        for (int b = 0; b < r.length; b++) {
            r[b] = new JetBlock(op, b, b == 0 ? n : derivativePoints, outputSize).apply(token);
        }
        return r;
    }

    /** A fresh workspace (or a pooled one) for the node's inputs {@code in}. */
    abstract JetWorkspace acquire(Tensor[] in);

    /** The forward pass of the points of chunk {@code w} into {@code w}; its output (Rn, out) into {@code out}. */
    abstract void compute(JetWorkspace w, Tensor[] in, double[] out);

    /**
     * The reverse rule over the points of chunk {@code w}, from the cotangent {@code g} (Rn, out): dW and db of each
     * affine layer into {@code dws} and {@code dbs} (overwritten), the cotangent of x (where {@code gx} is not null)
     * into its rows of {@code gx}; with a stacked input jet, returns the cotangent of the chunk's rows of it (Rn, in)
     * instead (null when {@code gx} is null), else null.
     */
    abstract double[] backward(JetWorkspace w, double[] g, Tensor[] in, double[][] dws, double[][] dbs, double[] gx);

    /** The number of first-derivative blocks of chunk w (0 in a value-only chunk). */
    final int firsts(JetWorkspace w) {
        return w.blocks > 1 ? variables.length : 0;
    }

    /** The second-derivative directions of chunk w (none in a value-only chunk). */
    final int[] seconds(JetWorkspace w) {
        return w.blocks > 1 ? second : NONE;
    }

    /** The third-derivative directions of chunk w, indices into {@link #seconds} (none in a value-only chunk). */
    final int[] thirds(JetWorkspace w) {
        return w.blocks > 1 ? third : NONE;
    }

    /** The fourth-derivative directions of chunk w, indices into {@link #thirds} (none in a value-only chunk). */
    final int[] fourths(JetWorkspace w) {
        return w.blocks > 1 ? fourth : NONE;
    }

    final synchronized void releaseWorkspace() {
        if (ws != null) {
            JetWorkspace.release(ws);
            ws = null;
        }
    }

    /** The pass depends on its inputs (points, weights, biases) and the layout fixed at its creation only. */
    @Override
    protected final boolean replayable() {
        return true;
    }

    /** Output: a one-element token (the blocks, {@link JetBlock}s on top of it, carry the values). */
    @Override
    protected final synchronized Tensor forward(Tensor[] in) {
        ws = acquire(in);
        inputs = in.clone();
        results = newBlocks(ws);
        forwardChunks(ws, in, results);
        delivered = new boolean[blocks];
        return Tensor.wrap(new double[1], 1);
    }

    /**
     * The forward pass again, on the inputs' current values, into blocks kept for replays: a replayed epoch allocates
     * none (allen-cahn-hard: 1.4 MB of the 3.1 MB allocated per epoch were these blocks). The blocks' own replays copy
     * their values from here. The token output stays as it is.
     */
    @Override
    protected final synchronized void replay(Tensor output, Tensor[] in) {
        ws = acquire(in);
        if (inputs == null || !Arrays.equals(inputs, in)) { // the node's own inputs at every replay: kept as they are
            inputs = in.clone();
        }
        if (replayed == null || replayed[0].length != (long) ws.n * ws.dims[ws.dims.length - 1]) {
            replayed = newBlocks(ws);
        }
        results = replayed;
        forwardChunks(ws, in, results);
        if (delivered == null) {
            delivered = new boolean[blocks];
        } else {
            Arrays.fill(delivered, false);
        }
    }

    @Override
    public final String jetName() {
        return name();
    }

    @Override
    public final synchronized double[] block(int k) {
        return results[k];
    }

    /** Block k's cotangent into the chunks' cotangent buffers (recomputing the workspace if it went back). */
    @Override
    public final synchronized void deliver(int k, double[] gk) {
        if (ws == null) { // differentiated again: the workspace went back to the pool, recompute it
            ws = acquire(inputs);
            forwardChunks(ws, inputs, null);
            Arrays.fill(delivered, false);
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
     * Runs {@code body} for every chunk of {@code w}: over the kernels' threads ({@link Parallel#each}) when the pass
     * has at least {@link Thresholds#JET_PARALLEL_MIN_MULADDS} multiply-adds, else in order on the caller. The chunks
     * are the same either way, so are the results.
     */
    private static void eachChunk(JetWorkspace w, IntConsumer body) {
        if (w.parts.length > 1 && w.muladds() >= Thresholds.JET_PARALLEL_MIN_MULADDS) {
            Parallel.each(w.parts.length, body);
            return;
        }
        for (int c = 0; c < w.parts.length; c++) {
            body.accept(c);
        }
    }

    /** Where block k of chunk p's rows starts in the whole output (in rows). */
    private static int rowOf(JetWorkspace w, JetWorkspace p, int k) {
        return k == 0 ? p.row0 : w.n + (k - 1) * w.nd + p.row0;
    }

    /**
     * Copies chunk p's rows of {@code width} columns between {@code whole} (the batch's layout: N value rows, then each
     * derivative block's Nd rows) and {@code chunk} (its blocks one after another), one block at a time.
     */
    private static void copyRows(JetWorkspace w, JetWorkspace p, double[] whole, double[] chunk, int width,
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

    /** Arrays for the blocks' values of a pass over {@code w}: u (N, out), then each derivative (Nd, out). */
    private double[][] newBlocks(JetWorkspace w) {
        int o = w.dims[w.dims.length - 1];
        double[][] out = new double[blocks][];
        for (int k = 0; k < blocks; k++) {
            out[k] = new double[(k == 0 ? w.n : w.nd) * o];
        }
        return out;
    }

    /**
     * The forward pass of every chunk, into the workspace and, unless {@code out} is null (only the workspace is
     * wanted), the blocks' values into {@code out} ({@link #newBlocks}).
     */
    private void forwardChunks(JetWorkspace w, Tensor[] in, double[][] out) {
        int o = w.dims[w.dims.length - 1];
        eachChunk(w, c -> {
            JetWorkspace p = w.parts[c];
            if (stackedInput) {
                copyRows(w, p, in[0].data(), p.h[0], w.dims[0], true);
            }
            compute(p, in, p.out);
            int len = p.n * o;
            for (int k = 0; out != null && k < p.blocks; k++) { // chunks own disjoint row ranges of each block
                System.arraycopy(p.out, k * len, out[k], p.row0 * o, len);
            }
        });
    }

    /**
     * Runs after every block's reverse rule (the token is their input): the blocks' cotangents are in the chunks'
     * buffers; those of blocks no loss used are zero.
     */
    @Override
    protected final synchronized Tensor[] backward(Tensor g, Tensor output, Tensor[] in, boolean[] need) {
        JetWorkspace w = ws;
        ws = null;
        if (w == null) { // no block delivered a cotangent: recompute, all cotangents zero
            w = acquire(in);
            forwardChunks(w, in, null);
            Arrays.fill(delivered, false);
        }
        int o = w.dims[w.dims.length - 1];
        for (JetWorkspace p : w.parts) {
            for (int k = 0; k < p.blocks; k++) {
                if (!delivered[k]) {
                    Arrays.fill(p.g, k * p.n * o, (k + 1) * p.n * o, 0.0);
                }
            }
        }
        Arrays.fill(delivered, false);
        Tensor[] r = backward(w, in, need);
        JetWorkspace.release(w);
        return r;
    }

    private Tensor[] backward(JetWorkspace w, Tensor[] in, boolean[] need) {
        Tensor[] r = new Tensor[in.length];
        int affine = w.affineLayers();
        int width = w.dims[0];
        double[] gx = need[0] ? new double[in[0].size(0) * width] : null;
        eachChunk(w, c -> {
            JetWorkspace p = w.parts[c];
            double[] gin = backward(p, p.g, in, p.gw, p.gb, gx);
            if (gin != null) { // a stacked input jet's cotangent: the chunk's rows of it
                copyRows(w, p, gx, gin, width, false);
            }
        });
        // the parameter gradients: the chunks' partial sums, added in chunk order
        for (int l = 0; l < affine; l++) {
            double[] dw = w.parts[0].gw[l].clone();
            double[] db = w.parts[0].gb[l].clone();
            for (int c = 1; c < w.parts.length; c++) {
                JetLayers.addTo(dw, w.parts[c].gw[l]);
                JetLayers.addTo(db, w.parts[c].gb[l]);
            }
            r[1 + 2 * l] = Tensor.wrap(dw, in[1 + 2 * l].shape());
            r[2 + 2 * l] = Tensor.wrap(db, in[2 + 2 * l].shape());
        }
        r[0] = gx != null ? Tensor.wrap(gx, in[0].size(0), width) : null;
        return r;
    }
}
