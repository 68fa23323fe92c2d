package org.sciml4j.inference.sbi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.sciml4j.inference.tasks.BenchmarkTask;
import org.sciml4j.inference.tasks.SbibmTasks;

/** Slices of a plan simulated apart and joined in order give the simulations of the whole plan. */
class SimulationPlanTest {
    @Test
    void slicesSimulatedApartJoinToTheWholeRun() throws IOException {
        BenchmarkTask t = SbibmTasks.gaussianLinear();
        SimulationData whole = new Simulations(t.prior(), t.simulator(), 16, 2).run(50, 9, n -> { }).data();
        Simulations.Plan plan = Simulations.plan(t.prior(), 50, 9);
        assertThat(plan.size()).isEqualTo(50);
        Simulations one = new Simulations(t.prior(), t.simulator(), 7, 1);
        double[] x = new double[0];
        for (int[] r : new int[][] {{0, 13}, {13, 14}, {14, 50}}) {
            Simulations.Plan slice = plan.slice(r[0], r[1]);
            assertThat(slice.from()).isEqualTo(r[0]);
            double[] part = one.simulate(slice, n -> { }).data().x().data();
            double[] joined = Arrays.copyOf(x, x.length + part.length);
            System.arraycopy(part, 0, joined, x.length, part.length);
            x = joined;
        }
        assertThat(x).isEqualTo(whole.x().data());
        assertThat(plan.slice(14, 50).theta()[0]).isEqualTo(Arrays.copyOfRange(whole.theta().data(), 140, 150));
    }
}
