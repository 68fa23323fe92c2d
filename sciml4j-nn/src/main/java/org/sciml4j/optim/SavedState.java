package org.sciml4j.optim;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.sciml4j.tensor.Tensor;

/**
 * Reads the named tensors of a saved minimiser state, refusing a missing entry or one of the wrong shape with a
 * message that names the minimiser and the entry.
 */
final class SavedState {
    private final String who;
    private final Map<String, Tensor> entries;

    /**
     * @param who     the minimiser's name, for messages
     * @param entries the saved state
     */
    SavedState(String who, Map<String, Tensor> entries) {
        this.who = who;
        this.entries = Objects.requireNonNull(entries, "state");
    }

    /** The entry {@code key}, of any shape. */
    Tensor entry(String key) {
        Tensor t = entries.get(key);
        if (t == null) {
            throw refused(key, "is missing");
        }
        return t;
    }

    /** A copy of the entry {@code key}, which must have shape {@code (n)}. */
    double[] vector(String key, int n) {
        return shaped(key, n);
    }

    /** A copy of the entry {@code key}, which must have shape {@code (rows, cols)}, row-major. */
    double[] matrix(String key, int rows, int cols) {
        return shaped(key, rows, cols);
    }

    /** The number of rows of the entry {@code key}, which must have shape {@code (rows, cols)}. */
    int rows(String key, int cols) {
        int[] shape = entry(key).shape();
        if (shape.length != 2 || shape[1] != cols) {
            throw refused(key, "has shape " + Arrays.toString(shape) + " but must have shape [rows, " + cols + "]");
        }
        return shape[0];
    }

    /** The value of the entry {@code key}, which must have shape {@code ()}. */
    double scalar(String key) {
        return shaped(key)[0];
    }

    /** The value of the scalar entry {@code key}, which must be a whole number in {@code [min, max]}. */
    int whole(String key, int min, int max) {
        double v = scalar(key);
        if (!(v >= min && v <= max) || v != Math.rint(v)) {
            throw refused(key, "is " + v + " but must be a whole number in [" + min + ", " + max + "]");
        }
        return (int) v;
    }

    /** Refuses the entry {@code key} if any of its values is NaN or infinite. */
    double[] finite(String key, double[] values) {
        if (!QuasiNewton.allFinite(values)) {
            throw refused(key, "has non-finite values");
        }
        return values;
    }

    private double[] shaped(String key, int... shape) {
        Tensor t = entry(key);
        if (!Arrays.equals(t.shape(), shape)) {
            throw refused(key, "has shape " + Arrays.toString(t.shape()) + " but must have shape "
                    + Arrays.toString(shape));
        }
        return t.toArray();
    }

    IllegalArgumentException refused(String key, String problem) {
        return new IllegalArgumentException(who + ": cannot restore the run: state entry '" + key + "' " + problem);
    }
}
