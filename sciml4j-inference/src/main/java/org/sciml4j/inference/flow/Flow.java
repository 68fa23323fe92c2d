package org.sciml4j.inference.flow;

import java.util.ArrayList;
import java.util.List;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * A normalising flow q(v | c) on D features, optionally conditioned on C context features: v is z-scored by fixed
 * statistics, passed through the layers to z and scored under a standard normal base, so that
 * {@code log q(v | c) = log N(z; 0, I) + sum_layers log |det| + log |det| of the z-scoring}. Sampling draws z from the
 * base and inverts the layers. The context is z-scored by its own statistics before every layer sees it.
 */
public final class Flow {
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);
    private final int features;
    private final int contextFeatures;
    private final List<FlowLayer> layers;
    private Standardization scaling;
    private Standardization contextScaling;

    /**
     * @param features        D >= 1
     * @param contextFeatures C >= 0 (0: unconditional)
     * @param layers          the transforms from data to base, each on (N, D)
     */
    public Flow(int features, int contextFeatures, List<FlowLayer> layers) {
        if (features < 1 || contextFeatures < 0) {
            throw new IllegalArgumentException("a flow needs D >= 1 and C >= 0, got D = " + features + ", C = "
                    + contextFeatures);
        }
        this.features = features;
        this.contextFeatures = contextFeatures;
        this.layers = List.copyOf(layers);
        this.scaling = Standardization.identity(features);
        this.contextScaling = Standardization.identity(contextFeatures);
    }

    /** Sets the z-scoring of the variable (D columns) and of the context (C columns), e.g. fitted on training data. */
    public void standardize(Standardization variable, Standardization context) {
        if (variable.columns() != features || context.columns() != contextFeatures) {
            throw new IllegalArgumentException("standardisation for " + variable.columns() + " + "
                    + context.columns() + " columns, flow has " + features + " + " + contextFeatures);
        }
        this.scaling = variable;
        this.contextScaling = context;
    }

    /** D. */
    public int features() {
        return features;
    }

    /** C. */
    public int contextFeatures() {
        return contextFeatures;
    }

    /** The layers, data to base. */
    public List<FlowLayer> layers() {
        return layers;
    }

    /** Every layer's parameters, in layer order. */
    public List<Tensor> parameters() {
        List<Tensor> p = new ArrayList<>();
        for (FlowLayer l : layers) {
            p.addAll(l.parameters());
        }
        return p;
    }

    /**
     * The exact log-density, recording a graph through the parameters.
     *
     * @param v       points, shape (N, D)
     * @param context context rows (N, C), or null when C = 0
     * @return log q(v | c) per row, shape (N,)
     */
    public Tensor logProb(Tensor v, Tensor context) {
        checkShapes(v, context);
        Tensor c = contextFeatures == 0 ? null : contextScaling.apply(context);
        Tensor z = scaling.apply(v);
        Tensor logDet = null;
        for (FlowLayer layer : layers) {
            FlowLayer.Transformed t = layer.forward(z, c);
            z = t.z();
            logDet = logDet == null ? t.logDet() : logDet.add(t.logDet());
        }
        Tensor base = z.square().sum(1).mul(-0.5).sub(features * HALF_LOG_2PI + -scaling.logDet());
        return logDet == null ? base : base.add(logDet);
    }

    /** {@link #logProb} without a graph, as an array of length N. */
    public double[] logProbValues(Tensor v, Tensor context) {
        try (var s = Autodiff.noGrad()) {
            return logProb(v.detach(), context == null ? null : context.detach()).toArray();
        }
    }

    /**
     * Maps data points to the base, without a graph (the forward pass of {@link #logProb}).
     *
     * @param v       (N, D)
     * @param context raw context rows (N, C), or null
     * @return z, shape (N, D)
     */
    public Tensor toBase(Tensor v, Tensor context) {
        checkShapes(v, context);
        try (var s = Autodiff.noGrad()) {
            Tensor c = contextFeatures == 0 ? null : contextScaling.apply(context.detach());
            Tensor z = scaling.apply(v.detach());
            for (FlowLayer layer : layers) {
                z = layer.forward(z, c).z();
            }
            return z.detach();
        }
    }

    /**
     * Draws n samples given one context row.
     *
     * @param context length C (ignored, may be null, when C = 0)
     * @return samples, shape (n, D)
     */
    public Tensor sample(int n, double[] context, Rng rng) {
        Tensor c = null;
        if (contextFeatures > 0) {
            if (context == null || context.length != contextFeatures) {
                throw new IllegalArgumentException("the context must have " + contextFeatures + " values, got "
                        + (context == null ? "none" : context.length));
            }
            double[] rows = new double[n * contextFeatures];
            for (int i = 0; i < n; i++) {
                System.arraycopy(context, 0, rows, i * contextFeatures, contextFeatures);
            }
            c = Tensor.of(rows, n, contextFeatures);
        }
        double[] z = new double[n * features];
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.normal();
        }
        return invert(Tensor.of(z, n, features), c);
    }

    /**
     * Maps base points back to data space.
     *
     * @param z       base points (N, D)
     * @param context raw (not z-scored) context rows (N, C), or null
     * @return (N, D), untracked
     */
    public Tensor invert(Tensor z, Tensor context) {
        try (var s = Autodiff.noGrad()) {
            Tensor c = contextFeatures == 0 ? null : contextScaling.apply(context.detach());
            Tensor v = z.detach();
            for (int i = layers.size() - 1; i >= 0; i--) {
                v = layers.get(i).inverse(v, c);
            }
            return scaling.invert(v).detach();
        }
    }

    private void checkShapes(Tensor v, Tensor context) {
        if (v.rank() != 2 || v.size(1) != features) {
            throw new IllegalArgumentException("the flow's variable must have shape (N, " + features + "), got "
                    + java.util.Arrays.toString(v.shape()));
        }
        if (contextFeatures > 0 && (context == null || context.rank() != 2 || context.size(1) != contextFeatures
                || context.size(0) != v.size(0))) {
            throw new IllegalArgumentException("the context must have shape (" + v.size(0) + ", " + contextFeatures
                    + "), got " + (context == null ? "none" : java.util.Arrays.toString(context.shape())));
        }
    }
}
