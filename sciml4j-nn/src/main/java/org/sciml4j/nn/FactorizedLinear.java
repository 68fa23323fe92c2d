package org.sciml4j.nn;

import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * A dense layer with random weight factorisation (Wang, Wang, Seidman &amp; Perdikaris 2022, "Random weight
 * factorization improves the training of continuous neural representations", arXiv:2210.01274): the weight is
 * {@code W = diag(exp(s)) V}, so {@code y = x W^T + b} with a trainable log-scale per output unit.
 * <p>
 * Parameters: {@code weight_s} of shape {@code (out,)} (the log-scales {@code s}), {@code weight_v} of shape
 * {@code (out, in)} (the directions {@code V}) and {@code bias} of shape {@code (out,)}. At initialisation a plain
 * weight {@code W0} is drawn by the {@link Initializer}, {@code s ~ N(mean, stddev^2)} and {@code V = W0 / exp(s)}
 * row by row, so the layer starts as exactly the plain layer; only the parametrisation, hence the training dynamics,
 * differs.
 * <p>
 * The paper recommends {@code mean = 1, stddev = 0.1} ({@link #DEFAULT_MEAN}, {@link #DEFAULT_STDDEV}); jaxpi's
 * configurations use {@code mean} 1.0 or 0.5 with {@code stddev} 0.1. jaxpi ({@code archs.Dense} with
 * {@code reparam="weight_fact"}) stores and trains {@code g = exp(s)} itself, with {@code kernel = g * v} and
 * {@code v} of shape {@code (in, out)}: to import, set {@code weight_s = log(g)} and {@code weight_v = v^T}. Training
 * {@code s} rather than {@code g} keeps the scale positive and multiplies the gradient of each scale by {@code g}.
 */
public final class FactorizedLinear extends AffineLayer {
    /** Default mean of the log-scales {@code s}. */
    public static final double DEFAULT_MEAN = 1.0;
    /** Default standard deviation of the log-scales {@code s}. */
    public static final double DEFAULT_STDDEV = 0.1;

    private final Tensor s;
    private final Tensor v;
    private final Tensor bias;

    /**
     * A factorised layer with the default log-scale distribution {@code N(1, 0.1^2)}.
     *
     * @see #FactorizedLinear(int, int, Initializer, Rng, double, double)
     */
    public FactorizedLinear(int in, int out, Initializer init, Rng rng) {
        this(in, out, init, rng, DEFAULT_MEAN, DEFAULT_STDDEV);
    }

    /**
     * A factorised layer. Draws from {@code rng} in the order weight, bias (as {@link Linear} does, so a
     * {@code Linear} built from the same seed is the same function), then the log-scales.
     *
     * @param in     number of input features
     * @param out    number of output features
     * @param init   draws the plain weight {@code W0 (out, in)} and the bias {@code (out,)}
     * @param mean   mean of the log-scales
     * @param stddev standard deviation of the log-scales (0 gives all scales {@code exp(mean)})
     */
    public FactorizedLinear(int in, int out, Initializer init, Rng rng, double mean, double stddev) {
        this(init.weight(out, in, rng), init.bias(out, in, rng), rng, mean, stddev);
    }

    private FactorizedLinear(Tensor w0, Tensor b, Rng rng, double mean, double stddev) {
        super("FactorizedLinear");
        if (!(stddev >= 0) || !Double.isFinite(mean)) {
            throw new IllegalArgumentException("FactorizedLinear: need a finite mean and stddev >= 0, got mean "
                    + mean + ", stddev " + stddev);
        }
        int out = w0.size(0);
        Tensor logScale = Tensor.randn(rng, out).mul(stddev).add(mean);
        this.s = parameters.add("weight_s", logScale);
        this.v = parameters.add("weight_v", w0.div(logScale.exp().unsqueeze(1)));
        this.bias = parameters.add("bias", b.copy());
    }

    /**
     * The factorisation of an existing layer's current values: a new layer computing the same function,
     * log-scales drawn from {@code N(mean, stddev^2)}.
     */
    public static FactorizedLinear factorize(Linear plain, Rng rng, double mean, double stddev) {
        return new FactorizedLinear(plain.weight().copy(), plain.bias().copy(), rng, mean, stddev);
    }

    /** The effective weight {@code diag(exp(s)) V}, shape {@code (out, in)}, computed from the leaves (tracked). */
    @Override
    public Tensor weight() {
        return s.exp().unsqueeze(1).mul(v);
    }

    /** The log-scale leaf {@code s}, shape {@code (out,)}. */
    public Tensor logScale() {
        return s;
    }

    /** The direction leaf {@code V}, shape {@code (out, in)}. */
    public Tensor direction() {
        return v;
    }

    /** The bias leaf, shape {@code (out,)}. */
    @Override
    public Tensor bias() {
        return bias;
    }

    @Override
    Tensor matrix() {
        return v;
    }
}
