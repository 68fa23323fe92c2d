package org.sciml4j.inference.flow;

import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * An affine layer {@code y = x W + b} with W of shape (in, out), optionally masked elementwise (MADE); initialised
 * as PyTorch's nn.Linear: weights and biases uniform in +-1/sqrt(in).
 */
final class Dense {
    final Tensor weight;
    final Tensor bias;
    private final Tensor mask;

    /**
     * @param mask (in * out) row-major 0/1 entries, or null for a dense layer
     */
    Dense(int in, int out, Rng rng, double[] mask) {
        double bound = 1 / Math.sqrt(in);
        double[] w = new double[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.uniform(-bound, bound);
        }
        double[] b = new double[out];
        for (int i = 0; i < out; i++) {
            b[i] = rng.uniform(-bound, bound);
        }
        this.weight = Tensor.of(w, in, out).requireGrad();
        this.bias = Tensor.of(b, out).requireGrad();
        this.mask = mask == null ? null : Tensor.of(mask, in, out);
    }

    /** x (N, in) to (N, out). */
    Tensor apply(Tensor x) {
        Tensor w = mask == null ? weight : weight.mul(mask);
        return x.matmul(w).add(bias);
    }

    /** x (N, in) times the (masked) weight, no bias: for a second input added to a layer's pre-activation. */
    Tensor applyNoBias(Tensor x) {
        Tensor w = mask == null ? weight : weight.mul(mask);
        return x.matmul(w);
    }
}
