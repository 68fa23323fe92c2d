package org.sciml4j.operators.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.SafeTensors;
import org.sciml4j.io.TextTable;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.YamlDocument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The operator file's training options that change which parameters come out: {@code keep_best} (the step of lowest
 * training loss is kept, with exactly its parameters) and {@code lbfgs} (full-batch L-BFGS after Adam).
 */
class TrainingOptionsRunTest {
    @TempDir
    Path dir;

    private static final String PROBLEM = """
            kind: operator
            seed: 1
            data: {generate: anti.yaml, train: 40, test: 20, points: points, values: values}
            model: {deeponet: {branch: [16], trunk: [16], p: 16, activation: relu}}
            training: {adam: {lr: 1.0e-1, epochs: %d}, log_every: 100%s}
            """;

    /** A generator spec of 60 functions with 4 points each (the data is made at the first read). */
    private void spec() throws IOException {
        Files.writeString(dir.resolve("anti.yaml"), "generator: antiderivative\nsamples: 60\nout: anti.npz\n"
                + "sensors: 16\nqueries: 4\ninput: {rbf: {points: 200}}\nthreads: 1\n");
    }

    private Path run(String name, int epochs, String extra) throws IOException {
        Path out = Files.createDirectories(dir.resolve(name));
        YamlDocument doc = YamlDocument.parse(PROBLEM.formatted(epochs, extra), dir.resolve(name + ".yaml"));
        int rc = ((OperatorProblem) new OperatorKind().read(doc)).run(RunContext.of(out,
                new PrintStream(new ByteArrayOutputStream())));
        assertThat(rc).isZero();
        return out;
    }

    @Test
    void theKeptStepIsTheLowestCheckedTrainingLossAndItsParametersComeBackBitForBit() throws IOException {
        spec();
        // full batch: one epoch is one step; a large rate so the training loss goes up and down
        Path kept = run("kept", 30, ", keep_best: 3");
        JsonNode s = new ObjectMapper().readTree(kept.resolve("summary.json").toFile());
        // loss.tsv's row k (step k + 1) is the loss the step k + 1 was taken at: that of the parameters after k
        // steps; steps 3, 6, ..., 27 are checked (after step 30 training evaluates no loss)
        double[] total = TextTable.read(kept.resolve("loss.tsv")).column(1).data();
        int best = 3;
        for (int m = 6; m < 30; m += 3) {
            best = total[m] < total[best] ? m : best;
        }
        assertThat(s.get("kept_step").asInt()).isEqualTo(best);
        assertThat(s.get("kept_loss").asDouble()).isEqualTo(total[best]);
        assertThat(s.get("steps").asInt()).isEqualTo(30);
        // the loss goes up and down (about 0.26 0.041 0.038 0.025 0.051 0.047 0.042 0.035 0.027 after steps 3, 6,
        // ..., 27): the kept step is not merely the last checked
        assertThat(best).isLessThan(27);

        // the same file trained for exactly the kept number of steps, without keep_best: the same bits
        Path shorter = run("shorter", best, "");
        Map<String, Tensor> a = SafeTensors.read(kept.resolve("model.safetensors")).tensors();
        Map<String, Tensor> b = SafeTensors.read(shorter.resolve("model.safetensors")).tensors();
        assertThat(a.keySet()).isEqualTo(b.keySet());
        a.forEach((k, v) -> assertThat(v.data()).as(k).containsExactly(b.get(k).data()));
        JsonNode t = new ObjectMapper().readTree(shorter.resolve("summary.json").toFile());
        assertThat(s.get("test_mse").asDouble()).isEqualTo(t.get("test_mse").asDouble());
        assertThat(t.has("kept_step")).isFalse();
    }

    @Test
    void aKeepBestThatIsNotAWholeNumberOfStepsAboveZeroIsRefusedAtItsPlace() throws IOException {
        spec();
        for (String bad : new String[] {"0", "-5", "2.5", "yes"}) {
            String text = PROBLEM.formatted(10, ", keep_best: " + bad);
            assertThatThrownBy(() -> new OperatorKind().read(YamlDocument.parse(text, dir.resolve("p.yaml"))))
                    .as(bad).hasMessageContaining("p.yaml").hasMessageContaining("line 5")
                    .hasMessageContaining(bad.startsWith("-") || bad.equals("0") ? "keep_best must be a whole number"
                            : "");
        }
    }

    @Test
    void lbfgsAfterAdamContinuesFromAdamsLastStepAndLowersTheTrainingLoss() throws IOException {
        spec();
        Path adam = run("adam", 30, "");
        Path both = run("both", 30, ", lbfgs: {iterations: 60}");
        double[] a = TextTable.read(adam.resolve("loss.tsv")).column(1).data();
        double[] b = TextTable.read(both.resolve("loss.tsv")).column(1).data();
        // the Adam rows are the same bits; then one row per L-BFGS iteration, each the loss of its iterate
        assertThat(b.length).isGreaterThan(30).isLessThanOrEqualTo(90);
        assertThat(java.util.Arrays.copyOf(b, 30)).containsExactly(a);
        for (int k = 31; k < b.length; k++) {
            assertThat(b[k]).as("L-BFGS iteration %d", k - 29).isLessThanOrEqualTo(b[k - 1]);
        }
        double adamBest = java.util.Arrays.stream(a).min().orElseThrow();
        assertThat(b[b.length - 1]).isLessThan(adamBest);
        JsonNode s = new ObjectMapper().readTree(both.resolve("summary.json").toFile());
        assertThat(s.get("steps").asInt()).isEqualTo(b.length);
        assertThat(s.get("final_loss").asDouble()).isEqualTo(b[b.length - 1]);
    }

    @Test
    void anLbfgsThatIsNotAnIterationCountIsRefusedAtItsPlace() throws IOException {
        spec();
        for (String bad : new String[] {"-5", "2.5", "{iters: 5}", "{}"}) {
            String text = PROBLEM.formatted(10, ", lbfgs: " + bad);
            assertThatThrownBy(() -> new OperatorKind().read(YamlDocument.parse(text, dir.resolve("p.yaml"))))
                    .as(bad).hasMessageContaining("p.yaml").hasMessageContaining("line 5")
                    .hasMessageContaining(bad.startsWith("{") ? "iterations" : "whole number");
        }
    }
}
