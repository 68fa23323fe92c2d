package org.sciml4j.nn;

import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Shape;
import org.sciml4j.tensor.Tensor;

/**
 * A dense affine layer {@code y = x W^T + b}, PyTorch's {@code nn.Linear}: input {@code (N, in)}, output
 * {@code (N, out)}. Parameters {@code weight} of shape {@code (out, in)} and {@code bias} of shape {@code (out,)},
 * exactly as PyTorch names and lays them out (a Flax/Keras {@code kernel} is {@code weight} transposed).
 */
public final class Linear implements Module {
    private final Parameters parameters = new Parameters();
    private final Tensor weight;
    private final Tensor bias;

    /**
     * A layer with weights drawn by {@code init}: first the weight, then the bias, from {@code rng}.
     *
     * @param in  number of input features
     * @param out number of output features
     */
    public Linear(int in, int out, Initializer init, Rng rng) {
        this(init.weight(out, in, rng), init.bias(out, in, rng));
    }

    /**
     * A layer with given values (copied), e.g. imported from PyTorch.
     *
     * @param weight shape {@code (out, in)}
     * @param bias   shape {@code (out,)}
     */
    public Linear(Tensor weight, Tensor bias) {
        if (weight.rank() != 2 || bias.rank() != 1 || bias.size(0) != weight.size(0)) {
            throw new IllegalArgumentException("Linear: need weight (out, in) and bias (out,), got "
                    + Shape.str(weight.shape()) + " and " + Shape.str(bias.shape()));
        }
        this.weight = parameters.add("weight", weight.copy());
        this.bias = parameters.add("bias", bias.copy());
    }

    /** {@code x W^T + b}: {@code (N, in) -> (N, out)}. */
    @Override
    public Tensor forward(Tensor x) {
        Checks.input("Linear", x, inputSize());
        return x.matmul(weight.mT()).add(bias);
    }

    /** The weight leaf, shape {@code (out, in)}. */
    public Tensor weight() {
        return weight;
    }

    /** The bias leaf, shape {@code (out,)}. */
    public Tensor bias() {
        return bias;
    }

    /** {@code weight} and {@code bias}. */
    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public int inputSize() {
        return weight.size(1);
    }

    @Override
    public int outputSize() {
        return weight.size(0);
    }

    @Override
    public String toString() {
        return "Linear(in=" + inputSize() + ", out=" + outputSize() + ")";
    }
}
