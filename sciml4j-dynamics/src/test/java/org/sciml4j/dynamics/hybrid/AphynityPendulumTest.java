package org.sciml4j.dynamics.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sciml4j.dynamics.data.Systems;
import org.sciml4j.dynamics.data.TrajectoryData;
import org.sciml4j.dynamics.data.TrajectoryGenerator;
import org.sciml4j.dynamics.ode.Rk4;
import org.sciml4j.nn.Mlp;
import org.sciml4j.train.Trainer;

/** APHYNITY against the plain hybrid on a small damped-pendulum problem. */
class AphynityPendulumTest {
    static final double[] TRUTH = {Math.pow(2 * Math.PI / 6, 2), 0.2};

    static double run(boolean minNorm, int epochs) {
        TrajectoryData data = new TrajectoryGenerator(Systems.named("damped_pendulum")).trajectories(8)
                .timeSpan(0, 5).rate(2).noise(0).seed(7).generate();
        HybridField field = new HybridField(new DampedPendulumPhysics(0.5, 0.5, true),
                Mlp.builder().sizes(2, 16, 16, 2).activation("tanh").seed(3).build());
        AphynityObjective o = new AphynityObjective(field, new Rk4(0.125), data, 4, 0, 1, minNorm, 1, 100, 1);
        Trainer.builder().adam(1e-2, epochs).build().train(o);
        double err = field.physics().largestRelativeError(TRUTH);
        System.out.printf("minNorm %s: params %s err %.4f norm %.3e lambda %.2f%n", minNorm,
                java.util.Arrays.toString(field.physics().values()), err, o.residualNorm().item(), o.lambda());
        return err;
    }

    @Test
    void aphynityRecoversTheParametersWhereThePlainHybridDrifts() {
        double a = run(true, 400);
        double p = run(false, 400);
        assertThat(a).isLessThan(0.05); // measured 0.0022
        assertThat(p).isGreaterThan(0.5); // measured 1.32: the network absorbs the physics
    }
}
