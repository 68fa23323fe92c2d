package org.sciml4j.operators.fit;

import org.sciml4j.operators.OperatorModel;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Objective;

import java.util.List;

/**
 * What the operator objectives share: the model's trainable parameters, and the training functions one step takes
 * ({@link FunctionBatches}: a seeded mini-batch per step, every function in the Trainer's full-batch phases).
 * Subclasses say the terms and the loss on {@code functions.select(data)}.
 */
public abstract class FunctionBatchObjective implements Objective {
    private final OperatorModel model;
    /** The current step's functions: {@code functions.select(data (N, ...))} is {@code (count, ...)}. */
    final FunctionBatches functions;

    /**
     * @param size  training functions N
     * @param batch functions per step (0: all)
     * @param seed  seeds the shuffles
     */
    FunctionBatchObjective(OperatorModel model, int size, int batch, long seed) {
        this.model = model;
        this.functions = new FunctionBatches(size, batch, seed);
    }

    /** Steps (epochs of the Trainer) per pass over the training functions. */
    public final int stepsPerPass() {
        return functions.stepsPerPass();
    }

    @Override
    public final List<Tensor> parameters() {
        return model.parameters().trainable();
    }

    @Override
    public void beforeEpoch(int epoch) {
        functions.beforeEpoch(epoch);
    }

    @Override
    public void fullBatch() {
        functions.fullBatch();
    }
}
