package org.sciml4j.pinn.eikonal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.sciml4j.nn.Activation;
import org.sciml4j.nn.Initializer;
import org.sciml4j.nn.Mlp;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/** The factorised eikonal loss against values worked out by hand and against finite differences of T. */
class EikonalObjectiveTest {
    private static final Box BOX = new Box(List.of("x", "z"), new double[] {0, 0}, new double[] {2, 1});

    /** u = 0.1 X + 0.2 Z in the scaled receiver coordinates (X = x - 1, Z = 2z - 1), nothing from the source. */
    private static Mlp affine() {
        Mlp net = new Mlp(new int[] {4, 1}, Activation.TANH, Initializer.of("zeros"), new Rng(0));
        double[] w = net.parameters().all().get(0).data();
        w[0] = 0.1;
        w[1] = 0.2;
        return net;
    }

    @Test
    void theHamiltonianOfAnAffineNetworkIsTheHandValue() {
        EikonalSurrogate s = new EikonalSurrogate(affine(), BOX, new LinearGradientVelocity(1, 1));
        // x = (1.5, 0.5), xs = (0.5, 0.5): X = 0.5, Z = 0, u = 0.05; |x - xs| = 1, n = (1, 0);
        // grad_x u = (0.1 * 1, 0.2 * 2) = (0.1, 0.4); v(x) = v(xs) = 1.5
        // H = exp(2u) |n + |x - xs| grad u|^2 = exp(0.1) (1.1^2 + 0.4^2) = exp(0.1) * 1.37
        double h = Math.exp(0.1) * 1.37;
        // the source condition at (1, 0.5): X = 0, Z = 0, u = 0: (exp(0) - 1)^2 = 0; at (2, 1): u = 0.1 + 0.2
        EikonalObjective o = EikonalObjective.fixed(s, Residual.HAMILTONIAN, new double[] {1.5, 0.5},
                new double[] {0.5, 0.5}, new double[] {1, 0.5, 2, 1}, new double[] {1, 1});
        List<Tensor> loss = o.loss();
        assertThat(loss.get(0).item()).isCloseTo((h - 1) * (h - 1), within(1e-14));
        double atCorner = Math.exp(0.3) - 1;
        assertThat(loss.get(1).item()).isCloseTo(atCorner * atCorner / 2, within(1e-14));
        EikonalObjective velocity = EikonalObjective.fixed(s, Residual.VELOCITY, new double[] {1.5, 0.5},
                new double[] {0.5, 0.5}, new double[0], new double[] {1, 1});
        double r = 1 - 1 / Math.sqrt(h);
        assertThat(velocity.loss().get(0).item()).isCloseTo(r * r, within(1e-14));
    }

    @Test
    void aZeroNetworkGivesTheStraightRayTimesOfTheSourceVelocity() {
        Mlp zero = new Mlp(new int[] {4, 8, 1}, Activation.TANH, Initializer.of("zeros"), new Rng(0));
        EikonalSurrogate s = new EikonalSurrogate(zero, BOX, new LinearGradientVelocity(1, 1));
        // v = 1 + z: x = (1, 1) with v = 2, xs = (0, 0) with v = 1: H = (2 / 1)^2 = 4; residual 3, velocity form 1/2
        EikonalObjective o = EikonalObjective.fixed(s, Residual.HAMILTONIAN, new double[] {1, 1},
                new double[] {0, 0}, new double[] {0.3, 0.3}, new double[] {1, 1});
        assertThat(o.loss().get(0).item()).isCloseTo(9, within(1e-13));
        assertThat(o.loss().get(1).item()).isZero();
        assertThat(s.times(new double[] {1, 1}, new double[] {0, 0})[0]).isCloseTo(Math.sqrt(2), within(1e-15));
    }

    /** H from the jet equals v^2 |grad T|^2 with grad T by central differences of the surrogate's own times. */
    @Test
    void theHamiltonianMatchesFiniteDifferencesOfTheTravelTime() {
        Mlp net = new Mlp(new int[] {4, 12, 12, 1}, Activation.TANH, Initializer.of("glorot_normal"), new Rng(4));
        Velocity v = new LinearGradientVelocity(2, 1.5);
        EikonalSurrogate s = new EikonalSurrogate(net, BOX, v);
        double[] x = {1.3, 0.7};
        double[] xs = {0.4, 0.2};
        EikonalObjective o = EikonalObjective.fixed(s, Residual.HAMILTONIAN, x, xs, new double[0],
                new double[] {1, 1});
        double hJet = Math.sqrt(o.loss().get(0).item()) + 1; // the residual is H - 1 > 0 here (checked below)
        double eps = 1e-6;
        double gx = (s.times(new double[] {x[0] + eps, x[1]}, xs)[0] - s.times(new double[] {x[0] - eps, x[1]},
                xs)[0]) / (2 * eps);
        double gz = (s.times(new double[] {x[0], x[1] + eps}, xs)[0] - s.times(new double[] {x[0], x[1] - eps},
                xs)[0]) / (2 * eps);
        double hFd = v.at(x) * v.at(x) * (gx * gx + gz * gz);
        assertThat(hFd).isGreaterThan(1);
        assertThat(hJet).isCloseTo(hFd, within(1e-8));
    }

    /** Quasi-Newton rounds see new pairs when the objective redraws, the same pairs otherwise. */
    @Test
    void roundsRedrawThePointsOnlyWhenResampling() {
        Mlp net = new Mlp(new int[] {4, 8, 1}, Activation.TANH, Initializer.of("glorot_normal"), new Rng(2));
        EikonalSurrogate s = new EikonalSurrogate(net, BOX, new LinearGradientVelocity(2, 1));
        EikonalObjective fixed = new EikonalObjective(s, Residual.HAMILTONIAN, 50, 5, 0, new double[] {1, 1}, 3);
        EikonalObjective redrawn = new EikonalObjective(s, Residual.HAMILTONIAN, 50, 5, 1, new double[] {1, 1}, 3);
        double before = fixed.loss().get(0).item();
        assertThat(redrawn.loss().get(0).item()).isEqualTo(before); // the same seed draws the same first set
        fixed.beforeRound(1, 100);
        redrawn.beforeRound(1, 100);
        assertThat(fixed.loss().get(0).item()).isEqualTo(before);
        assertThat(redrawn.loss().get(0).item()).isNotEqualTo(before);
    }

    /** The same in 3-D: grad T along x, y, z by central differences. */
    @Test
    void theHamiltonianMatchesFiniteDifferencesInThreeDimensions() {
        Box cube = new Box(List.of("x", "y", "z"), new double[] {0, 0, 0}, new double[] {2, 1, 1});
        Mlp net = new Mlp(new int[] {6, 10, 10, 1}, Activation.TANH, Initializer.of("glorot_normal"), new Rng(9));
        Velocity v = new LinearGradientVelocity(1, 2);
        EikonalSurrogate s = new EikonalSurrogate(net, cube, v);
        double[] x = {1.1, 0.3, 0.8};
        double[] xs = {0.2, 0.6, 0.1};
        double h = v.at(x) * v.at(x) * gradientSquared(s, x, xs);
        EikonalObjective o = EikonalObjective.fixed(s, Residual.HAMILTONIAN, x, xs, new double[0],
                new double[] {1, 1});
        assertThat(o.loss().get(0).item()).isCloseTo((h - 1) * (h - 1), within(1e-7));
    }

    private static double gradientSquared(EikonalSurrogate s, double[] x, double[] xs) {
        double eps = 1e-6;
        double sum = 0;
        for (int a = 0; a < x.length; a++) {
            double[] up = x.clone();
            double[] down = x.clone();
            up[a] += eps;
            down[a] -= eps;
            double g = (s.times(up, xs)[0] - s.times(down, xs)[0]) / (2 * eps);
            sum += g * g;
        }
        return sum;
    }
}
