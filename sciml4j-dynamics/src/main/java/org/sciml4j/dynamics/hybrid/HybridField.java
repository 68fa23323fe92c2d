package org.sciml4j.dynamics.hybrid;

import java.util.ArrayList;
import java.util.List;

import org.sciml4j.dynamics.ode.VectorField;
import org.sciml4j.nn.Module;
import org.sciml4j.tensor.Tensor;

/**
 * The hybrid field dx/dt = f_theta(x) + g_phi(x): known-form physics plus a network residual (B, d) -> (B, d).
 * {@link #parameters()} lists theta first, then phi.
 */
public final class HybridField implements VectorField {
    private final PhysicalModel physics;
    private final Module residual;
    private final List<Tensor> params;

    /** @param residual the network g, (B, d) to (B, d); null for the physics alone */
    public HybridField(PhysicalModel physics, Module residual) {
        this.physics = physics;
        this.residual = residual;
        List<Tensor> all = new ArrayList<>(physics.parameters());
        if (residual != null) {
            all.addAll(residual.parameters().trainable());
        }
        this.params = List.copyOf(all);
    }

    /** The physics part. */
    public PhysicalModel physics() {
        return physics;
    }

    /** Whether there is a network part. */
    public boolean hasResidual() {
        return residual != null;
    }

    /** The network's parameters phi (empty without a network). */
    public List<Tensor> residualParameters() {
        return residual == null ? List.of() : residual.parameters().trainable();
    }

    /** g_phi(x), (B, d); zeros without a network. */
    public Tensor residual(Tensor x) {
        return residual == null ? x.mul(0) : residual.forward(x);
    }

    @Override
    public Tensor apply(double t, Tensor x) {
        Tensor f = physics.apply(t, x);
        return residual == null ? f : f.add(residual.forward(x));
    }

    @Override
    public List<Tensor> parameters() {
        return params;
    }
}
