package org.sciml4j.operators;

import org.sciml4j.nn.Parameters;
import org.sciml4j.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An operator trained on unit-Gaussian-normalised data (neuraloperator's Darcy setup): the inner model reads the
 * encoded input and its output is decoded before anything compares it with the truth, so the loss, the test figures
 * and the predictions are all in the data's units. Only the inner model's weights train; the statistics are fixed
 * from the training functions and saved beside the weights ({@link #state()}, names {@link #PREFIX}...).
 */
public final class NormalizedOperator implements OperatorModel {
    /** The prefix of the statistics' names in a saved state. */
    public static final String PREFIX = "normalizer.";
    private static final String[] NAMES = {"inputs.mean", "inputs.scale", "outputs.mean", "outputs.scale"};
    private final OperatorModel inner;
    private final UnitGaussianNormalizer inputs;
    private final UnitGaussianNormalizer outputs;

    /**
     * @param inner   the model on normalised data
     * @param inputs  the statistics of the training inputs, {@code (s...)} or {@code (f, s...)}
     * @param outputs the statistics of the training outputs, {@code (s...)} or {@code (c, s...)}
     */
    public NormalizedOperator(OperatorModel inner, UnitGaussianNormalizer inputs, UnitGaussianNormalizer outputs) {
        this.inner = inner;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    /** The model with the statistics of training inputs {@code (N, ...)} and outputs {@code (N, ...)}. */
    public static NormalizedOperator fit(OperatorModel inner, Tensor trainInputs, Tensor trainOutputs) {
        return new NormalizedOperator(inner, UnitGaussianNormalizer.fit(trainInputs),
                UnitGaussianNormalizer.fit(trainOutputs));
    }

    /** The entries of a saved state that are the inner model's weights (all but the statistics). */
    public static Map<String, Tensor> weights(Map<String, Tensor> state) {
        Map<String, Tensor> w = new LinkedHashMap<>();
        state.forEach((k, v) -> {
            if (!k.startsWith(PREFIX)) {
                w.put(k, v);
            }
        });
        return w;
    }

    /** The shape of one input function a saved state's statistics fit, or null when the state has none. */
    public static int[] savedInputShape(Map<String, Tensor> state) {
        Tensor mean = state.get(PREFIX + NAMES[0]);
        return mean == null ? null : mean.shape();
    }

    /**
     * {@code inner} wrapped with the statistics of a saved state, or {@code inner} itself when the state has none.
     *
     * @param state a {@link #state()} or a plain model's weights
     */
    public static OperatorModel restore(OperatorModel inner, Map<String, Tensor> state) {
        if (state.keySet().stream().noneMatch(k -> k.startsWith(PREFIX))) {
            return inner;
        }
        Tensor[] t = new Tensor[NAMES.length];
        for (int i = 0; i < NAMES.length; i++) {
            t[i] = state.get(PREFIX + NAMES[i]);
            if (t[i] == null) {
                throw new IllegalArgumentException("the saved normaliser has no '" + PREFIX + NAMES[i] + "'");
            }
        }
        return new NormalizedOperator(inner, UnitGaussianNormalizer.of(t[0], t[1]),
                UnitGaussianNormalizer.of(t[2], t[3]));
    }

    /**
     * Null when functions shaped {@code point} fit statistics taken on functions shaped {@code trained}, else why
     * not: the one rule of where a normalised model applies.
     */
    public static String gridProblem(int[] trained, int[] point) {
        return Arrays.equals(point, trained) ? null : "the model normalises its data per point of its training grid"
                + " (functions " + Arrays.toString(trained) + ", data.normalize: unit_gaussian); functions "
                + Arrays.toString(point) + " are on another grid";
    }

    /**
     * @param x {@code (B, ...)} on the training grid
     * @return the decoded prediction, {@code (B, ...)} as the training outputs
     */
    @Override
    public Tensor apply(Tensor x) {
        return outputs.decode(inner.apply(inputs.encode(x)));
    }

    @Override
    public Parameters parameters() {
        return inner.parameters();
    }

    @Override
    public Map<String, Tensor> state() {
        Map<String, Tensor> s = new LinkedHashMap<>(inner.state());
        Tensor[] t = {inputs.mean(), inputs.scale(), outputs.mean(), outputs.scale()};
        for (int i = 0; i < NAMES.length; i++) {
            s.put(PREFIX + NAMES[i], t[i]);
        }
        return s;
    }

    @Override
    public String describe() {
        return inner.describe() + " on unit-Gaussian-normalised data";
    }
}
