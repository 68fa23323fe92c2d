package org.sciml4j.nn.jet;

import java.util.Arrays;
import org.sciml4j.nn.FourierFeatures;
import org.sciml4j.tensor.Tensor;

/**
 * The exact Taylor jet of a {@link FourierFeatures} embedding {@code gamma(x) = [cos(phi), sin(phi)]},
 * {@code phi = 2 pi x B}: along input column v, {@code phi' = 2 pi B[v, :] = c} (the same at every point) and
 * {@code phi'' = 0}, so {@code gamma' = [-sin(phi) c, cos(phi) c]} and {@code gamma'' = [-cos(phi) c^2,
 * -sin(phi) c^2]}. Built from tensor operations, so the engine differentiates it with respect to B (when trainable)
 * and x; an {@link MlpJet} propagates its blocks through the layers after it. Blocks of shape (N, 2 features) and
 * (derivativePoints, 2 features).
 */
public final class FourierJet implements TaylorJet {
    private final FourierFeatures embedding;
    /** The last stacked jet of a frozen B at untracked points, with copies of what it was computed from. */
    private volatile Kept kept;

    private FourierJet(FourierFeatures embedding) {
        this.embedding = embedding;
    }

    /** The jet of {@code embedding}. */
    public static TaylorJet of(FourierFeatures embedding) {
        return new FourierJet(embedding);
    }

    /** 2 (higher orders are as exact, but no network after an embedding propagates them). */
    @Override
    public int maxOrder() {
        return 2;
    }

    /**
     * As the default, but with a frozen B at points that are not differentiated the stacked jet is a constant of the
     * points (not recorded against B, which is not trained): it is kept, and given again while the points, B and the derivatives asked for are the same values
     * (compared element by element: a tensor's storage may be changed in place). A training epoch at fixed
     * collocation points then costs a comparison instead of the embedding's products, sines and copies
     * (poisson-fourier: 23.7 MB allocated per epoch before).
     */
    @Override
    public Tensor stacked(Tensor x, int[] variables, int[] orders, int derivativePoints) {
        Tensor b = embedding.frequencies();
        // a frozen B is still a leaf that requires gradients (freezing leaves it out of the trained list), so the
        // test is the freeze, not the tensor's tracking: the kept jet is not recorded against B
        if (x.isTracked() || !embedding.parameters().isFrozen("B")) {
            return TaylorJet.super.stacked(x, variables, orders, derivativePoints);
        }
        Kept k = kept;
        if (k != null && k.isFor(x, b, variables, orders, derivativePoints)) {
            return k.value;
        }
        Tensor[] e = evaluate(x, b.detach(), variables, orders, derivativePoints); // a constant: no graph kept
        Tensor value = e.length == 1 ? e[0] : Tensor.concat(0, e);
        kept = new Kept(x.shape(), x.toArray(), b.toArray(), variables.clone(), orders.clone(), derivativePoints,
                value);
        return value;
    }

    private record Kept(int[] shape, double[] x, double[] b, int[] variables, int[] orders, int derivativePoints,
                        Tensor value) {
        boolean isFor(Tensor x, Tensor b, int[] variables, int[] orders, int derivativePoints) {
            return derivativePoints == this.derivativePoints && Arrays.equals(variables, this.variables)
                    && Arrays.equals(orders, this.orders) && Arrays.equals(x.shape(), shape)
                    && Arrays.equals(x.data(), this.x) && Arrays.equals(b.data(), this.b);
        }
    }

    @Override
    public Tensor[] evaluate(Tensor x, int[] variables, int[] orders, int derivativePoints) {
        return evaluate(x, embedding.frequencies(), variables, orders, derivativePoints);
    }

    private Tensor[] evaluate(Tensor x, Tensor b, int[] variables, int[] orders, int derivativePoints) {
        int in = embedding.inputSize();
        if (x.rank() != 2 || x.size(1) != in) {
            throw new IllegalArgumentException("FourierJet: points must have shape (N, " + in + "), got "
                    + java.util.Arrays.toString(x.shape()));
        }
        int[] second = JetLayers.secondOrderVariables("FourierJet", variables, orders, in);
        if (derivativePoints < 0 || derivativePoints > x.size(0)) {
            throw new IllegalArgumentException("FourierJet: derivatives at " + derivativePoints + " of " + x.size(0)
                    + " points");
        }
        Tensor phase = x.matmul(b).mul(2 * Math.PI); // as FourierFeatures.forward: the same values, bit for bit
        Tensor cos = phase.cos();
        Tensor sin = phase.sin();
        Tensor[] r = new Tensor[1 + variables.length + second.length];
        r[0] = Tensor.concat(-1, cos, sin);
        if (r.length == 1) {
            return r;
        }
        Tensor cosD = cos.slice(0, 0, derivativePoints);
        Tensor negSinD = sin.slice(0, 0, derivativePoints).neg();
        Tensor[] rate = new Tensor[variables.length]; // phi' along each variable, (1, features)
        for (int k = 0; k < variables.length; k++) {
            int[] c = TaylorJet.columns(variables[k]); // along e_a +- e_b: the rates' sum or difference
            Tensor row = b.slice(0, c[0], c[0] + 1);
            Tensor other = c.length == 1 ? null : b.slice(0, c[1], c[1] + 1);
            rate[k] = (other == null ? row : TaylorJet.weights(variables[k])[1] > 0 ? row.add(other) : row.sub(other))
                    .mul(2 * Math.PI);
            r[1 + k] = Tensor.concat(-1, negSinD.mul(rate[k]), cosD.mul(rate[k]));
        }
        for (int s = 0; s < second.length; s++) {
            Tensor rate2 = rate[second[s]].square();
            r[1 + variables.length + s] = Tensor.concat(-1, cosD.neg().mul(rate2), negSinD.mul(rate2));
        }
        return r;
    }
}
