package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code sciml4j run} picks, guards and resumes its run folder; each refusal is one clear line. */
class RunFolderOptionsTest {
    private static final String FORWARD = "damped-oscillation/forward.yaml";

    /** Runs the command in this JVM; {exit status, standard output and error together}. */
    private static Object[] run(String... args) {
        Captured c = Captured.run(args);
        return new Object[] {c.status(), c.text()};
    }

    private static String refused(String... args) {
        Object[] r = run(args);
        assertThat((int) r[0]).as((String) r[1]).isNotZero();
        String text = (String) r[1];
        assertThat(text).doesNotContain("Exception").doesNotContain("\tat ");
        return text;
    }

    @Test
    void anEmptyOutFolderIsRefused() {
        assertThat(refused("run", Repo.examples(FORWARD).toString(), "--out", "", "--epochs", "5"))
                .contains("empty");
    }

    @Test
    void aProblemNameThatLeavesTheRunsFolderIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("escape.yaml");
        Files.writeString(file, Files.readString(Repo.examples(FORWARD)).replaceFirst("(?m)^name: .*$", "name: ../x")
                .replace("data/", Repo.examples("damped-oscillation/data/").toString() + "/"));
        assertThat(refused("run", file.toString(), "--epochs", "5")).contains("'../x'").contains("path separator");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void resumeRefusesAnotherScheduleAnotherFileAndAFolderWithoutARun(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        String forward = Repo.examples(FORWARD).toString();
        Object[] first = run("run", forward, "--out", run.toString(), "--epochs", "40", "--every", "20", "--quiet");
        assertThat((int) first[0]).as((String) first[1]).isZero();
        assertThat(refused("run", forward, "--resume", run.toString(), "--epochs", "50"))
                .contains("--epochs 50").contains("started with 40");
        assertThat(refused("run", Repo.examples("damped-oscillation/inverse-exact.yaml").toString(), "--resume",
                run.toString())).contains("differs from the problem file the run started with");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(refused("run", forward, "--resume", empty.toString())).contains("cannot resume");
        // a finished run has nothing to resume: said so, and its files are left as they are (the summary kept its
        // phases' times, which a run of no epochs would have overwritten)
        byte[] model = Files.readAllBytes(run.resolve("model.safetensors"));
        byte[] summary = Files.readAllBytes(run.resolve("summary.json"));
        Object[] again = run("run", forward, "--resume", run.toString(), "--quiet");
        assertThat((int) again[0]).as((String) again[1]).isZero();
        assertThat((String) again[1]).contains("has finished (epoch 40)").contains("nothing to resume");
        assertThat(Files.readAllBytes(run.resolve("model.safetensors"))).isEqualTo(model);
        assertThat(Files.readAllBytes(run.resolve("summary.json"))).isEqualTo(summary);
        assertThat(new String(summary, java.nio.charset.StandardCharsets.UTF_8)).contains("\"name\" : \"adam\"");
    }

    @Test
    void aFreshRunMovesAnEarlierRunsResultsAside(@TempDir Path dir) {
        String forward = Repo.examples(FORWARD).toString();
        Object[] first = run("run", forward, "--out", dir.toString(), "--epochs", "10", "--quiet");
        assertThat((int) first[0]).as((String) first[1]).isZero();
        Object[] second = run("run", forward, "--out", dir.toString(), "--epochs", "10");
        assertThat((int) second[0]).as((String) second[1]).isZero();
        assertThat((String) second[1]).contains("moved to previous/");
        assertThat(dir.resolve("previous/summary.json")).exists();
        assertThat(dir.resolve("summary.json")).exists();
    }

    @Test
    void anOptionForAPhaseTheOptimizerListLacksIsRefused(@TempDir Path dir) {
        String text = refused("run", Repo.examples("second-order/poisson-natural-gradient.yaml").toString(), "--lm",
                "5", "--out", dir.resolve("r").toString());
        assertThat(text).contains("--lm").contains("optimizer list");
        assertThat(dir.resolve("r")).doesNotExist();
    }
}
