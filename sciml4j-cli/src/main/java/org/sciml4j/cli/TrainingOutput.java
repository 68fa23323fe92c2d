package org.sciml4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import org.sciml4j.nn.Checkpoint;
import org.sciml4j.nn.Parameters;
import org.sciml4j.train.LossHistory;
import org.sciml4j.train.Progress;
import org.sciml4j.train.TrainingListener;

/**
 * What a run shows and keeps while it trains: a loss line every {@code every} epochs, {@code loss.tsv} and
 * {@code model.safetensors} rewritten at the first line and then at most every {@link #SAVE_INTERVAL_NANOS}, and a
 * stop after the current step when the user interrupts ({@link Interrupts}).
 */
final class TrainingOutput implements TrainingListener {
    /** Least time between two saves after the first: rewriting the history costs as much as hundreds of epochs. */
    static final long SAVE_INTERVAL_NANOS = 5_000_000_000L;

    private final Path dir;
    private final Parameters all;
    private final int every;
    private final boolean quiet;
    private LossHistory history;
    private long lastSave = Long.MIN_VALUE;

    TrainingOutput(Path dir, Parameters all, int every, boolean quiet) {
        this.dir = dir;
        this.all = all;
        this.every = every;
        this.quiet = quiet;
    }

    @Override
    public void onStart(LossHistory h) {
        history = h;
    }

    @Override
    public boolean onEpoch(Progress p) {
        if (p.epoch() % every == 0) {
            if (!quiet) {
                System.out.println(p);
            }
            if (lastSave == Long.MIN_VALUE || System.nanoTime() - lastSave > SAVE_INTERVAL_NANOS) {
                save(history);
                lastSave = System.nanoTime();
            }
        }
        return !Interrupts.requested();
    }

    /** Writes {@code loss.tsv} (when there is a history) and {@code model.safetensors}, each atomically. */
    void save(LossHistory h) {
        try {
            if (h != null) {
                h.write(dir.resolve("loss.tsv"));
            }
            Checkpoint.save(dir.resolve("model.safetensors"), all);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir + ": " + e.getMessage(), e);
        }
    }
}
