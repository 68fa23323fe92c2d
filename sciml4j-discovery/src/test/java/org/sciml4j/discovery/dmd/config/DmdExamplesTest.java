package org.sciml4j.discovery.dmd.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.train.config.ProblemKinds;
import org.sciml4j.train.config.RunContext;

/** Runs each example of examples/dmd (the noisy one with fewer bags) and checks the acceptance figures. */
class DmdExamplesTest {
    @TempDir
    Path tmp;

    static Path example(String name) {
        String root = System.getProperty("sciml4j.repoRoot", "..");
        return Path.of(root, "examples", "dmd", name);
    }

    private JsonNode run(String name, Map<String, String> edits) throws IOException {
        Path file = example(name);
        String text = Files.readString(file);
        for (Map.Entry<String, String> e : edits.entrySet()) {
            assertThat(text).contains(e.getKey());
            text = text.replace(e.getKey(), e.getValue());
        }
        DmdProblem p = (DmdProblem) ProblemKinds.parse(text, file);
        Path dir = Files.createDirectories(tmp.resolve(name));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = p.run(RunContext.of(dir, new PrintStream(out, true, StandardCharsets.UTF_8)));
        System.out.print(out.toString(StandardCharsets.UTF_8));
        assertThat(rc).isZero();
        for (String f : new String[] {"modes.npz", "eigenvalues.png", "singular_values.png", "modes.png",
            "reconstruction.png"}) {
            assertThat(dir.resolve(f)).isNotEmptyFile();
        }
        return new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    }

    @Test
    void linearSystemEigenvaluesTo1e10() throws IOException {
        JsonNode s = run("linear.yaml", Map.of());
        assertThat(s.get("rank").asInt()).isEqualTo(5);
        assertThat(s.get("eigenvalue_error").asDouble()).isLessThan(1e-10);
        assertThat(s.get("reconstruction_error").asDouble()).isLessThan(1e-10);
        assertThat(s.get("eigenvalues").get("re")).hasSize(5);
    }

    @Test
    void bopDmdOnNoisyOscillationsWithin1PercentWhereExactDmdIsBiased() throws IOException {
        JsonNode s = run("noisy-oscillations.yaml", Map.of("trials: 50", "trials: 12"));
        assertThat(s.get("rank").asInt()).isEqualTo(4);
        assertThat(s.get("growth_rate_relative_error").asDouble()).isLessThan(0.01);
        assertThat(s.get("frequency_relative_error").asDouble()).isLessThan(0.01);
        assertThat(s.get("exact_dmd").get("growth_rate_relative_error").asDouble()).isGreaterThan(0.03);
        assertThat(s.get("eigenvalue_sd").get("re")).hasSize(4);
    }

    @Test
    void edmdOnTheSlowManifoldTo1e6() throws IOException {
        JsonNode s = run("slow-manifold-edmd.yaml", Map.of());
        assertThat(s.get("eigenvalue_error").asDouble()).isLessThan(1e-6);
        assertThat(s.get("reconstruction_error").asDouble()).isLessThan(1e-6);
    }

    /** The warning: with observables that miss x1^2 (a degree-1 dictionary) the eigenvalue 2 mu is lost. */
    @Test
    void carelessObservablesStrayFromThePhysics() throws IOException {
        JsonNode s = run("slow-manifold-edmd.yaml", Map.of("degree: 2", "degree: 1", "name: slow-manifold-edmd",
                "name: slow-manifold-linear"));
        assertThat(s.get("eigenvalues").get("re")).hasSize(3);
        assertThat(s.get("eigenvalue_error").asDouble()).isGreaterThan(0.04);
    }

    @Test
    void dmdcOnAForcedSystem() throws IOException {
        JsonNode s = run("forced.yaml", Map.of());
        assertThat(s.get("rank").asInt()).isEqualTo(3);
        assertThat(s.get("eigenvalue_error").asDouble()).isLessThan(1e-8);
        assertThat(s.get("reconstruction_error").asDouble()).isLessThan(1e-8);
        JsonNode plain = run("forced.yaml", Map.of("name: dmdc ", "name: exact"));
        assertThat(plain.get("eigenvalue_error").asDouble()).isGreaterThan(1e-3);
    }

    @Test
    void hankelDmdOnTheTravellingWave() throws IOException {
        JsonNode s = run("travelling-wave.yaml", Map.of());
        assertThat(s.get("rank").asInt()).isEqualTo(4);
        assertThat(s.get("eigenvalue_error").asDouble()).isLessThan(1e-8);
        assertThat(s.get("reconstruction_error").asDouble()).isLessThan(1e-8);
    }
}
