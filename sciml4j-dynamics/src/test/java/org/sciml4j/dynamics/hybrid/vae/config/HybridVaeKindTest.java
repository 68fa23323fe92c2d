package org.sciml4j.dynamics.hybrid.vae.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.ProblemKinds;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.RunnableProblem;

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

    static ProblemFileException mistake(String text) {
        try {
            ProblemKinds.parse(text, Path.of("bad.yaml"));
        } catch (ProblemFileException e) {
            return e;
        }
        throw new AssertionError("no mistake reported in\n" + text);
    }

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
        RunnableProblem p = (RunnableProblem) ProblemKinds.parse(TINY, Path.of("tiny.yaml"));
        int rc = p.run(RunContext.of(dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        assertThat(rc).isZero();
        String s = Files.readString(dir.resolve("summary.json"));
        assertThat(s).contains("\"parameter_relative_error\"", "\"omega_relative_error_no_regularizer\"",
                "\"trajectory_mse\"");
        assertThat(dir.resolve("omega.png")).isNotEmptyFile();
    }
}
