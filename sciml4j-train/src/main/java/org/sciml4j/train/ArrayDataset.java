package org.sciml4j.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

import org.sciml4j.io.DataFormatException;
import org.sciml4j.io.Npz;
import org.sciml4j.tensor.Tensor;

/**
 * A {@link Dataset} of two tensors in memory with the same number of rows.
 *
 * @param inputs  shape (N, ...)
 * @param targets shape (N, ...)
 */
public record ArrayDataset(Tensor inputs, Tensor targets) implements Dataset {

    /** Checks that both have rows, and the same number of them. */
    public ArrayDataset {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(targets, "targets");
        if (inputs.rank() == 0 || targets.rank() == 0 || inputs.size(0) != targets.size(0)) {
            throw new IllegalArgumentException("inputs of shape " + Arrays.toString(inputs.shape())
                    + " and targets of shape " + Arrays.toString(targets.shape())
                    + " must have the same number of rows (first dimension)");
        }
    }

    @Override
    public int size() {
        return inputs.size(0);
    }

    /**
     * The arrays {@code inputsKey} and {@code targetsKey} of an {@code .npz} file.
     *
     * @throws DataFormatException if the file is not a valid {@code .npz} or lacks one of the arrays (naming it),
     *                             or their row counts differ
     */
    public static ArrayDataset fromNpz(Path file, String inputsKey, String targetsKey) throws IOException {
        Map<String, Tensor> arrays = Npz.read(file);
        Tensor x = arrays.get(inputsKey);
        Tensor y = arrays.get(targetsKey);
        for (String key : new String[] {inputsKey, targetsKey}) {
            if (!arrays.containsKey(key)) {
                throw new DataFormatException(file.toString(), key, "no array '" + key + "'; the file has "
                        + arrays.keySet());
            }
        }
        try {
            return new ArrayDataset(x, y);
        } catch (IllegalArgumentException e) {
            throw new DataFormatException(file.toString(), null, "'" + inputsKey + "' and '" + targetsKey + "': "
                    + e.getMessage());
        }
    }
}
