package org.sciml4j.train;

import java.io.PrintStream;
import java.util.Objects;

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

    /** Prints {@link Progress#toString()} at every {@code every}-th epoch (counted across phases). */
    static TrainingListener printing(PrintStream out, int every) {
        Objects.requireNonNull(out, "out");
        if (every < 1) {
            throw new IllegalArgumentException("print interval must be >= 1, got " + every);
        }
        return p -> {
            if (p.epoch() % every == 0) {
                out.println(p);
            }
            return true;
        };
    }
}
