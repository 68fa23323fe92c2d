package org.sciml4j.dynamics.hybrid.vae;

import java.util.List;
import java.util.SplittableRandom;

import org.sciml4j.dynamics.ode.OdeSolver;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Objective;

/**
 * The physics-integrated VAE's loss on a family of trajectories (full batch, one reparameterised latent sample per
 * trajectory drawn from the seed and the epoch):
 * <pre>
 *   reconstruction = mean over values of (x - x_full)^2,
 *   kl             = 2 s^2 KL(q(u, z_a | x) || p) / N,
 *   physics        = lambda mean over values of (x_full - x_physics)^2,
 * </pre>
 * x_full the decoded trajectory, x_physics the physics-only decoder's from the same initial state and omega, s the
 * observation noise sd, N the number of observed values: reconstruction + kl is -ELBO scaled by 2 s^2 / N. The
 * physics term is Takeishi and Kalousis's R_DA,1 regulariser: it keeps the learned correction from absorbing what the
 * physics can explain, so that omega stays identifiable; {@code lambda = 0} is the plain hybrid VAE. Logged: the
 * median relative error of the encoded omega against the data's truth ({@code omega_relative_error}).
 */
public final class HybridVaeObjective implements Objective {
    private final HybridVae vae;
    private final OdeSolver solver;
    private final PendulumFamily data;
    private final double lambda;
    private final double klScale;
    private final long seed;
    private final Tensor x;
    private final Tensor x0;
    private final Tensor target;
    private int epoch;

    /**
     * @param lambda weight of the physics regulariser (>= 0)
     * @param noise  observation noise sd used in the likelihood (> 0)
     */
    public HybridVaeObjective(HybridVae vae, OdeSolver solver, PendulumFamily data, double lambda, double noise,
            long seed) {
        if (lambda < 0 || !(noise > 0)) {
            throw new IllegalArgumentException("need lambda >= 0 and noise > 0, got " + lambda + ", " + noise);
        }
        this.vae = vae;
        this.solver = solver;
        this.data = data;
        this.lambda = lambda;
        this.seed = seed;
        int k = data.trajectories();
        int n = data.times();
        this.klScale = 2 * noise * noise / (k * n * 2.0);
        this.x = Tensor.of(data.x(), k, 2 * n);
        this.x0 = x.slice(1, 0, 2);
        this.target = timeMajor(data.x(), k, n);
    }

    /** Flat (K, T, 2) as a (T, K, 2) tensor, the solver's layout. */
    static Tensor timeMajor(double[] flat, int k, int n) {
        double[] out = new double[flat.length];
        for (int i = 0; i < k; i++) {
            for (int t = 0; t < n; t++) {
                System.arraycopy(flat, (i * n + t) * 2, out, (t * k + i) * 2, 2);
            }
        }
        return Tensor.of(out, n, k, 2);
    }

    @Override
    public List<String> termNames() {
        return List.of("reconstruction", "kl", "physics");
    }

    @Override
    public List<Tensor> parameters() {
        return vae.parameters();
    }

    @Override
    public void beforeEpoch(int e) {
        epoch = e; // draws follow from the seed and the epoch alone: no state to checkpoint
    }

    @Override
    public List<String> loggedNames() {
        return List.of("omega_relative_error");
    }

    @Override
    public double[] loggedValues() {
        return new double[] {omegaError(vae, data)};
    }

    @Override
    public List<Tensor> loss() {
        int k = data.trajectories();
        SplittableRandom rng = new SplittableRandom(seed * 1_000_003L + epoch);
        HybridVae.Encoding e = vae.encode(x);
        Tensor u = e.uMean().add(e.uLogVar().mul(0.5).exp().mul(noise(rng, k, 1)));
        Tensor za = e.zaMean().add(e.zaLogVar().mul(0.5).exp().mul(noise(rng, k, vae.latent())));
        Tensor omega = u.softplus();
        Tensor full = vae.decode(solver, x0, omega, za, data.t(), false);
        Tensor rec = full.sub(target).square().mean();
        Tensor phys = lambda > 0 ? full.sub(vae.decode(solver, x0, omega, za, data.t(), true)).square().mean()
                .mul(lambda) : rec.mul(0);
        return List.of(rec, vae.kl(e).mul(klScale), phys);
    }

    private static Tensor noise(SplittableRandom rng, int rows, int cols) {
        double[] z = new double[rows * cols];
        for (int i = 0; i < z.length; i++) {
            z[i] = PendulumFamily.gaussian(rng);
        }
        return Tensor.of(z, rows, cols);
    }

    /** The encoded omega (posterior mean) for each trajectory of a family, (K). */
    public static double[] encodedOmega(HybridVae vae, PendulumFamily family) {
        try (var g = Autodiff.noGrad()) {
            return vae.encode(Tensor.of(family.x(), family.trajectories(), 2 * family.times())).omega().toArray();
        }
    }

    /** Median over the family's trajectories of |omega_encoded - omega| / omega. */
    public static double omegaError(HybridVae vae, PendulumFamily family) {
        double[] w = encodedOmega(vae, family);
        double[] err = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            err[i] = Math.abs(w[i] - family.omega()[i]) / family.omega()[i];
        }
        java.util.Arrays.sort(err);
        int n = err.length;
        return n % 2 == 1 ? err[n / 2] : 0.5 * (err[n / 2 - 1] + err[n / 2]);
    }

    /** Mean square of the decoded trajectory at the posterior means against the family's noise-free states. */
    public static double trajectoryMse(HybridVae vae, OdeSolver solver, PendulumFamily family) {
        int k = family.trajectories();
        int n = family.times();
        try (var g = Autodiff.noGrad()) {
            Tensor xs = Tensor.of(family.x(), k, 2 * n);
            HybridVae.Encoding e = vae.encode(xs);
            Tensor path = vae.decode(solver, xs.slice(1, 0, 2), e.omega(), e.zaMean(), family.t(), false);
            return path.sub(timeMajor(family.clean(), k, n)).square().mean().item();
        }
    }
}
