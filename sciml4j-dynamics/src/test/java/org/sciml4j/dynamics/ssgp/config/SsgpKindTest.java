package org.sciml4j.dynamics.ssgp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sciml4j.dynamics.KindFiles.mistake;
import static org.sciml4j.dynamics.KindFiles.runQuietly;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.train.config.ProblemFileException;

/** {@code kind: ssgp}: placed mistakes and a tiny run writing its summary. */
class SsgpKindTest {
    @TempDir
    Path dir;

    static final String TINY = """
            kind: ssgp
            system: duffing
            data:
              trajectories: 2
              rate: 3
            features:
              count: 10
              dissipative: true
            training:
              epochs: 3
              step: 0.2
              correct_starts: true
            evaluation:
              trajectories: 2
              duration: 2
              points: 10
              samples: 5
            """;

    @Test
    void mistakesArePlacedAtTheirLineAndColumn() {
        ProblemFileException e = mistake(TINY.replace("system: duffing", "system: dufing"));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("did you mean 'duffing'");
        e = mistake(TINY.replace("  samples: 5", "  samples: 1"));
        assertThat(e.line()).isEqualTo(17);
        e = mistake(TINY.replace("  count: 10", "  count: 10\n  lengthscal: 1"));
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.getMessage()).contains("lengthscale");
        e = mistake(TINY.replace("  step: 0.2", "  step: 0.2\n  batch: -1"));
        assertThat(e.line()).isEqualTo(12);
        e = mistake(TINY.replace("  step: 0.2", "  step: 0.2\n  averaged_samples: 0"));
        assertThat(e.line()).isEqualTo(12);
        e = mistake(TINY.replace("  count: 10", "  count: 10\n  learn: maybe"));
        assertThat(e.line()).isEqualTo(8);
        e = mistake(TINY.replace("  rate: 3", "  rate: 3\n  validation: 2"));
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.getMessage()).contains("must be fewer");
        e = mistake(TINY.replace("  step: 0.2", "  step: 0.2\n  kl_scale: batches"));
        assertThat(e.line()).isEqualTo(12);
        assertThat(e.getMessage()).contains("did you mean 'batch'");
        e = mistake(TINY.replace("  step: 0.2", "  step: 0.2\n  integrator: euler"));
        assertThat(e.line()).isEqualTo(12);
        assertThat(e.getMessage()).contains("known: dopri5, rk4");
        e = mistake(TINY.replace("  step: 0.2", "  step: 0.2\n  kl_weight: -0.5"));
        assertThat(e.line()).isEqualTo(12);
        e = mistake(TINY.replace("  step: 0.2", "  step: 0.2\n  start_sd: 0"));
        assertThat(e.line()).isEqualTo(12);
        e = mistake(TINY.replace("  step: 0.2", "  step: 0.2\n  sampled_starts: true"));
        assertThat(e.line()).isEqualTo(12);
        assertThat(e.getMessage()).contains("exclude each other");
        e = mistake(TINY.replace("  step: 0.2", "  step: 0.2\n  fine_tune: {segment: 9, epochs: 2}"));
        assertThat(e.line()).isEqualTo(12);
        assertThat(e.getMessage()).contains("segment must be 1 to 8 observation intervals (the trajectories have 9"
                + " points), got 9");
        e = mistake(TINY.replace("  step: 0.2", "  step: 0.2\n  fine_tune:\n    segment: 8"));
        assertThat(e.line()).isEqualTo(13);
        assertThat(e.getMessage()).contains("epochs");
        e = mistake(TINY.replace("  step: 0.2", "  step: 0.2\n  fine_tune: {segment: 8, epochs: 2, batch: -1}"));
        assertThat(e.line()).isEqualTo(12);
        e = mistake(TINY.replace("  step: 0.2", "  step: 0.2\n  fine_tune: {segment: 8, epochs: 2, learning_rat: 1}"));
        assertThat(e.line()).isEqualTo(12);
        assertThat(e.getMessage()).contains("learning_rate");
        e = mistake(TINY.replace("  step: 0.2", "  step: 0.2\n  fine_tune: {segment: 8, epochs: 2,"
                + " averaged_samples: 0}"));
        assertThat(e.line()).isEqualTo(12);
        e = mistake(TINY.replace("  step: 0.2", "  step: 0.2\n  lbfgs: -5"));
        assertThat(e.line()).isEqualTo(12);
        assertThat(e.getMessage()).contains("-5");
    }

    @Test
    void tinyRunWithThePapersTrainingOptions() throws Exception {
        String file = TINY.replace("  correct_starts: true", "  sampled_starts: true\n  start_sd: 0.05\n"
                + "  kl_scale: batch\n  kl_weight: 0.5\n  integrator: dopri5\n  tolerance: 1.0e-5");
        assertThat(runQuietly(file, dir)).isZero();
        String s = Files.readString(dir.resolve("summary.json"));
        assertThat(s).contains("\"start_sd_learned\"", "\"trajectory_mse\"");
    }

    /**
     * The tiny file on the double well with 1 of 3 trajectories held out, 4 steps validated every 2, the HNN baseline,
     * and {@code training} lines appended after those.
     */
    private static String doubleWell(String training) {
        return TINY.replace("system: duffing", "system: duffing_double_well")
                .replace("  trajectories: 2\n  rate: 3", "  trajectories: 3\n  rate: 3\n  validation: 1")
                .replace("  epochs: 3", "  epochs: 4\n  validate_every: 2" + training)
                .replace("kind: ssgp", "kind: ssgp\nbaseline_hnn: true");
    }

    @Test
    void tinyRunOnTheDoubleWellKeepsTheBestValidationStep() throws Exception {
        String file = doubleWell("");
        assertThat(runQuietly(file, dir)).isZero();
        String s = Files.readString(dir.resolve("summary.json"));
        assertThat(s).contains("\"validation_mse\"", "\"hnn_validation_epoch\"",
                "\"coverage_95_averaged_draws\"");
        int kept = Integer.parseInt(s.replaceAll("(?s).*\"validation_epoch\"\s*:\s*([0-9]+).*", "$1"));
        assertThat(kept).isIn(2, 4);
    }

    @Test
    void tinyRunWithAFineTuningPhaseOnWholeTrajectories() throws Exception {
        String file = doubleWell("\n  fine_tune: {segment: 8, epochs: 2, learning_rate: 1.0e-3, averaged_samples: 20}");
        assertThat(runQuietly(file, dir)).isZero();
        String s = Files.readString(dir.resolve("summary.json"));
        // 4 short steps and 2 on whole trajectories, validated every 2: the kept step may be one of the fine-tuning
        assertThat(Integer.parseInt(s.replaceAll("(?s).*\"epochs\"\s*:\s*([0-9]+).*", "$1"))).isEqualTo(6);
        int kept = Integer.parseInt(s.replaceAll("(?s).*\"validation_epoch\"\s*:\s*([0-9]+).*", "$1"));
        assertThat(kept).isIn(2, 4, 6);
        assertThat(s).contains("\"hnn_trajectory_mse\"", "\"field_speed_ratio\"");
    }

    @Test
    void tinyRunWithAnLbfgsPhaseForBothModels() throws Exception {
        String file = doubleWell("\n  lbfgs: 4");
        assertThat(runQuietly(file, dir)).isZero();
        String s = Files.readString(dir.resolve("summary.json"));
        assertThat(s).contains("L-BFGS", "\"hnn_trajectory_mse\"");
        int epochs = Integer.parseInt(s.replaceAll("(?s).*\"epochs\"\s*:\s*([0-9]+).*", "$1"));
        assertThat(epochs).isBetween(5, 8);
    }

    @Test
    void tinyRunWritesCoverageAndEnergy() throws Exception {
        int rc = runQuietly(TINY, dir);
        assertThat(rc).isZero();
        String s = Files.readString(dir.resolve("summary.json"));
        assertThat(s).contains("\"trajectory_mse\"", "\"energy_mse\"", "\"coverage_95\"", "\"lengthscales\"",
                "\"dissipation_matrix\"");
        double cover = Double.parseDouble(s.replaceAll("(?s).*\"coverage_95\"\\s*:\\s*([-0-9.eE+]+).*", "$1"));
        assertThat(cover).isBetween(0.0, 1.0);
        assertThat(dir.resolve("trajectories.png")).isNotEmptyFile();
    }
}
