package org.sciml4j.train;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows one progress bar per phase on a terminal: the phase's name, the share and count of its epochs or iterations
 * done, elapsed time and ETA, and the current total loss, e.g.
 * {@code adam 45% │█████▍      │ 4500/10000 (0:00:12 / 0:00:14) loss 1.234e-03}. A bar is closed (drawn a last time,
 * then a new line) when the next phase starts and when training ends, stops or fails. Never stops training.
 * <p>
 * {@link #orPrinting} picks it only for an interactive terminal, so that logs and tests keep the plain loss lines of
 * {@link TrainingListener#printing}. The bar has a fixed width, so the terminal is never probed (no jline warnings).
 */
public final class ProgressBarListener implements TrainingListener {
    /** The width of a bar's line when the environment does not say ({@code COLUMNS}). */
    public static final int DEFAULT_WIDTH = 80;

    private final PrintStream out;
    private final int width;
    private ProgressBar bar;
    private int epochsBefore;

    /**
     * Bars drawn on {@code out}, each line at most {@code width} characters.
     *
     * @throws IllegalArgumentException if {@code width} is below 20
     */
    public ProgressBarListener(PrintStream out, int width) {
        this.out = Objects.requireNonNull(out, "out");
        if (width < 20) {
            throw new IllegalArgumentException("progress bar width must be >= 20 characters, got " + width);
        }
        this.width = width;
    }

    /**
     * A progress bar on {@code out} when the program runs on an interactive terminal, else
     * {@link TrainingListener#printing printing(out, every)}: redirected output and tests see the loss lines.
     */
    public static TrainingListener orPrinting(PrintStream out, int every) {
        return orPrinting(out, every, "epoch");
    }

    /** {@link #orPrinting(PrintStream, int)}, the printed lines counting in {@code unit} (the bar shows no unit). */
    public static TrainingListener orPrinting(PrintStream out, int every, String unit) {
        TrainingListener lines = TrainingListener.printing(out, every, unit); // checks every, whichever is shown
        return interactive() ? new ProgressBarListener(out, terminalWidth()) : lines;
    }

    /**
     * Whether standard input and output are a terminal: a console exists and, on Java 22 and later (where
     * {@link System#console()} also returns one for redirected streams), {@code Console.isTerminal()} says so.
     */
    static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // before Java 22 a console exists only for a terminal
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** {@code COLUMNS} from the environment when exported and sensible, else {@link #DEFAULT_WIDTH}. */
    private static int terminalWidth() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", ""));
            return columns >= 40 ? columns - 1 : DEFAULT_WIDTH;
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    @Override
    public void onPhaseStart(Phase phase, int epochsBefore, int done) {
        close();
        this.epochsBefore = epochsBefore;
        bar = new ProgressBarBuilder().setTaskName(phase.name()).setInitialMax(phase.length())
                .setStyle(ProgressBarStyle.UNICODE_BLOCK).setConsumer(new LineConsumer(out, width))
                .setUpdateIntervalMillis(500).startsFrom(done, Duration.ZERO).build();
    }

    @Override
    public boolean onEpoch(Progress progress) {
        if (bar != null) {
            bar.stepTo(progress.epoch() - epochsBefore);
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3e", progress.total()));
        }
        return true;
    }

    @Override
    public void onEnd() {
        close();
    }

    /** Draws the bar a last time and ends its line. */
    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
            out.println();
            out.flush();
        }
    }

    /**
     * Draws on one line; the line is ended by {@link #close()} here, since the library ends it only for a bar that was
     * drawn once before it closed.
     */
    private static final class LineConsumer extends ConsoleProgressBarConsumer {
        LineConsumer(PrintStream out, int width) {
            super(out, width);
        }

        @Override
        public void close() {
            // the listener ends the line and flushes
        }
    }
}
