package org.sciml4j.nn;

import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The plumbing shared by {@link Mlp} and {@link ModifiedMlp}: the layer sizes, the activation, the optional input
 * embedding ({@code embedding.*}, registered first), the dense layers {@code layers.0 ... layers.k}, and the
 * accessors and description built on them.
 */
abstract class DenseNetwork implements Module {
    private final String name;
    private final int[] sizes;
    private final Activation activation;
    private final Module embedding;
    private final Parameters parameters = new Parameters();

    /**
     * Draws the embedding, if any, from {@code rng} and registers it; the subclass then draws its own modules.
     *
     * @param sizes the checked layer sizes (owned by this network)
     */
    DenseNetwork(String name, int[] sizes, NetworkBuilder<?, ?> b, Rng rng) {
        this.name = name;
        this.sizes = sizes;
        this.activation = b.activation;
        this.embedding = b.embedding(name, rng);
        if (embedding != null) {
            parameters.register("embedding", embedding.parameters());
        }
    }

    /** Input width of the first dense layers: the embedding's output size, or {@code sizes[0]}. */
    final int denseInputSize() {
        return embedding != null ? embedding.outputSize() : sizes[0];
    }

    /** Draws a dense layer as configured in {@code b} and registers its parameters under {@code prefix}. */
    final Module dense(NetworkBuilder<?, ?> b, String prefix, int in, int out, Rng rng) {
        Module layer = b.dense(in, out, rng);
        parameters.register(prefix, layer.parameters());
        return layer;
    }

    /**
     * Draws and registers {@code layers.i}, mapping {@code sizes[i]} (for the first, {@link #denseInputSize()}) to
     * {@code sizes[i + 1]}.
     */
    final List<Module> denseLayers(NetworkBuilder<?, ?> b, Rng rng) {
        List<Module> list = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            list.add(dense(b, "layers." + i, i == 0 ? denseInputSize() : sizes[i], sizes[i + 1], rng));
        }
        return List.copyOf(list);
    }

    /** Checks the input's shape and applies the embedding, if any. */
    final Tensor embed(Tensor x) {
        Checks.input(name, x, inputSize());
        return embedding != null ? embedding.forward(x) : x;
    }

    /** The input embedding, if any. */
    public final Optional<Module> embedding() {
        return Optional.ofNullable(embedding);
    }

    /** The activation between layers. */
    public final Activation activation() {
        return activation;
    }

    /** The layer sizes {@code {in, h1, ..., out}} (a copy). */
    public final int[] sizes() {
        return sizes.clone();
    }

    /** {@code embedding.*} (if any) first, then the network's own parameters in the order its class describes. */
    @Override
    public final Parameters parameters() {
        return parameters;
    }

    @Override
    public final int inputSize() {
        return sizes[0];
    }

    @Override
    public final int outputSize() {
        return sizes[sizes.length - 1];
    }

    @Override
    public String toString() {
        return name + "(sizes=" + Arrays.toString(sizes) + ", activation=" + activation
                + (embedding != null ? ", embedding=" + embedding : "") + ", parameters=" + parameters.count() + ")";
    }
}
