package org.sciml4j.nn;

import org.sciml4j.nn.jet.MlpJet;
import org.sciml4j.nn.jet.TaylorJet;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

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
public final class Mlp extends DenseNetwork {
    private final List<Module> layers;

    /**
     * A plain network (no embedding, unfactorised layers), layers drawn in order from {@code rng}.
     *
     * @param sizes {@code {in, h1, ..., out}}, at least two entries
     */
    public Mlp(int[] sizes, Activation activation, Initializer init, Rng rng) {
        this(builder().sizes(sizes).activation(activation).initializer(init).rng(rng));
    }

    private Mlp(Builder b) {
        this(b, b.generator());
    }

    private Mlp(Builder b, Rng rng) {
        super("Mlp", b.checkedSizes("Mlp", 2), b, rng);
        this.layers = denseLayers(b, rng);
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
        Tensor h = embed(x);
        Activation activation = activation();
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

    /**
     * The fused {@link MlpJet} when this network has no input embedding, activation tanh or sin; else empty.
     */
    @Override
    public Optional<TaylorJet> taylorJet() {
        return MlpJet.of(this);
    }
}
