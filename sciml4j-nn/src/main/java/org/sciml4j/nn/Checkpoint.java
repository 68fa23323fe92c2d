package org.sciml4j.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.sciml4j.io.DataFormatException;
import org.sciml4j.io.SafeTensors;
import org.sciml4j.optim.Optimizer;
import org.sciml4j.tensor.Tensor;

/**
 * Saves and restores training in one safetensors file: every parameter under its name (PyTorch-style, e.g.
 * {@code layers.0.weight} of shape (out, in)), and optionally the optimiser's state under {@code optimizer.<key>}
 * (e.g. {@code optimizer.exp_avg.0}), so that training resumes bit for bit. The file is written atomically (a
 * temporary file, then a rename): a crash never leaves a corrupt checkpoint.
 * <p>
 * The parameters alone load in Python with {@code safetensors.torch.load_file} into a PyTorch module of the same
 * layout (ignore or strip the {@code optimizer.} entries).
 */
public final class Checkpoint {
    /** Name prefix of the optimiser-state entries. */
    public static final String OPTIMIZER_PREFIX = "optimizer.";
    /** Metadata key holding the optimiser's class name. */
    public static final String OPTIMIZER_KEY = "sciml4j.optimizer";

    private Checkpoint() {
    }

    /**
     * Writes the parameters and, when {@code optimizer} is not null, its state.
     *
     * @param metadata extra string metadata stored in the header (may be empty)
     */
    public static void save(Path file, Parameters parameters, Optimizer optimizer, Map<String, String> metadata)
            throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>(parameters.snapshot());
        Map<String, String> meta = new LinkedHashMap<>(metadata);
        meta.put("format", "pt");
        if (optimizer != null) {
            for (Map.Entry<String, Tensor> e : optimizer.state().entrySet()) {
                tensors.put(OPTIMIZER_PREFIX + e.getKey(), e.getValue());
            }
            meta.put(OPTIMIZER_KEY, optimizer.getClass().getName());
        }
        SafeTensors.write(file, tensors, meta);
    }

    /** Writes the parameters only. */
    public static void save(Path file, Parameters parameters) throws IOException {
        save(file, parameters, null, Map.of());
    }

    /**
     * Loads the parameters (in place, into their existing storage) and, when {@code optimizer} is not null, its
     * state. All names must match: a missing, extra or mis-shaped parameter is reported by name.
     *
     * @return the file's metadata
     * @throws DataFormatException if the file is not a valid safetensors file, or holds no optimiser state (or the
     *                             state of another kind of optimiser) when one is asked for
     */
    public static Map<String, String> load(Path file, Parameters parameters, Optimizer optimizer) throws IOException {
        SafeTensors.Content content = SafeTensors.read(file);
        Map<String, Tensor> params = new LinkedHashMap<>();
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : content.tensors().entrySet()) {
            if (e.getKey().startsWith(OPTIMIZER_PREFIX)) {
                state.put(e.getKey().substring(OPTIMIZER_PREFIX.length()), e.getValue());
            } else {
                params.put(e.getKey(), e.getValue());
            }
        }
        try {
            parameters.load(params);
        } catch (IllegalArgumentException ex) {
            throw new DataFormatException(file.toString(), null, "the checkpoint does not fit the network: "
                    + ex.getMessage(), ex);
        }
        if (optimizer != null) {
            String saved = content.metadata().get(OPTIMIZER_KEY);
            if (saved == null || state.isEmpty()) {
                throw new DataFormatException(file.toString(), null, "the checkpoint holds no optimiser state");
            }
            if (!saved.equals(optimizer.getClass().getName())) {
                throw new DataFormatException(file.toString(), null, "the checkpoint holds the state of " + saved
                        + ", not of " + optimizer.getClass().getName());
            }
            optimizer.loadState(state);
        }
        return content.metadata();
    }
}
