package org.sciml4j.nn;

import java.util.Objects;
import java.util.function.UnaryOperator;

import org.sciml4j.tensor.Shape;
import org.sciml4j.tensor.ShapeException;
import org.sciml4j.tensor.Tensor;

/**
 * A network that sees extra inputs computed from its inputs: {@code inner([x, features(x)])}. The features are any
 * differentiable function of the points written in tensor operations (a polar angle about a fault tip whose branch
 * cut runs along the fault, so that the network can represent the displacement jump across it), so derivatives
 * with respect to {@code x} flow through them to every order.
 * <p>
 * Input {@code (N, inputs)}; the features give {@code (N, k)}; the inner network takes {@code (N, inputs + k)} and
 * its output is this module's. The parameters are the inner network's, under the same names.
 */
public final class InputFeatures implements Module {
    private final Module inner;
    private final int inputs;
    private final UnaryOperator<Tensor> features;

    /**
     * @param inner    the network on the points and their features, {@code inner.inputSize() > inputs}
     * @param inputs   the number of input columns
     * @param features {@code (N, inputs) -> (N, inner.inputSize() - inputs)}, recorded tensor operations
     * @throws IllegalArgumentException when the inner network takes no column beyond the inputs
     */
    public InputFeatures(Module inner, int inputs, UnaryOperator<Tensor> features) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.features = Objects.requireNonNull(features, "features");
        if (inputs <= 0 || inner.inputSize() <= inputs) {
            throw new IllegalArgumentException("InputFeatures: the inner network takes " + inner.inputSize()
                    + " inputs, which must be more than the " + inputs + " input columns");
        }
        this.inputs = inputs;
    }

    /** The network on the points and their features. */
    public Module inner() {
        return inner;
    }

    @Override
    public Tensor forward(Tensor x) {
        Checks.input("InputFeatures", x, inputs);
        if (x.rank() != 2) {
            int[] shape = x.shape();
            shape[shape.length - 1] = outputSize();
            return forward(x.reshape(-1, inputs)).reshape(shape);
        }
        Tensor f = features.apply(x);
        int k = inner.inputSize() - inputs;
        if (f.rank() != 2 || f.size(0) != x.size(0) || f.size(1) != k) {
            throw new ShapeException("InputFeatures: the features of " + x.size(0) + " points must have shape ("
                    + x.size(0) + ", " + k + "), got " + Shape.str(f.shape()));
        }
        return inner.forward(Tensor.concat(1, x, f));
    }

    @Override
    public Parameters parameters() {
        return inner.parameters();
    }

    @Override
    public int inputSize() {
        return inputs;
    }

    @Override
    public int outputSize() {
        return inner.outputSize();
    }
}
