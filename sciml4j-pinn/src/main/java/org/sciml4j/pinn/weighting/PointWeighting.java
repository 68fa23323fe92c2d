package org.sciml4j.pinn.weighting;

/**
 * Point-level weights on the equations' residuals: the equation's loss becomes {@code (1/N) sum_n c_n r_n^2} with a
 * weight {@code c_n} per collocation point, updated after every first-order step from the residuals of that step.
 * <ul>
 * <li>{@link Scheme#SELF_ADAPTIVE} (McClenny and Braga-Neto, "Self-adaptive physics-informed neural networks", JCP
 * 2023): a trainable {@code lambda_n} per point, {@code c_n = m(lambda_n)} with the mask {@code m} (square:
 * {@code lambda^2}, the paper's polynomial mask of degree 2; linear: {@code lambda}), moved by gradient
 * <em>ascent</em> on the loss: {@code lambda_n += lr * g_n / mean(g)} with {@code g_n = m'(lambda_n) r_n^2}, the
 * loss's gradient with respect to lambda_n up to a common factor. The step is normalised by its mean (as Adam, the
 * paper's ascent optimiser, normalises its steps), so {@code lr} is the mean growth of lambda per epoch whatever
 * the number of points and the size of the residual, while the points with the larger residual grow faster.</li>
 * <li>{@link Scheme#RBA} (Anagnostopoulos, Toscano, Stergiopulos and Karniadakis, "Residual-based attention in
 * physics-informed neural networks", CMAME 2024): {@code lambda_n <- gamma lambda_n + eta |r_n| / max |r|},
 * {@code c_n = lambda_n^2} (the loss is the mean of {@code (lambda_n r_n)^2}); no gradient, bounded by
 * {@code eta / (1 - gamma)}.</li>
 * </ul>
 * Every lambda starts at 1. When the collocation points are drawn again (resampling, adaptive sampling) the weights
 * start again at 1; points added by refinement (RAR) start at 1. Quasi-Newton and least-squares phases keep the
 * weights where the first-order phase left them (the least-squares phases use the plain mean squares).
 *
 * @param scheme which scheme
 * @param lr     self_adaptive: mean growth of lambda per epoch, > 0
 * @param mask   self_adaptive: the mask
 * @param gamma  rba: decay, in [0, 1)
 * @param eta    rba: rate, > 0
 */
public record PointWeighting(Scheme scheme, double lr, Mask mask, double gamma, double eta) {
    /** McClenny and Braga-Neto's scale of ascent steps. */
    public static final double DEFAULT_LR = 1e-3;
    /** Anagnostopoulos et al.'s decay. */
    public static final double DEFAULT_GAMMA = 0.999;
    /** Anagnostopoulos et al.'s rate. */
    public static final double DEFAULT_ETA = 0.01;

    /** Which point-level scheme. */
    public enum Scheme {
        /** Self-adaptive weights by gradient ascent. */
        SELF_ADAPTIVE,
        /** Residual-based attention. */
        RBA
    }

    /** Self-adaptive mask. */
    public enum Mask {
        /** m(lambda) = lambda^2. */
        SQUARE,
        /** m(lambda) = lambda. */
        LINEAR
    }

    /** Checks the knobs. */
    public PointWeighting {
        if (scheme == null || mask == null) {
            throw new IllegalArgumentException("the point weighting scheme and mask must be given");
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("lr must be > 0 and finite, got " + lr);
        }
        if (!(gamma >= 0 && gamma < 1)) {
            throw new IllegalArgumentException("gamma must lie in [0, 1), got " + gamma);
        }
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("eta must be > 0 and finite, got " + eta);
        }
    }

    /** The scheme with its default knobs. */
    public static PointWeighting of(Scheme scheme) {
        return new PointWeighting(scheme, DEFAULT_LR, Mask.SQUARE, DEFAULT_GAMMA, DEFAULT_ETA);
    }

    /** The multiplier {@code c_n} of a point whose lambda is {@code lambda}. */
    double weight(double lambda) {
        return scheme == Scheme.RBA || mask == Mask.SQUARE ? lambda * lambda : lambda;
    }

    /**
     * One update of {@code lambda} (in place) from the residuals {@code r} at the same points (both length N).
     */
    void update(double[] lambda, double[] r) {
        int n = lambda.length;
        if (scheme == Scheme.RBA) {
            double max = 0;
            for (double v : r) {
                max = Math.max(max, Math.abs(v));
            }
            for (int i = 0; i < n; i++) {
                lambda[i] = gamma * lambda[i] + (max > 0 ? eta * Math.abs(r[i]) / max : 0);
            }
            return;
        }
        double[] g = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            g[i] = (mask == Mask.SQUARE ? 2 * lambda[i] : 1) * r[i] * r[i];
            mean += g[i] / n;
        }
        if (!(mean > 0) || Double.isInfinite(mean)) {
            return; // nothing to ascend on (all residuals 0), or a residual that overflowed: the loss reports it
        }
        for (int i = 0; i < n; i++) {
            lambda[i] += lr * g[i] / mean;
        }
    }
}
