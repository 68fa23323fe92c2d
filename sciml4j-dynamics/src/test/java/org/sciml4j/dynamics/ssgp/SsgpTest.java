package org.sciml4j.dynamics.ssgp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sciml4j.dynamics.data.DynamicalSystem;
import org.sciml4j.dynamics.data.Systems;
import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.data.TrajectoryGenerator;
import org.sciml4j.dynamics.hamiltonian.HamiltonianNetwork;
import org.sciml4j.dynamics.hamiltonian.Rollouts;
import org.sciml4j.dynamics.hamiltonian.TrajectoryObjective;
import org.sciml4j.dynamics.ode.Rk4;
import org.sciml4j.nn.Mlp;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Trainer;

/** The SSGP on a small noisy, sparse Duffing problem, against the HNN trained through the integrator. */
class SsgpTest {
    static final int EPOCHS = 200;

    @Test
    void fieldIsSymplecticAndLinearInTheWeights() {
        SymplecticFeatures f = new SymplecticFeatures(2, 10, 1, 3);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(1);
        VariationalWeights q = new VariationalWeights(20, 1);
        Tensor w = q.sample(4, rng).detach();
        Tensor x = Tensor.of(new double[] {0.1, 0.2, -0.5, 0.3, 1, -1, 0.7, 0.7}, 4, 2);
        // dH/dt = grad H . J grad H = 0: check by finite differences of H along the field
        Tensor v = f.field(x, w);
        double h = 1e-6;
        Tensor ahead = f.energy(x.add(v.mul(h)), w);
        Tensor back = f.energy(x.sub(v.mul(h)), w);
        for (int i = 0; i < 4; i++) {
            assertThat((ahead.data()[i] - back.data()[i]) / (2 * h)).isBetween(-1e-7, 1e-7);
        }
        // and (dH/dp, -dH/dq) by finite differences of H
        Tensor dq = f.energy(x.add(Tensor.of(new double[] {h, 0, h, 0, h, 0, h, 0}, 4, 2)), w).sub(f.energy(x, w));
        assertThat(-dq.data()[2] / h).isCloseTo(v.get(2, 1), org.assertj.core.api.Assertions.within(1e-5));
    }

    @Test
    void ssgpOnNoisySparseDuffing() {
        DynamicalSystem duffing = Systems.named("duffing");
        TrajectoryData train = new TrajectoryGenerator(duffing).trajectories(6).timeSpan(0, 3).rate(5).noise(0.05)
                .seed(4).generate();
        TrajectoryData test = new TrajectoryGenerator(duffing).trajectories(3).timeSpan(0, 5).rate(10).noise(0)
                .seed(99).generate();
        SymplecticFeatures f = new SymplecticFeatures(2, 50, 1.5, 5);
        VariationalWeights q = new VariationalWeights(f.weights(), 2);
        SsgpObjective o = new SsgpObjective(f, q, new Rk4(0.1), train, 2, 0.1, 6);
        Trainer.builder().adam(2e-2, EPOCHS).build().train(o);
        double[][][] truth = SsgpPrediction.unpack(toTimeMajor(test), 3, test.times(), 2);
        double[][] x0 = new double[3][];
        for (int i = 0; i < 3; i++) {
            x0[i] = truth[i][0].clone();
        }
        SsgpPrediction p = SsgpPrediction.of(f, q, new Rk4(0.05), x0, test.t().data(), 30, 8);
        double mse = p.trajectoryMse(truth);
        double energy = p.energyMse(duffing, truth);
        double cover = p.coverage(truth);
        HamiltonianNetwork hnn = HamiltonianNetwork.conservative(Mlp.builder().sizes(2, 32, 32, 1).activation("tanh")
                .seed(5).build(), 2);
        Trainer.builder().adam(1e-2, EPOCHS).build().train(new TrajectoryObjective(hnn, new Rk4(0.1),
                TrajectoryObjective.Gradient.DIRECT, train, 2, 0, 6));
        double hnnMse = hnnMse(hnn, test, x0);
        System.out.printf("SSGP duffing: trajectory MSE %.3e (HNN %.3e), energy MSE %.3e, coverage %.3f, noise %.3f%n",
                mse, hnnMse, energy, cover, o.noiseSd());
        assertThat(mse).isLessThan(0.3); // measured 0.23 (the HNN on the same data 0.08 at 200 steps)
        assertThat(cover).isGreaterThan(0.7); // measured 1.00
    }

    /** x (K, T, d) as the solver's (T, K, d) layout. */
    static double[] toTimeMajor(TrajectoryData data) {
        int k = data.trajectories();
        int n = data.times();
        double[] x = data.x().toArray();
        double[] out = new double[x.length];
        for (int i = 0; i < k; i++) {
            for (int t = 0; t < n; t++) {
                System.arraycopy(x, (i * n + t) * 2, out, (t * k + i) * 2, 2);
            }
        }
        return out;
    }

    static double hnnMse(HamiltonianNetwork hnn, TrajectoryData test, double[][] x0) {
        double[] flat = new double[x0.length * 2];
        for (int i = 0; i < x0.length; i++) {
            System.arraycopy(x0[i], 0, flat, i * 2, 2);
        }
        double[] path;
        try (var g = Autodiff.noGrad()) {
            path = new Rk4(0.05).solve(hnn, Tensor.of(flat, x0.length, 2), test.t().data()).toArray();
        }
        double[] truth = toTimeMajor(test);
        double s = 0;
        for (int i = 0; i < path.length; i++) {
            s += (path[i] - truth[i]) * (path[i] - truth[i]);
        }
        return s / path.length;
    }
}
