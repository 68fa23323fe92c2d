package org.sciml4j.discovery.sindy;

import java.util.List;

/**
 * A library of candidate terms Theta(x) for sparse regression. Inputs are row-major (n, m) arrays (state variables,
 * then control inputs or spatial derivatives, in the order of the names given to {@link #names}).
 */
public interface FeatureLibrary {

    /**
     * The feature names for inputs with these names, such as {@code 1, x, y, x^2, x y}.
     *
     * @param inputs the input (column) names, m of them
     * @return the k feature names, in the column order of {@link #transform}
     */
    List<String> names(List<String> inputs);

    /**
     * Evaluates the features.
     *
     * @param x the inputs, shape (n, m) row-major
     * @param n the number of samples
     * @param m the number of inputs
     * @return Theta, shape (n, k) row-major, k = {@code names(...).size()}
     */
    double[] transform(double[] x, int n, int m);

    /** A short description for summaries, such as {@code polynomial(degree 2)}. */
    String describe();
}
