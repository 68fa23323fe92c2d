package org.sciml4j.inference.generative.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.inference.generative.FieldGenerator;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.ProblemKinds;
import org.sciml4j.train.config.RunContext;

/** flow_matching files: mistakes placed at line and column, data from an npz file, and a tiny PCFM run end to end. */
class FlowMatchingProblemFileTest {
    @TempDir
    Path tmp;

    private FlowMatchingProblem parse(String text) {
        return (FlowMatchingProblem) ProblemKinds.parse(text, tmp.resolve("p.yaml"));
    }

    private void fails(String text, int line, int column, String words) {
        assertThatThrownBy(() -> parse(text)).isInstanceOfSatisfying(ProblemFileException.class, e -> {
            assertThat(e.problem()).contains(words);
            assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
            assertThat(e.column()).as(e.getMessage()).isEqualTo(column);
        });
    }

    private static final String GEN = "kind: flow_matching\ndata: {generator: heat, samples: 40, held_out: 20,"
            + " grid: 12, modes: 2, energy: 3.0}\n";

    @Test
    void mistakesArePlaced() {
        fails(GEN + "sampling: {methd: pcfm}\n", 3, 12, "did you mean 'method'");
        fails(GEN + "sampling: {method: pcfn}\nconstraints: [{name: mass}]\n", 3, 20, "did you mean 'pcfm'");
        fails(GEN + "sampling: {method: pcfm}\n", 3, 11, "needs constraints");
        fails(GEN + "sampling: {method: pcfm}\nconstraints:\n  - {name: energi}\n", 5, 12, "did you mean 'energy'");
        fails(GEN + "constraints:\n  - {name: mass}\n  - {name: mass}\n", 5, 12, "given twice");
        fails("kind: flow_matching\ndata: {generator: heat, grid: 12, modes: 6}\n", 2, 7, "modes must be in [1, 5]");
        fails("kind: flow_matching\ndata: {generator: heat, file: x.npz}\n", 2, 7, "not both");
        fails(GEN + "training: {sigma_min: 1.5}\n", 3, 23, "sigma_min must be in [0, 1)");
        fails(GEN + "network: {activation: tahn}\n", 3, 23, "tahn");
        fails("kind: flow_matching\ndata: {file: missing.npz}\n", 2, 14, "cannot read");
    }

    @Test
    void aBatchOfAtLeastTheTrainingSetMeansAllOfIt() throws Exception {
        assertThat(parse(GEN + "training: {batch: 0}\n").training().batch()).isZero();
        fails(GEN + "training: {batch: -1}\n", 3, 19, "expected a whole number >= 0, got -1");
        FlowMatchingProblem p = parse(GEN + "network: {hidden: [8]}\ntraining: {epochs: 3, batch: 64}\n"
                + "sampling: {steps: 2, samples: 4}\n");
        assertThat(p.training().batch()).isEqualTo(64);
        Path dir = Files.createDirectories(tmp.resolve("run"));
        int rc = p.run(new RunContext(dir, null, null, true, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), () -> false, reason -> { }));
        assertThat(rc).isZero();
        assertThat(Files.readAllLines(dir.resolve("loss.tsv"))).hasSize(4);
    }

    @Test
    void theExamplesRead() {
        Path root = Path.of(System.getProperty("sciml4j.repoRoot", "..")).resolve("examples/generative");
        FlowMatchingProblem pcfm = (FlowMatchingProblem) ProblemKinds.read(root.resolve(
                "flow-matching-constrained.yaml"));
        assertThat(pcfm.method()).isEqualTo("pcfm");
        assertThat(pcfm.constraints()).hasSize(2);
        assertThat(pcfm.data().trainCount()).isEqualTo(512);
        FlowMatchingProblem plain = (FlowMatchingProblem) ProblemKinds.read(root.resolve("flow-matching-plain.yaml"));
        assertThat(plain.method()).isEqualTo("plain");
        assertThat(plain.data().n()).isEqualTo(32);
    }

    @Test
    void npzFieldsAreSplitIntoTrainingAndHeldOut() throws Exception {
        double[] u = new double[10 * 4];
        for (int i = 0; i < u.length; i++) {
            u[i] = i;
        }
        Npz.write(tmp.resolve("f.npz"), Map.of("u", Tensor.of(u, 10, 4)), false);
        FlowMatchingProblem p = parse("kind: flow_matching\ndata: {file: f.npz, held_out: 3, length: 2.0}\n"
                + "training: {batch: 7}\n");
        assertThat(p.data().trainCount()).isEqualTo(7);
        assertThat(p.data().heldOut()[0]).isEqualTo(28.0);
        assertThat(p.data().dx()).isEqualTo(0.5);
        fails("kind: flow_matching\ndata: {file: f.npz, array: v}\n", 2, 28, "has no array 'v'");
    }

    @Test
    void tinyPcfmRunMeetsTheConstraintsAndWritesItsResults() throws Exception {
        FlowMatchingProblem p = parse("kind: flow_matching\nseed: 3\n"
                + "data: {generator: heat, samples: 96, held_out: 48, grid: 12, modes: 2, mean: 0.25, energy: 3.0}\n"
                + "network: {hidden: [32, 32]}\ntraining: {epochs: 100, batch: 32}\n"
                + "sampling: {method: pcfm, steps: 10, samples: 32}\n"
                + "constraints: [{name: mass}, {name: energy, target: 3.0}]\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path dir = Files.createDirectories(tmp.resolve("run"));
        int rc = p.run(new RunContext(dir, null, null, true, new PrintStream(out, true, StandardCharsets.UTF_8),
                () -> false, reason -> { }));
        assertThat(rc).isZero();
        JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        FieldGenerator g = new FieldGenerator("heat", 12, 2, 2 * Math.PI, 0.05, 1, 0.25, 3.0);
        assertThat(s.get("constraints").get("mass").asDouble()).isCloseTo(g.mass(),
                org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.get("violations").get("mass").asDouble()).isLessThan(1e-10);
        assertThat(s.get("violations").get("energy").asDouble()).isLessThan(1e-6);
        assertThat(s.get("constraint_violation_unconstrained").asDouble()).isGreaterThan(1e-3);
        assertThat(s.get("constraint_violation_data").asDouble()).isLessThan(1e-12);
        assertThat(s.get("mmd").asDouble()).isBetween(0.0, Math.sqrt(2));
        assertThat(Npz.read(dir.resolve("samples.npz"), "samples").shape()).containsExactly(32, 12);
        assertThat(dir.resolve("samples.png")).exists();
        assertThat(dir.resolve("violations.png")).exists();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("pcfm", "unconstrained");
    }
}
