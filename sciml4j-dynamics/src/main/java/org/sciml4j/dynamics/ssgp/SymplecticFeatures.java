package org.sciml4j.dynamics.ssgp;

import java.util.SplittableRandom;

import org.sciml4j.dynamics.ode.VectorField;
import org.sciml4j.tensor.Tensor;

/**
 * Random Fourier features of a Hamiltonian and the symplectic vector field they give (Tanaka et al. 2022): with
 * frequencies omega_i (M of them, rows of a (M, d) matrix drawn from the squared-exponential kernel's spectral
 * density N(0, I / l^2)) and weights w = (w_c, w_s) of length 2M,
 * <pre>
 *   H(x) = sum_i w_c,i cos(omega_i . x) + w_s,i sin(omega_i . x),
 *   grad H(x) = sum_i (w_s,i cos(omega_i . x) - w_c,i sin(omega_i . x)) omega_i,
 *   f(x) = J grad H(x) = (dH/dp, -dH/dq),
 * </pre>
 * so f is linear in w: a Gaussian over w is a Gaussian process over H whose field is exactly symplectic for every
 * sample. State x = (q, p), d even.
 */
public final class SymplecticFeatures {
    private final Tensor omega;
    private final int m;
    private final int d;

    /**
     * @param d           state dimension (even)
     * @param features    M
     * @param lengthscale l of the squared-exponential kernel
     */
    public SymplecticFeatures(int d, int features, double lengthscale, long seed) {
        if (d % 2 != 0 || d < 2) {
            throw new IllegalArgumentException("a Hamiltonian state (q, p) needs an even dimension, got " + d);
        }
        if (features < 1 || !(lengthscale > 0)) {
            throw new IllegalArgumentException("need features >= 1 and lengthscale > 0, got " + features + ", "
                    + lengthscale);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[features * d];
        for (int i = 0; i < w.length; i++) {
            w[i] = gaussian(rng) / lengthscale;
        }
        this.omega = Tensor.of(w, features, d);
        this.m = features;
        this.d = d;
    }

    static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /** M. */
    public int features() {
        return m;
    }

    /** The number of weights, 2M. */
    public int weights() {
        return 2 * m;
    }

    /**
     * @param x states (B, d)
     * @param w weights per state (B, 2M)
     * @return H, shape (B, 1)
     */
    public Tensor energy(Tensor x, Tensor w) {
        Tensor z = x.matmul(omega.transpose());
        return z.cos().mul(w.slice(1, 0, m)).add(z.sin().mul(w.slice(1, m, 2 * m))).sum(new int[] {1}, true);
    }

    /**
     * @param x states (B, d)
     * @param w weights per state (B, 2M)
     * @return J grad H, shape (B, d)
     */
    public Tensor field(Tensor x, Tensor w) {
        Tensor z = x.matmul(omega.transpose());
        Tensor coef = z.cos().mul(w.slice(1, m, 2 * m)).sub(z.sin().mul(w.slice(1, 0, m)));
        Tensor grad = coef.matmul(omega); // (B, d)
        int n = d / 2;
        return Tensor.concat(1, grad.slice(1, n, d), grad.slice(1, 0, n).neg());
    }

    /** The field with weights fixed per batch row (B, 2M), for a solver. */
    public VectorField fieldWith(Tensor w) {
        return (t, x) -> field(x, w);
    }
}
