package org.sciml4j.operators.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.Npz;
import org.sciml4j.operators.testdata.SyntheticOperators;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.ProblemKinds;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.RunnableProblem;
import org.sciml4j.train.config.YamlDocument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorKindTest {
    @TempDir
    Path dir;

    private Path data1d(int n, int s) throws IOException {
        Tensor[] d = SyntheticOperators.antiderivative(n, s, 1);
        Map<String, Tensor> a = new LinkedHashMap<>();
        a.put("inputs", d[0]);
        a.put("outputs", d[1]);
        a.put("x", d[2]);
        a.put("wrong", Tensor.zeros(n, s + 1));
        Path f = dir.resolve("anti.npz");
        Npz.write(f, a, false);
        return f;
    }

    private OperatorProblem read(String text) {
        return (OperatorProblem) new OperatorKind().read(YamlDocument.parse(text, dir.resolve("p.yaml")));
    }

    @Test
    void theKindIsFoundByItsName() {
        assertThat(ProblemKinds.names()).contains("operator");
    }

    @Test
    void badDataIsOneLineNamingTheFileAndTheArray() throws IOException {
        data1d(30, 16);
        String model = "model: {fno: {modes: 4, width: 4, layers: 1}}\n";
        assertThatThrownBy(() -> read("kind: operator\ndata: {file: anti.npz, train: 20, test: 5, inputs: u}\n"
                + model)).isInstanceOf(ProblemFileException.class)
                .hasMessageContaining("anti.npz has no array 'u'").hasMessageContaining("p.yaml, line 2");
        assertThatThrownBy(() -> read("kind: operator\ndata: {file: anti.npz, train: 20, test: 5, outputs: wrong}\n"
                + model)).hasMessageContaining("'inputs' [30, 16] and 'wrong' [30, 17] disagree");
        assertThatThrownBy(() -> read("kind: operator\ndata: {file: anti.npz, train: 20, test: 11}\n" + model))
                .hasMessageContaining("train 20 + test 11 > the 30 rows of 'inputs'");
        assertThatThrownBy(() -> read("kind: operator\ndata: {file: anti.npz, train: 20, test: 5}\n"
                + "model: {fno: {modes: 10}}\n")).hasMessageContaining("modes 10 > s/2 + 1 = 9")
                .hasMessageContaining("p.yaml, line 3");
        assertThatThrownBy(() -> read("kind: operator\ndata: {file: none.npz, train: 20, test: 5}\n" + model))
                .hasMessageContaining("none.npz: no such file");
        assertThatThrownBy(() -> read("kind: operator\ndata: {file: anti.npz, train: 20, test: 5}\n"
                + "model: {fno: {modez: 4}}\n")).hasMessageContaining("unknown key 'modez'")
                .hasMessageContaining("did you mean 'modes'");
        assertThatThrownBy(() -> read("kind: operator\ndata: {train: 20, test: 5}\n" + model))
                .hasMessageContaining("one of 'file:").hasMessageContaining("'generate:");
    }

    @Test
    void anOutputThatIsZeroEverywhereIsRefusedWhereARelativeErrorWouldDivideByItsNorm() throws IOException {
        Tensor[] d = SyntheticOperators.antiderivative(30, 16, 1);
        double[] out = d[1].toArray();
        java.util.Arrays.fill(out, 3 * 16, 4 * 16, 0.0); // row 3, a training function
        java.util.Arrays.fill(out, 27 * 16, 28 * 16, 0.0); // row 27, a test function (the last 5 rows)
        Map<String, Tensor> a = new LinkedHashMap<>();
        a.put("inputs", d[0]);
        a.put("outputs", Tensor.of(out, 30, 16));
        a.put("x", d[2]);
        Npz.write(dir.resolve("zero.npz"), a, false);
        String model = "model: {fno: {modes: 4, width: 4, layers: 1}}\n";
        String data = "kind: operator\ndata: {file: zero.npz, train: 20, test: 5}\n";
        assertThatThrownBy(() -> read(data + model)).isInstanceOf(ProblemFileException.class)
                .hasMessageContaining("p.yaml, line 2").hasMessageContaining("the output of row 3 (a training"
                        + " function) is zero everywhere").hasMessageContaining("loss: mse");
        assertThatThrownBy(() -> read(data + model + "training: {loss: mse}\n"))
                .hasMessageContaining("the output of row 27 (a test function) is zero everywhere");
        assertThat(read("kind: operator\ndata: {file: zero.npz, train: 20, test: 2}\n" + model
                + "training: {loss: mse}\n").data().test()).isEqualTo(2); // rows 20-27 unused: no error
    }

    @Test
    void dataFromAGeneratorSpecIsMadeOnceBesideTheSpec() throws IOException {
        Files.writeString(dir.resolve("anti.yaml"), "generator: antiderivative\nsamples: 30\nout: made/anti.npz\n"
                + "sensors: 16\ninput: {rbf: {points: 200}}\nthreads: 1\n");
        String text = "kind: operator\ndata: {generate: anti.yaml, train: 20, test: 10}\n"
                + "model: {deeponet: {branch: [8], trunk: [8], p: 8}}\n";
        read(text);
        Path made = dir.resolve("made/anti.npz");
        assertThat(made).isRegularFile();
        assertThat(dir.resolve("made/anti.json")).isRegularFile();
        long stamp = Files.getLastModifiedTime(made).toMillis();
        read(text);
        assertThat(Files.getLastModifiedTime(made).toMillis()).isEqualTo(stamp);
        Files.writeString(dir.resolve("bad.yaml"), "generator: antiderivative\nsamples: 0\n");
        assertThatThrownBy(() -> read("kind: operator\ndata: {generate: bad.yaml, train: 20, test: 10}\n"
                + "model: {deeponet: {branch: [8], trunk: [8], p: 8}}\n")).hasMessageContaining("bad.yaml")
                .hasMessageContaining("line 2");
    }

    @Test
    void aSmallDeepOnetRunWritesItsResults() throws IOException {
        data1d(140, 16);
        RunnableProblem p = read("""
                kind: operator
                name: tiny
                seed: 3
                data: {file: anti.npz, train: 120, test: 20}
                model: {deeponet: {branch: [32], trunk: [32], p: 32, activation: relu}}
                training: {adam: {lr: 3.0e-3, epochs: 400}, log_every: 100}
                """);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertThat(p.run(RunContext.of(dir, new PrintStream(buf, true)))).isZero();
        JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertThat(s.get("relative_error").asDouble()).isLessThan(0.3);
        assertThat(s.get("relative_error_worst").asDouble()).isGreaterThanOrEqualTo(s.get("relative_error")
                .asDouble());
        assertThat(s.get("parameters").asLong()).isEqualTo(16 * 32 + 32 + 32 * 32 + 32 + 32 + 32 + 32 * 32 + 32 + 1);
        assertThat(s.get("epochs").asInt()).isEqualTo(400);
        String[] lines = Files.readString(dir.resolve("loss.tsv")).strip().split("\n");
        assertThat(lines).hasSize(401);
        double firstTotal = Double.parseDouble(lines[1].split("\t")[1]);
        assertThat(s.get("final_loss").asDouble()).isEqualTo(Double.parseDouble(lines[400].split("\t")[1]))
                .isLessThan(firstTotal / 10);
        for (String f : new String[] {"model.safetensors", "loss.tsv", "loss.png", "predictions.npz", "test-0.png",
                "test-2.png"}) {
            assertThat(dir.resolve(f)).exists();
        }
        assertThat(Npz.read(dir.resolve("predictions.npz")).get("predictions").shape()).containsExactly(20, 16);
        assertThat(buf.toString()).contains("tiny: test relative L2");
    }

    @Test
    void theLogAndLossTsvCountOptimiserStepsAndSaySo() throws IOException {
        data1d(50, 16);
        // 40 training functions in batches of 10: 4 steps per epoch, 3 epochs = 12 steps, a line every 2 epochs
        RunnableProblem p = read("""
                kind: operator
                data: {file: anti.npz, train: 40, test: 10}
                model: {deeponet: {branch: [8], trunk: [8], p: 8}}
                training: {adam: {lr: 1.0e-3, epochs: 3, batch: 10}, log_every: 2}
                """);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertThat(p.run(RunContext.of(dir, new PrintStream(buf, true)))).isZero();
        String log = buf.toString();
        assertThat(log).contains("3 epochs of 4 steps").containsPattern("(?m)^adam  step +8  loss ")
                .doesNotContainPattern("step +4  loss").doesNotContain("adam  epoch");
        String[] lines = Files.readString(dir.resolve("loss.tsv")).strip().split("\n");
        assertThat(lines).hasSize(13);
        assertThat(lines[0]).startsWith("step\ttotal\t");
        assertThat(lines[12]).startsWith("12.0\t");
        assertThat(new ObjectMapper().readTree(dir.resolve("summary.json").toFile()).get("steps").asInt())
                .isEqualTo(12);
    }

    @Test
    void aPhysicsInformedRunNeedsNoOutputDataAndAnFnoRunIn2dDrawsHeatMaps() throws IOException {
        data1d(60, 16);
        RunnableProblem pi = read("""
                kind: operator
                data: {file: anti.npz, train: 40, test: 20}
                model: {deeponet: {branch: [32], trunk: [32], p: 32, activation: tanh}}
                physics: {antiderivative: {s0: 0}}
                training: {adam: {lr: 3.0e-3, epochs: 300}}
                """);
        Path piDir = Files.createDirectories(dir.resolve("pi"));
        assertThat(pi.run(RunContext.of(piDir, new PrintStream(new ByteArrayOutputStream())))).isZero();
        JsonNode s = new ObjectMapper().readTree(piDir.resolve("summary.json").toFile());
        assertThat(s.get("relative_error").asDouble()).isLessThan(0.5); // untrained: about 1
        assertThat(Files.readString(piDir.resolve("loss.tsv"))).contains("residual").contains("initial");

        Tensor[] d = SyntheticOperators.smoothing2d(24, 8, 2);
        Map<String, Tensor> a = new LinkedHashMap<>();
        a.put("inputs", d[0]);
        a.put("outputs", d[1]);
        Npz.write(dir.resolve("smooth.npz"), a, false);
        RunnableProblem fno = read("""
                kind: operator
                data: {file: smooth.npz, train: 20, test: 4}
                model: {fno: {modes: 3, width: 6, layers: 2, padding: 0.25}}
                training: {adam: {lr: 3.0e-3, epochs: 5, batch: 5, step: 2}}
                """);
        Path fnoDir = Files.createDirectories(dir.resolve("fno"));
        assertThat(fno.run(RunContext.of(fnoDir, new PrintStream(new ByteArrayOutputStream())))).isZero();
        for (String f : new String[] {"test-0-input.png", "test-0-truth.png", "test-0-prediction.png",
                "test-0-error.png"}) {
            assertThat(fnoDir.resolve(f)).exists();
        }
        JsonNode f = new ObjectMapper().readTree(fnoDir.resolve("summary.json").toFile());
        assertThat(f.get("steps").asInt()).isEqualTo(20);
        assertThat(f.get("relative_error").asDouble()).isLessThan(1.0);
    }

    @Test
    void aDeepOnetTrainsOnPerFunctionPointsAndReportsTheirTestMse() throws IOException {
        Files.writeString(dir.resolve("anti.yaml"), "generator: antiderivative\nsamples: 160\nout: anti-q.npz\n"
                + "sensors: 16\nqueries: 4\ninput: {rbf: {points: 200}}\nthreads: 1\n");
        RunnableProblem p = read("""
                kind: operator
                seed: 1
                data: {generate: anti.yaml, train: 120, test: 40, points: points, values: values}
                model: {deeponet: {branch: [32], trunk: [32], p: 32, activation: relu}}
                training: {adam: {lr: 3.0e-3, epochs: 400}, log_every: 100}
                """);
        assertThat(p.run(RunContext.of(dir, new PrintStream(new ByteArrayOutputStream())))).isZero();
        JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        Tensor values = Npz.read(dir.resolve("anti-q.npz")).get("values").slice(0, 120, 160);
        double meanSquare = values.square().mean().item();
        // 480 training triples: the test MSE at the points far below the values' mean square, and the same model
        // on the test functions' whole grids (never trained on) of the same order
        assertThat(s.get("test_mse").asDouble()).isLessThan(meanSquare / 20);
        assertThat(s.get("test_mse_grid").asDouble()).isLessThan(meanSquare / 5);
        assertThat(s.get("relative_error").asDouble()).isLessThan(0.5);
        assertThat(s.get("steps").asInt()).isEqualTo(400);

        assertThatThrownBy(() -> read("kind: operator\ndata: {file: anti-q.npz, train: 20, test: 5, points: points}\n"
                + "model: {fno: {modes: 4, width: 4, layers: 1}}\n"))
                .hasMessageContaining("query points ('points:'/'values:') train a DeepONet only")
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> read("kind: operator\ndata: {file: anti-q.npz, train: 20, test: 5, points: points,"
                + " values: outputs}\nmodel: {deeponet: {branch: [8], trunk: [8], p: 8}}\n"))
                .hasMessageContaining("'points' [160, 4] and 'outputs' [160, 16] must both be (N, Q)");
    }
}
