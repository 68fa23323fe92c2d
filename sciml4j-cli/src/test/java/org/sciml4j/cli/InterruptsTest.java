package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signals as stop requests. The first signal is raised in this JVM (the handlers are put back afterwards); the
 * second, which ends the process, only in a child JVM, so that the test never ends the test runner.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // a guard against a hang, not a measurement
class InterruptsTest {

    /** Raises a signal in this process ({@code sun.misc.Signal.raise}, by reflection as in Interrupts). */
    static void raise(String name) throws ReflectiveOperationException {
        Class<?> signalClass = Class.forName("sun.misc.Signal");
        Object signal = signalClass.getConstructor(String.class).newInstance(name);
        signalClass.getMethod("raise", signalClass).invoke(null, signal);
    }

    @Test
    void theFirstSignalAsksToStopAndSaysHowToExit() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        Interrupts.clear();
        boolean installed = Interrupts.install(out);
        try {
            assumeTrue(installed, "this runtime cannot handle signals; raising one would end the test runner");
            assertThat(Interrupts.requested()).isFalse();
            raise("INT");
            String notice = Interrupts.FIRST_NOTICE + System.lineSeparator();
            // the handler runs on a thread of its own: it sets the flag first, then prints
            while (!Interrupts.requested() || captured.size() < notice.length()) {
                Thread.sleep(1);
            }
            assertThat(captured.toString(StandardCharsets.UTF_8)).isEqualTo(notice);
            Interrupts.clear();
            assertThat(Interrupts.requested()).isFalse();
        } finally {
            Interrupts.uninstall();
            Interrupts.clear();
        }
        assertThat(Interrupts.install(out)).isTrue(); // installs again after an uninstall
        Interrupts.uninstall();
        Interrupts.uninstall(); // nothing left to put back
    }

    /** Waits until the child has written {@code lines} (its output goes to a file: a pipe closes when it exits). */
    static void awaitOutput(Path log, String... lines) throws Exception {
        String expected = String.join(System.lineSeparator(), lines) + System.lineSeparator();
        while (!Files.readString(log, StandardCharsets.UTF_8).equals(expected)) {
            assertThat(expected).startsWith(Files.readString(log, StandardCharsets.UTF_8));
            Thread.sleep(5);
        }
    }

    /** A child JVM running {@link InterruptsChild} with {@code args}, its output into {@code log}. */
    private static Process child(Path log, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), InterruptsChild.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void theFirstSignalEndsARunThatNeverPolls(@TempDir Path tmp) throws Exception {
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "Process.destroy sends SIGTERM on POSIX");
        Path log = tmp.resolve("child.log");
        Process child = child(log, "never-polls");
        try {
            awaitOutput(log, "ready");
            child.destroy(); // SIGTERM, as timeout(1) or docker stop send it
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(Interrupts.EXIT_STATUS);
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).isEqualTo(String.join(System.lineSeparator(),
                    "ready", "interrupt: SIGTERM while no step can stop cleanly, exiting at once", ""));
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void aSecondSignalExitsAtOnceWithStatus130(@TempDir Path tmp) throws Exception {
        assumeFalse(System.getProperty("os.name").startsWith("Windows"), "Process.destroy sends SIGTERM on POSIX");
        Path log = tmp.resolve("child.log");
        Process child = child(log);
        try {
            awaitOutput(log, "ready");
            OutputStream in = child.getOutputStream();
            in.write("INT\n".getBytes(StandardCharsets.UTF_8)); // the first signal: Ctrl-C
            in.flush();
            awaitOutput(log, "ready", Interrupts.FIRST_NOTICE, "requested");
            assertThat(child.isAlive()).isTrue(); // it keeps working on its save
            child.destroy(); // the second signal: SIGTERM
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(Interrupts.EXIT_STATUS);
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).isEqualTo(String.join(System.lineSeparator(),
                    "ready", Interrupts.FIRST_NOTICE, "requested", "interrupt: SIGTERM again, exiting at once", ""));
        } finally {
            child.destroyForcibly();
        }
    }
}
