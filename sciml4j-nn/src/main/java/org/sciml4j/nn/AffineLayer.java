package org.sciml4j.nn;

import org.sciml4j.tensor.Tensor;

/**
 * What {@link Linear} and {@link FactorizedLinear} share: {@code y = x W^T + b} from the subclass's weight and bias,
 * the parameter collection, and the sizes read off the {@code (out, in)} leaf.
 */
abstract class AffineLayer implements Module {
    private final String name;
    /** The subclass registers its leaves here. */
    final Parameters parameters = new Parameters();

    AffineLayer(String name) {
        this.name = name;
    }

    /** The {@code (out, in)} leaf that fixes the layer's sizes. */
    abstract Tensor matrix();

    /** The weight {@code W}, shape {@code (out, in)}. */
    public abstract Tensor weight();

    /** The bias leaf, shape {@code (out,)}. */
    public abstract Tensor bias();

    /** {@code x W^T + b} with {@code W} the {@link #weight()}: {@code (N, in) -> (N, out)}. */
    @Override
    public final Tensor forward(Tensor x) {
        Checks.input(name, x, inputSize());
        return x.matmul(weight().mT()).add(bias());
    }

    /** The leaves in registration order, named as in the class description. */
    @Override
    public final Parameters parameters() {
        return parameters;
    }

    @Override
    public final int inputSize() {
        return matrix().size(1);
    }

    @Override
    public final int outputSize() {
        return matrix().size(0);
    }

    @Override
    public String toString() {
        return name + "(in=" + inputSize() + ", out=" + outputSize() + ")";
    }
}
