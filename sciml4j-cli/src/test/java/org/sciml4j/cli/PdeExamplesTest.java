package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sciml4j.pinn.Errors;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.tensor.Tensor;

/**
 * The PDE examples (docs/PDE-EXAMPLES.md) parse, carry an exact solution, and a brief run of each lowers the
 * relative L2 error well below that of the untrained network. The full runs' figures are in the docs; here each file
 * runs with fewer collocation points and a few hundred steps, so that the whole class stays within seconds.
 */
class PdeExamplesTest {

    static Path examples() {
        return Repo.examples("");
    }

    /**
     * file, collocation points for the brief run (replacing the file's), Adam epochs, L-BFGS iterations, the bound the
     * brief run's relative error must meet, and the least relative error of the untrained network (checked, so that
     * the bound means something).
     */
    static Stream<Arguments> cases() {
        String points = "collocation: {points: 300, sampling: hammersley}";
        return Stream.of(
                // measured after the brief run: 0.017, 0.060, 0.47, 0.76, 0.20, 0.28; untrained: 1.07, 0.99, 1.12,
                // 1.06, 0.81, 0.98
                Arguments.of("heat/heat-1d.yaml", points, 100, 200, 0.05, 0.9),
                Arguments.of("heat/heat-2d.yaml", points, 100, 150, 0.15, 0.9),
                Arguments.of("wave/wave-1d.yaml", points, 100, 150, 0.7, 1.0),
                // Adam sits on a plateau here (docs/PDE-EXAMPLES.md); L-BFGS alone leaves it
                Arguments.of("helmholtz/helmholtz-2d.yaml", points, 0, 300, 0.9, 1.0),
                Arguments.of("diffusion-reaction/diffusion-reaction.yaml", points, 100, 200, 0.4, 0.75),
                Arguments.of("kovasznay/kovasznay.yaml", "collocation: {grid: [16, 16]}", 100, 150, 0.5, 0.9));
    }

    @Test
    void everyExampleHasAnExactSolutionForEachField() throws Exception {
        for (Arguments a : cases().toList()) {
            ProblemFile pf = ProblemFile.read(examples().resolve((String) a.get()[0]));
            ProblemFile.EvaluationSpec ev = pf.evaluation();
            assertThat(ev).as(pf.name()).isNotNull();
            assertThat(ev.file()).as(pf.name()).startsWith("exact:");
            Tensor truth = ev.truth();
            assertThat(truth.shape()[1]).as(pf.name()).isEqualTo(pf.problem().fields().size());
            assertThat(truth.shape()[0]).as(pf.name()).isGreaterThanOrEqualTo(10000);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aBriefRunLowersTheError(String name, String collocation, int epochs, int lbfgs, double bound,
            double untrained, @TempDir Path dir) throws Exception {
        Path file = examples().resolve(name);
        String text = Files.readString(file);
        // the file as it is parses, and the exact solution fits its fields
        assertThat(ProblemFile.read(file).evaluation().file()).startsWith("exact:");
        String line = text.lines().filter(l -> l.startsWith("collocation:")).findFirst().orElseThrow();
        Path brief = dir.resolve(file.getFileName());
        Files.writeString(brief, text.replace(line, collocation));

        ProblemFile pf = ProblemFile.read(brief);
        Tensor untrainedPrediction = pf.problem().output(pf.newNetwork(pf.training().seed()), pf.evaluation().points());
        assertThat(Errors.of(untrainedPrediction, pf.evaluation().truth()).relative()).as("untrained")
                .isGreaterThan(untrained);
        JsonNode after = run(brief, dir.resolve("brief"), epochs, lbfgs);
        assertThat(after.get("relative_error").asDouble()).as("after %d + %d steps", epochs, lbfgs)
                .isLessThan(bound);
    }

    private static JsonNode run(Path file, Path out, int epochs, int lbfgs) throws Exception {
        assertThat(Main.run("run", file.toString(), "--out", out.toString(), "--epochs", Integer.toString(epochs),
                "--lbfgs", Integer.toString(lbfgs), "--quiet")).isZero();
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }
}
