package org.sciml4j.operators.config;

import org.sciml4j.io.TextTable;
import org.sciml4j.train.LossHistory;
import org.sciml4j.train.Progress;
import org.sciml4j.train.ProgressBarListener;
import org.sciml4j.train.TrainingListener;
import org.sciml4j.train.config.RunContext;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training log of an operator run in its own unit: the Trainer counts optimiser steps (mini-batch steps, then
 * L-BFGS iterations), while an operator file's epochs are passes over the training functions, so the loss lines read
 * {@code adam  step     40  loss ...} and {@code loss.tsv}'s first column is {@code step}.
 */
final class StepLog {
    private StepLog() {
    }

    /**
     * {@link RunContext#listener}'s listener with the loss lines labelled by step: a progress bar on a terminal (it
     * shows counts, no unit), else a line every {@code every} steps; nothing when quiet.
     */
    static TrainingListener listener(RunContext c, int every) {
        TrainingListener display = null;
        if (!c.quiet()) {
            display = ProgressBarListener.orPrinting(c.out(), every);
            if (!(display instanceof ProgressBarListener)) {
                display = printing(c.out(), every);
            }
        }
        return TrainingListener.stoppable(display, c.interrupted(), c.stopped());
    }

    private static TrainingListener printing(PrintStream out, int every) {
        return p -> {
            if (p.epoch() % every == 0) {
                out.println(line(p));
            }
            return true;
        };
    }

    /** {@code adam  step   1000  loss 1.234e-03  mse 1.234e-03}. */
    static String line(Progress p) {
        return p.line("step");
    }

    /** Writes the history as {@code loss.tsv} with the columns {@code step, total, ...}, atomically. */
    static void write(LossHistory h, Path file) throws IOException {
        List<String> columns = new ArrayList<>(h.columns());
        columns.set(0, "step");
        TextTable.write(file, columns, h.values());
    }
}
