package org.sciml4j.domain.quadrature;

import java.util.Arrays;
import java.util.Objects;

import org.sciml4j.tensor.Tensor;

/**
 * Points and weights that approximate an integral over a domain: {@code integral of f ~ sum_i w_i f(x_i)}.
 *
 * @param points  the nodes, shape (N, d)
 * @param weights the weights, length N (their sum is the domain's measure for every rule here)
 * @param note    how the weights were made when they are not exact for constants (an estimated volume), else ""
 */
public record Quadrature(Tensor points, double[] weights, String note) {

    /** Checks that there is one weight per point and every weight is finite. */
    public Quadrature {
        Objects.requireNonNull(points, "points");
        Objects.requireNonNull(weights, "weights");
        if (points.rank() != 2 || points.size(0) != weights.length) {
            throw new IllegalArgumentException("quadrature: " + weights.length + " weights for points of shape "
                    + Arrays.toString(points.shape()));
        }
        for (double w : weights) {
            if (!Double.isFinite(w)) {
                throw new IllegalArgumentException("quadrature: a weight is " + w);
            }
        }
        note = note == null ? "" : note;
    }

    /** Exact weights. */
    public Quadrature(Tensor points, double[] weights) {
        this(points, weights, "");
    }

    /** Number of nodes N. */
    public int size() {
        return weights.length;
    }

    /** The weights as a column, shape (N, 1). */
    public Tensor weightColumn() {
        return Tensor.wrap(weights.clone(), weights.length, 1);
    }

    /**
     * {@code sum_i w_i f_i}.
     *
     * @param values f at the nodes, length N
     */
    public double integrate(double[] values) {
        if (values.length != weights.length) {
            throw new IllegalArgumentException("quadrature: " + values.length + " values for " + weights.length
                    + " nodes");
        }
        double s = 0;
        for (int i = 0; i < values.length; i++) {
            s += weights[i] * values[i];
        }
        return s;
    }

    /** {@code sum_i w_i f(x_i)} for a function of the point's coordinates. */
    public double integrate(java.util.function.ToDoubleFunction<double[]> f) {
        int d = points.size(1);
        double[] p = points.data();
        double s = 0;
        for (int i = 0; i < weights.length; i++) {
            s += weights[i] * f.applyAsDouble(Arrays.copyOfRange(p, i * d, (i + 1) * d));
        }
        return s;
    }
}
