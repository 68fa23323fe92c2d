package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The anchored-ensemble example of examples/uncertainty runs end to end through {@code sciml4j run} (briefly: 20 epochs per
 * member); the full runs and their figures are in docs/UNCERTAINTY.md. The HMC example's chain is too long for a
 * test; its run is covered, scaled down, by sciml4j-pinn's HmcRunTest.
 */
class UncertaintyExamplesTest {

    @Test
    void theEnsembleExampleRunsBrieflyAndWritesTheSpread(@TempDir Path out) throws Exception {
        // the deep-ensemble example differs only in its members' objective, which sciml4j-pinn's tests cover
        Path file = Repo.examples("uncertainty/inverse-noisy-ensemble.yaml");
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
