package org.sciml4j.operators.fit;

import org.sciml4j.operators.OperatorModel;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.MiniBatches;

import java.util.List;

/**
 * Supervised operator learning for the {@link org.sciml4j.train.Trainer}: each epoch (one optimiser step) takes a
 * mini-batch of input/output function pairs ({@link MiniBatches}: a seeded shuffle per pass) and compares the
 * model's prediction with the truth by an {@link OperatorLoss}. The batch follows from the seed and the epoch, so
 * a resumed run sees the same batches. With an {@link EnergyPenalty} of positive weight a second term
 * {@code energy} (the squared relative energy change from each input state to its prediction) is added with that
 * weight, taken over the batch's inputs and, when unlabelled states are given, over a mini-batch of those too
 * (states without a solved output: the penalty needs none). Both batches go through the model in one call.
 */
public final class OperatorObjective extends FunctionBatchObjective {
    private final OperatorModel model;
    private final Tensor inputs;
    private final Tensor outputs;
    private final OperatorLoss loss;
    private final EnergyPenalty penalty;
    private final Tensor inputEnergy;
    private final Tensor unlabelled;
    private final Tensor unlabelledEnergy;
    private final FunctionBatches unlabelledFunctions;

    /**
     * @param inputs  training inputs {@code (N, ...)}
     * @param outputs training outputs {@code (N, ...)} as the model returns them
     * @param batch   functions per step (0: all)
     * @param seed    seeds the shuffles
     */
    public OperatorObjective(OperatorModel model, Tensor inputs, Tensor outputs, OperatorLoss loss, int batch,
                             long seed) {
        this(model, inputs, outputs, loss, batch, seed, null, null);
    }

    /**
     * @param inputs     training input states {@code (N, 2, n)} when {@code penalty} is given
     * @param penalty    the energy penalty, or null (a weight of 0 is the same as none)
     * @param unlabelled more input states {@code (M, 2, n)} for the penalty alone, or null; drawn {@code batch}
     *                   at a time (all when batch is 0) with their own seeded shuffle
     * @throws IllegalArgumentException when a state's energy is not positive (the penalty divides by it)
     */
    public OperatorObjective(OperatorModel model, Tensor inputs, Tensor outputs, OperatorLoss loss, int batch,
                             long seed, EnergyPenalty penalty, Tensor unlabelled) {
        super(model, rows(inputs, outputs), batch, seed);
        this.model = model;
        this.inputs = inputs;
        this.outputs = outputs;
        this.loss = loss;
        this.penalty = penalty != null && penalty.weight() > 0 ? penalty : null;
        this.inputEnergy = this.penalty == null ? null : positiveEnergies(inputs, "training input");
        boolean extra = this.penalty != null && unlabelled != null && unlabelled.size(0) > 0;
        this.unlabelled = extra ? unlabelled : null;
        this.unlabelledEnergy = extra ? positiveEnergies(unlabelled, "unlabelled state") : null;
        this.unlabelledFunctions = extra ? new FunctionBatches(unlabelled.size(0), batch, seed + 1) : null;
    }

    /** N, after checking that inputs and outputs have it. */
    private static int rows(Tensor inputs, Tensor outputs) {
        if (inputs.size(0) != outputs.size(0)) {
            throw new IllegalArgumentException("operator objective: " + inputs.size(0) + " inputs but "
                    + outputs.size(0) + " outputs");
        }
        return inputs.size(0);
    }

    private Tensor positiveEnergies(Tensor states, String what) {
        Tensor energies = penalty.energies(states);
        double[] e = energies.data();
        for (int i = 0; i < e.length; i++) {
            if (!(e[i] > 0)) {
                throw new IllegalArgumentException("operator objective: " + what + " " + i + " has energy " + e[i]
                        + "; the energy penalty is relative to it and needs it > 0");
            }
        }
        return energies;
    }


    @Override
    public List<String> termNames() {
        return penalty == null ? List.of(loss.term()) : List.of(loss.term(), EnergyPenalty.TERM);
    }

    @Override
    public double[] weights() {
        return penalty == null ? new double[] {1} : new double[] {1, penalty.weight()};
    }


    @Override
    public void beforeEpoch(int epoch) {
        super.beforeEpoch(epoch);
        if (unlabelled != null) {
            unlabelledFunctions.beforeEpoch(epoch);
        }
    }

    @Override
    public void fullBatch() {
        super.fullBatch();
        if (unlabelled != null) {
            unlabelledFunctions.fullBatch();
        }
    }

    @Override
    public List<Tensor> loss() {
        Tensor in = functions.select(inputs);
        Tensor truth = functions.select(outputs);
        if (penalty == null) {
            return List.of(loss.of(model.apply(in), truth));
        }
        Tensor energy = functions.select(inputEnergy);
        if (unlabelled != null) {
            in = Tensor.concat(0, in, unlabelledFunctions.select(unlabelled));
            energy = Tensor.concat(0, energy, unlabelledFunctions.select(unlabelledEnergy));
        }
        Tensor pred = model.apply(in);
        Tensor data = loss.of(pred.slice(0, 0, functions.count()), truth);
        return List.of(data, penalty.term(energy, pred));
    }
}
