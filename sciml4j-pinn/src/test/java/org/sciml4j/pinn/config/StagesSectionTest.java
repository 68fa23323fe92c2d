package org.sciml4j.pinn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.sciml4j.train.config.ProblemFileException;

/** {@code training: {time_windows: ...}} and {@code {curriculum: ...}}: read, and each mistake placed. */
class StagesSectionTest {
    private static final Path FILE = Path.of("stages.yaml");
    private static final String HEAD = """
            variables: {x: [0, 1], t: [0, 1]}
            fields: [u]
            parameters: {nu: 0.01}
            equations: [u_t = nu*u_xx]
            conditions:
              initial: {at: {t: 0}, require: ["u = sin(pi*x)"]}
            collocation: {points: 20, sampling: halton}
            training:
            """;

    private static ProblemFile ok(String training) {
        return ProblemFile.parse(HEAD + training, FILE);
    }

    private static ProblemFileException fails(String training, int line) {
        ProblemFileException e = catchThrowableOfType(() -> ok(training), ProblemFileException.class);
        assertThat(e).isNotNull();
        assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
        return e;
    }

    @Test
    void readsTimeWindowsAndCurriculum() {
        ProblemFile f = ok("  time_windows: {variable: t, windows: 5}\n  adam: 10\n");
        assertThat(f.staging().timeWindows().variable()).isEqualTo("t");
        assertThat(f.staging().timeWindows().windows()).isEqualTo(5);
        assertThat(f.staging().curriculum()).isNull();
        assertThat(f.training().epochs()).isEqualTo(10);
        ProblemFile c = ok("  curriculum: {parameter: nu, from: 1, steps: 3}\n");
        assertThat(c.staging().curriculum().values(0.01)).containsExactly(1, 0.1, 0.01);
        assertThat(ok("  adam: 10\n").staging().none()).isTrue();
        assertThat(ok("  curriculum: {parameter: nu, from: 1}\n").staging().curriculum().steps()).isEqualTo(4);
    }

    @Test
    void mistakesArePlaced() {
        assertThat(fails("  time_windows: {variable: s, windows: 5}\n", 9).problem())
                .contains("'s' is not a variable");
        assertThat(fails("  time_windows: {variable: t, windows: 0}\n", 9).problem()).contains(">= 1");
        assertThat(fails("  time_windows: {variable: t}\n", 9).problem()).contains("windows");
        assertThat(fails("  time_windows: {variable: t, window: 3}\n", 9).problem()).contains("window");
        assertThat(fails("  curriculum: {parameter: mu, from: 1}\n", 9).problem())
                .contains("'mu' is not a known parameter");
        assertThat(fails("  curriculum: {parameter: nu, from: -1}\n", 9).problem()).contains("same sign");
        assertThat(fails("  curriculum: {parameter: nu, from: 1, steps: 1}\n", 9).problem()).contains(">= 2");
        assertThat(fails("  curriculum: {parameter: nu, from: 1, steps: 1001}\n", 9).problem())
                .isEqualTo("steps 1001: each stage trains for the whole schedule; at most 1000");
        assertThat(fails("  time_windows: {variable: t, windows: 100000000}\n", 9).problem())
                .startsWith("windows 100000000: each stage");
        assertThat(ok("  time_windows: {variable: t, windows: 1000}\n").staging().timeWindows().windows())
                .isEqualTo(1000);
        assertThat(fails("  time_windows: {variable: x, windows: 2}\n", 9).problem())
                .startsWith("time_windows needs an initial condition: a condition whose points all have x = 0.0");
        assertThat(fails("  curriculum: {parameter: nu, from: 0.01}\n", 9).problem())
                .startsWith("from 0.01 is already nu's value in the file");
        assertThat(fails("  time_windows: {variable: t, windows: 2}\n  curriculum: {parameter: nu, from: 1}\n", 10)
                .problem()).contains("not both");
    }
}
