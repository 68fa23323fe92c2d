package org.sciml4j.tensor;

/** Thrown when tensor shapes, axes or indices do not fit an operation; the message names the operation and shapes. */
public final class ShapeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An error whose message names the operation and the shapes involved. */
    public ShapeException(String message) {
        super(message);
    }
}
