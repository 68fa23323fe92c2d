package org.sciml4j.dynamics.hybrid.vae;

import java.util.ArrayList;
import java.util.List;

import org.sciml4j.dynamics.ode.OdeSolver;
import org.sciml4j.dynamics.ode.VectorField;
import org.sciml4j.nn.Module;
import org.sciml4j.tensor.Tensor;

/**
 * A physics-integrated VAE (Takeishi and Kalousis 2021) for trajectories of the pendulum family: an encoder maps an
 * observed trajectory (T points of (q, q'), flattened to 2T values) to a Gaussian over the physics latent u (the
 * frequency omega = softplus(u)) and over an auxiliary latent z_a (da values); the decoder integrates
 * <pre>
 *   q' = v,   v' = -omega^2 sin q + g(q, v, z_a)
 * </pre>
 * from the first observed state, g a network (2 + da) -> 1: the known physics (the frictionless pendulum) with a
 * learned correction. {@link #decode} with {@code physicsOnly} drops g: the physics-only decoder towards which
 * {@link HybridVaeObjective} regularises the full one.
 */
public final class HybridVae {
    private final Module encoder;
    private final Module correction;
    private final int latent;
    private final double priorMean;

    /**
     * @param encoder    network 2T -> 2 + 2 da (mean and log variance of u, then of z_a)
     * @param correction network 2 + da -> 1
     * @param latent     da (>= 1)
     * @param omegaPrior the prior's central frequency: u ~ N(softplus^-1(omegaPrior), 1)
     */
    public HybridVae(Module encoder, Module correction, int latent, double omegaPrior) {
        if (latent < 1 || encoder.outputSize() != 2 + 2 * latent || correction.inputSize() != 2 + latent
                || correction.outputSize() != 1) {
            throw new IllegalArgumentException("need da >= 1, an encoder with 2 + 2 da outputs and a correction "
                    + "network (2 + da) -> 1; got da " + latent + ", encoder outputs " + encoder.outputSize()
                    + ", correction " + correction.inputSize() + " -> " + correction.outputSize());
        }
        this.encoder = encoder;
        this.correction = correction;
        this.latent = latent;
        this.priorMean = Math.log(Math.expm1(omegaPrior));
    }

    /** da. */
    public int latent() {
        return latent;
    }

    /** The encoder's then the correction's trainable parameters. */
    public List<Tensor> parameters() {
        List<Tensor> p = new ArrayList<>(encoder.parameters().trainable());
        p.addAll(correction.parameters().trainable());
        return p;
    }

    /** The correction network's parameters. */
    public List<Tensor> correctionParameters() {
        return correction.parameters().trainable();
    }

    /**
     * @param x observed trajectories, (B, 2T)
     * @return the posterior's parameters
     */
    public Encoding encode(Tensor x) {
        Tensor out = encoder.forward(x);
        return new Encoding(out.slice(1, 0, 1), out.slice(1, 1, 2), out.slice(1, 2, 2 + latent),
                out.slice(1, 2 + latent, 2 + 2 * latent));
    }

    /**
     * @param x0          initial states (B, 2)
     * @param omega       frequencies (B, 1)
     * @param za          auxiliary latents (B, da)
     * @param physicsOnly drop the learned correction
     * @return the decoded states (T, B, 2)
     */
    public Tensor decode(OdeSolver solver, Tensor x0, Tensor omega, Tensor za, double[] times,
            boolean physicsOnly) {
        Tensor w2 = omega.square();
        VectorField f = (t, x) -> {
            Tensor q = x.slice(1, 0, 1);
            Tensor v = x.slice(1, 1, 2);
            Tensor acc = q.sin().mul(w2).neg();
            if (!physicsOnly) {
                acc = acc.add(correction.forward(Tensor.concat(1, x, za)));
            }
            return Tensor.concat(1, v, acc);
        };
        return solver.solve(f, x0, times);
    }

    /**
     * KL of N(mean, exp(logVar)) against the prior (u: N(softplus^-1(omegaPrior), 1); z_a: N(0, I)), summed over the
     * batch and the latents; a scalar tensor.
     */
    public Tensor kl(Encoding e) {
        Tensor u = e.uLogVar().exp().add(e.uMean().sub(priorMean).square()).sub(1).sub(e.uLogVar());
        Tensor a = e.zaLogVar().exp().add(e.zaMean().square()).sub(1).sub(e.zaLogVar());
        return u.sum().add(a.sum()).mul(0.5);
    }

    /**
     * The encoder's output for a batch.
     *
     * @param uMean    (B, 1)
     * @param uLogVar  (B, 1)
     * @param zaMean   (B, da)
     * @param zaLogVar (B, da)
     */
    public record Encoding(Tensor uMean, Tensor uLogVar, Tensor zaMean, Tensor zaLogVar) {
        /** The frequency at the posterior mean, softplus(uMean), (B, 1). */
        public Tensor omega() {
            return uMean.softplus();
        }
    }
}
