package org.sciml4j.dynamics.hamiltonian;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.sciml4j.dynamics.ode.VectorField;
import org.sciml4j.nn.Module;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * A Hamiltonian neural network (Greydanus et al. 2019): a network gives the energy H(q, p), shape (B, d) to (B, 1),
 * and the vector field is {@code J grad H = (dH/dp, -dH/dq)}, so the learned flow conserves the learned energy by
 * construction. The gradient with respect to the input is taken through the engine with the graph recorded while
 * the engine records, so the field's own parameter gradient exists and the model trains.
 * <p>
 * The dissipative variant subtracts {@code R grad H} with {@code R = L L^T} positive semi-definite, L a learned
 * (d, d) matrix (port-Hamiltonian form {@code (J - R) grad H}); the port adds {@code G u(t)} for a known external
 * input {@code u(t)} of width m and a learned gain G of shape (d, m). Each part is optional.
 */
public final class HamiltonianNetwork implements VectorField {
    private final Module energy;
    private final int dimension;
    private final Tensor dissipation;
    private final Tensor gain;
    private final DoubleFunction<double[]> input;

    private HamiltonianNetwork(Module energy, int dimension, Tensor dissipation, Tensor gain,
            DoubleFunction<double[]> input) {
        if (dimension % 2 != 0) {
            throw new IllegalArgumentException("a Hamiltonian state (q, p) has even width, got " + dimension);
        }
        this.energy = energy;
        this.dimension = dimension;
        this.dissipation = dissipation;
        this.gain = gain;
        this.input = input;
    }

    /** A conservative HNN over states of width {@code d} (even) with energy network {@code energy}: (B, d) to (B, 1). */
    public static HamiltonianNetwork conservative(Module energy, int d) {
        return new HamiltonianNetwork(energy, d, null, null, null);
    }

    /**
     * A dissipative HNN: {@code (J - L L^T) grad H}, L initialised to {@code 0.1 N(0, 1)} entries from {@code seed}.
     */
    public static HamiltonianNetwork dissipative(Module energy, int d, long seed) {
        Tensor l = Tensor.randn(new Rng(seed), d, d).mul(0.1).requireGrad();
        return new HamiltonianNetwork(energy, d, l, null, null);
    }

    /**
     * This field with a port {@code + G u(t)}: {@code u} returns the m inputs at time t; G starts at zero.
     */
    public HamiltonianNetwork withPort(int m, DoubleFunction<double[]> u) {
        return new HamiltonianNetwork(energy, dimension, dissipation, Tensor.zeros(dimension, m).requireGrad(), u);
    }

    /** The energy network. */
    public Module energyNetwork() {
        return energy;
    }

    /** The learned factor L of R = L L^T, shape (d, d), or null for a conservative field. */
    public Tensor dissipationFactor() {
        return dissipation;
    }

    /** The learned input gain G, shape (d, m), or null without a port. */
    public Tensor inputGain() {
        return gain;
    }

    /** The learned energy at each state, shape (B,). */
    public Tensor hamiltonian(Tensor x) {
        return energy.forward(x).reshape(x.size(0));
    }

    /**
     * grad H at each state, shape (B, d): recorded (create-graph) while the engine records, plain values otherwise.
     */
    public Tensor energyGradient(Tensor x) {
        boolean recording = Autodiff.isRecording();
        try (Autodiff.Scope s = Autodiff.enableGrad()) {
            Tensor xi = Autodiff.asInput(x);
            Tensor h = energy.forward(xi).sum();
            Tensor g = Autodiff.grad(h, List.of(xi), null, recording).get(0);
            return recording ? g : g.detach();
        }
    }

    @Override
    public Tensor apply(double t, Tensor x) {
        if (x.rank() != 2 || x.size(1) != dimension) {
            throw new IllegalArgumentException("the Hamiltonian field takes states of shape (B, " + dimension
                    + "), got " + java.util.Arrays.toString(x.shape()));
        }
        Tensor g = energyGradient(x);
        int n = dimension / 2;
        Tensor f = Tensor.concat(1, g.slice(1, n, dimension), g.slice(1, 0, n).neg());
        if (dissipation != null) {
            // rows of R grad H: (grad H) R^T = (grad H) L L^T, R symmetric
            f = f.sub(g.matmul(dissipation).matmul(dissipation.mT()));
        }
        if (gain != null) {
            double[] u = input.apply(t);
            f = f.add(Tensor.of(u, 1, u.length).matmul(gain.mT()));
        }
        return f;
    }

    @Override
    public List<Tensor> parameters() {
        List<Tensor> p = new ArrayList<>(energy.parameters().trainable());
        if (dissipation != null) {
            p.add(dissipation);
        }
        if (gain != null) {
            p.add(gain);
        }
        return p;
    }

    /** The learned dissipation matrix R = L L^T as values, shape (d, d), or null. */
    public Tensor dissipationMatrix() {
        if (dissipation == null) {
            return null;
        }
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return dissipation.matmul(dissipation.mT());
        }
    }
}
