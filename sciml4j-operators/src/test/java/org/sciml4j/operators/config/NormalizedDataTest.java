package org.sciml4j.operators.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.Npz;
import org.sciml4j.io.SafeTensors;
import org.sciml4j.nn.Parameters;
import org.sciml4j.operators.NormalizedOperator;
import org.sciml4j.operators.OperatorModel;
import org.sciml4j.operators.UnitGaussianNormalizer;
import org.sciml4j.operators.testdata.SyntheticOperators;
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
 * {@code data.normalize: unit_gaussian}: the statistics are the training functions' pointwise mean and unbiased sd
 * (neuraloperator's), the inner model sees encoded inputs and its output is decoded, the statistics travel in
 * {@code model.safetensors} so {@code sciml4j evaluate} repeats the run, and data on another grid are refused.
 */
class NormalizedDataTest {
    private static final String TINY_FNO = "model: {fno: {modes: 4, width: 8, layers: 1}}\n";

    @TempDir
    Path dir;

    @Test
    void theStatisticsAreThePointwiseMeanAndUnbiasedSdPlusEps() {
        // column 0: 1, 2, 6 (mean 3, sample variance (4 + 1 + 9) / 2 = 7); column 1 constant 5 (sd 0)
        UnitGaussianNormalizer n = UnitGaussianNormalizer.fit(Tensor.wrap(new double[] {1, 5, 2, 5, 6, 5}, 3, 2));
        assertThat(n.mean().toArray()).containsExactly(3, 5);
        assertThat(n.scale().toArray()).containsExactly(Math.sqrt(7) + 1e-5, 1e-5);
        Tensor x = Tensor.wrap(new double[] {10, 5.5}, 1, 2);
        assertThat(n.encode(x).toArray()).containsExactly((10 - 3) / (Math.sqrt(7) + 1e-5), 0.5 / 1e-5);
        assertThat(n.decode(n.encode(x)).toArray()).containsExactly(new double[] {10, 5.5}, offset(1e-12));
        assertThatThrownBy(() -> UnitGaussianNormalizer.fit(Tensor.zeros(1, 4)))
                .hasMessageContaining("at least 2 training functions, got 1");
        assertThatThrownBy(() -> UnitGaussianNormalizer.of(Tensor.zeros(2), Tensor.zeros(2)))
                .hasMessageContaining("scale holds 0.0");
    }

    /** The identity as the inner model: the wrapper's output is decode_out(encode_in(x)), value by value. */
    @Test
    void theInnerModelSeesEncodedInputsAndItsOutputIsDecoded() {
        Tensor in = Tensor.wrap(new double[] {0, 1, 2, 3, 4, 8}, 3, 2);
        Tensor out = Tensor.wrap(new double[] {10, 0, 20, 0, 60, 3}, 3, 2);
        OperatorModel identity = new OperatorModel() {
            @Override
            public Tensor apply(Tensor x) {
                return x;
            }

            @Override
            public Parameters parameters() {
                return new Parameters();
            }

            @Override
            public String describe() {
                return "identity";
            }
        };
        NormalizedOperator m = NormalizedOperator.fit(identity, in, out);
        // inputs: means 2, 4, sds 2, sqrt(13); outputs: means 30, 1, sds sqrt(700), sqrt(3)
        double[] got = m.apply(Tensor.wrap(new double[] {4, 0}, 1, 2)).toArray();
        assertThat(got[0]).isCloseTo(2 / (2 + 1e-5) * (Math.sqrt(700) + 1e-5) + 30, offset(1e-12));
        assertThat(got[1]).isCloseTo(-4 / (Math.sqrt(13) + 1e-5) * (Math.sqrt(3) + 1e-5) + 1, offset(1e-12));
        assertThat(m.describe()).isEqualTo("identity on unit-Gaussian-normalised data");
        assertThat(m.state()).containsOnlyKeys("normalizer.inputs.mean", "normalizer.inputs.scale",
                "normalizer.outputs.mean", "normalizer.outputs.scale");
    }

    private Path antiderivative(String name, int n, int s) throws IOException {
        Tensor[] d = SyntheticOperators.antiderivative(n, s, 1);
        Path f = dir.resolve(name);
        Npz.write(f, Map.of("inputs", d[0], "outputs", d[1].mul(100).add(7), "x", d[2]), false);
        return f;
    }

    private OperatorProblem read(String text) {
        return (OperatorProblem) new OperatorKind().read(YamlDocument.parse(text, dir.resolve("p.yaml")));
    }

    /**
     * Outputs 7 + 100 s(x) with s(0) = 0: every training output is 7 at x = 0 (sd 0, scale eps), so the decoded
     * prediction there is 7 to within eps times the inner output, whatever the network learnt.
     */
    @Test
    void aRunSavesTheStatisticsAndTheCommandRepeatsItOnItsGridOnly() throws IOException {
        antiderivative("a32.npz", 50, 32);
        antiderivative("a64.npz", 50, 64);
        String text = "kind: operator\nname: tiny\nseed: 1\ndata: {file: a32.npz, train: 40, test: 10, normalize:"
                + " unit_gaussian}\n" + TINY_FNO + "training: {adam: {lr: 1.0e-2, epochs: 5, batch: 10}, log_every:"
                + " 100}\n";
        OperatorProblem p = read(text);
        assertThat(p.normalize()).isTrue();
        Path run = Files.createDirectories(dir.resolve("run"));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        assertThat(p.run(RunContext.of(run, quiet))).isZero();
        JsonNode s = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertThat(s.get("model").asText()).endsWith("on unit-Gaussian-normalised data");
        double[] pred = Npz.read(run.resolve("predictions.npz")).get("predictions").toArray();
        for (int i = 0; i < 10; i++) {
            assertThat(pred[i * 32]).isCloseTo(7, offset(1e-3));
        }
        Map<String, Tensor> saved = SafeTensors.read(run.resolve("model.safetensors")).tensors();
        UnitGaussianNormalizer outputs = UnitGaussianNormalizer.fit(p.data().trainOutputs());
        assertThat(saved.get("normalizer.outputs.mean").toArray()).containsExactly(outputs.mean().toArray());
        assertThat(saved.get("normalizer.outputs.scale").toArray()).containsExactly(outputs.scale().toArray());

        Files.writeString(run.resolve("problem.yaml"), text);
        JsonNode e = new ObjectMapper().readTree(RunEvaluation.evaluate(run, dir.resolve("a32.npz"), null, quiet)
                .toFile());
        assertThat(e.get("relative_error").asDouble()).isEqualTo(s.get("relative_error").asDouble());
        assertThatThrownBy(() -> RunEvaluation.evaluate(run, dir.resolve("a64.npz"), null, quiet))
                .hasMessageContaining("a64.npz: the model normalises its data per point of its training grid"
                        + " (functions [32], data.normalize: unit_gaussian); functions [64] are on another grid");
        assertThatThrownBy(() -> read(text + "evaluation: [{data: a64.npz}]\n"))
                .isInstanceOf(ProblemFileException.class).hasMessageContaining("p.yaml, line 7")
                .hasMessageContaining("functions [64] are on another grid");
    }

    @Test
    void aValueOrProblemItDoesNotFitIsOnePlacedLine() throws IOException {
        antiderivative("a32.npz", 50, 32);
        assertThatThrownBy(() -> read("kind: operator\ndata: {file: a32.npz, train: 40, test: 10, normalize: yes}\n"
                + TINY_FNO)).isInstanceOf(ProblemFileException.class).hasMessageContaining("p.yaml, line 2")
                .hasMessageContaining("normalize is 'unit_gaussian'").hasMessageContaining("got 'yes'");
        assertThat(read("kind: operator\ndata: {file: a32.npz, train: 40, test: 10, normalize: none}\n" + TINY_FNO)
                .normalize()).isFalse();
        assertThatThrownBy(() -> read("kind: operator\ndata: {file: a32.npz, train: 40, test: 10, normalize:"
                + " unit_gaussian}\nmodel: {deeponet: {branch: [8], trunk: [8], p: 8}}\n"
                + "physics: {antiderivative: {s0: 0}}\n")).hasMessageContaining("p.yaml, line 2")
                .hasMessageContaining("physics-informed training has no outputs to normalise");
        Map<String, Tensor> q = new LinkedHashMap<>(Npz.read(dir.resolve("a32.npz")));
        q.put("points", Tensor.zeros(50, 3));
        q.put("values", Tensor.zeros(50, 3));
        Npz.write(dir.resolve("q.npz"), q, false);
        assertThatThrownBy(() -> read("kind: operator\ndata: {file: q.npz, train: 40, test: 10, points: points,"
                + " values: values, normalize: unit_gaussian}\nmodel: {deeponet: {branch: [8], trunk: [8], p: 8}}\n"))
                .hasMessageContaining("q.npz has per-function query points");
    }
}
