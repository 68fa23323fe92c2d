package org.sciml4j.inference.generative;

import java.util.List;
import java.util.Objects;
import org.sciml4j.nn.Module;
import org.sciml4j.nn.NetworkSpec;
import org.sciml4j.nn.Networks;
import org.sciml4j.tensor.Tensor;

/**
 * A learned vector field v_theta(x, t) for flow matching: a network on the features {@code [x, t]} (n + 1 inputs)
 * with n outputs, where x is a discretised field of n values.
 */
public final class VectorField {
    private final Module network;
    private final int n;

    /**
     * Wraps a network with n + 1 inputs and n outputs.
     *
     * @throws IllegalArgumentException if the network's sizes do not fit a field of n values
     */
    public VectorField(Module network, int n) {
        this.network = Objects.requireNonNull(network, "network");
        this.n = n;
        if (network.inputSize() != n + 1 || network.outputSize() != n) {
            throw new IllegalArgumentException("a vector field on " + n + " values needs a network with " + (n + 1)
                    + " inputs and " + n + " outputs, got " + network.inputSize() + " -> " + network.outputSize());
        }
    }

    /** A fresh network of the spec, initialised from {@code seed}, for fields of n values. */
    public static VectorField of(NetworkSpec spec, int n, long seed) {
        return new VectorField(Networks.build(spec, n + 1, n, seed), n);
    }

    /** The number of values in a field. */
    public int size() {
        return n;
    }

    /** The trainable parameters, in a fixed order. */
    public List<Tensor> parameters() {
        return network.parameters().trainable();
    }

    /**
     * The velocity at states x and times t.
     *
     * @param x states, shape (B, n)
     * @param t times, shape (B, 1)
     * @return velocities, shape (B, n); recorded when x, t or a parameter is tracked
     */
    public Tensor velocity(Tensor x, Tensor t) {
        return network.forward(Tensor.concat(1, x, t));
    }

    /** The velocity at states x (shape (B, n)) all at the time t; shape (B, n). */
    public Tensor velocity(Tensor x, double t) {
        return velocity(x, Tensor.full(t, x.size(0), 1));
    }
}
