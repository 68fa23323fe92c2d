package org.sciml4j.nn;

import org.sciml4j.tensor.Tensor;

import java.util.Locale;

/**
 * An element-wise activation function: a tensor of any shape to one of the same shape, differentiable to any order
 * through the core operations. The constants print their name; {@link #of(String)} finds them by name as
 * DeepXDE's {@code activations.get} does.
 */
@FunctionalInterface
public interface Activation {
    /** Applies the function to every element (same shape out as in). */
    Tensor apply(Tensor x);

    /** Hyperbolic tangent. */
    Activation TANH = named("tanh", Tensor::tanh);
    /** Sine (SIREN-style networks; no frequency factor). */
    Activation SIN = named("sin", Tensor::sin);
    /** {@code log(1 + e^x)} (PyTorch {@code Softplus} with beta = 1). */
    Activation SOFTPLUS = named("softplus", Tensor::softplus);
    /** {@code x * sigmoid(x)}, also called swish. */
    Activation SILU = named("silu", Tensor::silu);
    /**
     * GELU in its tanh form {@code x/2 (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))}: JAX's default and PyTorch's
     * {@code GELU(approximate='tanh')}; PyTorch's default {@code GELU()} is the exact erf form, which differs by less
     * than 5e-4.
     */
    Activation GELU = named("gelu", Tensor::gelu);
    /** {@code max(x, 0)} (its derivative at 0 is taken as 0). */
    Activation RELU = named("relu", Tensor::relu);
    /** Logistic sigmoid {@code 1 / (1 + e^-x)}. */
    Activation SIGMOID = named("sigmoid", Tensor::sigmoid);
    /** The identity (a linear network). */
    Activation IDENTITY = named("identity", x -> x);

    /**
     * The activation of a name, case-insensitive: {@code tanh, sin, softplus, silu} (alias {@code swish}),
     * {@code gelu, relu, sigmoid, identity} (alias {@code linear}).
     *
     * @throws IllegalArgumentException for any other name; the message lists the valid ones
     */
    static Activation of(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "tanh" -> TANH;
            case "sin" -> SIN;
            case "softplus" -> SOFTPLUS;
            case "silu", "swish" -> SILU;
            case "gelu" -> GELU;
            case "relu" -> RELU;
            case "sigmoid" -> SIGMOID;
            case "identity", "linear" -> IDENTITY;
            default -> throw new IllegalArgumentException("unknown activation '" + name + "'; valid names are tanh,"
                    + " sin, softplus, silu (swish), gelu, relu, sigmoid, identity (linear)");
        };
    }

    /** Gives a function a name, shown by {@code toString()}. */
    static Activation named(String name, Activation f) {
        return new Activation() {
            @Override
            public Tensor apply(Tensor x) {
                return f.apply(x);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
