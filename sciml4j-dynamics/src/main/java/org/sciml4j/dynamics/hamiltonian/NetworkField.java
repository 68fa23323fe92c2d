package org.sciml4j.dynamics.hamiltonian;

import java.util.List;
import org.sciml4j.dynamics.ode.VectorField;
import org.sciml4j.nn.Module;
import org.sciml4j.tensor.Tensor;

/**
 * The baseline (and the neural ODE's field): a plain network maps the state to its time derivative, (B, d) to
 * (B, d), with no structure; nothing keeps its flow on an energy level.
 */
public final class NetworkField implements VectorField {
    private final Module network;

    /** @param network maps (B, d) to (B, d) */
    public NetworkField(Module network) {
        this.network = network;
    }

    /** The network. */
    public Module network() {
        return network;
    }

    @Override
    public Tensor apply(double t, Tensor x) {
        return network.forward(x);
    }

    @Override
    public List<Tensor> parameters() {
        return network.parameters().trainable();
    }
}
