package org.sciml4j.discovery.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.YamlDocument;

/** Every mistake in a sindy file is placed at its line and column before anything runs; files load by name. */
class SindyProblemFileTest {
    @TempDir
    Path dir;

    @BeforeEach
    void writeData() throws IOException {
        // x' = -2 x, y' = x - y sampled at 201 points, plus a bad array with a NaN
        int n = 201;
        double[] t = new double[n];
        double[] xy = new double[n * 2];
        double[] bad = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * 0.01;
            xy[2 * i] = Math.exp(-2 * t[i]);
            xy[2 * i + 1] = 2 * Math.exp(-t[i]) - Math.exp(-2 * t[i]);
            bad[i] = i == 7 ? Double.NaN : 1;
        }
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("t", Tensor.of(t, n, 1));
        arrays.put("xy", Tensor.of(xy, n, 2));
        arrays.put("bad", Tensor.of(bad, n));
        arrays.put("short", Tensor.of(new double[10], 10));
        Npz.write(dir.resolve("d.npz"), arrays, false);
        Files.writeString(dir.resolve("d.txt"), "t x y\n" + table(t, xy));
    }

    private static String table(double[] t, double[] xy) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < t.length; i++) {
            b.append(t[i]).append(' ').append(xy[2 * i]).append(' ').append(xy[2 * i + 1]).append('\n');
        }
        return b.toString();
    }

    private ProblemFileException error(String text) throws IOException {
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, text);
        return catchThrowableOfType(ProblemFileException.class, () -> new SindyKind().read(YamlDocument.read(f)));
    }

    private static final String HEAD = "kind: sindy\n";

    @Test
    void mistakesArePlaced() throws IOException {
        ProblemFileException e = error(HEAD + "data: {generate: lorenz}\noptimiser: {method: stlsq}\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.problem()).contains("optimiser").contains("optimizer");

        e = error(HEAD + "data: {generate: lorenzz}\n");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.column()).isEqualTo(18);
        assertThat(e.problem()).contains("lorenz");

        e = error(HEAD + "data:\n  file: d.npz\n  time: t\n  state: [x, y]\n  array: xyz\n");
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.problem()).contains("no array or column 'xyz'").contains("xy");

        e = error(HEAD + "data:\n  file: d.npz\n  time: t\n  state: [x, y, z]\n  array: xy\n");
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.problem()).contains("[201, 2]").contains("3 columns");

        e = error(HEAD + "data:\n  file: d.npz\n  time: t\n  state: [bad]\n");
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.problem()).contains("non-finite").contains("index 7");

        e = error(HEAD + "data:\n  file: d.npz\n  time: short\n  state: [x, y]\n  array: xy\n");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.problem()).contains("10 values").contains("201 rows");

        Files.writeString(dir.resolve("header.csv"), "t,x,y\n");
        e = error(HEAD + "data:\n  file: header.csv\n  time: t\n  state: [x, y]\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(9);
        assertThat(e.problem()).isEqualTo("header.csv has 0 samples (rows); derivatives need at least 2");

        Files.writeString(dir.resolve("three.csv"), "t,x,y\n0,1,2\n0.1,1,2\n0.2,1,2\n");
        e = error(HEAD + "data:\n  file: three.csv\n  time: t\n  state: [x, y]\n"
                + "derivative: {method: finite_difference, accuracy: 4}\n");
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.problem()).endsWith("needs at least 5 samples; the data have 3");

        e = error(HEAD + "data:\n  generate: lorenz\n  state: [x, y, z]\n");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.problem()).contains("'state' does not apply to a generated");

        e = error(HEAD + "data: {generate: lorenz}\nlibrary: {type: custom, terms: [\"sin(x)\", \"cos(q)\"]}\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.problem()).contains("q");

        e = error(HEAD + "data: {generate: lorenz}\ntruth: {x: \"-10 x + 10 w\"}\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.problem()).contains("'w' is not a library feature");

        e = error(HEAD + "data: {generate: lorenz}\noptimizer: {method: sr3, penalty: l2}\n");
        assertThat(e.problem()).contains("l0").contains("l1");

        e = error(HEAD + "data: {generate: lorenz}\nderivative: {method: savitzky_golay, window: 10}\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.problem()).contains("odd");
    }

    @Test
    void npzAndTextDataFitTheSameModel() throws IOException {
        // degree 1: on one trajectory of a linear system (x + y)^2 = 4 x, so quadratic terms are not identifiable
        String rest = "library: {type: polynomial, degree: 1}\noptimizer: {method: stlsq, threshold: 0.1, alpha: 0}\n"
                + "derivative: {method: finite_difference, accuracy: 4}\ntruth: {x: \"-2 x\", y: \"x - y\"}\n";
        Path a = dir.resolve("a.yaml");
        Files.writeString(a, HEAD + "data: {file: d.npz, time: t, state: [x, y], array: xy}\n" + rest);
        Files.createDirectories(dir.resolve("ra"));
        JsonNode s = SindyExamplesTest.run(a, dir.resolve("ra"));
        assertThat(s.get("coefficient_relative_error").asDouble()).isLessThan(1e-5);
        assertThat(s.get("spurious_terms").asInt()).isZero();
        Path b = dir.resolve("b.yaml");
        Files.writeString(b, HEAD + "data: {file: d.txt, dt: 0.01, state: [x, y]}\n" + rest);
        Files.createDirectories(dir.resolve("rb"));
        JsonNode s2 = SindyExamplesTest.run(b, dir.resolve("rb"));
        assertThat(s2.get("equations")).isEqualTo(s.get("equations"));
    }

    @Test
    void simulateForPastTheDataIsAForecastComparedOverTheOverlap() throws IOException {
        // the data cover t in [0, 2]; simulate_for 5 compares over [0, 2] and forecasts on to t = 5
        String rest = "library: {type: polynomial, degree: 1}\noptimizer: {method: stlsq, threshold: 0.1, alpha: 0}\n"
                + "derivative: {method: finite_difference, accuracy: 4}\n";
        Path a = dir.resolve("forecast.yaml");
        Files.writeString(a, HEAD + "data: {file: d.npz, time: t, state: [x, y], array: xy}\n" + rest
                + "simulate_for: 5\n");
        Files.createDirectories(dir.resolve("rf"));
        JsonNode s = SindyExamplesTest.run(a, dir.resolve("rf"));
        assertThat(s.get("simulate_for").asDouble()).isEqualTo(5.0);
        assertThat(s.get("simulation_compared_for").asDouble()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(
                1e-12));
        assertThat(s.get("simulation_error").asDouble()).isLessThan(1e-5);
        assertThat(dir.resolve("rf/simulation_x.png")).exists();
        // the forecast's times: the data's, then steps of 0.01 to exactly 5
        double[] t = SindyReport.simulationTimes(new double[] {0, 0.5, 1, 1.5, 2}, 3.2);
        assertThat(t).containsExactly(new double[] {0, 0.5, 1, 1.5, 2, 2.5, 3, 3.2},
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(SindyReport.simulationTimes(new double[] {0, 0.5, 1, 1.5, 2}, 1.2)).containsExactly(0, 0.5, 1);

        // the controls are known only over the data, and a forecast's samples are bounded: both placed
        ProblemFileException e = error(HEAD + "data: {file: d.txt, dt: 0.01, state: [x], control: [y]}\n"
                + "simulate_for: 3\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(15);
        assertThat(e.problem()).contains("goes past the data's end (t = 2.0)").contains("controls [y]")
                .contains("at most the data's span, 2.0");
        e = error(HEAD + "data: {file: d.npz, time: t, state: [x, y], array: xy}\nsimulate_for: 1e9\n");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.column()).isEqualTo(15);
        assertThat(e.problem()).contains("at most 1000000").contains("simulate_for <= 9999.99");
    }
}
