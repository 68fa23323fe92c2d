package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sciml4j run} hands problems of other kinds to their family ({@link EchoKind} stands in for one). */
class FamilyRunTest {

    @Test
    void aFamilyRunGetsItsFolderTheProblemFileAndTheOverrides(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("e.yaml");
        Files.writeString(file, "kind: echo\nvalue: 3\n");
        Path out = dir.resolve("out");
        Captured r = Captured.run("run", file.toString(), "--out", out.toString(), "--seed", "11");
        assertThat(r.status()).as(r.text()).isZero();
        assertThat(r.text()).contains("echo 3.0").contains("outputs in " + out);
        assertThat(Files.readString(out.resolve("problem.yaml"))).isEqualTo("kind: echo\nvalue: 3\n");
        assertThat(Files.readString(out.resolve("summary.json"))).contains("\"seed\" : 11", "\"epochs\" : 5");
    }

    @Test
    void aFamilyFileIsCheckedBeforeAnyFolderIsMadeAndPinnOptionsAreRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("e.yaml");
        Files.writeString(file, "kind: echo\nvalu: 3\n");
        Captured r = Captured.run("run", file.toString(), "--out", dir.resolve("out").toString());
        assertThat(r.status()).isNotZero();
        assertThat(r.text()).contains("e.yaml").contains("valu").doesNotContain("\tat ");
        assertThat(dir.resolve("out")).doesNotExist();
        Files.writeString(file, "kind: echo\nvalue: 3\n");
        r = Captured.run("run", file.toString(), "--lbfgs", "3", "--out", dir.resolve("out").toString());
        assertThat(r.text()).contains("--lbfgs");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
