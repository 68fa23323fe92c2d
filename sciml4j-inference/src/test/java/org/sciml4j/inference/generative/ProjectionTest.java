package org.sciml4j.inference.generative;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Gauss-Newton projection, the data generators' invariants and the metrics, against exact values. */
class ProjectionTest {
    private static final int N = 10;
    private static final double DX = 0.3;

    @Test
    void oneStepMeetsTheMassExactlyAndMovesEveryPointEqually() {
        double[] u = FlowSampler.noise(5, N, 1);
        double[] before = u.clone();
        double[] mass = Constraints.values("mass", DX, u, 5, N);
        Projection p = new Projection(List.of(Constraints.of("mass", 2.0, DX)), 1, 0);
        assertThat(p.project(u, 5, N)).isLessThan(1e-13);
        for (int i = 0; i < 5; i++) {
            // the minimum-norm correction of sum u dx = 2 subtracts the same amount (mass - 2) / (n dx) everywhere
            double shift = (mass[i] - 2.0) / (N * DX);
            for (int j = 0; j < N; j++) {
                assertThat(u[i * N + j]).isCloseTo(before[i * N + j] - shift, within(1e-13));
            }
        }
    }

    @Test
    void gaussNewtonMeetsMassAndEnergyTogether() {
        double[] u = FlowSampler.noise(20, N, 2);
        Projection p = new Projection(List.of(Constraints.of("mass", 1.0, DX), Constraints.of("energy", 2.5, DX)),
                20, 1e-13);
        assertThat(p.project(u, 20, N)).isLessThan(1e-12);
        double[] mass = Constraints.values("mass", DX, u, 20, N);
        double[] energy = Constraints.values("energy", DX, u, 20, N);
        for (int i = 0; i < 20; i++) {
            assertThat(mass[i]).isCloseTo(1.0, within(1e-12));
            assertThat(energy[i]).isCloseTo(2.5, within(1e-12));
        }
        // the projection of a field already on the set leaves it where it is
        double[] again = u.clone();
        p.project(again, 20, N);
        assertThat(again).containsExactly(u, within(1e-15));
    }

    @Test
    void variationIsThePeriodicDirichletEnergy() {
        double[] u = {1, 2, 4, 3};
        // differences 1, 2, -1, -2 around the circle: (1 + 4 + 1 + 4) / dx
        assertThat(Constraints.values("variation", 0.5, u, 1, 4)[0]).isCloseTo(20.0, within(1e-14));
    }

    @Test
    void advectionFieldsAreShiftedCopiesWithTheirMassAndEnergy() {
        FieldGenerator still = new FieldGenerator("advection", 16, 3, 2 * Math.PI, 0, 1, 0.3, 0);
        FieldGenerator moved = new FieldGenerator("advection", 16, 3, 2 * Math.PI, 2 * Math.PI / 16 * 5, 1, 0.3, 0);
        double[] a = still.sample(4, 9);
        double[] b = moved.sample(4, 9);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 16; j++) {
                assertThat(b[i * 16 + (j + 5) % 16]).isCloseTo(a[i * 16 + j], within(1e-12));
            }
        }
        double[] mass = Constraints.values("mass", still.dx(), a, 4, 16);
        for (double m : mass) {
            assertThat(m).isCloseTo(0.3 * 2 * Math.PI, within(1e-12));
        }
    }

    @Test
    void heatModesDecayAtTheirExactRates() {
        // one mode: u = mean + a cos(x) + b sin(x) decays by exp(-nu t); the ratio of the sd at two times tells it
        FieldGenerator early = new FieldGenerator("heat", 16, 1, 2 * Math.PI, 0.0, 0.5, 0, 0);
        FieldGenerator late = new FieldGenerator("heat", 16, 1, 2 * Math.PI, 0.4, 0.5, 0, 0);
        double[] a = early.sample(3, 4);
        double[] b = late.sample(3, 4);
        for (int k = 0; k < a.length; k++) {
            assertThat(b[k]).isCloseTo(a[k] * Math.exp(-0.5 * 0.4), within(1e-13));
        }
    }

    @Test
    void mmdIsZeroForEqualSetsAndGrowsWithAShift() {
        double[] x = FlowSampler.noise(50, 3, 5);
        double[] y = x.clone();
        assertThat(SampleMetrics.mmd(x, y, 3, 1.0)).isLessThan(1e-7);
        for (int i = 0; i < y.length; i++) {
            y[i] += 1;
        }
        // a set against its copy shifted by (1, 1, 1), at a width of 1, differs clearly
        double shifted = SampleMetrics.mmd(x, y, 3, 1.0);
        assertThat(shifted).isGreaterThan(0.3);
        double[] one = {0, 0, 0};
        double[] other = {1, 1, 1};
        assertThat(SampleMetrics.mmd(one, other, 3, 1.0)).isCloseTo(Math.sqrt(2 - 2 * Math.exp(-1.5)),
                within(1e-15));
        assertThat(SampleMetrics.meanError(x, y, 3)).isCloseTo(1.0, within(1e-12));
        assertThat(SampleMetrics.sdError(x, y, 3)).isCloseTo(0.0, within(1e-12));
    }
}
