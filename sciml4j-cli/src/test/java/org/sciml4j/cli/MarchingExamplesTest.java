package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.pinn.Errors;
import org.sciml4j.pinn.config.ProblemFile;
import org.sciml4j.tensor.Tensor;

/**
 * The staged-training examples (docs/PINN-MARCHING.md) parse as given, and a scaled-down Allen-Cahn run marches
 * through its windows end to end: per-stage summaries and losses, the error over the whole range against the
 * spectral reference below the untrained network's. The full runs' figures are in the docs.
 */
class MarchingExamplesTest {

    @Test
    void examplesParseWithTheirStaging() throws Exception {
        ProblemFile ac = ProblemFile.read(Repo.examples("allen-cahn/allen-cahn.yaml"));
        assertThat(ac.staging().timeWindows().windows()).isEqualTo(10);
        assertThat(ac.evaluation().truth().size(0)).isEqualTo(512 * 201);
        assertThat(ProblemFile.read(Repo.examples("allen-cahn/allen-cahn-plain.yaml")).staging().none()).isTrue();
        ProblemFile conv = ProblemFile.read(Repo.examples("convection/convection-curriculum.yaml"));
        assertThat(conv.staging().curriculum().values(30)).hasSize(6);
        assertThat(ProblemFile.read(Repo.examples("convection/convection-plain.yaml")).staging().none()).isTrue();
    }

    @Test
    void aScaledAllenCahnRunMarchesThroughItsWindows(@TempDir Path dir) throws Exception {
        Path file = Repo.examples("allen-cahn/allen-cahn.yaml");
        String text = Files.readString(file)
                .replace("windows: 10", "windows: 2")
                .replace("optimizer: [adam: 500, ssbroyden: 1500]", "optimizer: [adam: 150, ssbroyden: 60]")
                .replace("collocation: {points: 512, sampling: hammersley}", "collocation: {points: 128, sampling: hammersley}")
                .replace("file: allen_cahn.npz", "file: " + file.getParent().resolve("allen_cahn.npz"));
        Path brief = dir.resolve("allen-cahn.yaml");
        Files.writeString(brief, text);
        ProblemFile pf = ProblemFile.read(brief);
        assertThat(pf.staging().timeWindows().windows()).isEqualTo(2);
        Tensor untrained = pf.problem().output(pf.newNetwork(0), pf.evaluation().points());
        double before = Errors.of(untrained, pf.evaluation().truth()).relative();

        Path out = dir.resolve("run");
        assertThat(Main.run("run", brief.toString(), "--out", out.toString(), "--quiet")).isZero();
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(s.get("staging").asText()).isEqualTo("time_windows");
        assertThat(s.get("stages")).hasSize(2);
        assertThat(s.get("stages").get(1).get("range").get(0).asDouble()).isEqualTo(0.5);
        assertThat(s.get("epochs").asInt()).isEqualTo(s.get("stages").get(0).get("epochs").asInt()
                + s.get("stages").get(1).get("epochs").asInt());
        assertThat(out.resolve("loss-stage-2.tsv")).exists();
        assertThat(out.resolve("heatmap.png")).exists();
        // measured: after this brief run 0.66 (CPU 13 s for the whole process) (the full run: docs/PINN-MARCHING.md)
        assertThat(before).isGreaterThan(0.9);
        assertThat(s.get("relative_error").asDouble()).isLessThan(0.85);
    }
}
