package org.sciml4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.pinn.config.ProblemFile;

/**
 * examples/deep-ritz and examples/pinnacle: the files read, and a short run of the Ritz Poisson problem on the disk
 * ends with summary.json's relative error far below an untrained network's (docs/DEEP-RITZ.md has the full runs).
 */
class DeepRitzExamplesTest {

    @Test
    void poissonDiskRunsEndToEndWithItsEnergyAsTheLoss(@TempDir Path out) throws Exception {
        Path file = Repo.examples("deep-ritz").resolve("poisson-disk.yaml");
        double err = PoissonExamplesTest.relativeError(file, out, 100, 50);
        assertThat(err).isLessThan(0.05);
        String loss = Files.readString(out.resolve("loss.tsv"));
        assertThat(loss.lines().findFirst().orElseThrow()).contains("energy");
        assertThat(out.resolve("loss.png")).isRegularFile();
    }

    @Test
    void theOtherExamplesRead() {
        assertThat(ProblemFile.read(Repo.examples("deep-ritz").resolve("elasticity.yaml")).problem().termNames())
                .containsExactly("energy", "energy_boundary");
        assertThat(ProblemFile.read(Repo.examples("pinnacle").resolve("heat2d-vc.yaml")).problem().termNames())
                .containsExactly("equation");
        assertThat(ProblemFile.read(Repo.examples("pinnacle").resolve("heat2d-vc-plain.yaml")).evaluation().points()
                .size(0)).isEqualTo(26 * 26 * 11);
    }
}
