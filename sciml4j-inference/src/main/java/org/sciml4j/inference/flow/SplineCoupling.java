package org.sciml4j.inference.flow;

import java.util.ArrayList;
import java.util.List;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;

/**
 * A rational-quadratic spline coupling step (neural spline flow, Durkan et al. 2019, as nflows'
 * {@code PiecewiseRationalQuadraticCouplingTransform} with linear tails): the kept half I of the features and the
 * context give, per transformed feature, K bin widths, K bin heights and K - 1 interior knot derivatives of a
 * monotone rational-quadratic spline on [-B, B]; outside the interval the map is the identity. Minimum bin width and
 * height 1e-3, minimum derivative 1e-3; the derivatives at +-B are 1 so that the tails join smoothly.
 */
public final class SplineCoupling implements FlowLayer {
    private static final double MIN_BIN = 1e-3;
    private static final double MIN_DERIVATIVE = 1e-3;
    private static final double DERIVATIVE_OFFSET = Math.log(Math.exp(1 - MIN_DERIVATIVE) - 1);
    private final CouplingHalves halves;
    private final int bins;
    private final double bound;
    private final List<Dense> hiddenLayers = new ArrayList<>();
    private final Dense head;
    private final Tensor cumulative;

    /**
     * @param features        D >= 2
     * @param contextFeatures C, 0 when unconditional
     * @param even            keep the even features (true) or the odd ones
     * @param bins            K >= 2
     * @param bound           B > 0, the spline's interval [-B, B] (on z-scored values)
     */
    public SplineCoupling(int features, int contextFeatures, int hidden, int blocks, boolean even, int bins,
            double bound, Rng rng) {
        if (features < 2 || bins < 2 || !(bound > 0)) {
            throw new IllegalArgumentException("a spline coupling step needs >= 2 features, >= 2 bins and a bound >"
                    + " 0, got " + features + ", " + bins + ", " + bound);
        }
        halves = new CouplingHalves(features, even);
        this.bins = bins;
        this.bound = bound;
        for (int b = 0; b <= blocks; b++) {
            hiddenLayers.add(new Dense(b == 0 ? halves.kept.length + contextFeatures : hidden, hidden, rng, null));
        }
        head = new Dense(hidden, halves.transformed.length * (3 * bins - 1), rng, null);
        // cumulative[i][j] = 1 for i < j: knots = -B + widths @ cumulative, shape (K, K + 1)
        double[] u = new double[bins * (bins + 1)];
        for (int i = 0; i < bins; i++) {
            for (int j = i + 1; j <= bins; j++) {
                u[i * (bins + 1) + j] = 1;
            }
        }
        cumulative = Tensor.of(u, bins, bins + 1);
    }

    /** The spline's knots: x positions, y positions (N*T, K+1) and derivatives (N*T, K+1). */
    private Tensor[] spline(Tensor xKept, Tensor context) {
        Tensor h = context == null ? xKept : Tensor.concat(1, xKept, context);
        for (Dense d : hiddenLayers) {
            h = d.apply(h).tanh();
        }
        int rows = xKept.size(0) * halves.transformed.length;
        Tensor p = head.apply(h).reshape(rows, 3 * bins - 1);
        Tensor xs = knots(p.slice(1, 0, bins));
        Tensor ys = knots(p.slice(1, bins, 2 * bins));
        Tensor inner = p.slice(1, 2 * bins, 3 * bins - 1).add(DERIVATIVE_OFFSET).softplus().add(MIN_DERIVATIVE);
        Tensor one = Tensor.ones(rows, 1);
        return new Tensor[] {xs, ys, Tensor.concat(1, one, inner, one)};
    }

    /** Softmax of u (rows, K) to bin sizes of at least MIN_BIN summing to 2B, then knot positions (rows, K + 1). */
    private Tensor knots(Tensor u) {
        Tensor e = u.sub(u.max(new int[] {1}, true).detach()).exp();
        Tensor w = e.div(e.sum(new int[] {1}, true)).mul(1 - MIN_BIN * bins).add(MIN_BIN).mul(2 * bound);
        return w.matmul(cumulative).sub(bound);
    }

    @Override
    public Transformed forward(Tensor x, Tensor context) {
        int n = x.size(0);
        int t = halves.transformed.length;
        Tensor xKept = halves.kept(x);
        Tensor xT = halves.transformed(x).reshape(n * t, 1);
        Tensor[] k = spline(xKept, context);
        double[] xv = xT.data();
        double[] inside = new double[n * t];
        double[] onehot = new double[n * t * bins];
        double[] knotX = k[0].data();
        for (int r = 0; r < n * t; r++) {
            inside[r] = xv[r] >= -bound && xv[r] <= bound ? 1 : 0;
            onehot[r * bins + (inside[r] == 1 ? bin(knotX, r, xv[r]) : 0)] = 1;
        }
        Tensor in = Tensor.of(inside, n * t, 1);
        Tensor mask = Tensor.of(onehot, n * t, bins);
        Tensor xc = Tensor.where(in.gt(0.5), xT, Tensor.zeros(n * t, 1));
        Tensor xl = pick(k[0].slice(1, 0, bins), mask);
        Tensor wk = pick(k[0].slice(1, 1, bins + 1), mask).sub(xl);
        Tensor yl = pick(k[1].slice(1, 0, bins), mask);
        Tensor hk = pick(k[1].slice(1, 1, bins + 1), mask).sub(yl);
        Tensor dk = pick(k[2].slice(1, 0, bins), mask);
        Tensor dk1 = pick(k[2].slice(1, 1, bins + 1), mask);
        Tensor s = hk.div(wk);
        Tensor xi = xc.sub(xl).div(wk);
        Tensor om = xi.rsub(1);
        Tensor tt = xi.mul(om);
        Tensor den = s.add(dk1.add(dk).sub(s.mul(2)).mul(tt));
        Tensor y = yl.add(hk.mul(s.mul(xi.square()).add(dk.mul(tt))).div(den));
        Tensor dydx = s.square().mul(dk1.mul(xi.square()).add(s.mul(tt).mul(2)).add(dk.mul(om.square())))
                .div(den.square());
        Tensor inB = in.gt(0.5);
        Tensor z = Tensor.where(inB, y, xT).reshape(n, t);
        Tensor logDet = Tensor.where(inB, dydx.log(), Tensor.zeros(n * t, 1)).reshape(n, t).sum(1);
        return new Transformed(halves.join(xKept, z), logDet);
    }

    private static Tensor pick(Tensor values, Tensor mask) {
        return values.mul(mask).sum(new int[] {1}, true);
    }

    /** The bin of v among row r's knots (knots has K + 1 entries per row). */
    private int bin(double[] knots, int r, double v) {
        int b = 0;
        for (int j = 1; j < bins; j++) {
            if (v >= knots[r * (bins + 1) + j]) {
                b = j;
            }
        }
        return b;
    }

    @Override
    public Tensor inverse(Tensor z, Tensor context) {
        try (var scope = Autodiff.noGrad()) {
            int n = z.size(0);
            int t = halves.transformed.length;
            Tensor zKept = halves.kept(z);
            double[] zt = halves.transformed(z).data();
            Tensor[] k = spline(zKept, context);
            double[] kx = k[0].data();
            double[] ky = k[1].data();
            double[] kd = k[2].data();
            double[] x = new double[n * t];
            for (int r = 0; r < n * t; r++) {
                x[r] = invertOne(zt[r], kx, ky, kd, r);
            }
            return halves.join(zKept, Tensor.of(x, n, t)).detach();
        }
    }

    /** Solves the rational-quadratic equation of the bin that holds y for x (the root in [0, 1]). */
    private double invertOne(double y, double[] kx, double[] ky, double[] kd, int r) {
        if (y < -bound || y > bound) {
            return y;
        }
        int b = bin(ky, r, y);
        int o = r * (bins + 1) + b;
        double xl = kx[o];
        double wk = kx[o + 1] - xl;
        double yl = ky[o];
        double hk = ky[o + 1] - yl;
        double dk = kd[o];
        double dk1 = kd[o + 1];
        double s = hk / wk;
        double dy = y - yl;
        double c2 = dk1 + dk - 2 * s;
        double a = hk * (s - dk) + dy * c2;
        double bb = hk * dk - dy * c2;
        double c = -s * dy;
        double disc = Math.max(0, bb * bb - 4 * a * c);
        double xi = 2 * c / (-bb - Math.sqrt(disc));
        return xl + xi * wk;
    }

    @Override
    public List<Tensor> parameters() {
        List<Tensor> p = new ArrayList<>();
        for (Dense d : hiddenLayers) {
            p.add(d.weight);
            p.add(d.bias);
        }
        p.add(head.weight);
        p.add(head.bias);
        return p;
    }
}
