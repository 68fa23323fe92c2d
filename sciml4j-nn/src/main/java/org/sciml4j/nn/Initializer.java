package org.sciml4j.nn;

import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

import java.util.Locale;
import java.util.function.DoubleBinaryOperator;

/**
 * How a dense layer's weight and bias are drawn, given its fan-in (inputs) and fan-out (outputs). Weights are drawn
 * in row-major order of PyTorch's {@code (out, in)} layout and then the bias, all from the given {@link Rng}, so a
 * seed reproduces them exactly.
 * <p>
 * The schemes, with {@code fan_in = in}, {@code fan_out = out}:
 * <ul>
 * <li>{@link #glorotNormal()}: {@code N(0, 2 / (fan_in + fan_out))} (PyTorch {@code xavier_normal_});</li>
 * <li>{@link #glorotUniform()}: {@code U(-a, a)}, {@code a = sqrt(6 / (fan_in + fan_out))};</li>
 * <li>{@link #heNormal()}: {@code N(0, 2 / fan_in)} (PyTorch {@code kaiming_normal_} for ReLU);</li>
 * <li>{@link #heUniform()}: {@code U(-a, a)}, {@code a = sqrt(6 / fan_in)};</li>
 * <li>{@link #lecunNormal()}: {@code N(0, 1 / fan_in)}; {@link #lecunUniform()}: {@code a = sqrt(3 / fan_in)};</li>
 * <li>{@link #pytorchDefault()}: {@code nn.Linear}'s own initialisation, weight and bias both
 * {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))} (kaiming_uniform with {@code a = sqrt(5)});</li>
 * <li>{@link #zeros()}: all zeros.</li>
 * </ul>
 * All but {@code pytorchDefault} set biases to zero, as DeepXDE does. The normal schemes are untruncated, like
 * PyTorch's; TensorFlow/Keras and JAX draw them from a normal truncated at two standard deviations and rescaled to
 * the same variance.
 */
public interface Initializer {
    /** A weight of shape {@code (fanOut, fanIn)}. */
    Tensor weight(int fanOut, int fanIn, Rng rng);

    /** A bias of shape {@code (fanOut,)}. */
    Tensor bias(int fanOut, int fanIn, Rng rng);

    /** Glorot (Xavier) normal: weight {@code N(0, 2 / (fan_in + fan_out))}, bias zero. */
    static Initializer glorotNormal() {
        return scheme("glorot_normal", false, (in, out) -> Math.sqrt(2 / (in + out)), false);
    }

    /** Glorot (Xavier) uniform: weight {@code U(-a, a)} with {@code a = sqrt(6 / (fan_in + fan_out))}, bias zero. */
    static Initializer glorotUniform() {
        return scheme("glorot_uniform", true, (in, out) -> Math.sqrt(6 / (in + out)), false);
    }

    /** He (Kaiming) normal: weight {@code N(0, 2 / fan_in)}, bias zero. */
    static Initializer heNormal() {
        return scheme("he_normal", false, (in, out) -> Math.sqrt(2 / in), false);
    }

    /** He (Kaiming) uniform: weight {@code U(-a, a)} with {@code a = sqrt(6 / fan_in)}, bias zero. */
    static Initializer heUniform() {
        return scheme("he_uniform", true, (in, out) -> Math.sqrt(6 / in), false);
    }

    /** LeCun normal: weight {@code N(0, 1 / fan_in)}, bias zero. */
    static Initializer lecunNormal() {
        return scheme("lecun_normal", false, (in, out) -> Math.sqrt(1 / in), false);
    }

    /** LeCun uniform: weight {@code U(-a, a)} with {@code a = sqrt(3 / fan_in)} (variance {@code 1 / fan_in}), bias zero. */
    static Initializer lecunUniform() {
        return scheme("lecun_uniform", true, (in, out) -> Math.sqrt(3 / in), false);
    }

    /**
     * PyTorch's {@code nn.Linear} default: weight and bias {@code U(-1/sqrt(fan_in), 1/sqrt(fan_in))} (its
     * {@code kaiming_uniform_(a=sqrt(5))} reduces to this bound).
     */
    static Initializer pytorchDefault() {
        return scheme("pytorch_default", true, (in, out) -> 1 / Math.sqrt(in), true);
    }

    /** All zeros (weight and bias); a network so initialised has zero input gradients, so use it for output layers. */
    static Initializer zeros() {
        return scheme("zeros", true, (in, out) -> 0, false);
    }

    /**
     * The scheme of a name, case-insensitive, spaces and hyphens read as underscores (so DeepXDE's
     * {@code "Glorot normal"} works): {@code glorot_normal} (alias {@code xavier_normal}), {@code glorot_uniform}
     * ({@code xavier_uniform}), {@code he_normal} ({@code kaiming_normal}), {@code he_uniform}
     * ({@code kaiming_uniform}), {@code lecun_normal}, {@code lecun_uniform}, {@code pytorch_default}
     * ({@code pytorch}), {@code zeros}.
     *
     * @throws IllegalArgumentException for any other name; the message lists the valid ones
     */
    static Initializer of(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_')) {
            case "glorot_normal", "xavier_normal" -> glorotNormal();
            case "glorot_uniform", "xavier_uniform" -> glorotUniform();
            case "he_normal", "kaiming_normal" -> heNormal();
            case "he_uniform", "kaiming_uniform" -> heUniform();
            case "lecun_normal" -> lecunNormal();
            case "lecun_uniform" -> lecunUniform();
            case "pytorch_default", "pytorch" -> pytorchDefault();
            case "zeros" -> zeros();
            default -> throw new IllegalArgumentException("unknown initializer '" + name + "'; valid names are"
                    + " glorot_normal (xavier_normal), glorot_uniform (xavier_uniform), he_normal (kaiming_normal),"
                    + " he_uniform (kaiming_uniform), lecun_normal, lecun_uniform, pytorch_default (pytorch), zeros");
        };
    }

    /**
     * A scheme drawing the weight from {@code U(-s, s)} ({@code uniform}) or {@code N(0, s^2)}, with
     * {@code s = spread(fan_in, fan_out)}, and the bias from {@code U(-s, s)} when {@code randomBias}, else zeros.
     */
    private static Initializer scheme(String name, boolean uniform, DoubleBinaryOperator spread, boolean randomBias) {
        return new Initializer() {
            @Override
            public Tensor weight(int fanOut, int fanIn, Rng rng) {
                Checks.positive("layer sizes", fanOut, fanIn);
                double s = spread.applyAsDouble(fanIn, fanOut);
                if (s == 0) {
                    return Tensor.zeros(fanOut, fanIn);
                }
                return uniform ? Tensor.uniform(rng, -s, s, fanOut, fanIn) : Tensor.randn(rng, fanOut, fanIn).mul(s);
            }

            @Override
            public Tensor bias(int fanOut, int fanIn, Rng rng) {
                Checks.positive("layer sizes", fanOut, fanIn);
                if (!randomBias) {
                    return Tensor.zeros(fanOut);
                }
                double s = spread.applyAsDouble(fanIn, fanOut);
                return Tensor.uniform(rng, -s, s, fanOut);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
