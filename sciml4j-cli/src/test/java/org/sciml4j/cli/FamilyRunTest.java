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
    void aFamilyWhoseTrainingDivergesSaysSoLastAndExitsWithTheDivergedStatus(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("e.yaml");
        Files.writeString(file, "kind: echo\nvalue: 3\nlearning_rate: 1000\n");
        Path out = dir.resolve("out");
        Captured r = Captured.run("run", file.toString(), "--out", out.toString(), "--quiet");
        assertThat(r.status()).as(r.text()).isEqualTo(RunCommand.DIVERGED_STATUS);
        // w = 1 -> about -999 after Adam's first step of size ~1000: w^4 about 1e12, over 1e6 times its best 1
        assertThat(r.text()).contains("training diverged: the loss grew to 9.9").contains("at epoch 2")
                .contains("lower the learning rate").doesNotContain("\tat ");
        assertThat(out.resolve("summary.json")).exists();

        Files.writeString(file, "kind: echo\nvalue: 3\nlearning_rate: 0.001\n");
        r = Captured.run("run", file.toString(), "--out", dir.resolve("out2").toString());
        assertThat(r.status()).as(r.text()).isZero();
        assertThat(r.text()).doesNotContain("diverged");
    }

    @Test
    void whatFailsAfterADivergenceIsReportedAsItsConsequence(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("e.yaml");
        Files.writeString(file, "kind: echo\nvalue: 3\nlearning_rate: 1000\nthen_fail: true\n");
        Captured r = Captured.run("run", file.toString(), "--out", dir.resolve("out").toString(), "--quiet");
        assertThat(r.status()).as(r.text()).isEqualTo(RunCommand.DIVERGED_STATUS);
        assertThat(r.text()).contains("training diverged: the loss grew to").contains("what came after failed on the"
                + " diverged model: step size underflow at t = 0.5").doesNotContain("internal error");
        Files.writeString(file, "kind: echo\nvalue: 3\nlearning_rate: 0.001\nthen_fail: true\n");
        r = Captured.run("run", file.toString(), "--out", dir.resolve("out2").toString(), "--quiet");
        assertThat(r.status()).as(r.text()).isEqualTo(1);
        assertThat(r.text()).contains("step size underflow at t = 0.5").doesNotContain("diverged");
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
        r = Captured.run("run", file.toString(), "--epochs", "-5", "--out", dir.resolve("out").toString());
        assertThat(r.status()).isNotZero();
        assertThat(r.text()).contains("--epochs must be >= 0, got -5");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
