package org.sciml4j.inference.flow;

import java.util.ArrayList;
import java.util.List;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * An affine coupling step (RealNVP, Dinh et al. 2017): the features split into a kept half I and a transformed half
 * T; {@code z_T = x_T * s(x_I, c) + t(x_I, c)}, {@code z_I = x_I}; log |det| = sum log s. Both directions cost one
 * network pass. The conditioner is a tanh network of {@code blocks + 1} hidden layers on {@code [x_I, c]}.
 */
public final class AffineCoupling implements FlowLayer {
    private final CouplingHalves halves;
    private final List<Dense> hiddenLayers = new ArrayList<>();
    private final Dense shift;
    private final Dense logScale;

    /**
     * @param features        D >= 2
     * @param contextFeatures C, 0 when unconditional
     * @param even            keep the even features (true) or the odd ones (false): alternate between steps
     */
    public AffineCoupling(int features, int contextFeatures, int hidden, int blocks, boolean even, Rng rng) {
        if (features < 2) {
            throw new IllegalArgumentException("a coupling step needs at least 2 features, got " + features);
        }
        halves = new CouplingHalves(features, even);
        int in = halves.kept.length + contextFeatures;
        for (int b = 0; b <= blocks; b++) {
            hiddenLayers.add(new Dense(b == 0 ? in : hidden, hidden, rng, null));
        }
        shift = new Dense(hidden, halves.transformed.length, rng, null);
        logScale = new Dense(hidden, halves.transformed.length, rng, null);
    }

    private Tensor[] conditioner(Tensor xKept, Tensor context) {
        Tensor h = context == null ? xKept : Tensor.concat(1, xKept, context);
        for (Dense d : hiddenLayers) {
            h = d.apply(h).tanh();
        }
        return new Tensor[] {AffineScale.of(logScale.apply(h)), shift.apply(h)};
    }

    @Override
    public Transformed forward(Tensor x, Tensor context) {
        Tensor xKept = halves.kept(x);
        Tensor[] st = conditioner(xKept, context);
        Tensor zT = halves.transformed(x).mul(st[0]).add(st[1]);
        Tensor z = halves.join(xKept, zT);
        return new Transformed(z, st[0].log().sum(1));
    }

    @Override
    public Tensor inverse(Tensor z, Tensor context) {
        try (var s = Autodiff.noGrad()) {
            Tensor zKept = halves.kept(z);
            Tensor[] st = conditioner(zKept, context);
            Tensor xT = halves.transformed(z).sub(st[1]).div(st[0]);
            return halves.join(zKept, xT).detach();
        }
    }

    @Override
    public List<Tensor> parameters() {
        List<Tensor> p = new ArrayList<>();
        for (Dense d : hiddenLayers) {
            p.add(d.weight);
            p.add(d.bias);
        }
        p.addAll(List.of(shift.weight, shift.bias, logScale.weight, logScale.bias));
        return p;
    }
}
