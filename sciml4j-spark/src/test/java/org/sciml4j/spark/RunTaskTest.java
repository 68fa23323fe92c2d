package org.sciml4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.io.Checkpoints;
import org.sciml4j.io.SummaryJson;

/**
 * A task (no Spark needed) runs its spec in its own folder; a retried task finds the earlier attempt's checkpoint
 * and continues from it, ending with the same bits; a finished run is not run again.
 */
class RunTaskTest {
    @Test
    void aRetriedTaskContinuesFromTheCheckpointWithTheSameBits(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("decay.yaml");
        String text = LocalSweepTest.PROBLEM.replace("epochs: 30}", "epochs: 40}\n  log_every: 20");
        Files.writeString(file, text);
        RunSpec spec = new RunSpec("r000", text, file.toString(), new LinkedHashMap<>(Map.of()), 5L);
        RunTask task = new RunTask(tmp.resolve("out").toString(), 1);
        RunResult first = task.call(spec);
        assertThat(first.status()).isZero();
        assertThat(first.resumed()).isFalse();
        Path dir = RunTask.runDir(tmp.resolve("out"), "r000");
        assertThat(Checkpoints.exists(dir)).isTrue();

        // an executor lost before the run ended: its folder has the checkpoint but no summary yet
        Files.delete(dir.resolve(SummaryJson.FILE));
        RunResult retried = task.call(spec);
        assertThat(retried.resumed()).isTrue();
        assertThat(retried.status()).isZero();
        SweepTable a = new SweepTable();
        a.add(spec, first);
        SweepTable b = new SweepTable();
        b.add(spec, retried);
        assertThat(b.figure(0, "relative_error")).isEqualTo(a.figure(0, "relative_error"));
        assertThat(b.figure(0, "seed")).isEqualTo(5.0);

        // a finished run is gathered, not run again
        RunResult again = task.call(spec);
        assertThat(again.resumed()).isFalse();
        assertThat(again.summary()).isEqualTo(retried.summary());
    }

    @Test
    void ensembleStatisticsAreTheSampleMeanAndDeviation() {
        double[] s = Ensembles.stats(new double[] {1, 2, 3, 4});
        assertThat(s[0]).isEqualTo(2.5);
        assertThat(s[1]).isCloseTo(Math.sqrt(5.0 / 3.0), org.assertj.core.api.Assertions.within(1e-15));
        assertThat(s[3] - s[0]).isCloseTo(1.959963984540054 * s[1], org.assertj.core.api.Assertions.within(1e-15));
    }

    @Test
    void gridsExpandLastFastestAndRandomDrawsASubset(@TempDir Path tmp) throws Exception {
        Map.Entry<String, java.util.List<String>> g = SweepPlan.grid("network.layers=[[20,20],[50,50]]");
        assertThat(g.getValue()).containsExactly("[20, 20]", "[50, 50]");
        Map<String, java.util.List<String>> grids = new LinkedHashMap<>();
        grids.put("training.adam.lr", SweepPlan.grid("training.adam.lr=[1e-3,3e-3]").getValue());
        grids.put(g.getKey(), g.getValue());
        assertThat(SweepPlan.combinations(grids)).extracting(m -> m.get("network.layers"))
                .containsExactly("[20, 20]", "[50, 50]", "[20, 20]", "[50, 50]");
        Path file = tmp.resolve("decay.yaml");
        Files.writeString(file, LocalSweepTest.PROBLEM);
        assertThat(SweepPlan.runs(file, LocalSweepTest.PROBLEM, grids, 3, 2, 7)).hasSize(6)
                .extracting(RunSpec::seed).containsExactly(0L, 1L, 2L, 0L, 1L, 2L);
    }

    @Test
    void aWrongOverrideIsPlacedBeforeAnythingRuns(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("decay.yaml");
        Files.writeString(file, LocalSweepTest.PROBLEM);
        Map<String, List<String>> grid = Map.of("training.adam.lrr", List.of("0.01"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SweepPlan.runs(file, LocalSweepTest.PROBLEM, grid, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decay.yaml").hasMessageContaining("lrr");
    }

    @Test
    void overridesRewriteTheTree() {
        String text = Overrides.apply(LocalSweepTest.PROBLEM, new java.util.LinkedHashMap<>(Map.of("training.seed", "3")));
        assertThat(text).contains("seed: 3").contains("lr: 0.01");
        assertThat(new String(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("'");
    }
}
