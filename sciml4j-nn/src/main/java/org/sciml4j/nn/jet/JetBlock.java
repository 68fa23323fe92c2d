package org.sciml4j.nn.jet;

import org.sciml4j.tensor.FusedOp;
import org.sciml4j.tensor.Tensor;

/**
 * One block of a fused jet's result (u, or one derivative), recorded as its own node so that no full-size stacked
 * tensor is sliced: slicing one would cost, in the reverse pass, a zero-padded full-size cotangent per block and
 * their sums (about 0.6 MB per Burgers step). Its input is the jet's node (a one-element token); its reverse rule
 * hands the block's cotangent to the jet ({@link Source#deliver}), which the engine differentiates after every block
 * (its input), and returns a zero cotangent for the token.
 */
final class JetBlock extends FusedOp {
    /** The jet whose blocks these are. */
    interface Source {
        /** The jet's node's name; a block is named after it (in errors). */
        String jetName();

        /** Values of block k, shape (rows, cols) flattened (a fresh array the block keeps). */
        double[] block(int k);

        /** The cotangent of block k (rows, cols), read before the call returns. */
        void deliver(int k, double[] g);
    }

    private final Source source;
    private final int k;
    private final int rows;
    private final int cols;

    JetBlock(Source source, int k, int rows, int cols) {
        this.source = source;
        this.k = k;
        this.rows = rows;
        this.cols = cols;
    }

    @Override
    protected String name() {
        return source.jetName() + "_block";
    }

    /** Its values are its jet's block, which a replay of the jet (its input) has just computed again. */
    @Override
    protected boolean replayable() {
        return true;
    }

    @Override
    protected Tensor forward(Tensor[] in) {
        return Tensor.wrap(source.block(k), rows, cols);
    }

    @Override
    protected Tensor[] backward(Tensor g, Tensor output, Tensor[] in, boolean[] need) {
        source.deliver(k, g.data());
        return new Tensor[] {Tensor.wrap(new double[1], 1)};
    }
}
