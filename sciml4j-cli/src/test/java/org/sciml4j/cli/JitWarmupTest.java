package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up thread trains beside the start of a run and changes none of its results. */
class JitWarmupTest {

    @Test
    void aRunWithTheWarmupWritesTheSameLossesBitForBit(@TempDir Path dir) throws Exception {
        String file = "examples/damped-oscillation/forward.yaml";
        Path root = Path.of(System.getProperty("user.dir")).getParent();
        String problem = root.resolve(file).toString();
        Path without = dir.resolve("without");
        Path with = dir.resolve("with");
        assertThat(Main.run("run", problem, "--epochs", "400", "--out", without.toString(), "--quiet")).isZero();
        Thread warmup = JitWarmup.begin(); // training beside the run until the run's training begins
        assertThat(Main.run("run", problem, "--epochs", "400", "--out", with.toString(), "--quiet")).isZero();
        assertThat(Files.readAllBytes(with.resolve("loss.tsv"))).isEqualTo(Files.readAllBytes(without.resolve("loss.tsv")));
        assertThat(Files.readAllBytes(with.resolve("model.safetensors")))
                .isEqualTo(Files.readAllBytes(without.resolve("model.safetensors")));
        warmup.join(5000); // stopped when the run's training began
        assertThat(warmup.isAlive()).isFalse();
    }
}
