package org.sciml4j.nn;

import java.util.Optional;

import org.sciml4j.nn.jet.TaylorJet;
import org.sciml4j.tensor.Tensor;

/**
 * A network or layer: a differentiable map from points to values with named trainable parameters, in the spirit of
 * PyTorch's {@code torch.nn.Module}.
 * <p>
 * A module applies to a batch whose rows are points: input {@code (N, inputSize())} gives output
 * {@code (N, outputSize())}. Leading batch axes are allowed, {@code (..., N, in) -> (..., N, out)}. The parameters are
 * leaf tensors owned by the module; {@link #forward} reads them, optimisers update their storage in place.
 */
public interface Module {
    /**
     * Applies the module.
     *
     * @param x points, shape {@code (N, inputSize())}
     * @return values, shape {@code (N, outputSize())}, recorded for differentiation when {@code x} or a parameter is
     *         tracked
     * @throws org.sciml4j.tensor.ShapeException if the last axis of {@code x} is not {@code inputSize()}
     */
    Tensor forward(Tensor x);

    /** The module's parameters by name ({@code "layers.0.weight"}, ...); the same collection on every call. */
    Parameters parameters();

    /** Number of input features (the last axis of the input). */
    int inputSize();

    /** Number of output features (the last axis of the output). */
    int outputSize();

    /**
     * The module's fused Taylor-mode pass (value and derivatives along input columns in one pass), if it has one;
     * empty by default: callers then differentiate {@link #forward} generically, with the same results to rounding.
     * A module that offers one says in its {@link TaylorJet#maxOrder()} how far along one variable it goes.
     */
    default Optional<TaylorJet> taylorJet() {
        return Optional.empty();
    }
}
