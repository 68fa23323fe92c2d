package org.sciml4j.dynamics.ode;

import org.sciml4j.tensor.Tensor;

/** The classical fourth-order Runge-Kutta method with a fixed step (global error O(h^4)). */
public final class Rk4 extends FixedStepSolver {
    /** @param maxStep the longest step */
    public Rk4(double maxStep) {
        super(maxStep);
    }

    @Override
    public String name() {
        return "rk4";
    }

    @Override
    public Tensor step(VectorField f, double t, Tensor x, double h) {
        Tensor k1 = f.apply(t, x);
        Tensor k2 = f.apply(t + h / 2, x.add(k1.mul(h / 2)));
        Tensor k3 = f.apply(t + h / 2, x.add(k2.mul(h / 2)));
        Tensor k4 = f.apply(t + h, x.add(k3.mul(h)));
        return x.add(k1.add(k2.mul(2)).add(k3.mul(2)).add(k4).mul(h / 6));
    }
}
