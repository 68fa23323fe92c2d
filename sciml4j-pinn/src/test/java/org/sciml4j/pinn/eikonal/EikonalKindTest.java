package org.sciml4j.pinn.eikonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.ProblemKinds;
import org.sciml4j.train.config.RunContext;

/** {@code kind: eikonal} files: a short run in a constant medium, and mistakes placed at their line and column. */
class EikonalKindTest {
    private static final String VELOCITY = "velocity: {gradient: {v0: 2.5, g: 0}}";
    private static final String CONSTANT = """
            kind: eikonal
            domain: {x: [0, 2], z: [0, 1]}
            velocity: {gradient: {v0: 2.5, g: 0}}
            collocation: {pairs: 250, source_points: 50}
            network: {layers: [12, 12], activation: tanh}
            training: {seed: 0, adam: {lr: 3e-3, epochs: 100}, lbfgs: 120, log_every: 50}
            evaluation: {grid: [31, 16], sources: 3, seed: 1}
            locate: {source: [1.3, 0.6], receivers: 8, noise: 0, starts: 2, iterations: 200}
            """;

    @TempDir
    Path dir;

    private ProblemFileException fails(String text) throws IOException {
        Path p = dir.resolve("bad.yaml");
        Files.writeString(p, text);
        try {
            ProblemKinds.read(p);
        } catch (ProblemFileException e) {
            return e;
        }
        throw new AssertionError("accepted:\n" + text);
    }

    /** T = |x - xs| / v exactly: the network learns u = 0 (tau = 1 / v) from random weights. */
    @Test
    void aConstantMediumIsLearnedToASmallError() throws IOException {
        Path p = dir.resolve("constant.yaml");
        Files.writeString(p, CONSTANT);
        EikonalRun run = (EikonalRun) ProblemKinds.read(p);
        Path out = Files.createDirectories(dir.resolve("run"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertThat(run.run(RunContext.of(out, new PrintStream(log, true, StandardCharsets.UTF_8)))).isZero();
        String s = Files.readString(out.resolve("summary.json"));
        assertThat(number(s, "relative_error")).isLessThan(3e-3);
        assertThat(number(s, "marching_relative_error")).isLessThan(1e-13); // exact in a constant medium
        assertThat(number(s, "location_error")).isLessThan(0.05);
        assertThat(out.resolve("contours.png")).exists();
        assertThat(out.resolve("times.npz")).exists();
        assertThat(number(s, "rays_reached")).isEqualTo(SurfaceRays.RECEIVERS_2D);
        assertThat(number(s, "ray_max_deviation")).isLessThan(0.01); // straight rays
    }

    /**
     * The 3-D path end to end, a short version of examples/eikonal/gradient-3d.yaml: the run completes with a
     * finite figure (measured 1.9 % after 150 epochs), fast marching on the 17 x 17 x 9 grid (h = 0.25 km) within
     * its tolerance of the closed form (measured 3.7e-3; 9.2e-4 with the spacing halved: order 2.0), and the 16
     * surface rays reach the source.
     */
    @Test
    void aShortThreeDimensionalGradientRunCompletes() throws IOException {
        Path p = dir.resolve("gradient-3d.yaml");
        Files.writeString(p, """
                kind: eikonal
                domain: {x: [0, 4], y: [0, 4], z: [0, 2]}
                velocity: {gradient: {v0: 2, g: 1.5}}
                collocation: {pairs: 300, source_points: 50, resample_every: 1}
                network: {layers: [16, 16], activation: tanh}
                training: {seed: 0, adam: {lr: 3e-3, epochs: 100}, lbfgs: 50, log_every: 50}
                evaluation: {grid: [17, 17, 9], sources: 2, seed: 1}
                """);
        EikonalRun run = (EikonalRun) ProblemKinds.read(p);
        Path out = Files.createDirectories(dir.resolve("run3d"));
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        assertThat(run.run(RunContext.of(out, new PrintStream(log, true, StandardCharsets.UTF_8)))).isZero();
        String s = Files.readString(out.resolve("summary.json"));
        assertThat(number(s, "relative_error")).isFinite().isLessThan(0.05);
        assertThat(number(s, "marching_relative_error")).isLessThan(5e-3);
        assertThat(number(s, "marching_order")).isGreaterThan(1.8);
        assertThat(number(s, "rays_reached")).isEqualTo(16);
        assertThat(out.resolve("times.npz")).exists();
    }

    private static double number(String json, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\" : ([-0-9.eE+]+)").matcher(json);
        assertThat(m.find()).as(key + " in " + json).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void mistakesArePlaced() throws IOException {
        ProblemFileException e = fails(CONSTANT.replace(VELOCITY, "velocity: \"2.5 - 3*z\""));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("finite and > 0").contains("is -0.03125 at [0.0, 0.84375]");
        e = fails(CONSTANT.replace(VELOCITY, "velocity: \"2.5 + y\""));
        assertThat(e.line()).isEqualTo(3);
        e = fails(CONSTANT.replace("collocation:", "colocation:"));
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("unknown key 'colocation'").contains("collocation");
        e = fails(CONSTANT.replace("activation: tanh", "activation: relu"));
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.getMessage()).contains("tanh or sin");
        e = fails(CONSTANT.replace("source: [1.3, 0.6]", "source: [1.3, 1.6]"));
        assertThat(e.line()).isEqualTo(8);
        assertThat(e.getMessage()).contains("outside the domain");
        e = fails(CONSTANT.replace("domain: {x: [0, 2], z: [0, 1]}", "domain: {x: [0, 2]}"));
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.getMessage()).contains("2 or 3 axes");
        e = fails(CONSTANT.replace("source_points: 50}", "source_points: 50, round: 100}"));
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.getMessage()).contains("resample_every");
        e = fails(CONSTANT + "residual: eikonal\n");
        assertThat(e.line()).isEqualTo(9);
        assertThat(e.getMessage()).contains("hamiltonian");
        e = fails(CONSTANT.replace(VELOCITY, "velocity: {file: missing.npz}"));
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("missing.npz").contains("not found");
    }
}
