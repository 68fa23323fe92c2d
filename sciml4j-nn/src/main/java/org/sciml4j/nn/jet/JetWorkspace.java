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
 * of it. A whole batch is split into chunks ({@link #chunks}), one workspace each:
 * first those of the nd points with derivatives (R blocks), then those of the value-only points (1 block).
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
    final JetWorkspace[] parts;
    final double[] out;
    final double[] g;
    final double[][] gw;
    final double[][] gb;

    /** The workspace of a whole batch: n points, derivatives (R blocks) at the first nd. */
    JetWorkspace(int[] dims, int n, int nd, int blocks, boolean tanh, boolean stackedInput) {
        this.dims = dims;
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
            parts[c++] = new JetWorkspace(dims, len, blocks, tanh, stackedInput, start);
            start += len;
        }
        for (int len : valuesOnly) {
            parts[c++] = new JetWorkspace(dims, len, 1, tanh, stackedInput, start);
            start += len;
        }
        h = z = d1 = wt = gw = gb = null;
        ping = pong = out = g = sums = null;
    }

    /** The workspace of one chunk: n points from {@code row0} on, in {@code blocks} blocks of rows. */
    private JetWorkspace(int[] dims, int n, int blocks, boolean tanh, boolean stackedInput, int row0) {
        this.dims = dims;
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
        gw = new double[layers][];
        gb = new double[layers][];
        for (int l = 0; l < layers; l++) {
            gw[l] = new double[dims[l] * dims[l + 1]];
            gb[l] = new double[dims[l + 1]];
        }
        h = new double[layers][];
        z = new double[layers][];
        d1 = new double[layers][];
        wt = new double[layers][];
        int widest = 1;
        for (int l = 0; l < layers; l++) {
            wt[l] = new double[dims[l] * dims[l + 1]];
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
        for (int l = 0; l + 1 < dims.length; l++) {
            perRow += (long) dims[l] * dims[l + 1];
        }
        return rows * perRow;
    }

    boolean fits(int[] dims, int n, int nd, int blocks, boolean tanh, boolean stackedInput) {
        return this.n == n && this.nd == nd && this.blocks == blocks && this.tanh == tanh
                && this.stackedInput == stackedInput
                && Arrays.equals(this.dims, dims);
    }

    private static final ArrayDeque<SoftReference<JetWorkspace>> POOL = new ArrayDeque<>();
    private static final int POOL_SIZE = 4;

    static JetWorkspace acquire(int[] dims, int n, int nd, int blocks, boolean tanh, boolean stackedInput) {
        synchronized (POOL) {
            for (Iterator<SoftReference<JetWorkspace>> it = POOL.iterator(); it.hasNext(); ) {
                JetWorkspace w = it.next().get();
                if (w == null) {
                    it.remove();
                } else if (w.fits(dims, n, nd, blocks, tanh, stackedInput)) {
                    it.remove();
                    return w;
                }
            }
        }
        return new JetWorkspace(dims, n, nd, blocks, tanh, stackedInput);
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
