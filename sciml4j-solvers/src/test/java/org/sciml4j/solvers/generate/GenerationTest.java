package org.sciml4j.solvers.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.Npz;
import org.sciml4j.solvers.pde.SineGordon1d;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.YamlDocument;

class GenerationTest {
    @TempDir
    Path dir;

    static GeneratorSpec spec(String text) {
        return GeneratorSpec.parse(YamlDocument.parse(text, Path.of("spec.yaml")));
    }

    @Test
    void sameBitsForAnyNumberOfThreads() {
        GeneratorSpec s = spec("""
                generator: burgers
                samples: 7
                seed: 11
                resolution: 16
                fine_grid: 64
                dt: 0.05
                """);
        Generation.Result one = Generation.run(s.generator(), 7, 11, 1, (d, t) -> { });
        Generation.Result two = Generation.run(s.generator(), 7, 11, 2, (d, t) -> { });
        Generation.Result three = Generation.run(s.generator(), 7, 11, 3, (d, t) -> { });
        assertThat(two.inputs()).isEqualTo(one.inputs());
        assertThat(two.outputs()).isEqualTo(one.outputs());
        assertThat(three.outputs()).isEqualTo(one.outputs());
        Generation.Result other = Generation.run(s.generator(), 7, 12, 2, (d, t) -> { });
        assertThat(other.inputs()[0]).isNotEqualTo(one.inputs()[0]);
        // sample i does not depend on how many samples are drawn
        Generation.Result fewer = Generation.run(s.generator(), 3, 11, 2, (d, t) -> { });
        assertThat(java.util.Arrays.copyOf(one.outputs(), 3 * 16)).isEqualTo(fewer.outputs());
    }

    @Test
    void writesTheDataContract(@TempDir Path tmp) throws IOException {
        GeneratorSpec s = spec("""
                generator: darcy
                samples: 3
                resolution: 9
                fine_grid: 33
                """);
        Generation.Result r = Generation.run(s.generator(), 3, 0, 2, (d, t) -> { });
        Path npz = tmp.resolve("sub/darcy.npz");
        Path json = Generation.write(npz, s.generator(), r, 0);
        assertThat(json).isEqualTo(tmp.resolve("sub/darcy.json"));
        Map<String, Tensor> arrays = Npz.read(npz);
        assertThat(arrays.keySet()).containsExactly("inputs", "outputs", "x", "y");
        assertThat(arrays.get("inputs").shape()).containsExactly(3, 9, 9);
        assertThat(arrays.get("outputs").shape()).containsExactly(3, 9, 9);
        assertThat(arrays.get("x").shape()).containsExactly(9);
        double[] a = arrays.get("inputs").toArray();
        assertThat(a).containsOnly(3.0, 12.0);
        double[] u = arrays.get("outputs").toArray();
        assertThat(u[0]).isZero(); // boundary
        assertThat(u[4 * 9 + 4]).isBetween(0.001, 0.1);
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.get("generator").asText()).isEqualTo("darcy");
        assertThat(j.get("seed").asLong()).isZero();
        assertThat(j.get("settings").get("fine_grid").asInt()).isEqualTo(33);
        assertThat(j.get("settings").get("input").get("tau").asDouble()).isEqualTo(3.0);
        assertThat(j.get("seconds").isNumber()).isTrue();
    }

    @Test
    void everyGeneratorMakesItsShapes() {
        assertShapes("generator: antiderivative\nsamples: 2\nsensors: 20\ninput: {rbf: {points: 200}}\n",
                new int[] {20}, new int[] {20});
        assertShapes("generator: diffusion-reaction\nsamples: 2\nresolution: 11\nfine_grid: 41\ndt: 0.01\n"
                + "input: {rbf: {points: 100}}\n", new int[] {11}, new int[] {11});
        assertShapes("generator: sine-gordon\nsamples: 2\nresolution: 16\nfine_grid: 64\ndt: 0.01\n"
                + "velocity_scale: 0.5\n", new int[] {2, 16}, new int[] {2, 16});
    }

    private static void assertShapes(String text, int[] in, int[] out) {
        GeneratorSpec s = spec(text);
        assertThat(s.generator().inputShape()).isEqualTo(in);
        assertThat(s.generator().outputShape()).isEqualTo(out);
        Generation.Result r = Generation.run(s.generator(), s.samples(), s.seed(), 2, (d, t) -> { });
        assertThat(java.util.Arrays.stream(r.outputs()).allMatch(Double::isFinite)).isTrue();
        assertThat(java.util.Arrays.stream(r.outputs()).anyMatch(v -> v != 0)).isTrue();
    }

    @Test
    void antiderivativeOutputsAreTheIntegralOfTheInputs() {
        GeneratorSpec s = spec("generator: antiderivative\nsamples: 1\nsensors: 1001\ninput: {rbf: {points: 1001}}\n");
        Generation.Result r = Generation.run(s.generator(), 1, 0, 1, (d, t) -> { });
        double[] v = r.inputs();
        double[] u = r.outputs();
        double trapezoid = 0;
        for (int i = 1; i < v.length; i++) {
            trapezoid += 0.5 * (v[i - 1] + v[i]) / 1000;
        }
        assertThat(u[0]).isZero();
        assertThat(u[1000]).isCloseTo(trapezoid, within(1e-12));
    }

    @Test
    void antiderivativeQueriesAreTheExactIntegralAtRandomPoints(@TempDir Path tmp) throws IOException {
        // sensors = nodes: the input function is the piecewise-linear one through the written sensor values, whose
        // integral from 0 to x is whole trapezoids plus the partial cell, computed here independently
        String base = "generator: antiderivative\nsamples: 4\nsensors: 21\ninput: {rbf: {points: 21}}\n";
        GeneratorSpec plain = spec(base);
        GeneratorSpec queried = spec(base + "queries: 3\n");
        assertThat(queried.generator().outputShape()).containsExactly(21 + 2 * 3);
        Generation.Result r = Generation.run(queried.generator(), 4, 0, 2, (d, t) -> { });
        Generation.Result r0 = Generation.run(plain.generator(), 4, 0, 2, (d, t) -> { });
        assertThat(r.inputs()).containsExactly(r0.inputs()); // the field is drawn first, then the points
        Path npz = tmp.resolve("q.npz");
        Generation.write(npz, queried.generator(), r, 0);
        Map<String, Tensor> a = Npz.read(npz);
        assertThat(a.keySet()).containsExactly("inputs", "outputs", "points", "values", "x");
        assertThat(a.get("points").shape()).containsExactly(4, 3);
        assertThat(a.get("outputs").toArray()).containsExactly(r0.outputs());
        double h = 1.0 / 20;
        for (int i = 0; i < 4; i++) {
            double[] v = a.get("inputs").slice(0, i, i + 1).toArray();
            for (int q = 0; q < 3; q++) {
                double x = a.get("points").get(i, q);
                assertThat(x).isBetween(0.0, 1.0);
                int cell = Math.min((int) (x / h), 19);
                double integral = 0;
                for (int c = 0; c < cell; c++) {
                    integral += 0.5 * h * (v[c] + v[c + 1]);
                }
                double w = x - cell * h;
                double vx = v[cell] + (v[cell + 1] - v[cell]) * w / h;
                integral += 0.5 * w * (v[cell] + vx);
                assertThat(a.get("values").get(i, q)).isCloseTo(integral, within(1e-13));
            }
        }
        assertThat(a.get("points").get(0, 0)).isNotEqualTo(a.get("points").get(1, 0));
    }

    @Test
    void sineGordonDataKeepTheirEnergy() {
        GeneratorSpec s = spec("generator: sine-gordon\nsamples: 2\nresolution: 256\nfine_grid: 256\ndt: 0.005\n"
                + "time: 5\nvelocity_scale: 1\n");
        Generation.Result r = Generation.run(s.generator(), 2, 3, 2, (d, t) -> { });
        for (int n = 0; n < 2; n++) {
            int o = n * 512;
            double e0 = SineGordon1d.energy(java.util.Arrays.copyOfRange(r.inputs(), o, o + 256),
                    java.util.Arrays.copyOfRange(r.inputs(), o + 256, o + 512), 10);
            double e1 = SineGordon1d.energy(java.util.Arrays.copyOfRange(r.outputs(), o, o + 256),
                    java.util.Arrays.copyOfRange(r.outputs(), o + 256, o + 512), 10);
            assertThat(e1).isCloseTo(e0, within(1e-3 * e0));
        }
    }

    @Test
    void mistakesArePlacedAtLineAndColumn() {
        assertThatThrownBy(() -> spec("generator: burgers\nsamples: 10\nviscosty: 0.1\n"))
                .hasMessageContaining("spec.yaml, line 3, column 1:").hasMessageContaining("unknown key 'viscosty'")
                .hasMessageContaining("did you mean 'viscosity'");
        assertThatThrownBy(() -> spec("generator: burgers\nsamples: ten\n"))
                .hasMessageContaining("spec.yaml, line 2, column 10:");
        assertThatThrownBy(() -> spec("generator: burgers\nsamples: 10\nviscosity: -1\n"))
                .hasMessageContaining("spec.yaml, line 3, column 12:").hasMessageContaining("'viscosity' must be >= 0");
        assertThatThrownBy(() -> spec("generator: burgers\nsamples: 10\nresolution: 300\n"))
                .hasMessageContaining("spec.yaml, line 3, column 13:")
                .hasMessageContaining("must divide 'fine_grid' 8192");
        assertThatThrownBy(() -> spec("generator: burger\nsamples: 10\n"))
                .hasMessageContaining("spec.yaml, line 1, column 12:").hasMessageContaining("did you mean 'burgers'");
        assertThatThrownBy(() -> spec("generator: darcy\n"))
                .hasMessageContaining("missing 'samples'");
        assertThatThrownBy(() -> spec("generator: darcy\nsamples: 5\ninput: {grf: {tau: 3, alfa: 2}}\n"))
                .hasMessageContaining("spec.yaml, line 3, column 23:").hasMessageContaining("did you mean 'alpha'");
        assertThatThrownBy(() -> spec("generator: darcy\nsamples: 5\nfine_grid: 100\n"))
                .hasMessageContaining("must be a multiple of 'resolution' - 1");
        assertThatThrownBy(() -> spec("generator: darcy\nsamples: 5\nout: a.csv\n"))
                .hasMessageContaining("spec.yaml, line 3, column 6:").hasMessageContaining(".npz");
    }

    @Test
    void missingOutputFoldersAreMadeAndAFileInTheWayIsRefusedBeforeAnyWork() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "not a folder");
        String head = "generator: antiderivative\nsamples: 2\nsensors: 8\ninput: {rbf: {points: 50}}\nout: ";
        assertThatThrownBy(() -> spec(head + file.resolve("sub/x.npz") + "\n"))
                .hasMessageContaining("spec.yaml, line 5, column 6:")
                .hasMessageContaining("cannot be written: " + file + " is a file, not a folder");
        // --out of `sciml4j generate` is not read from the spec: make() fails before generating
        GeneratorSpec ok = spec(head + dir.resolve("a/b/x.npz") + "\n");
        java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
        java.io.PrintStream print = new java.io.PrintStream(log, true);
        assertThatThrownBy(() -> ok.with(null, file.resolve("x.npz"), 1).make(print))
                .isInstanceOf(IOException.class).hasMessage("cannot create the folder " + file + " for "
                        + file.resolve("x.npz") + ": " + file + " is a file, not a folder");
        assertThat(log.toString()).doesNotContain("generating");
        // like `sciml4j run --out`, missing folders are created with their parents
        ok.with(null, null, 1).make(print);
        assertThat(dir.resolve("a/b/x.npz")).isRegularFile();
        assertThat(dir.resolve("a/b/x.json")).isRegularFile();
    }

    @Test
    void aThreadCountBeyondAnyPoolIsPlaced() {
        assertThatThrownBy(() -> spec("generator: antiderivative\nsamples: 2\nthreads: 100000\n"))
                .hasMessageStartingWith("spec.yaml, line 3, column 10: threads 100000: at most 32768");
    }

    @Test
    void sampleSeedsDifferAndRepeat() {
        assertThat(SampleSeeds.of(0, 0)).isNotEqualTo(SampleSeeds.of(0, 1)).isNotEqualTo(SampleSeeds.of(1, 0));
        assertThat(SampleSeeds.of(5, 7)).isEqualTo(SampleSeeds.of(5, 7));
    }

    @Test
    void aFailingSampleNamesItsIndex() {
        Generator bad = new Generator() {
            public String name() {
                return "bad";
            }

            public int[] inputShape() {
                return new int[] {1};
            }

            public int[] outputShape() {
                return new int[] {1};
            }

            public Map<String, double[]> coordinates() {
                return Map.of();
            }

            public Map<String, Object> settings() {
                return Map.of();
            }

            public Sampler newSampler() {
                return (rng, in, out) -> {
                    throw new IllegalStateException("diverged");
                };
            }
        };
        assertThatThrownBy(() -> Generation.run(bad, 3, 0, 2, (d, t) -> { }))
                .hasMessageMatching("bad: sample \\d failed: diverged");
        assertThat(Files.exists(dir)).isTrue();
    }
}
