package org.sciml4j.tensor;

import java.util.List;
import java.util.Optional;

/**
 * A recorded graph evaluated again on its leaves' current values, without the code that built it: every node's
 * values are computed anew, in place and in the recorded order, by its primitive's replay rule (the kernels of the
 * first evaluation, so the values are the same bits as building the graph again), and the reverse pass reuses the
 * graph's traversal. For a loop that builds the same graph from the same code at every step, changing only the
 * values of its leaves (parameters updated in place): a training loop over fixed points, where building the graph
 * (evaluating the problem's expressions, looking up derivative columns, sorting the graph) costs more than its
 * kernels on small problems, and is code the JIT must compile before the loop runs fast.
 * <p>
 * A tape holds on to the graph it was made from: the output and every intermediate tensor of it are updated in place
 * by {@link #replay()}.
 */
public final class Tape {
    private final Autodiff.Plan plan;
    /** The nodes to compute again, in topological order. */
    private final Tensor[] nodes;

    private Tape(Autodiff.Plan plan, Tensor[] nodes) {
        this.plan = plan;
        this.nodes = nodes;
    }

    /**
     * The tape of the graph of {@code y}, differentiated with respect to {@code xs}; empty where some node of it has
     * no replay rule (its values may depend on more than its inputs: then the graph must be built again each time).
     *
     * @param y  a tracked output (a scalar loss)
     * @param xs the tensors to differentiate with respect to (the parameters, updated in place between replays)
     */
    public static Optional<Tape> of(Tensor y, List<Tensor> xs) {
        if (!y.isTracked()) {
            return Optional.empty();
        }
        Autodiff.Plan plan = Autodiff.Plan.of(y, List.copyOf(xs));
        Tensor[] nodes = plan.order.stream().filter(t -> t.node != null).toArray(Tensor[]::new);
        for (Tensor t : nodes) {
            if (!t.node.op.replays()) {
                return Optional.empty();
            }
        }
        return Optional.of(new Tape(plan, nodes));
    }

    /** The output the tape was made from, its values those of the last replay. */
    public Tensor output() {
        return plan.y;
    }

    /** Evaluates the graph again from the leaves' current values, in place; {@link #output()} then holds the value. */
    public void run() {
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            for (Tensor t : nodes) {
                t.node.op.recompute(t, t.node.inputs);
            }
        }
    }

    /**
     * The gradients of the output with respect to the tape's {@code xs} at the last replay, as
     * {@link Autodiff#grad(Tensor, List, Tensor, boolean)} without recording: one per x, its shape.
     */
    public List<Tensor> gradients() {
        return Autodiff.backward(plan, null, false);
    }
}
