package org.sciml4j.discovery.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.RunnableProblem;
import org.sciml4j.train.config.YamlDocument;

/** Runs every example under examples/sindy at full size and checks the acceptance figures of issue 16. */
class SindyExamplesTest {
    @TempDir
    Path dir;

    static Path example(String name) {
        Path root = Path.of(System.getProperty("sciml4j.repoRoot", "")).toAbsolutePath();
        Path p = root.resolve("examples/sindy").resolve(name);
        return Files.isRegularFile(p) ? p : root.getParent().resolve("examples/sindy").resolve(name);
    }

    static JsonNode run(Path file, Path dir) throws IOException {
        RunnableProblem p = (RunnableProblem) new SindyKind().read(YamlDocument.read(file));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(p.run(RunContext.of(dir, new PrintStream(out, true, StandardCharsets.UTF_8)))).isZero();
        System.out.print(out.toString(StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    }

    @Test
    void lorenzCleanWithinATenthOfAPercent() throws IOException {
        JsonNode s = run(example("lorenz.yaml"), dir);
        assertThat(s.get("spurious_terms").asInt()).isZero();
        assertThat(s.get("missing_terms").asInt()).isZero();
        assertThat(s.get("coefficient_relative_error").asDouble()).isLessThan(1e-3);
        assertThat(s.get("equations").get(0).asText()).isEqualTo("x' = -10.000 x + 10.000 y");
        assertThat(s.get("simulation_error").asDouble()).isLessThan(1e-3);
        assertThat(s.get("r2").asDouble()).isGreaterThan(0.999999);
        assertThat(dir.resolve("coefficients.tsv")).exists();
        assertThat(dir.resolve("simulation_x.png")).exists();
    }

    @Test
    void kuramotoSivashinskyByPdeFind() throws IOException {
        JsonNode s = run(example("kuramoto-sivashinsky-pde-find.yaml"), dir);
        assertThat(s.get("spurious_terms").asInt()).isZero();
        assertThat(s.get("missing_terms").asInt()).isZero();
        assertThat(s.get("coefficient_relative_error").asDouble()).isLessThan(0.01);
    }

    @Test
    void lorenzWithOnePercentNoiseWithinTwoPercent() throws IOException {
        JsonNode s = run(example("lorenz-noisy.yaml"), dir);
        assertThat(s.get("spurious_terms").asInt()).isZero();
        assertThat(s.get("missing_terms").asInt()).isZero();
        assertThat(s.get("coefficient_relative_error").asDouble()).isLessThan(0.02);
    }

    @Test
    void lorenzWithOnePercentNoiseByAnEnsemble() throws IOException {
        JsonNode s = run(example("lorenz-noisy-ensemble.yaml"), dir);
        assertThat(s.get("spurious_terms").asInt()).isZero();
        assertThat(s.get("missing_terms").asInt()).isZero();
        assertThat(s.get("coefficient_relative_error").asDouble()).isLessThan(0.02);
        assertThat(s.get("inclusion_probabilities").get("y'").get("x z").asDouble()).isEqualTo(1.0);
    }

    @Test
    void burgersPdeFindWithinOnePercent() throws IOException {
        JsonNode s = run(example("burgers-pde-find.yaml"), dir);
        assertThat(s.get("spurious_terms").asInt()).isZero();
        assertThat(s.get("missing_terms").asInt()).isZero();
        assertThat(s.get("coefficient_relative_error").asDouble()).isLessThan(0.01);
        assertThat(s.get("equations").get(0).asText()).isEqualTo("u_t = -1.000 u u_x + 0.100 u_xx");
    }

    @Test
    void cubicOscillator() throws IOException {
        JsonNode s = run(example("cubic-oscillator.yaml"), dir);
        assertThat(s.get("spurious_terms").asInt()).isZero();
        assertThat(s.get("missing_terms").asInt()).isZero();
        assertThat(s.get("coefficient_relative_error").asDouble()).isLessThan(1e-3);
        assertThat(s.get("simulation_error").asDouble()).isLessThan(1e-3);
    }

    @Test
    void deepxdeLorenzFileIsReadButTooSparseForAllThreeEquations() throws IOException {
        Path file = example("lorenz-deepxde.yaml");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(file.getParent()
                .resolve("../../../shared/data/deepxde/Lorenz.npz")), "the shared data folder is beside the"
                + " repository");
        JsonNode s = run(file, dir);
        assertThat(s.get("samples").asInt()).isEqualTo(25);
        assertThat(s.get("equations").get(0).asText()).isEqualTo("x' = -10.023 x + 10.030 y");
        assertThat(s.get("spurious_terms").asInt()).isPositive();
    }
}
