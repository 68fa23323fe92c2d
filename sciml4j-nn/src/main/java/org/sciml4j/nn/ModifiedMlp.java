package org.sciml4j.nn;

import org.sciml4j.nn.jet.ModifiedMlpJet;
import org.sciml4j.nn.jet.TaylorJet;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

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
public final class ModifiedMlp extends DenseNetwork {
    private final Module encoderU;
    private final Module encoderV;
    private final List<Module> layers;

    /**
     * A modified MLP without embedding or factorisation, drawn from {@code rng} in the order {@code u, v, layers}.
     *
     * @param sizes {@code {in, h, ..., h, out}}: at least one hidden layer, all hidden widths equal
     */
    public ModifiedMlp(int[] sizes, Activation activation, Initializer init, Rng rng) {
        this(builder().sizes(sizes).activation(activation).initializer(init).rng(rng));
    }

    private ModifiedMlp(Builder b) {
        this(b, equalHiddenWidths(b.checkedSizes("ModifiedMlp", 3)), b.generator());
    }

    private ModifiedMlp(Builder b, int[] sizes, Rng rng) {
        super("ModifiedMlp", sizes, b, rng);
        this.encoderU = dense(b, "u", denseInputSize(), sizes[1], rng);
        this.encoderV = dense(b, "v", denseInputSize(), sizes[1], rng);
        this.layers = denseLayers(b, rng);
    }

    private static int[] equalHiddenWidths(int[] sizes) {
        for (int i = 1; i < sizes.length - 1; i++) {
            if (sizes[i] != sizes[1]) {
                throw new IllegalArgumentException("ModifiedMlp: all hidden layers must have the same width (they are"
                        + " gated by U and V), got sizes " + Arrays.toString(sizes));
            }
        }
        return sizes;
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
        Tensor h = embed(x);
        Activation activation = activation();
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

    /**
     * The fused {@link ModifiedMlpJet} (u and its first and second derivatives along single inputs in one pass) when
     * the activation is tanh or sin and the embedding, if any, has a fused jet of its own; else empty.
     */
    @Override
    public Optional<TaylorJet> taylorJet() {
        return ModifiedMlpJet.of(this);
    }
}
