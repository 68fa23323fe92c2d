package org.sciml4j.pinn.eikonal;

import java.util.Locale;

import org.sciml4j.tensor.Tensor;

/**
 * The eikonal residual at a collocation point, from H = v(x)^2 |grad_x T|^2 (1 where T is exact).
 */
public enum Residual {
    /** The Hamiltonian form H - 1 = v^2 |grad T|^2 - 1: polynomial in the network's outputs, the default. */
    HAMILTONIAN,
    /**
     * The velocity form (v - 1 / |grad T|) / v = 1 - 1 / sqrt(H): the seeds' (v - 1/|grad T|)^2 divided by v^2, so
     * the loss is a relative velocity misfit whatever the model's scale.
     */
    VELOCITY;

    /** The residual from H, shape kept. */
    public Tensor of(Tensor h) {
        return this == HAMILTONIAN ? h.sub(1) : h.sqrt().pow(-1).rsub(1);
    }

    /** The name in the problem file. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The residual of a file's name, or null. */
    public static Residual of(String key) {
        for (Residual r : values()) {
            if (r.key().equals(key)) {
                return r;
            }
        }
        return null;
    }
}
