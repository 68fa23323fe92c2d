package org.sciml4j.nn;

import java.util.Optional;

import org.sciml4j.nn.jet.FourierJet;
import org.sciml4j.nn.jet.TaylorJet;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Shape;
import org.sciml4j.tensor.Tensor;

/**
 * Random Fourier feature embedding (Tancik et al. 2020, "Fourier features let networks learn high frequency
 * functions in low dimensional domains"; Wang, Wang &amp; Perdikaris 2021, "On the eigenvector bias of Fourier feature
 * networks"): {@code gamma(x) = [cos(2 pi x B), sin(2 pi x B)]}, input {@code (N, in)}, output
 * {@code (N, 2 * features)} (all cosines, then all sines).
 * <p>
 * One parameter, {@code B}, of shape {@code (in, features)}, drawn from {@code N(0, scale^2)}: a larger scale
 * resolves higher frequencies. It is frozen (a fixed random embedding, as in Tancik et al.) unless built trainable.
 * jaxpi's {@code FourierEmbs} omits the {@code 2 pi} and trains its kernel {@code K}: the same embedding is
 * {@code B = K / (2 pi)}.
 */
public final class FourierFeatures implements Module {
    private final Parameters parameters = new Parameters();
    private final Tensor b;
    /** One jet per embedding, so that what it keeps between calls (the stacked jet of a frozen B) lasts. */
    private final TaylorJet jet = FourierJet.of(this);

    /**
     * An embedding with a random {@code B}.
     *
     * @param in        number of input features
     * @param features  number of frequencies; the output has {@code 2 * features} columns
     * @param scale     standard deviation of the entries of {@code B}
     * @param trainable whether {@code B} is trained (otherwise it is frozen)
     * @param rng       draws {@code B} in row-major order
     */
    public FourierFeatures(int in, int features, double scale, boolean trainable, Rng rng) {
        this(randomB(in, features, scale, rng), trainable);
    }

    /**
     * An embedding with a given {@code B} (copied).
     *
     * @param b         shape {@code (in, features)}
     * @param trainable whether {@code B} is trained (otherwise it is frozen)
     */
    public FourierFeatures(Tensor b, boolean trainable) {
        if (b.rank() != 2) {
            throw new IllegalArgumentException("FourierFeatures: B must have shape (in, features), got "
                    + Shape.str(b.shape()));
        }
        this.b = parameters.add("B", b.copy());
        if (!trainable) {
            parameters.freeze("B");
        }
    }

    private static Tensor randomB(int in, int features, double scale, Rng rng) {
        Checks.positive("FourierFeatures sizes", in, features);
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("FourierFeatures: scale must be positive and finite, got " + scale);
        }
        return Tensor.randn(rng, in, features).mul(scale);
    }

    /** {@code [cos(2 pi x B), sin(2 pi x B)]}: {@code (N, in) -> (N, 2 * features)}. */
    @Override
    public Tensor forward(Tensor x) {
        Checks.input("FourierFeatures", x, inputSize());
        Tensor phase = x.matmul(b).mul(2 * Math.PI);
        return Tensor.concat(-1, phase.cos(), phase.sin());
    }

    /** The frequency matrix leaf {@code B}, shape {@code (in, features)}. */
    public Tensor frequencies() {
        return b;
    }

    /** {@code B}, frozen unless built trainable. */
    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public int inputSize() {
        return b.size(0);
    }

    @Override
    public int outputSize() {
        return 2 * b.size(1);
    }

    /** Its exact {@link FourierJet}: an {@link Mlp} with this embedding fuses it as its first layer. */
    @Override
    public Optional<TaylorJet> taylorJet() {
        return Optional.of(jet);
    }

    @Override
    public String toString() {
        return "FourierFeatures(in=" + inputSize() + ", features=" + b.size(1) + ")";
    }
}
