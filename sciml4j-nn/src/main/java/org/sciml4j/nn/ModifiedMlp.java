package org.sciml4j.nn;

import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The modified MLP of Wang, Teng &amp; Perdikaris (2021), "Understanding and mitigating gradient pathologies in
 * physics-informed neural networks" (SIAM J. Sci. Comput. 43(5); arXiv:2001.04536): two encoders of the input gate
 * every hidden layer. For sizes {@code {in, h, ..., h, out}} (k equal hidden widths), with {@code X} the (optionally
 * embedded) input and {@code act} the activation:
 * <pre>
 *   U   = act(X W_u^T + b_u),   V = act(X W_v^T + b_v)
 *   H_0 = X
 *   Z_i = act(H_{i-1} W_i^T + b_i),   H_i = Z_i * U + (1 - Z_i) * V     (i = 1..k, element-wise products)
 *   y   = H_k W_{k+1}^T + b_{k+1}
 * </pre>
 * This is the formulation of the authors' code (GradientPathologiesPINNs, {@code forward_pass}: "H = tanh(H W + b) *
 * encoder_1 + (1 - tanh(H W + b)) * encoder_2") and of jaxpi's {@code ModifiedMlp} ({@code x = x * u + (1 - x) * v}
 * after every hidden dense layer, the first included). The paper's equations (2.31)-(2.35) write the gate as
 * {@code (1 - Z) * U + Z * V}, which is the same network with {@code U} and {@code V} swapped, and do not gate the
 * first hidden layer; the code's version is used so that weights move between the implementations unchanged.
 * <p>
 * Input {@code (N, in)}, output {@code (N, out)}. Parameters, with PyTorch layouts: {@code u.weight (h, in')},
 * {@code u.bias (h,)}, {@code v.weight}, {@code v.bias}, then {@code layers.0 ... layers.k} exactly as in an
 * {@link Mlp} of the same sizes, {@code in'} being the embedding's width when there is one ({@code embedding.*}).
 * Weight factorisation, when chosen, applies to all dense layers, {@code U} and {@code V} included, as in jaxpi.
 */
public final class ModifiedMlp implements Module {
    private final int[] sizes;
    private final Activation activation;
    private final Module embedding;
    private final Module encoderU;
    private final Module encoderV;
    private final List<Module> layers;
    private final Parameters parameters = new Parameters();

    /**
     * A modified MLP without embedding or factorisation, drawn from {@code rng} in the order {@code u, v, layers}.
     *
     * @param sizes {@code {in, h, ..., h, out}}: at least one hidden layer, all hidden widths equal
     */
    public ModifiedMlp(int[] sizes, Activation activation, Initializer init, Rng rng) {
        this(builder().sizes(sizes).activation(activation).initializer(init).rng(rng));
    }

    private ModifiedMlp(Builder b) {
        this.sizes = b.checkedSizes("ModifiedMlp", 3);
        int hidden = sizes[1];
        for (int i = 1; i < sizes.length - 1; i++) {
            if (sizes[i] != hidden) {
                throw new IllegalArgumentException("ModifiedMlp: all hidden layers must have the same width (they are"
                        + " gated by U and V), got sizes " + Arrays.toString(sizes));
            }
        }
        this.activation = b.activation;
        Rng rng = b.generator();
        this.embedding = b.embedding("ModifiedMlp", rng);
        int in = embedding != null ? embedding.outputSize() : sizes[0];
        if (embedding != null) {
            parameters.register("embedding", embedding.parameters());
        }
        this.encoderU = b.dense(in, hidden, rng);
        this.encoderV = b.dense(in, hidden, rng);
        parameters.register("u", encoderU.parameters());
        parameters.register("v", encoderV.parameters());
        List<Module> list = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            Module layer = b.dense(i == 0 ? in : sizes[i], sizes[i + 1], rng);
            parameters.register("layers." + i, layer.parameters());
            list.add(layer);
        }
        this.layers = List.copyOf(list);
    }

    /** A builder; see {@link NetworkBuilder} for the settings and defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link ModifiedMlp}. */
    public static final class Builder extends NetworkBuilder<Builder, ModifiedMlp> {
        private Builder() {
        }

        @Override
        public ModifiedMlp build() {
            return new ModifiedMlp(this);
        }
    }

    /** {@code (N, in) -> (N, out)}, as in the class description. */
    @Override
    public Tensor forward(Tensor x) {
        Checks.input("ModifiedMlp", x, inputSize());
        Tensor h = embedding != null ? embedding.forward(x) : x;
        Tensor u = activation.apply(encoderU.forward(h));
        Tensor v = activation.apply(encoderV.forward(h));
        Tensor uMinusV = u.sub(v);
        int last = layers.size() - 1;
        for (int i = 0; i < last; i++) {
            Tensor z = activation.apply(layers.get(i).forward(h));
            h = v.add(z.mul(uMinusV)); // Z * U + (1 - Z) * V with one product
        }
        return layers.get(last).forward(h);
    }

    /** The encoder of {@code U}, parameters {@code u.*}. */
    public Module encoderU() {
        return encoderU;
    }

    /** The encoder of {@code V}, parameters {@code v.*}. */
    public Module encoderV() {
        return encoderV;
    }

    /** The gated hidden layers and the output layer, {@code layers.i} at index i. */
    public List<Module> layers() {
        return layers;
    }

    /** The input embedding, if any. */
    public Optional<Module> embedding() {
        return Optional.ofNullable(embedding);
    }

    /** The activation. */
    public Activation activation() {
        return activation;
    }

    /** The layer sizes {@code {in, h, ..., h, out}} (a copy). */
    public int[] sizes() {
        return sizes.clone();
    }

    /** {@code embedding.*} (if any), {@code u.*}, {@code v.*}, {@code layers.0.*}, ... */
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
        return "ModifiedMlp(sizes=" + Arrays.toString(sizes) + ", activation=" + activation
                + (embedding != null ? ", embedding=" + embedding : "") + ", parameters=" + parameters.count() + ")";
    }
}
