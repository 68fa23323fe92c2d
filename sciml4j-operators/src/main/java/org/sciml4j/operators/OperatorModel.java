package org.sciml4j.operators;

import org.sciml4j.nn.Parameters;
import org.sciml4j.tensor.Tensor;

import java.util.Map;

/**
 * A learned map from input functions to output functions, applied to a batch of B functions sampled on a grid.
 * Shapes follow the data contract of {@code docs/OPERATORS.md}: inputs {@code (B, s)} (1-D) or {@code (B, s1, s2)}
 * (2-D); outputs of the same grid, {@code (B, s)} / {@code (B, s1, s2)} for one field or {@code (B, c, s)} /
 * {@code (B, c, s1, s2)} for c fields.
 */
public interface OperatorModel {

    /**
     * Applies the model to a batch of input functions.
     *
     * @param inputs {@code (B, s)} or {@code (B, s1, s2)}
     * @return the predicted output functions, recorded for differentiation when a parameter is tracked
     */
    Tensor apply(Tensor inputs);

    /** The trainable parameters by name. */
    Parameters parameters();

    /**
     * What a saved model holds: the parameters' values by name and, for a model with fixed statistics
     * ({@link NormalizedOperator}), those too.
     */
    default Map<String, Tensor> state() {
        return parameters().snapshot();
    }

    /** A one-line description, e.g. {@code FNO-1d (modes 16, width 64, 4 layers)}. */
    String describe();
}
