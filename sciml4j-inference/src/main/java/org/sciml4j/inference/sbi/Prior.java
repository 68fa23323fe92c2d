package org.sciml4j.inference.sbi;

import java.util.Arrays;
import org.sciml4j.tensor.Rng;

/**
 * A prior p(theta) over D parameters: draws and the log-density (negative infinity outside its support), which
 * posterior sampling uses to keep only samples inside the support.
 */
public interface Prior {

    /** D, the number of parameters. */
    int dim();

    /** One draw, length D. */
    double[] sample(Rng rng);

    /** log p(theta) for theta of length D; {@code Double.NEGATIVE_INFINITY} outside the support. */
    double logProb(double[] theta);

    /** Whether theta lies in the support (its log-density is finite). */
    default boolean inSupport(double[] theta) {
        return logProb(theta) > Double.NEGATIVE_INFINITY;
    }

    /** Independent uniforms on the box [low_j, high_j). */
    static Prior uniform(double[] low, double[] high) {
        return new UniformBox(low, high);
    }

    /** Independent normals N(mean_j, sd_j^2). */
    static Prior gaussian(double[] mean, double[] sd) {
        return new DiagonalGaussian(mean, sd);
    }

    /**
     * A prior from its two functions (e.g. one a user writes in Java).
     *
     * @param dim     D
     * @param sampler draws theta (length D)
     * @param logProb log-density, negative infinity outside the support
     */
    static Prior custom(int dim, java.util.function.Function<Rng, double[]> sampler,
            java.util.function.ToDoubleFunction<double[]> logProb) {
        return new Prior() {
            @Override
            public int dim() {
                return dim;
            }

            @Override
            public double[] sample(Rng rng) {
                double[] t = sampler.apply(rng);
                if (t.length != dim) {
                    throw new IllegalStateException("the custom prior drew " + t.length + " values, expected " + dim);
                }
                return t;
            }

            @Override
            public double logProb(double[] theta) {
                return logProb.applyAsDouble(theta);
            }
        };
    }

    /** The box prior; see {@link Prior#uniform}. */
    record UniformBox(double[] low, double[] high) implements Prior {
        /** Checks low_j < high_j, both finite, same length. */
        public UniformBox {
            if (low.length != high.length || low.length == 0) {
                throw new IllegalArgumentException("uniform prior: low and high need the same length >= 1, got "
                        + low.length + " and " + high.length);
            }
            for (int j = 0; j < low.length; j++) {
                if (!(low[j] < high[j]) || !Double.isFinite(low[j]) || !Double.isFinite(high[j])) {
                    throw new IllegalArgumentException("uniform prior: parameter " + (j + 1) + " needs finite low"
                            + " < high, got " + low[j] + " and " + high[j]);
                }
            }
            low = low.clone();
            high = high.clone();
        }

        @Override
        public int dim() {
            return low.length;
        }

        @Override
        public double[] sample(Rng rng) {
            double[] t = new double[low.length];
            for (int j = 0; j < t.length; j++) {
                t[j] = rng.uniform(low[j], high[j]);
            }
            return t;
        }

        @Override
        public double logProb(double[] theta) {
            double lp = 0;
            for (int j = 0; j < low.length; j++) {
                if (!(theta[j] >= low[j] && theta[j] <= high[j])) {
                    return Double.NEGATIVE_INFINITY;
                }
                lp -= Math.log(high[j] - low[j]);
            }
            return lp;
        }

        @Override
        public String toString() {
            return "uniform " + Arrays.toString(low) + " to " + Arrays.toString(high);
        }
    }

    /** The diagonal Gaussian prior; see {@link Prior#gaussian}. */
    record DiagonalGaussian(double[] mean, double[] sd) implements Prior {
        /** Checks sd_j > 0, same length. */
        public DiagonalGaussian {
            if (mean.length != sd.length || mean.length == 0) {
                throw new IllegalArgumentException("gaussian prior: mean and sd need the same length >= 1, got "
                        + mean.length + " and " + sd.length);
            }
            for (int j = 0; j < sd.length; j++) {
                if (!(sd[j] > 0) || !Double.isFinite(sd[j]) || !Double.isFinite(mean[j])) {
                    throw new IllegalArgumentException("gaussian prior: parameter " + (j + 1)
                            + " needs a finite mean and sd > 0, got " + mean[j] + " and " + sd[j]);
                }
            }
            mean = mean.clone();
            sd = sd.clone();
        }

        @Override
        public int dim() {
            return mean.length;
        }

        @Override
        public double[] sample(Rng rng) {
            double[] t = new double[mean.length];
            for (int j = 0; j < t.length; j++) {
                t[j] = mean[j] + sd[j] * rng.normal();
            }
            return t;
        }

        @Override
        public double logProb(double[] theta) {
            double lp = 0;
            for (int j = 0; j < mean.length; j++) {
                double z = (theta[j] - mean[j]) / sd[j];
                lp += -0.5 * z * z - Math.log(sd[j]) - 0.5 * Math.log(2 * Math.PI);
            }
            return lp;
        }

        @Override
        public String toString() {
            return "gaussian mean " + Arrays.toString(mean) + " sd " + Arrays.toString(sd);
        }
    }
}
