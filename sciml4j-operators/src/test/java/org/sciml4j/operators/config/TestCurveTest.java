package org.sciml4j.operators.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.Npz;
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

/** {@code training: {test_every: E}}: the test curve ({@link TestCurve}) and that it leaves training unchanged. */
class TestCurveTest {
    @TempDir
    Path dir;

    private static final String FILE = """
            kind: operator
            seed: 2
            data: {file: anti.npz, train: 20, test: 6}
            model: {fno: {modes: 4, width: 6, layers: 2}}
            training: {adam: {lr: 3.0e-3, epochs: 6, batch: 5, step: 3}%s}
            """;

    private OperatorProblem read(String text) {
        return (OperatorProblem) new OperatorKind().read(YamlDocument.parse(text, dir.resolve("p.yaml")));
    }

    private JsonNode run(String extra, Path out) throws IOException {
        Files.createDirectories(out);
        assertThat(read(FILE.formatted(extra)).run(RunContext.of(out, new PrintStream(new ByteArrayOutputStream()))))
                .isZero();
        return new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void everyOtherEpochTheTestErrorIsWrittenAndTrainingIsTheSame() throws IOException {
        Tensor[] d = SyntheticOperators.antiderivative(26, 16, 1);
        Map<String, Tensor> a = new LinkedHashMap<>();
        a.put("inputs", d[0]);
        a.put("outputs", d[1]);
        Npz.write(dir.resolve("anti.npz"), a, false);
        JsonNode with = run(", test_every: 2", dir.resolve("with"));
        JsonNode without = run("", dir.resolve("without"));
        // evaluating draws nothing and changes no parameter: the same bits at the end
        assertThat(with.get("final_loss").asDouble()).isEqualTo(without.get("final_loss").asDouble());
        assertThat(with.get("relative_error").asDouble()).isEqualTo(without.get("relative_error").asDouble());
        assertThat(dir.resolve("without").resolve(TestCurve.FILE)).doesNotExist();

        String[] rows = Files.readString(dir.resolve("with").resolve(TestCurve.FILE)).strip().split("\n");
        assertThat(rows[0]).isEqualTo("epoch\ttest_relative_l2\tseconds\ttrain_loss");
        assertThat(rows).hasSize(4);                            // epochs 2, 4, 6
        String[] loss = Files.readString(dir.resolve("with").resolve("loss.tsv")).strip().split("\n");
        double previous = 0;
        for (int i = 1; i <= 3; i++) {
            String[] r = rows[i].split("\t");
            assertThat(Double.parseDouble(r[0])).isEqualTo(2.0 * i);
            double seconds = Double.parseDouble(r[2]);
            assertThat(seconds).isGreaterThan(previous);
            previous = seconds;
            // the mean batch loss of the pass just ended: steps 8i - 3 .. 8i of loss.tsv (4 steps a pass)
            double mean = 0;
            for (int step = 8 * i - 3; step <= 8 * i; step++) {
                mean += Double.parseDouble(loss[step].split("\t")[1]) / 4;
            }
            assertThat(Double.parseDouble(r[3])).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-15));
        }
        // the last row is the final evaluation of summary.json, bit for bit
        assertThat(Double.parseDouble(rows[3].split("\t")[1])).isEqualTo(with.get("relative_error").asDouble());
        double first = Double.parseDouble(rows[1].split("\t")[1]);
        assertThat(first).isGreaterThan(with.get("relative_error").asDouble());

        assertThatThrownBy(() -> read(FILE.formatted(", test_every: -1"))).isInstanceOf(ProblemFileException.class)
                .hasMessageContaining("p.yaml, line 5");
    }
}
