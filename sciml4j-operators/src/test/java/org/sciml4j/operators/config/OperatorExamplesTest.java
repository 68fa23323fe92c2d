package org.sciml4j.operators.config;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.ProblemKinds;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example of examples/operators reads without a mistake, given a data file of the contract's shapes (random
 * values at a small grid, at the path their generator spec writes: the examples' real data is made by that spec).
 */
class OperatorExamplesTest {
    @TempDir
    Path dir;

    static Path examples() {
        Path root = Path.of(System.getProperty("sciml4j.repoRoot", ".")).toAbsolutePath();
        while (root != null && !Files.isDirectory(root.resolve("examples/operators"))) {
            root = root.getParent();
        }
        assertThat(root).as("repository root with examples/operators").isNotNull();
        return root.resolve("examples/operators");
    }

    @ParameterizedTest
    @CsvSource({"fno-burgers.yaml, burgers.npz, 1200, 32, 1, burgers-1024.npz",
            "fno-darcy.yaml, darcy.npz, 1200, 24, 2,",
            "deeponet-antiderivative.yaml, antiderivative-points.npz, 110000, 4, 1,",
            "pi-deeponet-antiderivative.yaml, antiderivative.npz, 2000, 4, 1,"})
    void theExampleReads(String example, String data, int rows, int s, int dims, String evaluation)
            throws IOException {
        Files.createDirectories(dir.resolve("data"));
        if (evaluation != null) {   // its extra test set, at 4 times the resolution
            write(evaluation, rows, 4 * s, 1);
        }
        write(data, rows, s, dims);
        Path file = Files.copy(examples().resolve(example), dir.resolve(example));
        OperatorProblem p = (OperatorProblem) ProblemKinds.read(file);
        assertThat(p.kind()).isEqualTo("operator");
        assertThat(p.name()).isEqualTo(example.replace(".yaml", ""));
        assertThat(p.data().train() + p.data().test()).isLessThanOrEqualTo(rows);
        assertThat(p.evaluation()).hasSize(evaluation == null ? 0 : 1);
        if (evaluation != null) {
            assertThat(p.evaluation().get(0).grid()).containsExactly(4 * s);
            assertThat(p.evaluation().get(0).test()).isEqualTo(p.data().test());
        }
    }

    /** Random arrays of the contract's shapes at the path the generator spec {@code data} names writes. */
    private void write(String data, int rows, int s, int dims) throws IOException {
        int[] shape = dims == 1 ? new int[] {rows, s} : new int[] {rows, s, s};
        Map<String, Tensor> a = new LinkedHashMap<>();
        a.put("inputs", Tensor.randn(new Rng(1), shape));
        a.put("outputs", Tensor.randn(new Rng(2), shape));
        a.put("x", Tensor.linspace(0, 1, s));
        a.put("points", Tensor.rand(new Rng(3), rows, 1));    // per-function query points (read when named)
        a.put("values", Tensor.randn(new Rng(4), rows, 1));
        Npz.write(dir.resolve("data").resolve(data), a, false);
        // the examples name their generator spec; its file exists, so reading does not generate
        String spec = data.replace(".npz", ".yaml");
        Files.copy(examples().resolve("data").resolve(spec), dir.resolve("data").resolve(spec));
    }
}
