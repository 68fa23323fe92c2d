package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What the CLI prints for whatever escapes a command: one line in words, never a Java class name. */
class LastResortMessageTest {

    @Test
    void outOfMemoryNamesTheHeapAndHowToRaiseIt() {
        String m = Main.message(new OutOfMemoryError("Java heap space"));
        assertThat(m).isEqualTo("out of memory: the problem is too large for the Java heap (at most "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB here); use fewer points, smaller layers or"
                + " smaller data files, or raise the heap, e.g. SCIML4J_JAVA_OPTS=-Xmx16g sciml4j ...");
        assertThat(Main.message(new CommandLine.ExecutionException(new CommandLine(new Main()), "boom",
                new OutOfMemoryError()))).isEqualTo(m);
    }

    @Test
    void stackOverflowSaysWhatWasTooDeep() {
        assertThat(Main.message(new RuntimeException(new StackOverflowError()))).isEqualTo("an input nested too"
                + " deeply to process (the call stack overflowed); simplify the most deeply nested expression or"
                + " structure, or raise the stack, e.g. SCIML4J_JAVA_OPTS=-Xss64m sciml4j ...");
    }

    @Test
    void inputMistakesKeepTheirWordsWithoutClassNames() {
        assertThat(Main.message(new IllegalArgumentException("p.yaml, line 3, column 1: bad number 'x'")))
                .isEqualTo("p.yaml, line 3, column 1: bad number 'x'");
        assertThat(Main.message(new UncheckedIOException(new IOException("disk full")))).isEqualTo("disk full");
        assertThat(Main.message(new IOException("d.txt: java.nio.charset.MalformedInputException: Input length = 1")))
                .isEqualTo("d.txt: Input length = 1");
        assertThat(Main.message(new org.sciml4j.optim.TrainingDivergedException(1, -1, "loss term data = NaN")))
                .isEqualTo("loss term data = NaN");
    }

    @Test
    void anythingElseIsAnInternalErrorToReport() {
        assertThat(Main.message(new NullPointerException("Cannot read field \"x\" because \"p\" is null")))
                .isEqualTo("an unexpected internal error (Cannot read field \"x\" because \"p\" is null); please"
                        + " report it with the command line and the problem file");
        assertThat(Main.message(new ArithmeticException())).isEqualTo("an unexpected internal error; please"
                + " report it with the command line and the problem file");
        assertThat(Main.message(new IllegalArgumentException())).startsWith("an unexpected internal error;");
    }

    /** Runs the CLI, returning its exit status and what it printed on stderr. */
    private static String[] runCapturingErr(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int status = Main.run(args);
            return new String[] {String.valueOf(status), buf.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(saved);
        }
    }

    @Test
    void runRefusesHostileFilesInOneMessage(@TempDir Path dir) throws IOException {
        String[] folder = runCapturingErr("run", dir.toString(), "--out", dir.resolve("o").toString());
        assertThat(folder[0]).isEqualTo("1");
        assertThat(folder[1]).isEqualTo("sciml4j: " + dir + ": is a directory, not a problem file"
                + System.lineSeparator());

        Files.writeString(dir.resolve("obs.txt"), "0 1\n1 Infinity\n");
        Path p = dir.resolve("p.yaml");
        Files.writeString(p, "variables: {t: [0, 1]}\nfields: [u]\nequations: [u_t]\ncollocation: {points: 5}\n"
                + "conditions:\n  obs: {file: obs.txt, columns: [t, u]}\n");
        String[] nan = runCapturingErr("run", p.toString(), "--out", dir.resolve("o").toString());
        assertThat(nan[0]).isEqualTo("1");
        assertThat(nan[1]).startsWith("sciml4j: " + p + ", line 6, column 15: bad data file: " + dir.resolve("obs.txt")
                + ": line 2, column 2 (character 3): 'Infinity' is not a finite number").doesNotContain("Exception",
                "\tat ");
        assertThat(dir.resolve("o")).doesNotExist();
    }
}
