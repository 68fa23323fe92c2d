package org.sciml4j.inference.mcmc;

import java.util.function.ToDoubleFunction;
import org.sciml4j.inference.sbi.Prior;

/**
 * An unnormalised log-density over D parameters, evaluated on a batch of points at once (so that a neural
 * likelihood evaluates the points of all chains in one pass). Negative infinity marks points outside the support.
 */
@FunctionalInterface
public interface LogDensity {

    /**
     * @param points n rows of length D
     * @return the log-density per row, length n; {@code Double.NEGATIVE_INFINITY} outside the support, never NaN
     */
    double[] evaluate(double[][] points);

    /** A log-density from a function of one point. */
    static LogDensity pointwise(ToDoubleFunction<double[]> f) {
        return points -> {
            double[] out = new double[points.length];
            for (int i = 0; i < points.length; i++) {
                out[i] = f.applyAsDouble(points[i]);
            }
            return out;
        };
    }

    /**
     * The unnormalised posterior log p(theta) + log L(theta): the likelihood is only evaluated at points inside the
     * prior's support, and a NaN from it counts as outside (a simulator-free likelihood may fail far out).
     */
    static LogDensity posterior(Prior prior, LogDensity logLikelihood) {
        return points -> {
            double[] lp = new double[points.length];
            int inside = 0;
            for (int i = 0; i < points.length; i++) {
                lp[i] = prior.logProb(points[i]);
                inside += lp[i] > Double.NEGATIVE_INFINITY ? 1 : 0;
            }
            if (inside == 0) {
                return lp;
            }
            double[][] in = new double[inside][];
            int[] where = new int[inside];
            for (int i = 0, k = 0; i < points.length; i++) {
                if (lp[i] > Double.NEGATIVE_INFINITY) {
                    in[k] = points[i];
                    where[k++] = i;
                }
            }
            double[] ll = logLikelihood.evaluate(in);
            for (int k = 0; k < inside; k++) {
                double v = lp[where[k]] + ll[k];
                lp[where[k]] = Double.isNaN(v) ? Double.NEGATIVE_INFINITY : v;
            }
            return lp;
        };
    }
}
