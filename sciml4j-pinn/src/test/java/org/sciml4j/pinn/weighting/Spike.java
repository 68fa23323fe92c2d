package org.sciml4j.pinn.weighting;

import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.nn.Mlp;
import org.sciml4j.pinn.Condition;
import org.sciml4j.pinn.PinnObjective;
import org.sciml4j.pinn.Problem;
import org.sciml4j.train.Phase;
import org.sciml4j.train.Trainer;

/**
 * Small problems whose residual is known: the 1-D Poisson equation -u'' = f on [0, 1], u(0) = u(1) = 0, with a
 * narrow source spike at x = 0.7, so that early in training the residual is largest there.
 */
final class Spike {
    static final double CENTRE = 0.7;

    private Spike() {
    }

    /** -u'' = 100 exp(-((x - 0.7)/0.02)^2) (plus a smooth part), u = 0 at both ends, on {@code n} uniform points. */
    static Problem poisson(int n) {
        return Problem.builder().variable("x", 0, 1).fields("u")
                .equation("u_xx + pi^2*sin(pi*x) + 100*exp(-((x - 0.7)/0.02)^2) = 0")
                .condition(Condition.at("x", new double[] {0, 1}, "u = 0").named("boundary"))
                .collocation(Sampler.uniform(), n).build();
    }

    /** The smooth Poisson problem -u'' = pi^2 sin(pi x), u = 0 at both ends (u = sin(pi x)). */
    static Problem smooth(int n) {
        return Problem.builder().variable("x", 0, 1).fields("u")
                .equation("u_xx + pi^2*sin(pi*x) = 0")
                .condition(Condition.at("x", new double[] {0, 1}, "u = 0").named("boundary"))
                .collocation(Sampler.uniform(), n).build();
    }

    /** {@link #smooth} with the equation multiplied by {@code scale}: the same solution, a stiffer residual. */
    static Problem scaled(int n, double scale) {
        return Problem.builder().variable("x", 0, 1).fields("u").parameter("s", scale)
                .equation("s*(u_xx + pi^2*sin(pi*x)) = 0")
                .condition(Condition.at("x", new double[] {0, 1}, "u = 0").named("boundary"))
                .collocation(Sampler.uniform(), n).build();
    }

    static Mlp net(long seed) {
        return Mlp.builder().sizes(1, 16, 16, 1).activation("tanh").initializer("glorot_normal").seed(seed).build();
    }

    /** An objective with the remedies, trained by Adam for {@code epochs} epochs. */
    static PinnObjective train(Problem p, Weighting w, int epochs) {
        PinnObjective o = new PinnObjective(p, net(1), 0, 0, 0, null, w);
        Trainer.builder().phase(Phase.adam(1e-3, epochs)).build().train(o);
        return o;
    }
}
