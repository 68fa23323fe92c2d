package org.sciml4j.operators.config;

import java.io.IOException;
import java.util.List;

import org.sciml4j.train.config.DocumentProblem;
import org.sciml4j.train.config.RunContext;
import org.sciml4j.train.config.YamlDocument;

/**
 * A checked {@code kind: operator} file: its data (already read and checked), model, optional physics and
 * training. {@link #run} trains and writes the results (see {@link OperatorRun}).
 */
public final class OperatorProblem extends DocumentProblem {
    private final long seed;
    private final OperatorData data;
    private final ModelSpec model;
    private final PhysicsSpec physics;
    private final TrainingSpec training;
    private final List<OperatorData> evaluation;
    private final boolean normalize;

    /**
     * @param physics    null for supervised training
     * @param evaluation extra test sets (checked against the model), evaluated after training; may be empty
     * @param normalize  whether the model is trained on unit-Gaussian-normalised data ({@code data.normalize})
     */
    OperatorProblem(YamlDocument doc, String name, long seed, OperatorData data, ModelSpec model,
                    PhysicsSpec physics, TrainingSpec training, List<OperatorData> evaluation, boolean normalize) {
        super(doc, "operator", name);
        this.seed = seed;
        this.data = data;
        this.model = model;
        this.physics = physics;
        this.training = training;
        this.evaluation = List.copyOf(evaluation);
        this.normalize = normalize;
    }

    /** Whether inputs and outputs are normalised per grid point ({@code data.normalize: unit_gaussian}). */
    public boolean normalize() {
        return normalize;
    }

    /** The file's seed. */
    public long seed() {
        return seed;
    }

    /** The data, read and checked. */
    public OperatorData data() {
        return data;
    }

    /** The model. */
    public ModelSpec model() {
        return model;
    }

    /** The physics for PI training, or null for supervised training. */
    public PhysicsSpec physics() {
        return physics;
    }

    /** The schedule. */
    public TrainingSpec training() {
        return training;
    }

    /** The {@code evaluation:} test sets (e.g. the test functions at another resolution); empty when none. */
    public List<OperatorData> evaluation() {
        return evaluation;
    }

    @Override
    public int run(RunContext context) throws IOException {
        return new OperatorRun(this, context).run();
    }
}
