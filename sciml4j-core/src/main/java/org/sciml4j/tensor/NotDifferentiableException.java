package org.sciml4j.tensor;

/** Thrown when a derivative is requested through an operation that has none (comparisons, sign, argmax...). */
public final class NotDifferentiableException extends UnsupportedOperationException {
    private static final long serialVersionUID = 1L;

    /** An error whose message names the operation that has no derivative. */
    public NotDifferentiableException(String message) {
        super(message);
    }
}
