package org.sciml4j.inference.flow;

import java.util.List;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * One masked autoregressive flow step (MAF, Papamakarios et al. 2017): {@code z_i = x_i * s_i(x_<i, c) + t_i(x_<i,
 * c)} with shift t and scale s from a {@link Made}; log |det| = sum_i log s_i. The density direction costs one
 * network pass; the inverse (sampling) costs D passes, one per feature, in degree order.
 */
public final class MaskedAffineLayer implements FlowLayer {
    private final Made made;
    private final int features;

    /**
     * @param features        D, the dimension of the variable
     * @param contextFeatures C, 0 for an unconditional flow
     * @param hidden          hidden units per layer (sbi: 50)
     * @param blocks          masked hidden-to-hidden layers after the first (nflows/sbi: 2)
     */
    public MaskedAffineLayer(int features, int contextFeatures, int hidden, int blocks, Rng rng) {
        this.features = features;
        this.made = new Made(features, contextFeatures, hidden, blocks, 2, rng);
    }

    @Override
    public Transformed forward(Tensor x, Tensor context) {
        List<Tensor> out = made.apply(x, context);
        Tensor scale = AffineScale.of(out.get(0));
        Tensor z = x.mul(scale).add(out.get(1));
        return new Transformed(z, scale.log().sum(1));
    }

    @Override
    public Tensor inverse(Tensor z, Tensor context) {
        int n = z.size(0);
        double[] zs = z.data();
        double[] x = new double[zs.length];
        try (var s = Autodiff.noGrad()) {
            for (int i = 0; i < features; i++) {
                List<Tensor> out = made.apply(Tensor.wrap(x, n, features), context);
                double[] u = out.get(0).data();
                double[] t = out.get(1).data();
                for (int r = 0; r < n; r++) {
                    int k = r * features + i;
                    x[k] = (zs[k] - t[k]) / AffineScale.of(u[k]);
                }
            }
        }
        return Tensor.of(x, n, features);
    }

    @Override
    public List<Tensor> parameters() {
        return made.parameters();
    }
}
