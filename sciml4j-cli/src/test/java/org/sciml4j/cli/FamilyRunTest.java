package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sciml4j run} hands problems of other kinds to their family ({@link EchoKind} stands in for one). */
class FamilyRunTest {

    private static Object[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            return new Object[] {Main.run(args), buf.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void aFamilyRunGetsItsFolderTheProblemFileAndTheOverrides(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("e.yaml");
        Files.writeString(file, "kind: echo\nvalue: 3\n");
        Path out = dir.resolve("out");
        Object[] r = run("run", file.toString(), "--out", out.toString(), "--seed", "11");
        assertThat((int) r[0]).as((String) r[1]).isZero();
        assertThat((String) r[1]).contains("echo 3.0").contains("outputs in " + out);
        assertThat(Files.readString(out.resolve("problem.yaml"))).isEqualTo("kind: echo\nvalue: 3\n");
        assertThat(Files.readString(out.resolve("summary.json"))).contains("\"seed\" : 11", "\"epochs\" : 5");
    }

    @Test
    void aFamilyFileIsCheckedBeforeAnyFolderIsMadeAndPinnOptionsAreRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("e.yaml");
        Files.writeString(file, "kind: echo\nvalu: 3\n");
        Object[] r = run("run", file.toString(), "--out", dir.resolve("out").toString());
        assertThat((int) r[0]).isNotZero();
        assertThat((String) r[1]).contains("e.yaml").contains("valu").doesNotContain("\tat ");
        assertThat(dir.resolve("out")).doesNotExist();
        Files.writeString(file, "kind: echo\nvalue: 3\n");
        r = run("run", file.toString(), "--lbfgs", "3", "--out", dir.resolve("out").toString());
        assertThat((String) r[1]).contains("--lbfgs");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
