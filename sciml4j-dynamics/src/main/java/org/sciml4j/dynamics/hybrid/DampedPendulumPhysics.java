package org.sciml4j.dynamics.hybrid;

import java.util.List;

import org.sciml4j.tensor.Tensor;

/**
 * The damped pendulum's known form on the state (q, q'): f = (q', -omega0^2 sin q - alpha q') with the two
 * parameters {@code omega0_sq} (omega0^2) and {@code alpha} learned (APHYNITY's "complete" physical model; with
 * {@code alpha} frozen at 0 it is their frictionless "incomplete" model, whose damping the network must supply).
 */
public final class DampedPendulumPhysics implements PhysicalModel {
    private final Tensor omega0Sq;
    private final Tensor alpha;
    private final boolean withFriction;

    /**
     * @param omega0Sq     initial omega0^2
     * @param alpha        initial damping (ignored without friction)
     * @param withFriction whether the damping term is part of the known form
     */
    public DampedPendulumPhysics(double omega0Sq, double alpha, boolean withFriction) {
        this.omega0Sq = Tensor.of(new double[] {omega0Sq}, 1).requireGrad();
        this.alpha = Tensor.of(new double[] {withFriction ? alpha : 0}, 1).requireGrad();
        this.withFriction = withFriction;
    }

    @Override
    public String name() {
        return "pendulum";
    }

    @Override
    public List<String> parameterNames() {
        return withFriction ? List.of("omega0_sq", "alpha") : List.of("omega0_sq");
    }

    @Override
    public List<Tensor> parameters() {
        return withFriction ? List.of(omega0Sq, alpha) : List.of(omega0Sq);
    }

    /** @param x states (B, 2) as (q, q'); returns (B, 2) */
    @Override
    public Tensor apply(double t, Tensor x) {
        Tensor q = x.slice(1, 0, 1);
        Tensor v = x.slice(1, 1, 2);
        Tensor acc = q.sin().mul(omega0Sq).neg();
        if (withFriction) {
            acc = acc.sub(v.mul(alpha));
        }
        return Tensor.concat(1, v, acc);
    }
}
