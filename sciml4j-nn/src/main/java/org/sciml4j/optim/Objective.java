package org.sciml4j.optim;

/**
 * A smooth function of a flat parameter vector that returns its value and writes its gradient, the input of a
 * {@link Minimizer}. {@link ParameterVector#objective} builds one from a loss on tensors.
 * <p>
 * Returning NaN or an infinity is allowed: line searches treat such points as steps that went too far.
 */
@FunctionalInterface
public interface Objective {

    /**
     * Evaluates the function and its gradient.
     *
     * @param x           the point (must not be modified or retained)
     * @param gradientOut receives the gradient at {@code x}; same length as {@code x}
     * @return the value at {@code x}
     */
    double valueAndGradient(double[] x, double[] gradientOut);
}
