package org.sciml4j.nn.jet;

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

    @Override
    public Tensor[] evaluate(Tensor x, int[] variables, int[] orders, int derivativePoints) {
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
        Tensor b = embedding.frequencies();
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
