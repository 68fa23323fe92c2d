package org.sciml4j.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.logging.LogManager;

/**
 * The command's logging configuration, applied by {@link LogManager} when something first logs (it names this class in
 * {@code java.util.logging.config.class}, see {@link #install}): the JDK's defaults (a console handler at INFO) with
 * two libraries quieter. netlib reports at warning level on every start that the native BLAS or LAPACK is absent,
 * which is the normal case (the pure-Java fallback runs; {@code sciml4j info} says which), and the engine logs at info
 * level which BLAS and LAPACK it loaded, which is for {@code sciml4j info} to say, not for every run's output.
 * Configured lazily rather than at start: initialising {@code java.util.logging} took about 10 ms of every start,
 * and a command that never loads BLAS never logs ({@code run} and {@code demo} start it on the JIT warm-up thread,
 * beside the main thread: SnakeYAML's logger would start it there while the problem file is read).
 */
public final class QuietLogs {
    private static final String CONFIGURATION = String.join("\n",
            "handlers = java.util.logging.ConsoleHandler",
            ".level = INFO",
            "java.util.logging.ConsoleHandler.level = INFO",
            "java.util.logging.ConsoleHandler.formatter = java.util.logging.SimpleFormatter",
            "dev.ludovic.netlib.level = SEVERE",
            "org.sciml4j.level = WARNING", "");

    /** Reads the configuration into the log manager (called by it, once). */
    public QuietLogs() {
        try {
            LogManager.getLogManager().readConfiguration(
                    new ByteArrayInputStream(CONFIGURATION.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
    }

    /**
     * Makes the log manager take this configuration when it starts, unless a configuration was given on the command
     * line ({@code java.util.logging.config.file} or {@code .class}), which wins.
     */
    static void install() {
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.config.class") == null) {
            System.setProperty("java.util.logging.config.class", QuietLogs.class.getName());
        }
    }
}
