package org.sciml4j.operators.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.Npz;
import org.sciml4j.io.SafeTensors;
import org.sciml4j.operators.fno.Fno;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.ProblemFileException;
import org.sciml4j.train.config.RunContext;
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
import static org.assertj.core.api.Assertions.offset;

/**
 * Extra test sets evaluated without retraining ({@code evaluation:} entries and {@code sciml4j evaluate}): at the
 * training resolution they repeat the run's own figures to the bit, a model whose output is the same at every
 * resolution gives the analytic figure at every resolution, and sets the model cannot take are one placed line.
 */
class TestSetEvaluationTest {
    private static final String TINY_FNO = "model: {fno: {modes: 4, width: 8, layers: 1}}\n";

    @TempDir
    Path dir;

    /**
     * {@code n} periodic pairs on {@code x_j = j / s}: u = a sin(2 pi x) + b cos(4 pi x),
     * v = a cos(2 pi x) - b sin(4 pi x) (each mode shifted by a quarter period), a and b the same for every s: the same
     * functions at any resolution.
     */
    private Path periodic(String name, int n, int s) throws IOException {
        Rng rng = new Rng(7);
        double[] u = new double[n * s];
        double[] v = new double[n * s];
        double[] x = new double[s];
        for (int i = 0; i < n; i++) {
            double a = rng.normal();
            double b = rng.normal();
            for (int j = 0; j < s; j++) {
                x[j] = (double) j / s;
                u[i * s + j] = a * Math.sin(2 * Math.PI * x[j]) + b * Math.cos(4 * Math.PI * x[j]);
                v[i * s + j] = a * Math.cos(2 * Math.PI * x[j]) - b * Math.sin(4 * Math.PI * x[j]);
            }
        }
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("inputs", Tensor.wrap(u, n, s));
        arrays.put("outputs", Tensor.wrap(v, n, s));
        arrays.put("x", Tensor.wrap(x, s));
        Path f = dir.resolve(name);
        Npz.write(f, arrays, false);
        return f;
    }

    private OperatorProblem read(String text) {
        return (OperatorProblem) new OperatorKind().read(YamlDocument.parse(text, dir.resolve("p.yaml")));
    }

    private static JsonNode json(Path file) throws IOException {
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void atTheTrainingResolutionTheRunsFiguresAreRepeatedToTheBitAndTheCommandAgrees() throws IOException {
        periodic("p32.npz", 50, 32);
        periodic("p64.npz", 50, 64);
        String text = "kind: operator\nname: tiny\nseed: 1\ndata: {file: p32.npz, train: 40, test: 10}\n" + TINY_FNO
                + "training: {adam: {lr: 1.0e-2, epochs: 5, batch: 10}, log_every: 100}\n"
                + "evaluation: [{data: p32.npz}, {file: p64.npz, test: 10}]\n";
        OperatorProblem p = read(text);
        assertThat(p.evaluation()).hasSize(2);
        Path run = Files.createDirectories(dir.resolve("run"));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        assertThat(p.run(RunContext.of(run, new PrintStream(buf, true)))).isZero();
        JsonNode s = json(run.resolve("summary.json"));
        JsonNode at32 = s.get("evaluations").get(0);
        JsonNode at64 = s.get("evaluations").get(1);
        assertThat(at32.get("resolution").asInt()).isEqualTo(32);
        assertThat(at32.get("relative_error").asDouble()).isEqualTo(s.get("relative_error").asDouble());
        assertThat(at32.get("relative_error_worst").asDouble()).isEqualTo(s.get("relative_error_worst").asDouble());
        assertThat(at32.get("test_mse").asDouble()).isEqualTo(s.get("test_mse").asDouble());
        assertThat(s.get("relative_error_32").asDouble()).isEqualTo(s.get("relative_error").asDouble());
        assertThat(at64.get("resolution").asInt()).isEqualTo(64);
        assertThat(at64.get("test").asInt()).isEqualTo(10);
        // the inputs hold modes 1 and 2 only, which the spectral weights see alike at both grids; what differs is the
        // pointwise GELU's harmonics above the kept modes and the coordinate feature linspace(0, 1, s) (measured:
        // 0.1002 at 32, 0.1003 at 64)
        double e32 = s.get("relative_error").asDouble();
        assertThat(at64.get("relative_error").asDouble()).isCloseTo(e32, offset(0.01 * e32))
                .isNotEqualTo(e32);
        assertThat(buf.toString()).contains("tiny: evaluated at s = 64 (10 test functions of p64.npz)");
        assertThat(run.resolve("test-64-0.png")).isRegularFile();

        // sciml4j evaluate on the run folder: the weights read back from model.safetensors give the same bits
        Files.writeString(run.resolve("problem.yaml"), text);
        Path written = RunEvaluation.evaluate(run, dir.resolve("p64.npz"), null, new PrintStream(buf, true));
        assertThat(written).isEqualTo(run.resolve("evaluation-64.json"));
        JsonNode e = json(written);
        assertThat(e.get("relative_error").asDouble()).isEqualTo(at64.get("relative_error").asDouble());
        assertThat(e.get("relative_error_worst").asDouble()).isEqualTo(at64.get("relative_error_worst").asDouble());
        assertThat(e.get("model").asText()).isEqualTo("FNO-1d (modes 4, width 8, 1 layers)");
        JsonNode same = json(RunEvaluation.evaluate(run, dir.resolve("p32.npz"), 10, new PrintStream(buf, true)));
        assertThat(same.get("relative_error").asDouble()).isEqualTo(e32);
    }

    /**
     * An FNO with every weight zero but the last bias c outputs c at every point of every grid; against truths
     * A_i sin(2 pi k_i x) (sum sin^2 = s/2 and sum sin = 0 on any grid with s > 2 k) the relative L2 error is
     * sqrt(1 + 2 c^2 / A_i^2) at every resolution, and the MSE the mean of c^2 + A_i^2 / 2.
     */
    @Test
    void aModelThatIsTheSameAtEveryResolutionGivesTheAnalyticFigure() throws IOException {
        double c = 0.5;
        Map<String, Tensor> weights = new LinkedHashMap<>();
        new Fno(1, 4, 8, 1, 0, 1, new Rng(0)).parameters().snapshot()
                .forEach((name, w) -> weights.put(name, Tensor.zeros(w.shape())));
        weights.put("fc2.bias", Tensor.wrap(new double[] {c}, 1));
        Path run = Files.createDirectories(dir.resolve("constant"));
        SafeTensors.write(run.resolve("model.safetensors"), weights, Map.of());
        Files.writeString(run.resolve("problem.yaml"), "kind: operator\nname: constant\n"
                + "data: {file: not-read.npz, train: 10, test: 5}\n" + TINY_FNO);
        int n = 5;
        double mean = 0;
        double mse = 0;
        for (int i = 0; i < n; i++) {
            double a = 1 + i;
            mean += Math.sqrt(1 + 2 * c * c / (a * a)) / n;
            mse += (c * c + a * a / 2) / n;
        }
        for (int s : new int[] {16, 64, 256}) {
            double[] u = new double[n * s];
            double[] v = new double[n * s];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < s; j++) {
                    u[i * s + j] = Math.cos(2 * Math.PI * j / s);
                    v[i * s + j] = (1 + i) * Math.sin(2 * Math.PI * (1 + i % 3) * j / s);
                }
            }
            Path data = dir.resolve("sines-" + s + ".npz");
            Npz.write(data, Map.of("inputs", Tensor.wrap(u, n, s), "outputs", Tensor.wrap(v, n, s)), false);
            JsonNode e = json(RunEvaluation.evaluate(run, data, null, new PrintStream(new ByteArrayOutputStream())));
            assertThat(e.get("resolution").asInt()).isEqualTo(s);
            assertThat(e.get("test").asInt()).isEqualTo(n);
            assertThat(e.get("relative_error").asDouble()).isCloseTo(mean, offset(1e-12));
            assertThat(e.get("relative_error_worst").asDouble()).isCloseTo(Math.sqrt(1.5), offset(1e-12));
            assertThat(e.get("test_mse").asDouble()).isCloseTo(mse, offset(1e-12));
        }
    }

    @Test
    void aSetTheModelCannotTakeIsOnePlacedLine() throws IOException {
        periodic("p32.npz", 50, 32);
        periodic("p64.npz", 50, 64);
        periodic("p4.npz", 20, 4);
        Npz.write(dir.resolve("square.npz"), Map.of("inputs", Tensor.zeros(20, 8, 8), "outputs",
                Tensor.zeros(20, 8, 8)), false);
        String head = "kind: operator\ndata: {file: p32.npz, train: 40, test: 10}\n";
        assertThatThrownBy(() -> read(head + TINY_FNO + "evaluation:\n  - {data: square.npz}\n"))
                .isInstanceOf(ProblemFileException.class).hasMessageContaining("p.yaml, line 5")
                .hasMessageContaining("inputs [20, 8, 8] and outputs [20, 8, 8] are 2-D data with 1 input field and"
                        + " 1 output field, but the model was trained on 1-D data with 1 input field");
        assertThatThrownBy(() -> read(head + TINY_FNO + "evaluation: [{data: p64.npz, inputs: u}]\n"))
                .hasMessageContaining("p64.npz has no array 'u'").hasMessageContaining("p.yaml, line 4");
        assertThatThrownBy(() -> read(head + TINY_FNO + "evaluation: [{data: p4.npz}]\n"))
                .hasMessageContaining("p4.npz: array of grid [4] is too coarse for the FNO: modes 4 > s/2 + 1 = 3")
                .hasMessageContaining("p.yaml, line 4");
        assertThatThrownBy(() -> read(head + TINY_FNO + "evaluation: [{data: p64.npz, test: 51}]\n"))
                .hasMessageContaining("p64.npz: test 51 > the 50 rows of 'inputs'");
        assertThatThrownBy(() -> read(head + TINY_FNO + "evaluation: [{data: p64.npz, file: p64.npz}]\n"))
                .hasMessageContaining("needs one of 'data:");
        assertThatThrownBy(() -> read(head + "model: {deeponet: {branch: [8], trunk: [8], p: 8}}\n"
                + "evaluation: [{data: p64.npz}]\n")).hasMessageContaining("p.yaml, line 4")
                .hasMessageContaining("DeepONet evaluation at other sensors is not supported");
    }

    @Test
    void aTestOutputThatIsZeroEverywhereIsRefusedAsForTheTrainingData() throws IOException {
        periodic("p32.npz", 50, 32);
        Map<String, Tensor> arrays = Npz.read(periodic("p64.npz", 50, 64));
        double[] out = arrays.get("outputs").toArray();
        java.util.Arrays.fill(out, 47 * 64, 48 * 64, 0.0); // row 47: among the last 10, the test rows
        java.util.Arrays.fill(out, 5 * 64, 6 * 64, 0.0); // row 5: not a test row, not checked
        arrays.put("outputs", Tensor.wrap(out, 50, 64));
        Npz.write(dir.resolve("zero.npz"), arrays, false);
        String head = "kind: operator\ndata: {file: p32.npz, train: 40, test: 10}\n" + TINY_FNO;
        String words = "zero.npz: the output of row 47 (a test function) is zero everywhere, and the relative L2 test"
                + " error divides by its norm; drop the row";
        assertThatThrownBy(() -> read(head + "evaluation:\n  - {data: p64.npz}\n  - {data: zero.npz}\n"))
                .isInstanceOf(ProblemFileException.class).hasMessageContaining("p.yaml, line 6")
                .hasMessageContaining(words);
        assertThat(read(head + "evaluation: [{data: zero.npz, test: 2}]\n").evaluation()).hasSize(1);
        // sciml4j evaluate reads its DATA through the same check
        Path run = Files.createDirectories(dir.resolve("run"));
        SafeTensors.write(run.resolve("model.safetensors"), new Fno(1, 4, 8, 1, 0, 1, new Rng(0)).parameters()
                .snapshot(), Map.of());
        Files.writeString(run.resolve("problem.yaml"), head);
        assertThatThrownBy(() -> RunEvaluation.evaluate(run, dir.resolve("zero.npz"), null, new PrintStream(
                new ByteArrayOutputStream()))).isNotInstanceOf(ProblemFileException.class).hasMessage(words);
    }

    @Test
    void theCommandSaysWhatIsWrongWithTheFolderOrTheSet() throws IOException {
        periodic("p32.npz", 20, 32);
        Npz.write(dir.resolve("no-outputs.npz"), Map.of("inputs", Tensor.zeros(20, 32)), false);
        Npz.write(dir.resolve("square.npz"), Map.of("inputs", Tensor.zeros(20, 8, 8), "outputs",
                Tensor.zeros(20, 8, 8)), false);
        Path data = dir.resolve("p32.npz");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        assertThatThrownBy(() -> RunEvaluation.evaluate(dir.resolve("none"), data, null, quiet))
                .hasMessageContaining("problem.yaml: no such file").hasMessageContaining("takes a run folder");
        Path run = Files.createDirectories(dir.resolve("run"));
        Map<String, Tensor> weights = new Fno(1, 4, 8, 1, 0, 1, new Rng(0)).parameters().snapshot();
        SafeTensors.write(run.resolve("model.safetensors"), weights, Map.of());
        Files.writeString(run.resolve("problem.yaml"), "kind: pinn\n");
        assertThatThrownBy(() -> RunEvaluation.evaluate(run, data, null, quiet))
                .hasMessageContaining("of kind 'pinn'");
        Files.writeString(run.resolve("problem.yaml"), "kind: operator\ndata: {file: x.npz, train: 1, test: 5}\n"
                + TINY_FNO);
        assertThatThrownBy(() -> RunEvaluation.evaluate(run, dir.resolve("no-outputs.npz"), null, quiet))
                .isNotInstanceOf(ProblemFileException.class).hasMessageContaining("no-outputs.npz has no array"
                        + " 'outputs' (it has inputs)");
        assertThatThrownBy(() -> RunEvaluation.evaluate(run, dir.resolve("square.npz"), null, quiet))
                .hasMessageContaining("are 2-D data with 1 input field and 1 output field, but the model was trained"
                        + " on 1-D data");
        assertThatThrownBy(() -> RunEvaluation.evaluate(run, data, 21, quiet))
                .hasMessageContaining("test 21 > the 20 rows");
        Files.writeString(run.resolve("problem.yaml"), "kind: operator\ndata: {file: x.npz, train: 1, test: 5}\n"
                + "model: {deeponet: {branch: [8], trunk: [8], p: 8}}\n");
        SafeTensors.write(run.resolve("model.safetensors"), Map.of("branch.0.weight", Tensor.zeros(8, 32)),
                Map.of());
        assertThatThrownBy(() -> RunEvaluation.evaluate(run, data, null, quiet))
                .isInstanceOf(ProblemFileException.class).hasMessageContaining("problem.yaml, line 3")
                .hasMessageContaining("DeepONet evaluation at other sensors is not supported");
        // an FNO's problem beside weights that are not an FNO's: not the DeepONet message
        Files.writeString(run.resolve("problem.yaml"), "kind: operator\ndata: {file: x.npz, train: 1, test: 5}\n"
                + TINY_FNO);
        assertThatThrownBy(() -> RunEvaluation.evaluate(run, data, null, quiet))
                .hasMessage(run.resolve("model.safetensors") + " does not hold an FNO's weights, so it is not the model"
                        + " of " + run.resolve("problem.yaml") + " (an FNO); evaluate the run folder that trained it");
    }
}
