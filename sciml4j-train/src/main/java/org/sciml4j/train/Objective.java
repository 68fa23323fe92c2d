package org.sciml4j.train;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.sciml4j.tensor.Tensor;

/**
 * What a {@link Trainer} minimises: named loss terms over trainable parameters, with hooks for the points or batches
 * an objective draws. The trainer forms the weighted total {@code sum_i weights()[i] * loss().get(i)} and takes its
 * gradient with respect to {@link #parameters()}.
 * <p>
 * The hooks let an objective change what it evaluates on between steps: {@link #beforeEpoch} before each first-order
 * step (a mini-batch, new collocation points), {@link #fullBatch} before a quasi-Newton phase (which needs one fixed
 * function), {@link #beforeRound} between the rounds of a quasi-Newton phase. Whatever an objective draws, and the
 * counters it draws with, are its {@link #state()}, so that a checkpointed run resumes with the same bits.
 */
public interface Objective {

    /** The loss terms' names, in {@link #loss()} order (the columns of the {@link LossHistory}). */
    List<String> termNames();

    /**
     * Each term's weight in the total, in {@link #termNames()} order; all 1 unless overridden. Read at every
     * evaluation, so an objective that balances its terms may change them between epochs (same length).
     */
    default double[] weights() {
        double[] w = new double[termNames().size()];
        Arrays.fill(w, 1);
        return w;
    }

    /**
     * The trainable parameters, leaves made with {@code requireGrad()}, in a fixed order; the trainer updates their
     * storage in place.
     */
    List<Tensor> parameters();

    /**
     * Evaluates the terms at the current parameters and points, recording the graph.
     *
     * @return one scalar tensor (shape () or (1,)) per term, in {@link #termNames()} order, unweighted
     */
    List<Tensor> loss();

    /**
     * The version of the graph {@link #loss()} builds: while it stays the same, every evaluation builds the same graph
     * from the same code, its values depending only on the parameters' values (the same points, term weights and
     * expressions); it changes when {@link #beforeEpoch} changes them (new points, say). The trainer may then
     * evaluate the graph it recorded again ({@link org.sciml4j.tensor.Tape}) instead of calling {@link #loss()}; the
     * values are the same. Negative (the default): the graph may change at any evaluation, and is built every time.
     */
    default long graphVersion() {
        return -1;
    }

    /** The names of the values {@link #loggedValues()} reports (e.g. unknown parameters of an inverse problem). */
    default List<String> loggedNames() {
        return List.of();
    }

    /** Values logged in the history after the terms, in {@link #loggedNames()} order (e.g. unknowns' values). */
    default double[] loggedValues() {
        return new double[0];
    }

    /** Before first-order step {@code epoch} (counted from 1 across phases): take a mini-batch, redraw points. */
    default void beforeEpoch(int epoch) {
    }

    /** Before a quasi-Newton phase: evaluate on all points from now on. */
    default void fullBatch() {
    }

    /**
     * Before round {@code round} (from 1; round 0 needs no call) of a quasi-Newton phase run in rounds, after
     * {@code epoch} epochs and iterations: place the points again.
     */
    default void beforeRound(int round, int epoch) {
    }

    /**
     * What this objective has drawn and the counters it draws with, as named tensors (copies or tensors it no
     * longer modifies); empty for an objective that draws nothing or draws from the epoch alone.
     */
    default Map<String, Tensor> state() {
        return Map.of();
    }

    /**
     * Restores a {@link #state()} saved by an objective built the same way; evaluation continues on the restored
     * points.
     *
     * @throws IllegalArgumentException if an entry is missing or does not fit, naming it
     */
    default void restore(Map<String, Tensor> state) {
        if (!state.isEmpty()) {
            throw new IllegalArgumentException("this objective keeps no state, but the checkpoint has "
                    + state.keySet());
        }
    }
}
