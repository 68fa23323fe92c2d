package org.sciml4j.nn;

import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A fully connected network (DeepXDE's {@code FNN}; PyTorch's {@code nn.Sequential} of {@code Linear} layers with
 * activations between them): for sizes {@code {in, h1, ..., hk, out}},
 * {@code y = L_k(act(... act(L_0(e(x)))))} where {@code L_i} are dense layers, the last one linear (no activation),
 * and {@code e} an optional input embedding (e.g. {@link FourierFeatures}), the identity by default. Input
 * {@code (N, in)}, output {@code (N, out)}.
 * <p>
 * Parameters are named like a PyTorch {@code ModuleList} of {@code Linear} called {@code layers}:
 * {@code layers.0.weight (h1, in)}, {@code layers.0.bias (h1,)}, ..., {@code layers.k.weight (out, hk)}; with weight
 * factorisation {@code layers.i.weight_s}/{@code weight_v} replace {@code weight}; an embedding's are
 * {@code embedding.*}. A {@code 1-20-20-1} network has 481 parameters.
 * <pre>{@code
 * Mlp net = Mlp.builder().sizes(1, 20, 20, 1).activation("tanh").initializer("glorot_normal").seed(42).build();
 * Tensor y = net.forward(x);   // x (N, 1) -> y (N, 1)
 * }</pre>
 */
public final class Mlp implements Module {
    private final int[] sizes;
    private final Activation activation;
    private final Module embedding;
    private final List<Module> layers;
    private final Parameters parameters = new Parameters();

    /**
     * A plain network (no embedding, unfactorised layers), layers drawn in order from {@code rng}.
     *
     * @param sizes {@code {in, h1, ..., out}}, at least two entries
     */
    public Mlp(int[] sizes, Activation activation, Initializer init, Rng rng) {
        this(builder().sizes(sizes).activation(activation).initializer(init).rng(rng));
    }

    private Mlp(Builder b) {
        this.sizes = b.checkedSizes("Mlp", 2);
        this.activation = b.activation;
        Rng rng = b.generator();
        this.embedding = b.embedding("Mlp", rng);
        if (embedding != null) {
            parameters.register("embedding", embedding.parameters());
        }
        List<Module> list = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            int in = i == 0 && embedding != null ? embedding.outputSize() : sizes[i];
            Module layer = b.dense(in, sizes[i + 1], rng);
            parameters.register("layers." + i, layer.parameters());
            list.add(layer);
        }
        this.layers = List.copyOf(list);
    }

    /** A builder; see {@link NetworkBuilder} for the settings and defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link Mlp}. */
    public static final class Builder extends NetworkBuilder<Builder, Mlp> {
        private Builder() {
        }

        @Override
        public Mlp build() {
            return new Mlp(this);
        }
    }

    /** {@code (N, in) -> (N, out)}. */
    @Override
    public Tensor forward(Tensor x) {
        Checks.input("Mlp", x, inputSize());
        Tensor h = embedding != null ? embedding.forward(x) : x;
        int last = layers.size() - 1;
        for (int i = 0; i < last; i++) {
            h = activation.apply(layers.get(i).forward(h));
        }
        return layers.get(last).forward(h);
    }

    /** The dense layers in order ({@link Linear} or {@link FactorizedLinear}), {@code layers.i} at index i. */
    public List<Module> layers() {
        return layers;
    }

    /** The input embedding, if any. */
    public Optional<Module> embedding() {
        return Optional.ofNullable(embedding);
    }

    /** The activation between layers. */
    public Activation activation() {
        return activation;
    }

    /** The layer sizes {@code {in, h1, ..., out}} (a copy). */
    public int[] sizes() {
        return sizes.clone();
    }

    /** {@code embedding.*} (if any), then {@code layers.0.*}, {@code layers.1.*}, ... */
    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public int inputSize() {
        return sizes[0];
    }

    @Override
    public int outputSize() {
        return sizes[sizes.length - 1];
    }

    @Override
    public String toString() {
        return "Mlp(sizes=" + Arrays.toString(sizes) + ", activation=" + activation
                + (embedding != null ? ", embedding=" + embedding : "") + ", parameters=" + parameters.count() + ")";
    }
}
