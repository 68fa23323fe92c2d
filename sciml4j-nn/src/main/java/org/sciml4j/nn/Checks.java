package org.sciml4j.nn;

import org.sciml4j.tensor.Shape;
import org.sciml4j.tensor.ShapeException;
import org.sciml4j.tensor.Tensor;

/** Argument checks shared by the modules. */
final class Checks {
    private Checks() {
    }

    /** Throws unless {@code x} has rank >= 2 and {@code in} features on its last axis. */
    static void input(String module, Tensor x, int in) {
        if (x.rank() < 2 || x.size(-1) != in) {
            throw new ShapeException(module + ": expected input of shape (N, " + in + "), got " + Shape.str(x.shape())
                    + (x.rank() == 1 ? " (reshape a single point to (1, " + in + "))" : ""));
        }
    }

    /** Throws unless every size is positive. */
    static void positive(String what, int... sizes) {
        for (int s : sizes) {
            if (s <= 0) {
                throw new IllegalArgumentException(what + " must be positive, got " + s);
            }
        }
    }
}
