package org.sciml4j.inference.generative;

import java.util.Objects;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * Physics-constrained flow matching (PCFM, Utkarsh et al. 2025) for a trained {@link VectorField}: a zero-shot
 * sampler that ends on the constraint set {R(x) = 0} without retraining. Each step from t to t' = t + h:
 * <ol>
 * <li>shoot to t = 1 along the straight (optimal-transport) path the flow implies at x_t: with v = v_theta(x_t, t),
 * the path's noise end is x0_hat = x_t - t v and its data end x1_hat = v + (1 - sigma_min) x0_hat;</li>
 * <li>project x1_hat onto {R = 0} by Gauss-Newton ({@link Projection});</li>
 * <li>move back along the straight path to the projected end: x_t' = x0_hat + t' (x1_proj - (1 - sigma_min)
 * x0_hat).</li>
 * </ol>
 * A final projection at t = 1 makes every returned field satisfy the constraints to the projection's tolerance (to
 * rounding for linear ones). This is the paper's algorithm without its optional relaxed penalty correction of the
 * intermediate states.
 */
public final class ConstrainedSampler {
    private final VectorField field;
    private final Projection projection;
    private final double sigmaMin;

    /**
     * @param field      the trained field
     * @param projection the constraints and their Gauss-Newton settings
     * @param sigmaMin   the sigma_min the field was trained with
     */
    public ConstrainedSampler(VectorField field, Projection projection, double sigmaMin) {
        this.field = Objects.requireNonNull(field, "field");
        this.projection = Objects.requireNonNull(projection, "projection");
        this.sigmaMin = sigmaMin;
    }

    /**
     * Samples B fields.
     *
     * @param x0    start fields, flat (B, n); not modified
     * @param steps sampling steps (>= 1)
     * @return fields at t = 1 on the constraint set, flat (B, n)
     */
    public double[] sample(double[] x0, int steps) {
        int n = field.size();
        int b = x0.length / n;
        double a = 1 - sigmaMin;
        double h = 1.0 / steps;
        double[] x = x0.clone();
        for (int k = 0; k < steps; k++) {
            double t = k * h;
            double next = (k + 1) * h;
            double[] v;
            try (var s = Autodiff.noGrad()) {
                v = field.velocity(Tensor.wrap(x, b, n), t).toArray();
            }
            double[] start = new double[x.length];
            double[] end = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                start[i] = x[i] - t * v[i];
                end[i] = v[i] + a * start[i];
            }
            projection.project(end, b, n);
            for (int i = 0; i < x.length; i++) {
                x[i] = start[i] + next * (end[i] - a * start[i]);
            }
        }
        projection.project(x, b, n);
        return x;
    }
}
