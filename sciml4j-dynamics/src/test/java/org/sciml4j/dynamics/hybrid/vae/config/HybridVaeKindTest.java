package org.sciml4j.dynamics.hybrid.vae.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sciml4j.dynamics.KindFiles.mistake;
import static org.sciml4j.dynamics.KindFiles.runQuietly;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.train.config.ProblemFileException;

/** {@code kind: hybrid_vae}: placed mistakes and a tiny run writing its summary. */
class HybridVaeKindTest {
    @TempDir
    Path dir;

    static final String TINY = """
            kind: hybrid_vae
            seed: 1
            data:
              trajectories: 4
              test_trajectories: 3
              points: 6
              dt: 0.2
            latent: 1
            regularizer: 1
            encoder: {hidden: [8]}
            correction: {hidden: [8]}
            training:
              epochs: 3
              step: 0.2
            """;

    @Test
    void mistakesArePlacedAtTheirLineAndColumn() {
        ProblemFileException e = mistake(TINY.replace("regularizer: 1", "regulariser: 1"));
        assertThat(e.line()).isEqualTo(9);
        assertThat(e.getMessage()).contains("regularizer");
        e = mistake(TINY.replace("  points: 6", "  points: 1"));
        assertThat(e.line()).isEqualTo(6);
        e = mistake(TINY.replace("regularizer: 1", "regularizer: -1"));
        assertThat(e.line()).isEqualTo(9);
        e = mistake(TINY.replace("  dt: 0.2", "  dt: 0.2\n  omega: [2, 1]"));
        assertThat(e.line()).isEqualTo(8);
        e = mistake(TINY.replace("encoder: {hidden: [8]}", "encoder: {hiden: [8]}"));
        assertThat(e.line()).isEqualTo(10);
    }

    @Test
    void tinyRunWritesBothErrors() throws Exception {
        int rc = runQuietly(TINY, dir);
        assertThat(rc).isZero();
        String s = Files.readString(dir.resolve("summary.json"));
        assertThat(s).contains("\"parameter_relative_error\"", "\"omega_relative_error_no_regularizer\"",
                "\"trajectory_mse\"");
        assertThat(dir.resolve("omega.png")).isNotEmptyFile();
    }
}
