package org.sciml4j.solvers.generate;

import java.io.PrintStream;
import java.util.Locale;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a generation: a progress bar (count, elapsed, ETA) on an interactive terminal, otherwise one line per
 * tenth of the samples, so logs stay readable. Safe to call from several threads.
 */
public final class ConsoleProgress implements Generation.Progress, AutoCloseable {
    private final PrintStream out;
    private final ProgressBar bar;
    private int lastTenth;

    /** Progress of {@code total} samples of {@code name} on {@code out}; a bar only if {@code interactive}. */
    public ConsoleProgress(PrintStream out, String name, int total, boolean interactive) {
        this.out = out;
        this.bar = interactive ? new ProgressBarBuilder().setTaskName(name).setInitialMax(total)
                .setStyle(ProgressBarStyle.UNICODE_BLOCK).setConsumer(new ConsoleProgressBarConsumer(out, 80))
                .setUpdateIntervalMillis(500).build() : null;
    }

    /** Whether standard input and output are a terminal (Java 17: a console exists only then). */
    public static boolean interactive() {
        return System.console() != null;
    }

    @Override
    public synchronized void advanced(int done, int total) {
        if (bar != null) {
            bar.stepTo(done);
            return;
        }
        int tenth = (int) ((long) done * 10 / total);
        if (tenth > lastTenth) {
            lastTenth = tenth;
            out.printf(Locale.ROOT, "generated %d/%d%n", done, total);
            out.flush();
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
