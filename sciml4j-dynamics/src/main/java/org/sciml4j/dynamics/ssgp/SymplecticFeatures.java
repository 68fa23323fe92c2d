package org.sciml4j.dynamics.ssgp;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.sciml4j.dynamics.ode.VectorField;
import org.sciml4j.tensor.Tensor;

/**
 * Random Fourier features of a Hamiltonian and the symplectic vector field they give (Tanaka et al. 2022): with
 * frequencies omega_i = eps_i / l (M of them, rows of a (M, d) matrix; eps_i fixed draws of N(0, I), drawn in +-
 * pairs as the paper's code does, l the squared-exponential kernel's lengthscales, one per coordinate) and weights
 * w = (w_c, w_s) of length 2M,
 * <pre>
 *   H(x) = sum_i w_c,i cos(omega_i . x) + w_s,i sin(omega_i . x),
 *   grad H(x) = sum_i (w_s,i cos(omega_i . x) - w_c,i sin(omega_i . x)) omega_i,
 *   f(x) = (J - R) grad H(x),   J grad H = (dH/dp, -dH/dq),
 * </pre>
 * so f is linear in w: a Gaussian over w is a Gaussian process over H whose field is exactly symplectic (R = 0) or
 * exactly dissipative (R = L L^T positive semi-definite, dH/dt = -grad H^T R grad H <= 0) for every sample.
 * State x = (q, p), d even.
 *
 * <p>{@link #learned} makes the lengthscales (as log l) and, when asked, the dissipation factor L trainable
 * parameters, learned in the ELBO with the weights' posterior as in the paper; the plain constructor keeps a fixed
 * isotropic lengthscale and no dissipation.
 */
public final class SymplecticFeatures {
    private final Tensor eps;
    private final Tensor logLengthscale;
    private final Tensor dissipation;
    private final boolean learnLengthscale;
    private final int m;
    private final int d;

    /**
     * Fixed isotropic lengthscale, conservative field.
     *
     * @param d           state dimension (even)
     * @param features    M
     * @param lengthscale l of the squared-exponential kernel
     */
    public SymplecticFeatures(int d, int features, double lengthscale, long seed) {
        this(d, features, lengthscale, seed, false, false);
    }

    private SymplecticFeatures(int d, int features, double lengthscale, long seed, boolean learn,
            boolean dissipative) {
        if (d % 2 != 0 || d < 2) {
            throw new IllegalArgumentException("a Hamiltonian state (q, p) needs an even dimension, got " + d);
        }
        if (features < 1 || !(lengthscale > 0)) {
            throw new IllegalArgumentException("need features >= 1 and lengthscale > 0, got " + features + ", "
                    + lengthscale);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] e = new double[features * d];
        int half = (features + 1) / 2;
        for (int i = 0; i < half * d; i++) {
            e[i] = gaussian(rng);
        }
        for (int i = half * d; i < e.length; i++) {
            e[i] = -e[i - half * d]; // the +- pairs of the paper's code
        }
        this.eps = Tensor.of(e, features, d);
        double[] ll = new double[d];
        java.util.Arrays.fill(ll, Math.log(lengthscale));
        this.logLengthscale = learn ? Tensor.of(ll, 1, d).requireGrad() : Tensor.of(ll, 1, d);
        this.learnLengthscale = learn;
        this.dissipation = dissipative ? Tensor.of(identity(d, 1e-2), d, d).requireGrad() : null;
        this.m = features;
        this.d = d;
    }

    /**
     * Lengthscales learned (one per coordinate, starting at {@code lengthscale}); with {@code dissipative} a learned
     * R = L L^T (L (d, d), starting at 0.01 I).
     */
    public static SymplecticFeatures learned(int d, int features, double lengthscale, long seed,
            boolean dissipative) {
        return new SymplecticFeatures(d, features, lengthscale, seed, true, dissipative);
    }

    private static double[] identity(int d, double scale) {
        double[] a = new double[d * d];
        for (int i = 0; i < d; i++) {
            a[i * d + i] = scale;
        }
        return a;
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

    /** The trainable kernel parameters: log l (1, d) when learned, then L (d, d) when dissipative. */
    public List<Tensor> parameters() {
        List<Tensor> p = new ArrayList<>();
        if (learnLengthscale) {
            p.add(logLengthscale);
        }
        if (dissipation != null) {
            p.add(dissipation);
        }
        return p;
    }

    /** The current lengthscales, (d). */
    public double[] lengthscales() {
        double[] ll = logLengthscale.data().clone();
        for (int i = 0; i < ll.length; i++) {
            ll[i] = Math.exp(ll[i]);
        }
        return ll;
    }

    /** R = L L^T as a flat row-major (d, d) array, or null for a conservative field. */
    public double[] dissipationMatrix() {
        return dissipation == null ? null : rMatrix().toArray();
    }

    private Tensor rMatrix() {
        return dissipation.matmul(dissipation.transpose());
    }

    private Tensor omega() {
        return eps.div(logLengthscale.exp());
    }

    /**
     * @param x states (B, d)
     * @param w weights per state (B, 2M)
     * @return H, shape (B, 1)
     */
    public Tensor energy(Tensor x, Tensor w) {
        Tensor z = x.matmul(omega().transpose());
        return z.cos().mul(w.slice(1, 0, m)).add(z.sin().mul(w.slice(1, m, 2 * m))).sum(new int[] {1}, true);
    }

    /**
     * @param x states (B, d)
     * @param w weights per state (B, 2M)
     * @return (J - R) grad H, shape (B, d)
     */
    public Tensor field(Tensor x, Tensor w) {
        Tensor om = omega();
        Tensor z = x.matmul(om.transpose());
        Tensor coef = z.cos().mul(w.slice(1, m, 2 * m)).sub(z.sin().mul(w.slice(1, 0, m)));
        Tensor grad = coef.matmul(om); // (B, d)
        int n = d / 2;
        Tensor f = Tensor.concat(1, grad.slice(1, n, d), grad.slice(1, 0, n).neg());
        return dissipation == null ? f : f.sub(grad.matmul(rMatrix()));
    }

    /** The field with weights fixed per batch row (B, 2M), for a solver. */
    public VectorField fieldWith(Tensor w) {
        List<Tensor> p = parameters();
        return new VectorField() {
            @Override
            public Tensor apply(double t, Tensor x) {
                return field(x, w);
            }

            @Override
            public List<Tensor> parameters() {
                return p;
            }
        };
    }
}
