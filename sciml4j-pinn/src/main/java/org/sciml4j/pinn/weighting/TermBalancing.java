package org.sciml4j.pinn.weighting;

import java.util.Locale;

/**
 * Term-level loss balancing: every {@code every} first-order epochs the weights of the loss terms are set again from
 * the terms' gradients, as a moving average {@code lambda <- (1 - alpha) lambda + alpha lambda_hat}.
 * <ul>
 * <li>{@link Scheme#GRAD_NORM} with {@link Ratio#MAX_MEAN}: learning-rate annealing (Wang, Teng and Perdikaris,
 * "Understanding and mitigating gradient flow pathologies in physics-informed neural networks", SISC 2021,
 * algorithm 1): {@code lambda_hat_i = max |grad L_r| / mean |grad L_i|} for each condition i, where L_r is the
 * weighted sum of the equations (whose weights stay fixed) and the max and mean run over the parameters.</li>
 * <li>{@link Scheme#GRAD_NORM} with {@link Ratio#NORM}: jaxpi's variant, {@code lambda_hat_i = sum_j ||grad L_j|| /
 * ||grad L_i||} for every term, equations included (Euclidean norms).</li>
 * <li>{@link Scheme#NTK}: NTK-trace weighting (Wang, Yu and Perdikaris, "When and why PINNs fail to train: a neural
 * tangent kernel perspective", JCP 2022): {@code lambda_hat_i = sum_j tr(K_j) / tr(K_i)} with {@code tr(K_i)} the
 * mean over the term's residual rows of {@code ||d r_n / d theta||^2} (the mean, as jaxpi takes it, since each term
 * is a mean over its points).</li>
 * </ul>
 * The file's fixed weights are the starting values. The update needs the gradient of every term (grad_norm: one
 * backward pass per term) or the Jacobian of every residual (ntk: as for Levenberg-Marquardt), so it is worth doing
 * every hundreds of epochs, not every epoch.
 *
 * @param scheme how the targets are computed
 * @param every  epochs between updates, >= 1 (the first at epoch 1)
 * @param alpha  weight of the new target in the moving average, in (0, 1]
 * @param ratio  grad_norm's statistic (ignored by ntk)
 */
public record TermBalancing(Scheme scheme, int every, double alpha, Ratio ratio) {
    /** Defaults: every 1000 epochs, alpha 0.9 (the 2021 paper's), max/mean ratio. */
    public static final int DEFAULT_EVERY = 1000;
    /** The 2021 paper's moving-average weight of the new value. */
    public static final double DEFAULT_ALPHA = 0.9;

    /** Which term-level scheme. */
    public enum Scheme {
        /** Gradient-norm balancing (learning-rate annealing). */
        GRAD_NORM,
        /** NTK-trace weighting. */
        NTK
    }

    /** grad_norm's statistic. */
    public enum Ratio {
        /** max |grad L_r| / mean |grad L_i| (the 2021 paper). */
        MAX_MEAN,
        /** sum_j ||grad L_j|| / ||grad L_i|| (jaxpi). */
        NORM
    }

    /** Checks the knobs. */
    public TermBalancing {
        if (scheme == null || ratio == null) {
            throw new IllegalArgumentException("the balancing scheme and ratio must be given");
        }
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1 epoch, got " + every);
        }
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1], got " + alpha);
        }
    }

    /** Whether epoch {@code epoch} (from 1) updates the weights: 1, 1 + every, 1 + 2 every, ... */
    public boolean due(int epoch) {
        return (epoch - 1) % every == 0;
    }

    /**
     * The targets {@code lambda_hat} of grad_norm from each term's gradient (flattened over all parameters).
     *
     * @param grads     per term, the gradient of its unweighted loss, length P each (null: the term depends on no
     *                  parameter)
     * @param equations how many leading terms are equations
     * @param weights   the current weights (MAX_MEAN weighs the equations' gradients by them)
     * @return per term the target, or NaN where the term keeps its weight (an equation under MAX_MEAN, a term
     *         without gradient)
     */
    public double[] gradNormTargets(double[][] grads, int equations, double[] weights) {
        int n = grads.length;
        double[] target = new double[n];
        java.util.Arrays.fill(target, Double.NaN);
        if (ratio == Ratio.NORM) {
            double[] norms = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                norms[i] = grads[i] == null ? 0 : norm(grads[i]);
                sum += norms[i];
            }
            for (int i = 0; i < n; i++) {
                if (norms[i] > 0) {
                    target[i] = sum / norms[i];
                }
            }
            return target;
        }
        double max = 0;
        double[] reference = null;
        for (int e = 0; e < equations; e++) {
            if (grads[e] != null) {
                reference = reference == null ? new double[grads[e].length] : reference;
                for (int k = 0; k < reference.length; k++) {
                    reference[k] += weights[e] * grads[e][k];
                }
            }
        }
        if (reference == null) {
            throw new IllegalStateException("grad_norm with ratio max_mean needs an equation term to balance against");
        }
        for (double g : reference) {
            max = Math.max(max, Math.abs(g));
        }
        for (int i = equations; i < n; i++) {
            double mean = grads[i] == null ? 0 : meanAbs(grads[i]);
            if (mean > 0 && max > 0) {
                target[i] = max / mean;
            }
        }
        return target;
    }

    /**
     * The targets of ntk from each term's trace {@code tr(K_i)} (mean squared row norm of its residuals' Jacobian).
     *
     * @return per term {@code sum_j tr_j / tr_i}, NaN where the trace is 0
     */
    public static double[] ntkTargets(double[] traces) {
        double sum = 0;
        for (double t : traces) {
            sum += t;
        }
        double[] target = new double[traces.length];
        for (int i = 0; i < traces.length; i++) {
            target[i] = traces[i] > 0 ? sum / traces[i] : Double.NaN;
        }
        return target;
    }

    /**
     * Moves {@code weights} (in place) toward {@code targets} by the moving average; NaN targets leave their weight.
     *
     * @throws IllegalStateException if a target is infinite (a gradient underflowed to 0 beside a finite one)
     */
    public void blend(double[] weights, double[] targets) {
        for (int i = 0; i < weights.length; i++) {
            if (Double.isNaN(targets[i])) {
                continue;
            }
            if (Double.isInfinite(targets[i])) {
                throw new IllegalStateException(String.format(Locale.ROOT, "loss balancing: the weight target of"
                        + " term %d is infinite", i));
            }
            weights[i] = (1 - alpha) * weights[i] + alpha * targets[i];
        }
    }

    private static double norm(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static double meanAbs(double[] g) {
        double s = 0;
        for (double v : g) {
            s += Math.abs(v);
        }
        return s / g.length;
    }
}
