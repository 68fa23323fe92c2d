package org.sciml4j.optim;

import org.sciml4j.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * A first-order optimiser: given the gradients of a loss, it moves the parameters one step, in place.
 * <p>
 * The parameters are the tensors whose {@link Tensor#data() storage} the optimiser writes: leaves made with
 * {@link Tensor#requireGrad()} (or untracked tensors sharing their storage). Gradients come, one per parameter and
 * of the same shape, from {@link org.sciml4j.tensor.Autodiff#grad(Tensor, Tensor...)}. The same list of parameters
 * (same count, order and shapes) must be passed at every step, since per-parameter state (moment estimates,
 * momentum buffers) is kept by index.
 * <p>
 * An optimiser carries mutable per-run state (the step count and its buffers): it is not thread-safe, and one
 * instance belongs to one training run. {@link #state()} and {@link #loadState(Map)} save and restore that state
 * so that a run can be resumed bit-for-bit.
 */
public interface Optimizer {

    /**
     * Updates each parameter's {@link Tensor#data()} in place from its gradient, using the
     * {@linkplain #learningRate() current learning rate}, and advances the step count by one.
     * <p>
     * Nothing is changed when an argument is refused.
     *
     * @param params the parameters, in the same order at every step
     * @param grads  one gradient per parameter, each of its parameter's shape
     * @throws IllegalArgumentException  if the lists differ in length, a shape differs (the message names the index
     *                                   and both shapes), a parameter is an intermediate result of a graph, or the
     *                                   parameters do not match the ones this optimiser's state was built for
     * @throws TrainingDivergedException if a gradient holds a NaN or an infinity
     */
    void step(List<Tensor> params, List<Tensor> grads);

    /** The number of steps taken so far (restored by {@link #loadState(Map)}). */
    int stepCount();

    /**
     * The learning rate the next {@link #step} will use: the base rate passed through the schedule at the current
     * {@linkplain #stepCount() step count} (as {@code optimizer.param_groups[0]["lr"]} after a PyTorch scheduler
     * step).
     */
    double learningRate();

    /**
     * A deep copy of the per-run state, enough to resume exactly: {@code "step"} (a scalar) and, per parameter
     * index {@code i}, buffers named as in PyTorch's state dicts with the index appended, e.g.
     * {@code "exp_avg.0"}, {@code "exp_avg_sq.0"} (Adam, AdamW) or {@code "momentum_buffer.0"} (SGD with
     * momentum). Buffers exist only once a step has been taken. The map iterates in a fixed order.
     */
    Map<String, Tensor> state();

    /**
     * Replaces the per-run state with a copy of one produced by {@link #state()} of an optimiser of the same kind
     * (the configuration itself is not part of the state). Continuing after the restore gives the same parameters,
     * bit for bit, as an uninterrupted run.
     *
     * @throws IllegalArgumentException if a key is unknown, {@code "step"} is missing or not a non-negative
     *                                   integer, or the buffers are incomplete or of inconsistent shapes
     */
    void loadState(Map<String, Tensor> state);
}
