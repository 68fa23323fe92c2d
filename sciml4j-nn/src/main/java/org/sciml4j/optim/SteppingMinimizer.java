package org.sciml4j.optim;

import java.util.Map;

import org.sciml4j.tensor.Tensor;

/**
 * A {@link Minimizer} that can run one iteration at a time, so that a training run can be checkpointed between two
 * iterations and resumed later with the same bits as a run that was never interrupted.
 * <p>
 * {@code minimize(f, x0, listener)} must equal {@code start(f, x0)} followed by {@code step()} until it returns false
 * (the listener called after each accepted iteration), bit for bit.
 */
public interface SteppingMinimizer extends Minimizer {

    /** Starts a run at {@code x0} (not modified): evaluates {@code f} there. */
    Run start(Objective f, double[] x0);

    /**
     * Restores a run from {@link Run#state()} of a run made by a minimiser with the same settings; the restored run's
     * next {@link Run#step()} does exactly what the saved run's next step would have done.
     *
     * @throws IllegalArgumentException if the state is incomplete or does not fit these settings (naming the entry)
     */
    Run restore(Objective f, Map<String, Tensor> state);

    /** One minimisation in progress. */
    interface Run {
        /**
         * Performs one iteration (a direction, a line search, an update).
         *
         * @return false when the run has ended: {@link #termination()} then says why, and further calls do nothing
         */
        boolean step();

        /** Ends the run now (for instance when a listener asks to stop); {@link #termination()} becomes non-null. */
        void stop(Termination why);

        /** Accepted iterations so far. */
        int iterations();

        /** Objective evaluations so far, the one at the starting point included. */
        int evaluations();

        /** The objective value at the current point. */
        double value();

        /** The largest absolute gradient component at the current point. */
        double gradientNorm();

        /** A copy of the current point. */
        double[] x();

        /** Why the run ended; null while it is running. */
        Termination termination();

        /** The outcome so far (the best point seen); after the end, what {@code minimize} returns. */
        Result result();

        /** Everything needed to {@link SteppingMinimizer#restore} this run, as named tensors. */
        Map<String, Tensor> state();
    }
}
