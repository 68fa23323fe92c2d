package org.sciml4j.dynamics.ode;

import org.sciml4j.tensor.Tensor;

/**
 * Stormer-Verlet (leapfrog, kick-drift-kick) for a separable Hamiltonian system with state {@code (q, p)}, each of
 * half the width: {@code p += h/2 dp/dt(q); q += h dq/dt(p); p += h/2 dp/dt(q)}. Second order, symplectic and
 * time-reversible, so the energy error stays bounded over long runs instead of drifting. It reads the q half of
 * the field at the updated momenta and the p half at the updated positions, which is exact only when dq/dt
 * depends on p alone and dp/dt on q alone (H = T(p) + V(q)); for a non-separable field use
 * {@link ImplicitMidpoint}.
 */
public final class Leapfrog extends FixedStepSolver {
    /** @param maxStep the longest step */
    public Leapfrog(double maxStep) {
        super(maxStep);
    }

    @Override
    public String name() {
        return "leapfrog";
    }

    @Override
    public Tensor step(VectorField f, double t, Tensor x, double h) {
        int d = x.size(1);
        if (d % 2 != 0) {
            throw new IllegalArgumentException("leapfrog needs a state (q, p) of even width, got " + d);
        }
        int n = d / 2;
        Tensor q = x.slice(1, 0, n);
        Tensor p = x.slice(1, n, d);
        Tensor pHalf = p.add(f.apply(t, x).slice(1, n, d).mul(h / 2));
        Tensor q1 = q.add(f.apply(t + h / 2, Tensor.concat(1, q, pHalf)).slice(1, 0, n).mul(h));
        Tensor p1 = pHalf.add(f.apply(t + h, Tensor.concat(1, q1, pHalf)).slice(1, n, d).mul(h / 2));
        return Tensor.concat(1, q1, p1);
    }
}
