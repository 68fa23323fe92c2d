package org.sciml4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.cli.Main;
import org.sciml4j.io.Npz;

/** A local[2] sweep of 4 tiny PINN runs equals the same 4 runs made one by one with {@code sciml4j run}. */
class LocalSweepTest {
    /** u' = -u, u(0) = 1 on [0, 1]: exact solution exp(-t). */
    static final String PROBLEM = """
            name: decay
            variables: {t: [0, 1]}
            fields: [u]
            equations:
              - u_t + u
            conditions:
              initial: {at: {t: 0}, require: [u = 1]}
            collocation: {points: 16, sampling: uniform}
            network: {layers: [6], activation: tanh, initializer: glorot_normal}
            training:
              seed: 0
              adam: {lr: 1e-2, epochs: 30}
            evaluation: {exact: {u: exp(-t)}, grid: [21]}
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void sparkRunsHere() {
        assumeTrue(SparkSweeps.unsupportedReason().isEmpty(), SparkSweeps::unsupportedReason);
    }

    @Test
    void sweepEqualsRunsOneByOne(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("decay.yaml");
        Files.writeString(file, PROBLEM);
        Map<String, List<String>> grid = new java.util.LinkedHashMap<>();
        grid.put("training.adam.lr", List.of("0.01", "0.03"));
        grid.put("network.layers", List.of("[6]", "[4, 4]"));
        List<RunSpec> runs = SweepPlan.runs(file, PROBLEM, grid, 0, 0, 0);
        assertThat(runs).hasSize(4);
        Path out = tmp.resolve("sweep");
        SweepTable table;
        try (JavaSparkContext sc = new JavaSparkContext(SparkSweeps.conf("local[2]", 1))) {
            table = SparkSweeps.run(sc, runs, out, 1, System.out);
        }
        assertThat(Files.readAllLines(out.resolve("sweep.tsv")).get(0))
                .startsWith("run\ttraining.adam.lr\tnetwork.layers\tstatus");
        assertThat(Npz.read(out.resolve("sweep.npz"), "relative_error").shape()).containsExactly(4);
        assertThat(out.resolve("sweep-training.adam.lr.png")).exists();

        // the same runs one by one: the file edited by hand, run with `sciml4j run`
        String[][] edits = {{"1e-2", "[6]"}, {"1e-2", "[4, 4]"}, {"0.03", "[6]"}, {"0.03", "[4, 4]"}};
        for (int i = 0; i < 4; i++) {
            Path f = tmp.resolve("by-hand-" + i + ".yaml");
            Files.writeString(f, PROBLEM.replace("lr: 1e-2", "lr: " + edits[i][0])
                    .replace("layers: [6]", "layers: " + edits[i][1]));
            Path dir = tmp.resolve("by-hand-" + i);
            assertThat(Main.run("run", f.toString(), "--out", dir.toString(), "--quiet")).isZero();
            JsonNode alone = JSON.readTree(dir.resolve("summary.json").toFile());
            JsonNode swept = JSON.readTree(out.resolve("runs").resolve(runs.get(i).id()).resolve("summary.json")
                    .toFile());
            assertThat(swept.get("relative_error").doubleValue()).isEqualTo(alone.get("relative_error").doubleValue());
            assertThat(swept.get("final_loss")).isEqualTo(alone.get("final_loss"));
            assertThat(table.figure(i, "relative_error")).isEqualTo(alone.get("relative_error").doubleValue());
        }
        assertThat(table.knob(3, "network.layers")).isEqualTo("[4, 4]");
    }

    @Test
    void aWrongOverrideIsPlacedBeforeAnythingRuns(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("decay.yaml");
        Files.writeString(file, PROBLEM);
        Map<String, List<String>> grid = Map.of("training.adam.lrr", List.of("0.01"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SweepPlan.runs(file, PROBLEM, grid, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decay.yaml").hasMessageContaining("lrr");
    }

    @Test
    void overridesRewriteTheTree() {
        String text = Overrides.apply(PROBLEM, new java.util.LinkedHashMap<>(Map.of("training.seed", "3")));
        assertThat(text).contains("seed: 3").contains("lr: 0.01");
        assertThat(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).doesNotContain("'");
    }
}
