package org.sciml4j.operators.fit;

import org.sciml4j.operators.OperatorModel;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.MiniBatches;
import org.sciml4j.train.Objective;

import java.util.List;

/**
 * Supervised operator learning for the {@link org.sciml4j.train.Trainer}: each epoch (one optimiser step) takes a
 * mini-batch of input/output function pairs ({@link MiniBatches}: a seeded shuffle per pass) and compares the
 * model's prediction with the truth by an {@link OperatorLoss}. The batch follows from the seed and the epoch, so
 * a resumed run sees the same batches.
 */
public final class OperatorObjective implements Objective {
    private final OperatorModel model;
    private final Tensor inputs;
    private final Tensor outputs;
    private final OperatorLoss loss;
    private final MiniBatches batches;
    private int[] rows;

    /**
     * @param inputs  training inputs {@code (N, ...)}
     * @param outputs training outputs {@code (N, ...)} as the model returns them
     * @param batch   functions per step (0: all)
     * @param seed    seeds the shuffles
     */
    public OperatorObjective(OperatorModel model, Tensor inputs, Tensor outputs, OperatorLoss loss, int batch,
                             long seed) {
        if (inputs.size(0) != outputs.size(0)) {
            throw new IllegalArgumentException("operator objective: " + inputs.size(0) + " inputs but "
                    + outputs.size(0) + " outputs");
        }
        this.model = model;
        this.inputs = inputs;
        this.outputs = outputs;
        this.loss = loss;
        this.batches = new MiniBatches(inputs.size(0), batch, seed);
        this.rows = batches.rows(1);
    }

    /** Steps (epochs of the Trainer) per pass over the training functions. */
    public int stepsPerPass() {
        return batches.batchesPerPass();
    }

    @Override
    public List<String> termNames() {
        return List.of(loss.term());
    }

    @Override
    public List<Tensor> parameters() {
        return model.parameters().trainable();
    }

    @Override
    public void beforeEpoch(int epoch) {
        rows = batches.rows(epoch);
    }

    @Override
    public void fullBatch() {
        rows = new MiniBatches(inputs.size(0), 0, 0).rows(1);
    }

    @Override
    public List<Tensor> loss() {
        Tensor pred = model.apply(inputs.indexSelect(0, rows));
        return List.of(loss.of(pred, outputs.indexSelect(0, rows)));
    }
}
