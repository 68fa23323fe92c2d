package org.sciml4j.train;

import java.io.PrintStream;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Told about every epoch of training; may stop it (the result keeps what was learned so far). */
@FunctionalInterface
public interface TrainingListener {

    /**
     * @param progress the state after the epoch
     * @return {@code true} to go on, {@code false} to stop training now
     */
    boolean onEpoch(Progress progress);

    /** Called once before the first epoch with the history training will fill (e.g. to save it as it grows). */
    default void onStart(LossHistory history) {
    }

    /**
     * Called when a phase of at least one epoch or iteration begins, or continues after a resume, before its first
     * epoch; phases of length 0 are skipped without a call.
     *
     * @param phase        the phase: its {@link Phase#name() name} and {@link Phase#length() length}
     * @param epochsBefore epochs and iterations of the earlier phases: the phase's own count at an epoch is
     *                     {@code progress.epoch() - epochsBefore}
     * @param done         epochs or iterations of this phase already run (non-zero only when resuming inside it)
     */
    default void onPhaseStart(Phase phase, int epochsBefore, int done) {
    }

    /**
     * Called once when training stops before its schedule ends, just before {@link #onEnd()}: with the result's stop
     * reason, {@code "stopped by listener"}, {@code "time budget"} or {@code "diverged: ..."}.
     *
     * @param reason why training stopped
     */
    default void onStop(String reason) {
    }

    /**
     * Called once when training ends: completed, stopped (listener, time budget, divergence) or failed with an
     * exception (then before it propagates), e.g. to close what the listener opened.
     */
    default void onEnd() {
    }

    /** Prints {@link Progress#toString()} at every {@code every}-th epoch (counted across phases). */
    static TrainingListener printing(PrintStream out, int every) {
        return printing(out, every, "epoch");
    }

    /**
     * {@link #printing(PrintStream, int)} with the count named {@code unit} ({@link Progress#line}): "step" where a
     * family's epochs are passes over data and the trainer counts the optimiser's steps.
     */
    static TrainingListener printing(PrintStream out, int every, String unit) {
        Objects.requireNonNull(out, "out");
        if (every < 1) {
            throw new IllegalArgumentException("print interval must be >= 1, got " + every);
        }
        return p -> {
            if (p.epoch() % every == 0) {
                out.println(p.line(unit));
            }
            return true;
        };
    }

    /**
     * {@code display}'s calls forwarded (none when it is null: a quiet run), and a stop after the current epoch once
     * {@code stop} says so (the user's interrupt).
     */
    static TrainingListener stoppable(TrainingListener display, BooleanSupplier stop) {
        return stoppable(display, stop, reason -> { });
    }

    /**
     * As {@link #stoppable(TrainingListener, BooleanSupplier)}, and {@code stopped} is told why training stopped
     * early ({@link #onStop}), e.g. for the command line to report a divergence.
     */
    static TrainingListener stoppable(TrainingListener display, BooleanSupplier stop, Consumer<String> stopped) {
        Objects.requireNonNull(stop, "stop");
        Objects.requireNonNull(stopped, "stopped");
        return new TrainingListener() {
            @Override
            public boolean onEpoch(Progress p) {
                if (display != null) {
                    display.onEpoch(p);
                }
                return !stop.getAsBoolean();
            }

            @Override
            public void onStart(LossHistory history) {
                if (display != null) {
                    display.onStart(history);
                }
            }

            @Override
            public void onPhaseStart(Phase phase, int epochsBefore, int done) {
                if (display != null) {
                    display.onPhaseStart(phase, epochsBefore, done);
                }
            }

            @Override
            public void onStop(String reason) {
                if (display != null) {
                    display.onStop(reason);
                }
                stopped.accept(reason);
            }

            @Override
            public void onEnd() {
                if (display != null) {
                    display.onEnd();
                }
            }
        };
    }
}
