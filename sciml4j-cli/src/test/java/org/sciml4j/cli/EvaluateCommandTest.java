package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;

/**
 * {@code sciml4j evaluate RUN_DIR DATA}: the folder {@code sciml4j run} wrote (its problem.yaml names its data
 * relative to the problem file, which evaluate does not read) evaluated at twice the resolution; a mistake is one line.
 */
class EvaluateCommandTest {

    /** u = sin(2 pi (x + phase_i)), v = cos(2 pi (x + phase_i)) on x_j = j / s, the same functions at every s. */
    private static Path shifts(Path dir, String name, int n, int s) throws Exception {
        double[] u = new double[n * s];
        double[] v = new double[n * s];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < s; j++) {
                double t = 2 * Math.PI * ((double) j / s + (double) i / n);
                u[i * s + j] = Math.sin(t);
                v[i * s + j] = Math.cos(t);
            }
        }
        Path f = dir.resolve(name);
        Npz.write(f, Map.of("inputs", Tensor.wrap(u, n, s), "outputs", Tensor.wrap(v, n, s)), false);
        return f;
    }

    @Test
    void aRunIsEvaluatedAtTwiceItsResolutionWithoutRetraining(@TempDir Path dir) throws Exception {
        shifts(dir, "s16.npz", 30, 16);
        Path fine = shifts(dir, "s32.npz", 30, 32);
        Path problem = dir.resolve("tiny.yaml");
        Files.writeString(problem, "kind: operator\nname: tiny\ndata: {file: s16.npz, train: 20, test: 10}\n"
                + "model: {fno: {modes: 4, width: 4, layers: 1}}\n"
                + "training: {adam: {lr: 1.0e-2, epochs: 3, batch: 10}}\n");
        Path run = dir.resolve("run");
        Captured trained = Captured.run("run", problem.toString(), "--out", run.toString(), "--quiet");
        assertThat(trained.status()).as(trained.text()).isZero();
        Captured r = Captured.run("evaluate", run.toString(), fine.toString(), "--test", "10");
        assertThat(r.status()).as(r.text()).isZero();
        assertThat(r.text()).contains("tiny: evaluated at s = 32 (10 test functions of s32.npz) without retraining");
        JsonNode e = new ObjectMapper().readTree(run.resolve("evaluation-32.json").toFile());
        assertThat(e.get("resolution").asInt()).isEqualTo(32);
        assertThat(e.get("relative_error").asDouble()).isPositive().isFinite();
        assertThat(run.resolve("test-32-0.png")).isRegularFile();
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        Captured same = Captured.run("evaluate", run.toString(), dir.resolve("s16.npz").toString());
        assertThat(same.status()).as(same.text()).isZero();
        assertThat(new ObjectMapper().readTree(run.resolve("evaluation-16.json").toFile()).get("relative_error")
                .asDouble()).isEqualTo(summary.get("relative_error").asDouble());
    }

    @Test
    void aFolderThatIsNoRunIsOneLine(@TempDir Path dir) throws Exception {
        Captured r = Captured.run("evaluate", dir.toString(), dir.resolve("x.npz").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.text().strip()).startsWith("sciml4j: ").contains("problem.yaml: no such file")
                .doesNotContain("\tat ").hasLineCount(1);
    }
}
