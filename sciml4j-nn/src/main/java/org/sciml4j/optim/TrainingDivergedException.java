package org.sciml4j.optim;

import java.util.List;

/**
 * Thrown when an optimiser is handed a gradient that holds a NaN or an infinity: the loss has blown up and
 * continuing would only spread non-finite values through the parameters. The parameters are left as they were
 * before the refused step.
 */
public final class TrainingDivergedException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    private final int step;
    private final int parameterIndex;
    private final List<String> terms;

    /**
     * @param step           the step that was refused (1 for the first step)
     * @param parameterIndex index of the first offending gradient
     * @param message        the full message
     */
    public TrainingDivergedException(int step, int parameterIndex, String message) {
        this(step, parameterIndex, message, List.of());
    }

    /**
     * @param step           the step that was refused (1 for the first step)
     * @param parameterIndex index of the first offending gradient, -1 when the loss itself is not finite
     * @param message        the full message
     * @param terms          the names of the loss terms that were not finite, in the objective's order
     */
    public TrainingDivergedException(int step, int parameterIndex, String message, List<String> terms) {
        super(message);
        this.step = step;
        this.parameterIndex = parameterIndex;
        this.terms = List.copyOf(terms);
    }

    /** The step that was refused, counting from 1. */
    public int step() {
        return step;
    }

    /** The names of the loss terms that were not finite; empty when a gradient, not the loss, was. */
    public List<String> terms() {
        return terms;
    }

    /** Index of the first gradient holding a non-finite value. */
    public int parameterIndex() {
        return parameterIndex;
    }
}
