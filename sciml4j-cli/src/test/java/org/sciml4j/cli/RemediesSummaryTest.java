package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.TextTable;

/** A run with a weighting scheme logs the weights per term and reports the final ones in summary.json. */
class RemediesSummaryTest {

    @Test
    void gradNormWeightsAreLoggedAndSummarised(@TempDir Path out) throws Exception {
        Path file = Repo.examples("pinnacle/wave1d-c.yaml");
        assertThat(Main.run("run", file.toString(), "--out", out.toString(), "--epochs", "2", "--lbfgs", "0",
                "--every", "1", "--quiet")).isZero();
        TextTable.Table loss = TextTable.read(out.resolve("loss.tsv"));
        assertThat(loss.columns()).containsSubsequence("equation", "walls", "initial", "weight.equation",
                "weight.walls", "weight.initial");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(summary.get("final_weights").get("equation").asDouble()).isEqualTo(1.0);
        assertThat(summary.get("final_weights").get("walls").asDouble()).isGreaterThan(5);
        assertThat(summary.get("relative_error").asDouble()).isFinite().isPositive();
    }
}
