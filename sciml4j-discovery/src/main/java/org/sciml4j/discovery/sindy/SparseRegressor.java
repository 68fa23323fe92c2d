package org.sciml4j.discovery.sindy;

/** Finds sparse coefficients Xi with Y ~ Theta Xi. */
public interface SparseRegressor {

    /**
     * Fits the coefficients.
     *
     * @param design the features and targets
     * @return Xi, shape (p, m) row-major: the coefficient of feature i in target j is {@code xi[i * m + j]}
     */
    double[] fit(Design design);

    /** A short description for summaries, such as {@code stlsq(threshold 0.1)}. */
    String describe();
}
