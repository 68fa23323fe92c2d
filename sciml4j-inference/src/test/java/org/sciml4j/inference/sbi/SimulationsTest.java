package org.sciml4j.inference.sbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sciml4j.inference.tasks.BenchmarkTask;
import org.sciml4j.inference.tasks.SbibmTasks;

class SimulationsTest {

    @Test
    void dataDependOnTheSeedOnlyNotOnBatchesOrThreads(@TempDir Path dir) throws IOException {
        BenchmarkTask t = SbibmTasks.twoMoons();
        SimulationData a = new Simulations(t.prior(), t.simulator(), 7, 1).run(100, 5, n -> { }).data();
        SimulationData b = new Simulations(t.prior(), t.simulator(), 33, 2).run(100, 5, n -> { }).data();
        assertThat(b.x().data()).containsExactly(a.x().data());
        assertThat(b.theta().data()).containsExactly(a.theta().data());
        Path f = dir.resolve("s.npz");
        a.write(f, 5, 100);
        assertThat(SimulationData.readIfSame(f, 5, 100, 2, 2).x().data()).containsExactly(a.x().data());
        assertThat(SimulationData.readIfSame(f, 6, 100, 2, 2)).isNull();
    }

    @Test
    void anExternalProgramSimulatesPerLineAndBadOutputIsNamed(@TempDir Path dir) throws IOException {
        Simulator awk = new ProcessSimulator(List.of("sh", "-c", "awk '{print $2 + 1, 2 * $3}'"), dir, 2);
        double[][] x = awk.simulate(new double[][] {{0.5, 1}, {-1, 3}}, new long[] {1, 2});
        assertThat(x[0]).containsExactly(1.5, 2.0);
        assertThat(x[1]).containsExactly(0.0, 6.0);
        Simulator wrong = new ProcessSimulator(List.of("sh", "-c", "awk '{print $2}'"), dir, 2);
        assertThatThrownBy(() -> wrong.simulate(new double[][] {{0.5, 1}}, new long[] {1}))
                .hasMessageContaining("output line 1: 1 values, expected 2");
        Simulator failing = new ProcessSimulator(List.of("sh", "-c", "cat > /dev/null; exit 3"), dir, 2);
        assertThatThrownBy(() -> failing.simulate(new double[][] {{0.5, 1}}, new long[] {1}))
                .hasMessageContaining("exited with status 3").hasMessageNotContaining("error output");
        Simulator saying = new ProcessSimulator(List.of("sh", "-c",
                "cat > /dev/null; for i in 1 2 3 4 5 6; do echo line $i >&2; done; exit 4"), dir, 2);
        assertThatThrownBy(() -> saying.simulate(new double[][] {{0.5, 1}}, new long[] {1}))
                .hasMessageEndingWith("exited with status 4; its last error output: line 2 | line 3 | line 4 | line 5"
                        + " | line 6");
        Simulator missing = new ProcessSimulator(List.of("no-such-simulator-program"), dir, 2);
        assertThatThrownBy(() -> missing.simulate(new double[][] {{0.5, 1}}, new long[] {1}))
                .hasMessageContaining("cannot start the simulator [no-such-simulator-program]")
                .hasMessageEndingWith(": no such program");
        Simulator hanging = new ProcessSimulator(List.of("sh", "-c", "cat > /dev/null; sleep 600"), dir, 2, 0.5);
        assertThatThrownBy(() -> hanging.simulate(new double[][] {{0.5, 1}}, new long[] {1}))
                .hasMessageContaining("did not finish a batch of 1 simulations within its timeout of 0.5 s");
        assertThat(ProcessSimulator.findable("sh", dir)).isTrue();
        assertThat(ProcessSimulator.findable("./missing.sh", dir)).isFalse();
    }

    @Test
    void failedSimulationsAreDropped() throws IOException {
        Simulator halfFail = Simulator.of(1, (theta, r) -> new double[] {theta[0] > 0 ? theta[0] : Double.NaN});
        Simulations.Outcome o = new Simulations(Prior.uniform(new double[] {-1}, new double[] {1}), halfFail, 10, 2)
                .run(200, 1, n -> { });
        assertThat(o.failed() + o.data().size()).isEqualTo(200);
        assertThat(o.failed()).isBetween(70, 130);
        for (double v : o.data().x().data()) {
            assertThat(v).isPositive();
        }
    }
}
