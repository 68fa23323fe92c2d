package org.sciml4j.dynamics.hamiltonian;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sciml4j.dynamics.data.DynamicalSystem;
import org.sciml4j.dynamics.data.Systems;
import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.data.TrajectoryGenerator;
import org.sciml4j.dynamics.ode.Rk4;
import org.sciml4j.dynamics.ode.VectorField;
import org.sciml4j.nn.Mlp;
import org.sciml4j.nn.Module;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Objective;
import org.sciml4j.train.Trainer;

/** Each model trained on a tiny problem through the Trainer, with bounds on what it must reach. */
class TinyTrainingTest {
    static Module mlp(int in, int out, long seed) {
        return Mlp.builder().sizes(in, 32, 32, out).activation("tanh").seed(seed).build();
    }

    static double train(Objective o, double lr, int epochs) {
        Trainer.Result r = Trainer.builder().adam(lr, epochs).build().train(o);
        double[] total = r.history().column("total");
        return total[total.length - 1];
    }

    @Test
    void hnnKeepsTheEnergyWhereTheBaselineLosesIt() {
        DynamicalSystem spring = Systems.named("mass_spring");
        TrajectoryData train = new TrajectoryGenerator(spring).trajectories(6).seed(1).generate();
        HamiltonianNetwork hnn = HamiltonianNetwork.conservative(mlp(2, 1, 1), 2);
        NetworkField baseline = new NetworkField(mlp(2, 2, 1));
        train(new DerivativeObjective(hnn, train.states(), train.derivatives(), 0), 1e-2, 200);
        train(new DerivativeObjective(baseline, train.states(), train.derivatives(), 0), 1e-2, 200);
        double hnnEnergy = Rollouts.of(spring, hnn, 5, 10, 50, 3).greydanusEnergyMse();
        double baseEnergy = Rollouts.of(spring, baseline, 5, 10, 50, 3).greydanusEnergyMse();
        System.out.printf("tiny mass-spring: energy MSE hnn %.3e, baseline %.3e%n", hnnEnergy, baseEnergy);
        assertThat(hnnEnergy).isLessThan(1e-2);
        assertThat(baseEnergy).isGreaterThan(3 * hnnEnergy);
    }

    @Test
    void dissipativeHnnFitsADampedPendulumThatAConservativeOneCannot() {
        DynamicalSystem damped = Systems.named("damped_pendulum");
        TrajectoryData train = new TrajectoryGenerator(damped).trajectories(6).noise(0).rate(3).seed(2).generate();
        HamiltonianNetwork conservative = HamiltonianNetwork.conservative(mlp(2, 1, 2), 2);
        HamiltonianNetwork dissipative = HamiltonianNetwork.dissipative(mlp(2, 1, 2), 2, 5);
        double c = train(new DerivativeObjective(conservative, train.states(), train.derivatives(), 0), 1e-2, 300);
        double d = train(new DerivativeObjective(dissipative, train.states(), train.derivatives(), 0), 1e-2, 300);
        Tensor r = dissipative.dissipationMatrix();
        System.out.printf("tiny damped pendulum: derivative MSE conservative %.3e, dissipative %.3e, R = %s%n", c, d,
                r);
        assertThat(d).isLessThan(c / 20);
        // R = L L^T is positive semi-definite by construction and the fit uses it: the damping is not zero
        assertThat(r.get(0, 0) + r.get(1, 1)).isGreaterThan(0.05);
    }

    @Test
    void neuralOdeTrainsThroughTheIntegratorWithEitherGradient() {
        DynamicalSystem spring = Systems.named("mass_spring");
        TrajectoryData train = new TrajectoryGenerator(spring).trajectories(4).noise(0).rate(5).seed(3).generate();
        double[] losses = new double[2];
        List<Tensor> finals = new java.util.ArrayList<>();
        for (TrajectoryObjective.Gradient g : TrajectoryObjective.Gradient.values()) {
            NetworkField field = new NetworkField(mlp(2, 2, 4));
            TrajectoryObjective o = new TrajectoryObjective(field, new Rk4(0.05), g, train, 2, 0, 0);
            double before = o.loss().get(0).item();
            losses[g.ordinal()] = train(o, 1e-2, 100);
            System.out.printf("tiny neural ODE (%s): segment loss %.3e -> %.3e%n", g, before, losses[g.ordinal()]);
            assertThat(losses[g.ordinal()]).isLessThan(before / 20);
            finals.add(field.parameters().get(0).copy());
        }
        // same data, same start: adjoint and direct training follow the same path to the integration error
        double diff = 0;
        for (int i = 0; i < finals.get(0).numel(); i++) {
            diff = Math.max(diff, Math.abs(finals.get(0).data()[i] - finals.get(1).data()[i]));
        }
        assertThat(diff).isLessThan(1e-5);
    }

    @Test
    void hnnTrainsThroughTheIntegratorOnSegments() {
        DynamicalSystem pendulum = Systems.named("pendulum");
        TrajectoryData train = new TrajectoryGenerator(pendulum).trajectories(4).noise(0).rate(5).seed(4).generate();
        VectorField hnn = HamiltonianNetwork.conservative(mlp(2, 1, 6), 2);
        TrajectoryObjective o = new TrajectoryObjective(hnn, new Rk4(0.1), TrajectoryObjective.Gradient.DIRECT,
                train, 1, 16, 7);
        double before = o.loss().get(0).item();
        double after = train(o, 1e-2, 100);
        System.out.printf("tiny HNN on pendulum segments: %.3e -> %.3e%n", before, after);
        assertThat(after).isLessThan(before / 10);
    }
}
