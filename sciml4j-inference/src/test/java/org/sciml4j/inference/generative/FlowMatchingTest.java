package org.sciml4j.inference.generative;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sciml4j.nn.NetworkSpec;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Trainer;

/**
 * A tiny flow-matching model on heat-equation fields with fixed mass and energy: plain sampling misses the constraints
 * by orders of magnitude, PCFM meets the linear one to 1e-10 and the nonlinear one to 1e-6, with an MMD to held-out
 * data no worse than plain sampling's.
 */
class FlowMatchingTest {
    static final int N = 16;
    static final FieldGenerator GEN = new FieldGenerator("heat", N, 3, 2 * Math.PI, 0.05, 1.0, 0.5, 4.0);
    static VectorField field;
    static double[] train;
    static double[] heldOut;
    static final double SIGMA = 1e-4;

    @BeforeAll
    static void trainTinyModel() {
        train = GEN.sample(256, 1);
        heldOut = GEN.sample(128, 2);
        field = VectorField.of(new NetworkSpec(new int[] {64, 64}, "silu", "glorot_normal"), N, 3);
        var objective = new FlowMatchingObjective(field, train, 64, SIGMA, 4, List.of(), 0);
        Trainer.Result r = Trainer.builder().adam(2e-3, 800).build().train(objective);
        double[] loss = r.history().column("total");
        System.out.printf("flow matching loss %.4f -> %.4f%n", loss[0], loss[loss.length - 1]);
    }

    static List<Constraint> constraints() {
        return List.of(Constraints.of("mass", GEN.mass(), GEN.dx()), Constraints.of("energy", 4.0, GEN.dx()));
    }

    @Test
    void generatedDataHaveTheirMassAndEnergy() {
        double[] mass = Constraints.values("mass", GEN.dx(), train, 256, N);
        double[] energy = Constraints.values("energy", GEN.dx(), train, 256, N);
        for (int i = 0; i < 256; i++) {
            assertThat(mass[i]).isCloseTo(Math.PI, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(energy[i]).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1e-12));
        }
    }

    @Test
    void pcfmMeetsTheConstraintsWherePlainSamplingMissesThem() {
        double[] x0 = FlowSampler.noise(128, N, 11);
        double[] plain = new FlowSampler(field).sample(x0, 50, FlowSampler.Method.RK4);
        Projection projection = new Projection(constraints(), 20, 1e-13);
        double[] pcfm = new ConstrainedSampler(field, projection, SIGMA).sample(x0, 50);

        double[] mass = Constraints.values("mass", GEN.dx(), pcfm, 128, N);
        double[] energy = Constraints.values("energy", GEN.dx(), pcfm, 128, N);
        double[] plainEnergy = Constraints.values("energy", GEN.dx(), plain, 128, N);
        double worstMass = 0;
        double worstEnergy = 0;
        double plainWorst = 0;
        for (int i = 0; i < 128; i++) {
            worstMass = Math.max(worstMass, Math.abs(mass[i] - GEN.mass()));
            worstEnergy = Math.max(worstEnergy, Math.abs(energy[i] - 4.0));
            plainWorst = Math.max(plainWorst, Math.abs(plainEnergy[i] - 4.0));
        }
        double h = SampleMetrics.medianDistance(heldOut, N);
        double mmdPlain = SampleMetrics.mmd(plain, heldOut, N, h);
        double mmdPcfm = SampleMetrics.mmd(pcfm, heldOut, N, h);
        System.out.printf("mass %.2e energy %.2e (plain energy %.2e); mmd pcfm %.4f plain %.4f%n", worstMass,
                worstEnergy, plainWorst, mmdPcfm, mmdPlain);
        assertThat(worstMass).isLessThan(1e-10);
        assertThat(worstEnergy).isLessThan(1e-6);
        assertThat(plainWorst).isGreaterThan(1e-3);
        assertThat(mmdPcfm).isLessThanOrEqualTo(mmdPlain * 1.05);
    }

    @Test
    void aBatchOfAtLeastTheTrainingSetTakesEveryFieldOncePerStep() {
        // field k holds 1e6 k everywhere and the network is zero, so a step's loss / 1e12 is the mean of k^2 over
        // the fields it took (the noise adds ~1e-6): 513.5 when each of the 40 fields is taken once
        int count = 40;
        int n = 4;
        double[] data = new double[count * n];
        for (int i = 0; i < data.length; i++) {
            data[i] = 1e6 * (i / n);
        }
        VectorField zero = VectorField.of(new NetworkSpec(new int[] {8}, "silu", "glorot_normal"), n, 1);
        for (Tensor p : zero.parameters()) {
            java.util.Arrays.fill(p.data(), 0);
        }
        for (int batch : new int[] {0, 40, 64}) {
            var objective = new FlowMatchingObjective(zero, data, batch, SIGMA, 4, List.of(), 0);
            for (int step = 1; step <= 3; step++) {
                objective.beforeEpoch(step);
                assertThat(objective.loss().get(0).item() / 1e12).as("batch %d, step %d", batch, step)
                        .isCloseTo(513.5, org.assertj.core.data.Offset.offset(1e-3));
            }
        }
        var smaller = new FlowMatchingObjective(zero, data, 39, SIGMA, 4, List.of(), 0);
        assertThat(smaller.loss().get(0).item() / 1e12).as("a smaller batch draws fields with replacement")
                .isNotCloseTo(513.5, org.assertj.core.data.Offset.offset(1.0));
    }
}
