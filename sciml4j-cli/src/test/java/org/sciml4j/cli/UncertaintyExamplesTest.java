package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ensemble examples of examples/uncertainty run end to end through {@code sciml4j run} (briefly: 20 epochs per
 * member); the full runs and their figures are in docs/UNCERTAINTY.md. The HMC example's chain is too long for a
 * test; its run is covered, scaled down, by sciml4j-pinn's HmcRunTest.
 */
class UncertaintyExamplesTest {

    @ParameterizedTest
    @ValueSource(strings = {"inverse-noisy-ensemble.yaml", "inverse-noisy-deep-ensemble.yaml"})
    void runsBrieflyAndWritesTheSpread(String name, @TempDir Path out) throws Exception {
        Path file = Repo.examples("uncertainty/" + name);
        assertThat(Main.run("run", file.toString(), "--out", out.toString(), "--epochs", "20", "--quiet")).isZero();
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(s.get("relative_error").asDouble()).isFinite().isPositive();
        assertThat(s.get("members").asInt()).isEqualTo(8);
        assertThat(s.get("adam_epochs").asInt()).isEqualTo(20);
        JsonNode c = s.get("unknowns").get("c");
        assertThat(c.get("sd").asDouble()).isPositive();
        assertThat(c.get("normal_95").get(0).asDouble()).isLessThan(c.get("normal_95").get(1).asDouble());
        assertThat(Files.readString(out.resolve("problem.yaml"))).isEqualTo(Files.readString(file));
        for (String f : new String[] {"prediction.tsv", "prediction.png", "members/7/summary.json"}) {
            assertThat(out.resolve(f)).as(f).isRegularFile();
        }
    }
}
