package org.sciml4j.dynamics.hybrid.vae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.sciml4j.dynamics.ode.Rk4;
import org.sciml4j.nn.Mlp;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Trainer;

/** The physics-integrated VAE: its decoder against the known pendulum, its KL, and a tiny training. */
class HybridVaeTest {
    static HybridVae vae(int times, long seed) {
        return new HybridVae(Mlp.builder().sizes(2 * times, 32, 4).activation("tanh").seed(seed).build(),
                Mlp.builder().sizes(3, 16, 1).activation("tanh").seed(seed + 1).build(), 1, 2.0);
    }

    @Test
    void physicsOnlyDecoderIsTheFrictionlessPendulum() {
        PendulumFamily f = PendulumFamily.generate(3, 11, 0.1, new double[] {1.0, 2.5}, 0, 0, 1);
        HybridVae v = vae(11, 2);
        Tensor x0 = Tensor.of(new double[] {f.x()[0], f.x()[1], f.x()[22], f.x()[23], f.x()[44], f.x()[45]}, 3, 2);
        Tensor path = v.decode(new Rk4(0.01), x0, Tensor.of(f.omega(), 3, 1), Tensor.zeros(3, 1), f.t(), true);
        Tensor truth = HybridVaeObjective.timeMajor(f.clean(), 3, 11);
        assertThat(path.sub(truth).abs().max().item()).isLessThan(1e-8); // RK4 h = 0.01 vs 0.005: same orbit
    }

    @Test
    void dampingLowersTheEnergy() {
        PendulumFamily f = PendulumFamily.generate(4, 40, 0.25, new double[] {1.5, 1.5}, 0.4, 0, 3);
        for (int k = 0; k < 4; k++) {
            double w2 = f.omega()[k] * f.omega()[k];
            double e0 = energy(f, k, 0, w2);
            double e1 = energy(f, k, 39, w2);
            assertThat(e1).isLessThanOrEqualTo(e0 + 1e-12);
        }
    }

    private static double energy(PendulumFamily f, int k, int t, double w2) {
        int at = (k * f.times() + t) * 2;
        return 0.5 * f.clean()[at + 1] * f.clean()[at + 1] + w2 * (1 - Math.cos(f.clean()[at]));
    }

    @Test
    void klIsZeroAtThePriorAndMatchesTheClosedForm() {
        HybridVae v = vae(5, 1);
        double u0 = Math.log(Math.expm1(2.0));
        HybridVae.Encoding atPrior = new HybridVae.Encoding(Tensor.of(new double[] {u0}, 1, 1), Tensor.zeros(1, 1),
                Tensor.zeros(1, 1), Tensor.zeros(1, 1));
        assertThat(v.kl(atPrior).item()).isCloseTo(0, within(1e-14));
        HybridVae.Encoding e = new HybridVae.Encoding(Tensor.of(new double[] {u0 + 0.5}, 1, 1),
                Tensor.of(new double[] {Math.log(0.25)}, 1, 1), Tensor.of(new double[] {1}, 1, 1),
                Tensor.zeros(1, 1));
        double expected = 0.5 * (0.25 + 0.25 - 1 - Math.log(0.25)) + 0.5;
        assertThat(v.kl(e).item()).isCloseTo(expected, within(1e-14));
    }

    @Test
    void tinyTrainingLowersTheReconstructionAndTheOmegaError() {
        PendulumFamily train = PendulumFamily.generate(16, 16, 0.2, new double[] {1.0, 2.5}, 0.2, 0.01, 5);
        HybridVae v = vae(16, 7);
        HybridVaeObjective o = new HybridVaeObjective(v, new Rk4(0.2), train, 1, 0.01, 9);
        double rec0 = o.loss().get(0).item();
        double err0 = HybridVaeObjective.omegaError(v, train);
        Trainer.builder().adam(1e-2, 150).build().train(o);
        double rec = o.loss().get(0).item();
        double err = HybridVaeObjective.omegaError(v, train);
        System.out.printf("hybrid VAE tiny: reconstruction %.3e -> %.3e, omega error %.3f -> %.3f%n", rec0, rec,
                err0, err);
        assertThat(rec).isLessThan(rec0 / 5);
        assertThat(err).isLessThan(err0);
    }
}
