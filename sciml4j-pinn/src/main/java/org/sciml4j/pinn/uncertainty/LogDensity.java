package org.sciml4j.pinn.uncertainty;

/**
 * An unnormalised log probability density on R^d with its gradient: what {@link Hmc} samples from.
 */
public interface LogDensity {

    /** The dimension d. */
    int dimension();

    /**
     * The log density at a point, up to an additive constant, and its gradient.
     *
     * @param x        the point, length d (not modified)
     * @param gradient receives d log p / dx, length d
     * @return log p(x); NaN or -infinity where the density is not defined (the sampler rejects such a move)
     */
    double logDensity(double[] x, double[] gradient);
}
