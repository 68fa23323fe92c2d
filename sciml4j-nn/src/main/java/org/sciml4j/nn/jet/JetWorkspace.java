package org.sciml4j.nn.jet;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;

import org.sciml4j.tensor.kernel.Thresholds;

/**
 * The buffers of one multi-direction jet over n points in R blocks of rows: per hidden layer its stacked
 * pre-activation z (Rn, width) and its stacked output h (Rn, width) (and f' for sin); the transposed weights; two
 * scratch buffers for the reverse rule; with a stacked input jet (an embedding's, see {@link MlpJet}) its chunk's rows
 * of it. A gated workspace ({@link ModifiedMlpJet}) also holds the two encoders' buffers and each hidden layer's
 * activation before its gate ({@link Gates}). A whole batch is split into chunks ({@link #chunks}), one workspace each:
 * first those of the nd points with derivatives (R blocks), then those of the value-only points (1 block).
 * <p>
 * Affine layers are indexed by p: the chain's layers 0 .. L - 1 (layer p maps width dims[p] to dims[p + 1]), then in a
 * gated workspace the encoders U (p = L) and V (p = L + 1), both mapping dims[0] to dims[1].
 */
final class JetWorkspace {
    final int[] dims;
    final int n;
    /** In a whole batch's workspace: how many of its points (the first ones) carry derivative rows. */
    final int nd;
    final int blocks;
    final boolean tanh;
    /** Whether the input is a stacked jet (R blocks of rows, as a hidden layer's), not x with one-hot tangents. */
    final boolean stackedInput;
    /** In a chunk's workspace: its first point in the batch. */
    final int row0;
    /** Per layer l: its stacked input (h[0]: the chunk's rows of a stacked input jet; unused for x itself). */
    final double[][] h;
    /** Per hidden layer l: its stacked pre-activation (Rn, dims[l + 1]). */
    final double[][] z;
    final double[][] d1;
    final double[][] wt;
    final double[] ping;
    final double[] pong;
    /** Column sums of one block (dims[1]). */
    final double[] sums;
    /** The gated network's extra buffers in a chunk's workspace; null when not gated or in a whole batch's. */
    final Gates gates;
    /** Whether this is the workspace of a gated network (two encoders, see {@link ModifiedMlpJet}). */
    final boolean gated;
    final JetWorkspace[] parts;
    final double[] out;
    final double[] g;
    final double[][] gw;
    final double[][] gb;

    /** The workspace of a whole batch: n points, derivatives (R blocks) at the first nd. */
    JetWorkspace(int[] dims, int n, int nd, int blocks, boolean tanh, boolean stackedInput, boolean gated) {
        this.dims = dims;
        this.gated = gated;
        this.gates = null;
        this.n = n;
        this.nd = nd;
        this.blocks = blocks;
        this.tanh = tanh;
        this.stackedInput = stackedInput;
        this.row0 = 0;
        int chunk = Math.max(1, Thresholds.JET_CHUNK_ROWS);
        int[] withDerivatives = chunks(nd, chunk);
        int[] valuesOnly = chunks(n - nd, chunk * blocks); // as many rows per chunk as a chunk above
        if (n == 0) {
            withDerivatives = new int[] {0}; // one empty chunk: zero gradients
        }
        parts = new JetWorkspace[withDerivatives.length + valuesOnly.length];
        int c = 0;
        int start = 0;
        for (int len : withDerivatives) {
            parts[c++] = new JetWorkspace(dims, len, blocks, tanh, stackedInput, gated, start);
            start += len;
        }
        for (int len : valuesOnly) {
            parts[c++] = new JetWorkspace(dims, len, 1, tanh, stackedInput, gated, start);
            start += len;
        }
        h = z = d1 = wt = gw = gb = null;
        ping = pong = out = g = sums = null;
    }

    /** The workspace of one chunk: n points from {@code row0} on, in {@code blocks} blocks of rows. */
    private JetWorkspace(int[] dims, int n, int blocks, boolean tanh, boolean stackedInput, boolean gated,
                         int row0) {
        this.dims = dims;
        this.gated = gated;
        this.n = n;
        this.nd = blocks > 1 ? n : 0;
        this.blocks = blocks;
        this.tanh = tanh;
        this.stackedInput = stackedInput;
        this.row0 = row0;
        int layers = dims.length - 1;
        parts = null;
        int rows = blocks * n;
        out = new double[rows * dims[layers]];
        g = new double[rows * dims[layers]];
        int affine = affineLayers();
        gw = new double[affine][];
        gb = new double[affine][];
        wt = new double[affine][];
        for (int p = 0; p < affine; p++) {
            gw[p] = new double[inputWidth(p) * outputWidth(p)];
            gb[p] = new double[outputWidth(p)];
            wt[p] = new double[inputWidth(p) * outputWidth(p)];
        }
        h = new double[layers][];
        z = new double[layers][];
        d1 = new double[layers][];
        int widest = 1;
        for (int l = 0; l < layers; l++) {
            if (l > 0 || stackedInput) {
                h[l] = new double[rows * dims[l]];
                widest = Math.max(widest, dims[l]);
            }
            if (l + 1 < layers) {
                z[l] = new double[rows * dims[l + 1]];
                if (!tanh) {
                    d1[l] = new double[n * dims[l + 1]];
                }
            }
        }
        ping = new double[rows * widest];
        pong = new double[rows * widest];
        sums = new double[dims[1]];
        gates = gated ? new Gates(layers, rows * dims[1], tanh ? 0 : n * dims[1]) : null;
    }

    /**
     * A gated chunk's extra buffers (widths dims[1], R n rows): the encoders' stacked pre-activations and outputs
     * (f' for sin), their difference U - V, each hidden layer's activation Z before its gate, and the reverse rule's
     * cotangents of V and of U - V, summed over the layers.
     */
    static final class Gates {
        final double[] zu;
        final double[] zv;
        final double[] u;
        final double[] v;
        final double[] d1u;
        final double[] d1v;
        final double[] diff;
        /** Per hidden layer l: act(z[l]), stacked. */
        final double[][] act;
        final double[] gv;
        final double[] gdiff;

        private Gates(int layers, int size, int d1Size) {
            zu = new double[size];
            zv = new double[size];
            u = new double[size];
            v = new double[size];
            d1u = new double[d1Size];
            d1v = new double[d1Size];
            diff = new double[size];
            act = new double[layers - 1][];
            for (int l = 0; l < layers - 1; l++) {
                act[l] = new double[size];
            }
            gv = new double[size];
            gdiff = new double[size];
        }
    }

    /** The affine layers: the chain's, then the two encoders of a gated network. */
    int affineLayers() {
        return dims.length - 1 + (gated ? 2 : 0);
    }

    /** Input width of affine layer p (see the class description). */
    int inputWidth(int p) {
        return p < dims.length - 1 ? dims[p] : dims[0];
    }

    /** Output width of affine layer p. */
    int outputWidth(int p) {
        return p < dims.length - 1 ? dims[p + 1] : dims[1];
    }

    /** Fewest points of a chunk made by rounding the chunk count up to even. */
    static final int MIN_CHUNK = 32;

    /**
     * Chunk lengths for {@code points} points, at most about {@code chunk} each: ceil(points / chunk) chunks, made
     * an even number (two cores share them evenly) unless that makes chunks of fewer than {@link #MIN_CHUNK}
     * points, of equal lengths (the first ones one longer where it does not
     * divide). Depends only on its arguments, so results do not depend on the number of threads.
     */
    static int[] chunks(int points, int chunk) {
        if (points == 0) {
            return new int[0];
        }
        int count = (points + chunk - 1) / chunk;
        if (count % 2 == 1 && points >= 2 * MIN_CHUNK) {
            count++;
        }
        int[] len = new int[count];
        for (int c = 0; c < count; c++) {
            len[c] = points / count + (c < points % count ? 1 : 0);
        }
        return len;
    }

    /** Multiply-adds of the matrix products of one forward pass over all rows of this workspace (its chunks'). */
    long muladds() {
        long rows = parts == null ? (long) blocks * n : 0;
        if (parts != null) {
            for (JetWorkspace p : parts) {
                rows += (long) p.blocks * p.n;
            }
        }
        long perRow = 0;
        for (int p = 0; p < affineLayers(); p++) {
            perRow += (long) inputWidth(p) * outputWidth(p);
        }
        return rows * perRow;
    }

    boolean fits(int[] dims, int n, int nd, int blocks, boolean tanh, boolean stackedInput, boolean gated) {
        return this.n == n && this.nd == nd && this.blocks == blocks && this.tanh == tanh
                && this.stackedInput == stackedInput && this.gated == gated
                && Arrays.equals(this.dims, dims);
    }

    private static final ArrayDeque<SoftReference<JetWorkspace>> POOL = new ArrayDeque<>();
    private static final int POOL_SIZE = 4;

    static JetWorkspace acquire(int[] dims, int n, int nd, int blocks, boolean tanh, boolean stackedInput,
                                boolean gated) {
        synchronized (POOL) {
            for (Iterator<SoftReference<JetWorkspace>> it = POOL.iterator(); it.hasNext(); ) {
                JetWorkspace w = it.next().get();
                if (w == null) {
                    it.remove();
                } else if (w.fits(dims, n, nd, blocks, tanh, stackedInput, gated)) {
                    it.remove();
                    return w;
                }
            }
        }
        return new JetWorkspace(dims, n, nd, blocks, tanh, stackedInput, gated);
    }

    static void release(JetWorkspace w) {
        synchronized (POOL) {
            POOL.addFirst(new SoftReference<>(w));
            while (POOL.size() > POOL_SIZE) {
                POOL.removeLast();
            }
        }
    }

    /** Number of free multi-direction workspaces in the pool (for tests). */
    static int pooled() {
        synchronized (POOL) {
            return POOL.size();
        }
    }
}
