package org.sciml4j.nn;

import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Shape;
import org.sciml4j.tensor.Tensor;

/**
 * A dense affine layer {@code y = x W^T + b}, PyTorch's {@code nn.Linear}: input {@code (N, in)}, output
 * {@code (N, out)}. Parameters {@code weight} of shape {@code (out, in)} and {@code bias} of shape {@code (out,)},
 * exactly as PyTorch names and lays them out (a Flax/Keras {@code kernel} is {@code weight} transposed).
 */
public final class Linear extends AffineLayer {
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
        super("Linear");
        if (weight.rank() != 2 || bias.rank() != 1 || bias.size(0) != weight.size(0)) {
            throw new IllegalArgumentException("Linear: need weight (out, in) and bias (out,), got "
                    + Shape.str(weight.shape()) + " and " + Shape.str(bias.shape()));
        }
        this.weight = parameters.add("weight", weight.copy());
        this.bias = parameters.add("bias", bias.copy());
    }

    /** The weight leaf, shape {@code (out, in)}. */
    @Override
    public Tensor weight() {
        return weight;
    }

    /** The bias leaf, shape {@code (out,)}. */
    @Override
    public Tensor bias() {
        return bias;
    }

    @Override
    Tensor matrix() {
        return weight;
    }
}
