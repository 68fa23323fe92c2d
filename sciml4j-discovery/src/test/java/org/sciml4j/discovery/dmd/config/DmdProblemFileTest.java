package org.sciml4j.discovery.dmd.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.discovery.dmd.Generators;
import org.sciml4j.discovery.dmd.Snapshots;
import org.sciml4j.io.Npz;
import org.sciml4j.io.TextTable;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.ProblemKinds;
import org.sciml4j.train.config.RunContext;

/** Problem files with data from files, and every kind of mistake placed at its line and column. */
class DmdProblemFileTest {
    @TempDir
    Path tmp;

    private DmdProblem parse(String text) {
        return (DmdProblem) ProblemKinds.parse(text, tmp.resolve("p.yaml"));
    }

    private void fails(String text, int line, int column, String words) {
        assertThatThrownBy(() -> parse(text)).isInstanceOfSatisfying(ProblemFileException.class, e -> {
            assertThat(e.problem()).contains(words);
            assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
            assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
        });
    }

    private static final String GEN = "kind: dmd\ndata:\n  generate: linear\n  eigenvalues: [[-0.1, 1]]\n";

    @Test
    void mistakesArePlaced() {
        fails(GEN + "method:\n  name: exakt\n", 6, 9, "did you mean 'exact'");
        fails(GEN + "method:\n  name: exact\n  delays: 3\n", 7, 3, "unknown key 'delays'");
        fails(GEN + "method:\n  name: exact\n  rank: lots\n", 7, 9, "rank is 'optimal'");
        fails(GEN + "method:\n  name: bop\n  fraction: 1.5\n", 7, 13, "fraction must be in (0, 1]");
        fails(GEN + "method:\n  name: dmdc\n", 6, 9, "needs control inputs");
        fails(GEN + "method:\n  name: hankel\n  delays: 200\n", 7, 11, "delays need more than");
        fails(GEN + "  features: 1\nmethod: {name: exact}\n", 5, 13, "needs at least 2 features");
        fails("kind: dmd\ndata:\n  generate: linear\n  eigenvalues: [[-0.1, -1]]\nmethod: {name: exact}\n", 4, 17,
                "with im > 0");
        fails("kind: dmd\ndata:\n  generate: lineer\nmethod: {name: exact}\n", 3, 13, "did you mean 'linear'");
        fails("kind: dmd\ndata:\n  generate: linear\n  eigenvalues: [[-0.1, 1]]\n  uneven: true\n"
                + "method: {name: exact}\n", 6, 16, "equally spaced");
        fails(GEN + "method: {name: exact}\ntruth_time: later\ntruth_eigenvalues: [[0, 1]]\n", 6, 13,
                "truth_time is");
        fails(GEN + "method: {name: edmd, degree: 40}\n", 5, 30, "more than 2000 terms");
        fails(GEN + "  noise: {sd: -1}\nmethod: {name: exact}\n", 5, 15, "noise sd must be >= 0");
        fails("kind: dmd\ndata:\n  generate: linear\n  eigenvalues: [[0.05, 1]]\n  dt: 1e300\nmethod: {name: exact}\n",
                5, 7, "the generated linear data overflow (the snapshots reach");
    }

    @Test
    void tooFewSnapshotsIsOneRulePlacedAtEachSource() throws IOException {
        // the same rule and words for generated data (at snapshots:) and for a file (at file:)
        fails(GEN + "  snapshots: 2\nmethod: {name: exact}\n", 5, 14,
                "the generated linear series has 2 snapshots; at least 3 are needed (DMD pairs each snapshot with"
                        + " the next)");
        Files.writeString(tmp.resolve("one.csv"), "x,y\n1,2\n");
        fails("kind: dmd\ndata:\n  file: one.csv\n  columns: [x, y]\n  dt: 0.1\nmethod: {name: exact}\n", 3, 9,
                "one.csv has 1 snapshot; at least " + DataSection.MIN_SNAPSHOTS + " are needed");
        // three is enough for both
        assertThat(parse(GEN + "  features: 2\n  snapshots: 3\nmethod: {name: exact}\n")).isNotNull();
        Files.writeString(tmp.resolve("three.csv"), "x,y\n1,2\n3,4\n5,7\n");
        assertThat(parse("kind: dmd\ndata:\n  file: three.csv\n  columns: [x, y]\n  dt: 0.1\n"
                + "method: {name: exact}\n")).isNotNull();
    }

    @Test
    void fileMistakesArePlaced() throws IOException {
        Npz.write(tmp.resolve("d.npz"), Map.of("X", Tensor.of(new double[12], 3, 4)), false);
        fails("kind: dmd\ndata:\n  file: d.npz\n  array: Y\n  dt: 1\nmethod: {name: exact}\n", 4, 10, "no such array");
        fails("kind: dmd\ndata:\n  file: d.npz\n  array: X\nmethod: {name: exact}\n", 3, 3, "give the time step");
        fails("kind: dmd\ndata:\n  file: missing.npz\n  array: X\n  dt: 1\nmethod: {name: exact}\n", 3, 9,
                "no such file");
        Files.writeString(tmp.resolve("two.csv"), "x,y\n1,2\n3,4\n");
        fails("kind: dmd\ndata:\n  file: two.csv\n  columns: [x, y]\n  dt: 0.1\nmethod: {name: exact}\n", 3, 9,
                "two.csv has 2 snapshots; at least 3 are needed (DMD pairs each snapshot with the next)");
        // 4 snapshots of 3 features and 1e8 steps more: 300000012 values, more than a reconstruction may hold
        fails("kind: dmd\ndata:\n  file: d.npz\n  array: X\n  dt: 1\nmethod: {name: exact}\nforecast: 100000000\n",
                7, 11, "holds 300000012 values; at most 100000000");
    }

    private JsonNode run(DmdProblem p) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("run-" + p.methodName()));
        p.run(RunContext.of(dir, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        return new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
    }

    @Test
    void unevenTimesFromAnNpzWithOptimizedDmd() throws IOException {
        double[] times = Generators.unevenTimes(120, 0.1, 3);
        Snapshots d = Generators.dampedOscillations(new double[] {0.5}, new double[] {-0.2}, 6, times, 2);
        double[] rowMajor = new double[6 * 120]; // (features, snapshots) row-major = column-major (snapshots, ...)
        for (int i = 0; i < 6; i++) {
            for (int k = 0; k < 120; k++) {
                rowMajor[i * 120 + k] = d.x()[i + k * 6];
            }
        }
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("X", Tensor.of(rowMajor, 6, 120));
        arrays.put("t", Tensor.of(times, 120));
        Npz.write(tmp.resolve("u.npz"), arrays, false);
        JsonNode s = run(parse("kind: dmd\ndata:\n  file: u.npz\n  array: X\n  times: t\nmethod: {name: optimized}\n"
                + "truth_eigenvalues: [[-0.2, 3.141592653589793], [-0.2, -3.141592653589793]]\n"));
        assertThat(s.get("rank").asInt()).isEqualTo(2);
        assertThat(s.get("eigenvalue_error").asDouble()).isLessThan(1e-8);
    }

    @Test
    void snapshotsFromAMatlabFile() throws IOException {
        double[] times = new double[80];
        for (int k = 0; k < times.length; k++) {
            times[k] = 0.1 * k;
        }
        Snapshots d = Generators.dampedOscillations(new double[] {0.5}, new double[] {-0.2}, 6, times, 2);
        double[] rowMajor = new double[6 * 80];
        for (int i = 0; i < 6; i++) {
            for (int k = 0; k < 80; k++) {
                rowMajor[i * 80 + k] = d.x()[i + k * 6];
            }
        }
        org.sciml4j.io.Mat.write(tmp.resolve("m.mat"), Map.of("X", Tensor.of(rowMajor, 6, 80)));
        JsonNode s = run(parse("kind: dmd\ndata:\n  file: m.mat\n  array: X\n  dt: 0.1\nmethod: {name: exact}\n"
                + "truth_eigenvalues: [[-0.2, 3.141592653589793], [-0.2, -3.141592653589793]]\n"));
        assertThat(s.get("eigenvalue_error").asDouble()).isLessThan(1e-10);
        fails("kind: dmd\ndata:\n  file: m.mat\n  array: Y\n  dt: 0.1\nmethod: {name: exact}\n", 4, 10, "no array 'Y'");
    }

    @Test
    void dmdcFromATextTable() throws IOException {
        // x_{k+1} = 0.9 x_k + 0.1 y_k + u_k, y_{k+1} = 0.5 y_k + 0.5 u_k, discrete eigenvalues 0.9 and 0.5
        int n = 50;
        double[] table = new double[n * 3];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        double x = 1;
        double y = -1;
        for (int k = 0; k < n; k++) {
            double u = rnd.nextGaussian();
            table[3 * k] = x;
            table[3 * k + 1] = y;
            table[3 * k + 2] = u;
            double nx = 0.9 * x + 0.1 * y + u;
            y = 0.5 * y + 0.5 * u;
            x = nx;
        }
        TextTable.write(tmp.resolve("c.csv"), java.util.List.of("x", "y", "u"), Tensor.of(table, n, 3));
        String head = "kind: dmd\ndata:\n  file: c.csv\n  columns: [x, y]\n  inputs: [u]\n  dt: 1\n";
        for (String method : new String[] {"{name: dmdc, rank: full}",
            "{name: dmdc, rank: full, input_matrix: [[1], [0.5]]}"}) {
            JsonNode s = run(parse(head + "method: " + method + "\ntruth_eigenvalues: [[0.9, 0], [0.5, 0]]\n"
                    + "truth_time: discrete\n"));
            assertThat(s.get("discrete_eigenvalue_error").asDouble()).isLessThan(1e-10);
            assertThat(s.get("reconstruction_error").asDouble()).isLessThan(1e-10);
        }
    }
}
