package org.sciml4j.optim;

/**
 * Thrown when an optimiser is handed a gradient that holds a NaN or an infinity: the loss has blown up and
 * continuing would only spread non-finite values through the parameters. The parameters are left as they were
 * before the refused step.
 */
public final class TrainingDivergedException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final int step;
    private final int parameterIndex;

    /**
     * @param step           the step that was refused (1 for the first step)
     * @param parameterIndex index of the first offending gradient
     * @param message        the full message
     */
    public TrainingDivergedException(int step, int parameterIndex, String message) {
        super(message);
        this.step = step;
        this.parameterIndex = parameterIndex;
    }

    /** The step that was refused, counting from 1. */
    public int step() {
        return step;
    }

    /** Index of the first gradient holding a non-finite value. */
    public int parameterIndex() {
        return parameterIndex;
    }
}
