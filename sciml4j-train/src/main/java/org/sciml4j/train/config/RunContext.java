package org.sciml4j.train.config;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.sciml4j.train.ProgressBarListener;
import org.sciml4j.train.TrainingListener;

/**
 * What {@code sciml4j run} hands a {@link RunnableProblem}: the opened run folder, the command line's overrides (null
 * when not given), where to print, and whether the user asked to stop.
 *
 * @param dir         the run folder, already holding {@code problem.yaml}
 * @param seed        {@code --seed}, or null for the file's
 * @param epochs      {@code --epochs} (the first phase's length), or null for the file's
 * @param quiet       {@code --quiet}: print only the final figures
 * @param out         where to print
 * @param interrupted true once the user interrupted (Ctrl-C): stop after the current step, keep what was written
 * @param stopped     told why a training given {@link #listener} stopped early ("diverged: ...", ...): the command
 *                    reports a divergence and exits with its own status
 */
public record RunContext(Path dir, Long seed, Integer epochs, boolean quiet, PrintStream out,
                         BooleanSupplier interrupted, Consumer<String> stopped) {

    public RunContext {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(interrupted, "interrupted");
        Objects.requireNonNull(stopped, "stopped");
    }

    /** A context for a run from Java (tests, examples): no overrides, not quiet, never interrupted, stops unheard. */
    public static RunContext of(Path dir, PrintStream out) {
        return new RunContext(dir, null, null, false, out, () -> false, reason -> { });
    }

    /** The seed to use: {@code --seed} when given, else the file's. */
    public long seedOr(long fileSeed) {
        return seed != null ? seed : fileSeed;
    }

    /** The first phase's length: {@code --epochs} when given, else the file's. */
    public int epochsOr(int fileEpochs) {
        return epochs != null ? epochs : fileEpochs;
    }

    /** Prints a line unless quiet. */
    public void say(String line) {
        if (!quiet) {
            out.println(line);
        }
    }

    /**
     * The listener a family's {@link org.sciml4j.train.Trainer} should get: a progress bar on a terminal or a loss
     * line every {@code every} epochs (nothing when quiet), and a stop after the current epoch once interrupted.
     */
    public TrainingListener listener(int every) {
        return listener(every, "epoch");
    }

    /** {@link #listener(int)} with the loss lines counting in {@code unit}, e.g. "step". */
    public TrainingListener listener(int every, String unit) {
        return TrainingListener.stoppable(quiet ? null : ProgressBarListener.orPrinting(out, every, unit),
                interrupted, stopped);
    }
}
