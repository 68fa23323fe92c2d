package org.sciml4j.train;

import java.util.List;

import org.sciml4j.nn.Module;
import org.sciml4j.tensor.Tensor;

/**
 * Supervised regression: the mean square error of a model's outputs against a {@link Dataset}'s targets, one term
 * named {@code "data"}, over mini-batches drawn by {@link MiniBatches} (the whole set when the batch size is 0);
 * quasi-Newton phases use the whole set.
 */
public final class Regression implements Objective {
    private final Module model;
    private final Dataset data;
    private final MiniBatches batches;
    private Tensor inputs;
    private Tensor targets;
    /** How many times the examples evaluated changed (a mini-batch per epoch, or all of them again). */
    private long changes;

    /**
     * @param model     inputs (N, in) to outputs (N, out)
     * @param data      inputs (N, in), targets (N, out)
     * @param batchSize examples per epoch (0: all)
     * @param seed      seeds the shuffling
     */
    public Regression(Module model, Dataset data, int batchSize, long seed) {
        this.model = model;
        this.data = data;
        this.batches = new MiniBatches(data.size(), batchSize, seed);
        fullBatch();
    }

    @Override
    public List<String> termNames() {
        return List.of("data");
    }

    @Override
    public List<Tensor> parameters() {
        return model.parameters().trainable();
    }

    @Override
    public List<Tensor> loss() {
        return List.of(model.forward(inputs).sub(targets).square().mean());
    }

    /** The same graph while the examples stay: all of them (full batch), or a new mini-batch at every epoch. */
    @Override
    public long graphVersion() {
        return changes;
    }

    @Override
    public void beforeEpoch(int epoch) {
        if (!batches.fullBatch()) {
            int[] rows = batches.rows(epoch);
            inputs = data.inputs(rows);
            targets = data.targets(rows);
            changes++;
        }
    }

    @Override
    public void fullBatch() {
        inputs = data.inputs();
        targets = data.targets();
        changes++;
    }
}
