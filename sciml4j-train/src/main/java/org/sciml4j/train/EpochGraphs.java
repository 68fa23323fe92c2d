package org.sciml4j.train;

import java.util.List;
import java.util.function.Supplier;

import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tape;
import org.sciml4j.tensor.Tensor;

/**
 * The loss graphs of a phase's evaluations (a first-order phase's epochs, a quasi-Newton round's evaluations): built by
 * the objective, or replayed ({@link Tape}) from the second graph of an {@linkplain Objective#graphVersion() objective's
 * graph version} on, until the version changes. The graphs are counted from this object's making (a phase's or a
 * round's start, or its resumption), so that a resumed run replays the graph an unbroken one does: an objective's
 * first evaluation may lay out its graph otherwise (a PINN's first pass computes derivatives at every point set, its
 * later ones only where they were asked for).
 */
final class EpochGraphs {
    private final Objective objective;
    private final List<Tensor> params;
    private final boolean replay;
    private Tape tape;
    private long version = -1;
    private int built;

    /** @param replay whether to replay at all (the trainer's setting) */
    EpochGraphs(Objective objective, List<Tensor> params, boolean replay) {
        this.objective = objective;
        this.params = params;
        this.replay = replay;
    }

    /** This epoch's loss, after {@link Objective#beforeEpoch}: replayed, or built by {@code build}. */
    Tensor loss(Supplier<Tensor> build) {
        long now = objective.graphVersion();
        if (now != version) { // new points: a new graph
            tape = null;
            version = now;
            built = 0;
        }
        if (tape != null) {
            tape.run();
            return tape.output();
        }
        Tensor loss = build.get();
        if (replay && version >= 0 && ++built == 2) {
            tape = Tape.of(loss, params).orElse(null);
        }
        return loss;
    }

    /** The gradients of {@code loss} (this epoch's) with respect to the parameters. */
    List<Tensor> gradients(Tensor loss) {
        return tape != null ? tape.gradients() : Autodiff.grad(loss, params, null, false);
    }
}
