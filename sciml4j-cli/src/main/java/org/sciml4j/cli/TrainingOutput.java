package org.sciml4j.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.sciml4j.io.InputFiles;
import org.sciml4j.nn.Checkpoint;
import org.sciml4j.nn.Parameters;
import org.sciml4j.plot.Plots;
import org.sciml4j.train.LossHistory;
import org.sciml4j.train.Phase;
import org.sciml4j.train.PhaseLog;
import org.sciml4j.train.Progress;
import org.sciml4j.train.ProgressBarListener;
import org.sciml4j.train.TrainingListener;

/**
 * What a run shows and keeps while it trains: a loss line every {@code every} epochs (on an interactive terminal a
 * progress bar per phase instead, {@link ProgressBarListener#orPrinting}), each phase's figures ({@link PhaseLog}),
 * {@code loss.tsv} and
 * {@code model.safetensors} rewritten at loss lines at most every {@link #SAVE_INTERVAL_NANOS}, the first time that
 * long after training starts (the checkpoint, written every {@code every} epochs, holds the history for a resume;
 * a run shorter than that writes them once, at its end: at the tutorial's first loss line, its history of 1000 epochs
 * took 16-27 ms to format and write, before the JIT had compiled the formatting), and a stop after the current step
 * when the user interrupts ({@link Interrupts}).
 */
final class TrainingOutput implements TrainingListener {
    /** Least time between two saves, and before the first: rewriting the history costs hundreds of epochs' time. */
    static final long SAVE_INTERVAL_NANOS = 5_000_000_000L;

    private final Path dir;
    private final Parameters all;
    private final int every;
    /** The loss lines or the progress bar; null when quiet. */
    private final TrainingListener display;
    private final PhaseLog phases = new PhaseLog();
    private LossHistory history;
    private long lastSave;

    TrainingOutput(Path dir, Parameters all, int every, boolean quiet) {
        this.dir = dir;
        this.all = all;
        this.every = every;
        this.display = quiet ? null : ProgressBarListener.orPrinting(System.out, every);
    }

    @Override
    public void onStart(LossHistory h) {
        history = h;
        lastSave = System.nanoTime();
    }

    @Override
    public void onPhaseStart(Phase phase, int epochsBefore, int done) {
        phases.onPhaseStart(phase, epochsBefore, done);
        if (display != null) {
            display.onPhaseStart(phase, epochsBefore, done);
        }
    }

    @Override
    public void onEnd() {
        phases.onEnd();
        if (display != null) {
            display.onEnd();
        }
    }

    @Override
    public boolean onEpoch(Progress p) {
        phases.onEpoch(p);
        if (display != null) {
            display.onEpoch(p);
        }
        if (p.epoch() == every) {
            // by the first loss line the JIT has compiled the training's kernels and left a core free: the plots'
            // one-time set-up (0.7 s) overlaps the rest of the training instead of following it
            Plots.warmUpInBackground();
        }
        if (p.epoch() % every == 0) {
            if (System.nanoTime() - lastSave > SAVE_INTERVAL_NANOS) {
                save(history);
                lastSave = System.nanoTime();
            }
        }
        return !Interrupts.requested();
    }

    /** Each optimiser phase's name, iterations, seconds and final loss, for {@code summary.json}'s "phases". */
    List<Map<String, Object>> phases() {
        return phases.phases();
    }

    /** Writes {@code loss.tsv} (when there is a history) and {@code model.safetensors}, each atomically. */
    void save(LossHistory h) {
        try {
            if (h != null) {
                h.write(dir.resolve("loss.tsv"));
            }
            Checkpoint.save(dir.resolve("model.safetensors"), all);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir + ": " + InputFiles.describe(e), e);
        }
    }
}
