package org.sciml4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.cli.Main;
import org.sciml4j.io.Npz;
import org.sciml4j.io.SummaryJson;

/** A local[2] sweep of 4 tiny PINN runs equals the same 4 runs made one by one with {@code sciml4j run}. */
class LocalSweepTest {
    /** u' = -u, u(0) = 1 on [0, 1]: exact solution exp(-t). */
    static final String PROBLEM = """
            name: decay
            variables: {t: [0, 1]}
            fields: [u]
            equations:
              - u_t + u
            conditions:
              initial: {at: {t: 0}, require: [u = 1]}
            collocation: {points: 16, sampling: uniform}
            network: {layers: [6], activation: tanh, initializer: glorot_normal}
            training:
              seed: 0
              adam: {lr: 1e-2, epochs: 30}
            evaluation: {exact: {u: exp(-t)}, grid: [21]}
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One local[2] context for the tests of this class (a context takes seconds to start). */
    private static JavaSparkContext sc;

    @BeforeAll
    static void sparkRunsHere() {
        assumeTrue(SparkSweeps.unsupportedReason().isEmpty(), SparkSweeps::unsupportedReason);
        sc = new JavaSparkContext(SparkSweeps.conf("local[2]", 1));
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.close();
        }
    }

    @Test
    void sweepEqualsRunsOneByOne(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("decay.yaml");
        Files.writeString(file, PROBLEM);
        Map<String, List<String>> grid = new java.util.LinkedHashMap<>();
        grid.put("training.adam.lr", List.of("0.01", "0.03"));
        grid.put("network.layers", List.of("[6]", "[4, 4]"));
        List<RunSpec> runs = SweepPlan.runs(file, PROBLEM, grid, 0, 0, 0);
        assertThat(runs).hasSize(4);
        Path out = tmp.resolve("sweep");
        SweepTable table = SparkSweeps.run(sc, runs, out, 1, System.out);
        assertThat(Files.readAllLines(out.resolve("sweep.tsv")).get(0))
                .startsWith("run\ttraining.adam.lr\tnetwork.layers\tstatus");
        assertThat(Npz.read(out.resolve("sweep.npz"), "relative_error").shape()).containsExactly(4);
        assertThat(out.resolve("sweep-training.adam.lr.png")).exists();

        // the same runs one by one: the file edited by hand, run with `sciml4j run`
        String[][] edits = {{"1e-2", "[6]"}, {"1e-2", "[4, 4]"}, {"0.03", "[6]"}, {"0.03", "[4, 4]"}};
        for (int i = 0; i < 4; i++) {
            Path f = tmp.resolve("by-hand-" + i + ".yaml");
            Files.writeString(f, PROBLEM.replace("lr: 1e-2", "lr: " + edits[i][0])
                    .replace("layers: [6]", "layers: " + edits[i][1]));
            Path dir = tmp.resolve("by-hand-" + i);
            assertThat(Main.run("run", f.toString(), "--out", dir.toString(), "--quiet")).isZero();
            JsonNode alone = JSON.readTree(dir.resolve("summary.json").toFile());
            JsonNode swept = JSON.readTree(out.resolve("runs").resolve(runs.get(i).id()).resolve("summary.json")
                    .toFile());
            assertThat(swept.get("relative_error").doubleValue()).isEqualTo(alone.get("relative_error").doubleValue());
            assertThat(swept.get("final_loss")).isEqualTo(alone.get("final_loss"));
            assertThat(table.figure(i, "relative_error")).isEqualTo(alone.get("relative_error").doubleValue());
        }
        assertThat(table.knob(3, "network.layers")).isEqualTo("[4, 4]");
    }

    /** The first attempt of every task runs, then loses its summary and fails, as an executor dying would. */
    static final class DiesOnce implements Function<RunSpec, RunResult> {
        private final RunTask task;
        private final String out;

        DiesOnce(RunTask task, String out) {
            this.task = task;
            this.out = out;
        }

        @Override
        public RunResult call(RunSpec spec) throws Exception {
            RunResult r = task.call(spec);
            if (TaskContext.get().attemptNumber() == 0) {
                Files.delete(RunTask.runDir(Path.of(out), spec.id()).resolve(SummaryJson.FILE));
                throw new IllegalStateException("executor lost (simulated)");
            }
            return r;
        }
    }

    /**
     * A task that dies on its first attempt after its run wrote a checkpoint (its summary lost with it) is retried
     * by Spark; the retry continues from the checkpoint and ends with the figures of a run never interrupted.
     */
    @Test
    void aFailedTaskIsRetriedFromItsCheckpoint(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("decay.yaml");
        String text = LocalSweepTest.PROBLEM.replace("epochs: 30}", "epochs: 40}\n  log_every: 20");
        Files.writeString(file, text);
        RunSpec spec = new RunSpec("r000", text, file.toString(), new LinkedHashMap<>(), 2L);
        String out = tmp.resolve("out").toString();
        RunResult retried = sc.parallelize(List.of(spec), 1).map(new DiesOnce(new RunTask(out, 1), out)).collect()
                .get(0);
        assertThat(retried.resumed()).isTrue();
        RunResult plain = new RunTask(tmp.resolve("plain").toString(), 1).call(spec);
        SweepTable a = new SweepTable();
        a.add(spec, plain);
        SweepTable b = new SweepTable();
        b.add(spec, retried);
        assertThat(b.figure(0, "relative_error")).isEqualTo(a.figure(0, "relative_error"));
        assertThat(b.figure(0, "final_loss.total")).isEqualTo(a.figure(0, "final_loss.total"));
    }
}
