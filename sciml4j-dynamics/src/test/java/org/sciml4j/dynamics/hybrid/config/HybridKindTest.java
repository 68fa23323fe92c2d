package org.sciml4j.dynamics.hybrid.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sciml4j.dynamics.KindFiles.mistake;
import static org.sciml4j.dynamics.KindFiles.runQuietly;

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

/** {@code kind: hybrid} through the shared registry: placed mistakes and a tiny run writing its results. */
class HybridKindTest {
    @TempDir
    Path dir;

    static final String TINY = """
            kind: hybrid
            physics: pendulum
            seed: 1
            min_norm: true
            sam: 0.01
            data:
              trajectories: 2
              time_span: [0, 2]
              rate: 2
            network:
              hidden: [8]
            training:
              epochs: 5
              segment: 2
              step: 0.25
            """;

    @Test
    void mistakesArePlacedAtTheirLineAndColumn() {
        ProblemFileException e = mistake(TINY.replace("physics: pendulum", "physics: pendulm"));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("did you mean 'pendulum'");
        e = mistake(TINY.replace("sam: 0.01", "sam: -1"));
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.getMessage()).contains("sam must be finite and > 0");
        e = mistake(TINY.replace("physics: pendulum", "physics: seir").replace("data:\n  trajectories: 2\n"
                + "  time_span: [0, 2]\n  rate: 2\n", ""));
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("'min_norm' applies to 'physics: pendulum' only");
        // the segment rule of TrajectoryObjective over the points the run generates: [0, 2] at 2 per unit is 4
        e = mistake(TINY.replace("  segment: 2", "  segment: 4"));
        assertThat(e.line()).isEqualTo(14);
        assertThat(e.column()).isEqualTo(12);
        assertThat(e.problem()).isEqualTo("segment must be 1 to 3 observation intervals (the trajectories have 4"
                + " points), got 4");
        // [0, 2] at 0.25 per unit rounds to 1 point, but the generator takes at least 2: segment 1 fits, 2 does not
        String sparse = TINY.replace("  rate: 2", "  rate: 0.25");
        assertThat(ProblemKinds.parse(sparse.replace("  segment: 2", "  segment: 1"), Path.of("sparse.yaml")))
                .isInstanceOf(RunnableProblem.class);
        e = mistake(sparse);
        assertThat(e.getMessage()).contains("bad.yaml, line 14, column 12: segment must be 1 to 1 observation"
                + " intervals (the trajectories have 2 points), got 2");
        e = mistake(TINY.replace("  rate: 2", "  rate: 2\n  days: 30"));
        assertThat(e.line()).isEqualTo(10);
        e = mistake(TINY.replace("step: 0.25", "step: 2"));
        assertThat(e.getMessage()).contains("the integration step 2.0 must be shorter than the data's time span, 2.0");
    }

    @Test
    void tinyPendulumRunWritesItsSummaryAndPlots() throws Exception {
        int rc = runQuietly(TINY, dir);
        assertThat(rc).isZero();
        String summary = Files.readString(dir.resolve("summary.json"));
        assertThat(summary).contains("\"parameter_relative_error\"", "\"trajectory_mse\"", "\"lambda\"");
        assertThat(dir.resolve("trajectories.png")).isNotEmptyFile();
        assertThat(dir.resolve("energy.png")).isNotEmptyFile();
    }

    @Test
    void tinySeirRunWritesTheRateCurve() throws Exception {
        String seir = """
                kind: hybrid
                physics: seir
                data:
                  days: 20
                training:
                  epochs: 3
                  step: 1
                """;
        RunnableProblem p = (RunnableProblem) ProblemKinds.parse(seir, Path.of("seir.yaml"));
        int rc = p.run(RunContext.of(dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        assertThat(rc).isZero();
        assertThat(Files.readString(dir.resolve("summary.json"))).contains("\"rate_relative_l2\"");
        assertThat(dir.resolve("rate.png")).isNotEmptyFile();
    }
}
