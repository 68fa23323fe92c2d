package org.sciml4j.operators.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.Npz;
import org.sciml4j.operators.testdata.SyntheticOperators;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.ProblemKinds;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.YamlDocument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** {@code physics: {energy: sine_gordon}}: the problem file's checks, a tiny run, and the two examples. */
class HamiltonianPenaltyTest {
    @TempDir
    Path dir;

    /** 16 sine-Gordon pairs at 32 points (L = 10, t = 0.5) made by the generator from a spec beside the file. */
    private void sineGordonSpec() throws IOException {
        Files.writeString(dir.resolve("sg.yaml"), """
                generator: sine-gordon
                samples: 16
                out: sg.npz
                resolution: 32
                fine_grid: 128
                length: 10.0
                time: 0.5
                dt: 0.02
                velocity_scale: 0.5
                threads: 1
                input: {grf: {sigma: 30, tau: 3, alpha: 2, modes: 8}}
                """);
    }

    private OperatorProblem read(String text) {
        return (OperatorProblem) new OperatorKind().read(YamlDocument.parse(text, dir.resolve("p.yaml")));
    }

    @Test
    void mistakesAreOneLineInTheFile() throws IOException {
        sineGordonSpec();
        String data = "data: {generate: sg.yaml, train: 8, test: 4, input_fields: 2}\n";
        String fno = "model: {fno: {modes: 4, width: 4, layers: 1}}\n";
        assertThatThrownBy(() -> read("kind: operator\n" + data + fno + "physics: {energy: sine_gordn}\n"))
                .isInstanceOf(ProblemFileException.class).hasMessageContaining("unknown energy 'sine_gordn'")
                .hasMessageContaining("did you mean 'sine_gordon'").hasMessageContaining("p.yaml, line 4");
        assertThatThrownBy(() -> read("kind: operator\n" + data + fno
                + "physics: {energy: sine_gordon, states: 5}\n"))
                .hasMessageContaining("train 8 + states 5 + test 4 > the 16 rows");
        assertThatThrownBy(() -> read("kind: operator\n" + data + fno
                + "physics: {energy: sine_gordon, weight: -1}\n")).hasMessageContaining("weight must be finite");
        assertThatThrownBy(() -> read("kind: operator\n" + data + fno
                + "physics: {energy: sine_gordon, antiderivative: {}}\n")).hasMessageContaining("needs one of");
        assertThatThrownBy(() -> read("kind: operator\n" + data.replace("input_fields: 2", "input_fields: 3") + fno))
                .hasMessageContaining("has 2 fields on axis 1, input_fields says 3");
        assertThatThrownBy(() -> read("kind: operator\n" + data
                + "model: {deeponet: {branch: [8], trunk: [8], p: 8}}\n"))
                .hasMessageContaining("a DeepONet reads one input function");
        // without input_fields the (N, 2, 32) inputs read as a 2 x 32 grid, which the x array (32,) contradicts
        assertThatThrownBy(() -> read("kind: operator\n" + data.replace(", input_fields: 2", "") + fno))
                .hasMessageContaining("array 'x' [32] must be (2,)")
                .hasMessageContaining("say 'input_fields: 2' under data");
        Map<String, Tensor> oneOut = new LinkedHashMap<>();
        oneOut.put("inputs", Tensor.randn(new Rng(1), 16, 2, 32));
        oneOut.put("outputs", Tensor.randn(new Rng(2), 16, 32));
        Npz.write(dir.resolve("one.npz"), oneOut, false);
        assertThatThrownBy(() -> read("kind: operator\ndata: {file: one.npz, train: 8, test: 4, input_fields: 2}\n"
                + fno + "physics: {energy: sine_gordon}\n")).hasMessageContaining("outputs (N, 2, s)")
                .hasMessageContaining("outputs [16, 32]").hasMessageContaining("one.npz");
        Tensor[] anti = SyntheticOperators.antiderivative(20, 16, 1);
        Map<String, Tensor> a = new LinkedHashMap<>();
        a.put("inputs", anti[0]);
        a.put("outputs", anti[1]);
        Npz.write(dir.resolve("anti.npz"), a, false);
        assertThatThrownBy(() -> read("kind: operator\ndata: {file: anti.npz, train: 10, test: 5}\n"
                + "model: {deeponet: {branch: [8], trunk: [8], p: 8}}\nphysics: {energy: sine_gordon}\n"))
                .hasMessageContaining("needs 'model: {fno");
        assertThatThrownBy(() -> read("kind: operator\ndata: {file: anti.npz, train: 10, test: 5}\n"
                + "model: {deeponet: {branch: [8], trunk: [8], p: 8}}\nphysics: {antiderivative: {}, weight: 2}\n"))
                .hasMessageContaining("'weight' belongs to 'energy:'");
    }

    @Test
    void aTinyRunTrainsThePenaltyAndReportsTheDrift() throws IOException {
        sineGordonSpec();
        String text = """
                kind: operator
                data: {generate: sg.yaml, train: 8, test: 4, input_fields: 2}
                model: {fno: {modes: 4, width: 6, layers: 2}}
                physics: {energy: sine_gordon, weight: WEIGHT, states: 4}
                training: {adam: {lr: 3.0e-3, epochs: 6, batch: 4, step: 3}}
                """;
        OperatorProblem with = read(text.replace("WEIGHT", "2.5"));
        PhysicsSpec.Energy energy = (PhysicsSpec.Energy) with.physics();
        assertThat(energy.penalty().energy().length()).isCloseTo(10, within(1e-12)); // from x_j = 10 j / 32
        assertThat(energy.unlabelled(with.data()).shape()).containsExactly(4, 2, 32);
        JsonNode s = run(with, "with");
        assertThat(s.get("steps").asInt()).isEqualTo(12);
        assertThat(s.get("energy_weight").asDouble()).isEqualTo(2.5);
        assertThat(s.get("energy_states").asInt()).isEqualTo(4);
        assertThat(s.get("energy_drift").asDouble()).isGreaterThan(0);
        assertThat(s.get("energy_drift_data").asDouble()).isLessThan(1e-3); // the solver's pairs keep the energy
        List<String> header = List.of(Files.readAllLines(dir.resolve("with/loss.tsv")).get(0).split("\t"));
        assertThat(header).contains("relative_l2", "energy");
        // weight 0: the same model without the term, the drift still reported
        JsonNode without = run(read(text.replace("WEIGHT", "0")), "without");
        assertThat(without.get("energy_drift").asDouble()).isGreaterThan(0);
        assertThat(Files.readAllLines(dir.resolve("without/loss.tsv")).get(0)).doesNotContain("energy");
        assertThat(dir.resolve("without/test-0.png")).exists();
    }

    private JsonNode run(OperatorProblem p, String name) throws IOException {
        Path out = Files.createDirectories(dir.resolve(name));
        assertThat(p.run(RunContext.of(out, new PrintStream(new ByteArrayOutputStream())))).isZero();
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void theExamplesReadAndDifferOnlyInTheWeight() throws IOException {
        Files.createDirectories(dir.resolve("data"));
        Map<String, Tensor> a = new LinkedHashMap<>();
        a.put("inputs", Tensor.randn(new Rng(1), 300, 2, 64));
        a.put("outputs", Tensor.randn(new Rng(2), 300, 2, 64));
        double[] x = new double[64];
        for (int j = 0; j < 64; j++) {
            x[j] = 10.0 * j / 64;
        }
        a.put("x", Tensor.wrap(x, 64));
        Npz.write(dir.resolve("data/sine-gordon-64.npz"), a, false);
        Path examples = OperatorExamplesTest.examples();
        Files.copy(examples.resolve("data/sine-gordon-64.yaml"), dir.resolve("data/sine-gordon-64.yaml"));
        double[] weights = new double[2];
        String[] files = {"fno-sine-gordon.yaml", "fno-sine-gordon-energy.yaml"};
        for (int i = 0; i < 2; i++) {
            OperatorProblem p = (OperatorProblem) ProblemKinds.read(Files.copy(examples.resolve(files[i]),
                    dir.resolve(files[i])));
            assertThat(p.name()).isEqualTo(files[i].replace(".yaml", ""));
            assertThat(p.data().inputFields()).isEqualTo(2);
            PhysicsSpec.Energy e = (PhysicsSpec.Energy) p.physics();
            assertThat(p.data().train() + e.states() + p.data().test()).isLessThanOrEqualTo(300);
            weights[i] = e.penalty().weight();
        }
        assertThat(weights[0]).isZero();
        assertThat(weights[1]).isPositive();
    }
}
