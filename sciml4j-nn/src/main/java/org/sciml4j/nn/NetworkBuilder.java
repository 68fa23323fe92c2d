package org.sciml4j.nn;

import org.sciml4j.tensor.Rng;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Settings shared by the builders of {@link Mlp} and {@link ModifiedMlp}. Defaults: activation {@code tanh},
 * initializer {@code glorot_normal}, seed 0, no embedding, plain (unfactorised) layers. Each {@code build()} with a
 * seed starts a fresh {@code Rng(seed)}, so two builds give identical networks; with {@link #rng(Rng)} they draw on.
 *
 * @param <B> the concrete builder (for chaining)
 * @param <M> the network it builds
 */
public abstract class NetworkBuilder<B extends NetworkBuilder<B, M>, M extends Module> {
    int[] sizes;
    Activation activation = Activation.TANH;
    Initializer initializer = Initializer.glorotNormal();
    long seed;
    Rng rng;
    Function<Rng, Module> embedding;
    boolean factorized;
    double factorizationMean = FactorizedLinear.DEFAULT_MEAN;
    double factorizationStddev = FactorizedLinear.DEFAULT_STDDEV;

    NetworkBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Layer widths {@code in, h1, ..., out}: the network maps {@code (N, in)} to {@code (N, out)}. Required. */
    public B sizes(int... sizes) {
        this.sizes = sizes.clone();
        return self();
    }

    /** The activation between layers. */
    public B activation(Activation activation) {
        this.activation = activation;
        return self();
    }

    /** The activation between layers, by name (see {@link Activation#of(String)}). */
    public B activation(String name) {
        return activation(Activation.of(name));
    }

    /** How the dense layers are initialised. */
    public B initializer(Initializer initializer) {
        this.initializer = initializer;
        return self();
    }

    /** How the dense layers are initialised, by name (see {@link Initializer#of(String)}). */
    public B initializer(String name) {
        return initializer(Initializer.of(name));
    }

    /** Seed of a fresh generator for each build. */
    public B seed(long seed) {
        this.seed = seed;
        this.rng = null;
        return self();
    }

    /** A generator to draw from instead of a seed (successive builds differ). */
    public B rng(Rng rng) {
        this.rng = rng;
        return self();
    }

    /**
     * An input embedding applied first (drawn before the layers). Its input size must be {@code sizes[0]}; the first
     * dense layer then takes its output size. Its parameters are named {@code embedding.*}. Every build uses
     * this same instance, so networks built from one builder share it; use {@link #fourierFeatures} for a fresh one
     * per build.
     */
    public B embedding(Module embedding) {
        this.embedding = r -> embedding;
        return self();
    }

    /** A frozen {@link FourierFeatures} embedding of {@code features} frequencies with entries {@code N(0, scale^2)}. */
    public B fourierFeatures(int features, double scale) {
        return fourierFeatures(features, scale, false);
    }

    /** A {@link FourierFeatures} embedding, trainable or frozen, drawn from the build's generator. */
    public B fourierFeatures(int features, double scale, boolean trainable) {
        this.embedding = r -> new FourierFeatures(sizes[0], features, scale, trainable, r);
        return self();
    }

    /** Random weight factorisation of every dense layer with the default {@code N(1, 0.1^2)} log-scales. */
    public B weightFactorization() {
        return weightFactorization(FactorizedLinear.DEFAULT_MEAN, FactorizedLinear.DEFAULT_STDDEV);
    }

    /** Random weight factorisation of every dense layer ({@link FactorizedLinear}) with log-scales {@code N(mean, stddev^2)}. */
    public B weightFactorization(double mean, double stddev) {
        this.factorized = true;
        this.factorizationMean = mean;
        this.factorizationStddev = stddev;
        return self();
    }

    /** Builds the network. */
    public abstract M build();

    // ------------------------------------------------------------------ used by the networks while building

    int[] checkedSizes(String network, int minLength) {
        if (sizes == null || sizes.length < minLength) {
            throw new IllegalArgumentException(network + ": need at least " + minLength + " layer sizes (in, ..., out),"
                    + " got " + (sizes == null ? "none" : Arrays.toString(sizes)));
        }
        for (int s : sizes) {
            if (s <= 0) {
                throw new IllegalArgumentException(network + ": layer sizes must be positive, got "
                        + Arrays.toString(sizes));
            }
        }
        return sizes.clone();
    }

    Rng generator() {
        return rng != null ? rng : new Rng(seed);
    }

    /** The embedding, or null; checked against the input size. */
    Module embedding(String network, Rng r) {
        if (embedding == null) {
            return null;
        }
        Module e = embedding.apply(r);
        if (e.inputSize() != sizes[0]) {
            throw new IllegalArgumentException(network + ": the embedding takes " + e.inputSize()
                    + " input features but sizes[0] is " + sizes[0]);
        }
        return e;
    }

    /** A dense layer as configured: {@link Linear} or {@link FactorizedLinear}. */
    Module dense(int in, int out, Rng r) {
        return factorized
                ? new FactorizedLinear(in, out, initializer, r, factorizationMean, factorizationStddev)
                : new Linear(in, out, initializer, r);
    }
}
