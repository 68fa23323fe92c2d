package org.sciml4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What sweep and ensemble report when runs do not go well, on local[2]: members that diverge are left out of an
 * ensemble (exit status 3 when fewer than 2 finish), a problem that does not depend on the seed makes no ensemble,
 * a sweep whose every run diverged exits with 3, and a task that fails on every attempt is reported by its own
 * message, not by Spark's dump of the stage.
 */
class RunOutcomesTest {
    static final String DIVERGING = LocalSweepTest.PROBLEM.replace("lr: 1e-2", "lr: 1e3");

    /** Exact DMD of generated data: the same result under every seed. */
    static final String SEED_FREE = """
            kind: dmd
            name: tiny
            data: {generate: linear, eigenvalues: [[-0.1, 2.0]], features: 6, snapshots: 20, dt: 0.1, seed: 4}
            method: {name: exact, rank: 2}
            """;

    /** Runs the command; returns its status, stdout and stderr joined. */
    static Object[] run(String... args) {
        assumeTrue(SparkSweeps.unsupportedReason().isEmpty(), SparkSweeps::unsupportedReason);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream both = new PrintStream(text, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
        try {
            int status = SparkMain.run(args);
            return new Object[] {status, text.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void divergedMembersAreLeftOutOfAnEnsemble(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("decay.yaml"), DIVERGING);
        Path out = tmp.resolve("ens");
        Object[] r = run("ensemble", file.toString(), "--members", "2", "--master", "local[2]", "--out",
                out.toString());
        assertThat(r[0]).isEqualTo(3);
        assertThat((String) r[1]).contains("2 of 2 members diverged or stopped and are left out: r000 (status 3)")
                .contains("fewer than 2 members finished");
        assertThat(out.resolve("summary.json")).doesNotExist();
        assertThat(out.resolve("sweep.tsv")).exists();

        r = run("sweep", file.toString(), "--seeds", "2", "--master", "local[2]", "--out",
                tmp.resolve("sw").toString());
        assertThat(r[0]).isEqualTo(3);
        assertThat((String) r[1]).contains("2 of 2 runs diverged or stopped (their status in sweep.tsv): no run"
                + " finished").doesNotContain("best run");
    }

    @Test
    void anEnsembleOfASeedFreeProblemIsRefused(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("tiny.yaml"), SEED_FREE);
        Path out = tmp.resolve("ens");
        Object[] r = run("ensemble", file.toString(), "--members", "2", "--master", "local[2]", "--out",
                out.toString());
        assertThat(r[0]).isEqualTo(1);
        assertThat((String) r[1]).contains("the 2 members' results are identical: this problem does not depend on"
                + " the seed");
        assertThat(out.resolve("summary.json")).doesNotExist();
    }

    @Test
    void aTaskThatAlwaysFailsIsReportedByItsMessage() {
        assumeTrue(SparkSweeps.unsupportedReason().isEmpty(), SparkSweeps::unsupportedReason);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Function<Integer, Integer> failing = i -> {
            throw new IllegalArgumentException("/data/x.npz: no such file");
        };
        try (JavaSparkContext sc = new JavaSparkContext(SparkSweeps.conf("local[2]", 1))) {
            assertThatThrownBy(() -> SparkTasks.each(sc, List.of(1, 2), failing, "run",
                    new PrintStream(log, true, StandardCharsets.UTF_8)))
                    .hasMessage("a run failed on every attempt: /data/x.npz: no such file");
        }
        String lines = log.toString(StandardCharsets.UTF_8);
        assertThat(lines).contains("retrying after a failure: run 0 of 2 (java.lang.IllegalArgumentException:"
                + " /data/x.npz: no such file)").doesNotContain("StackTraceElement");
    }
}
