package org.sciml4j.pinn.eikonal;

import java.util.List;

import org.sciml4j.tensor.Rng;
import org.sciml4j.tensor.Tensor;
import org.sciml4j.train.Objective;

/**
 * The factorised eikonal loss for a {@link org.sciml4j.train.Trainer}. With T = |x - xs| exp(u) / v(xs) (see
 * {@link EikonalSurrogate}), grad_x T = tau (n + |x - xs| grad_x u), n the unit vector from xs to x, so
 * H = v(x)^2 |grad_x T|^2 = (v(x) / v(xs))^2 exp(2u) |n + |x - xs| grad_x u|^2 needs only u and its first
 * derivatives along the receiver's coordinates, one fused jet pass.
 * <p>
 * Terms: {@code eikonal}, the mean square of the {@link Residual} over N receiver-source pairs drawn together
 * (uniform in the box); {@code source}, the mean of (v(xs) tau(xs, xs) - 1)^2 = (exp(u(xs, xs)) - 1)^2 over M
 * sources. The pairs are drawn again every {@code resampleEvery} first-order epochs (0: never), and before every
 * round of a quasi-Newton phase run in rounds (a phase in one round sees one fixed set: with a few thousand pairs in
 * the 4-D (x, xs) space it fits them and not the space between them).
 */
public final class EikonalObjective implements Objective {
    private final EikonalSurrogate surrogate;
    private final Residual residual;
    private final int pairs;
    private final int sourcePoints;
    private final int resampleEvery;
    private final double[] weights;
    private final Rng rng;
    private final List<Tensor> parameters;

    private Tensor inputs;
    /** Per pair: (v(x) / v(xs))^2, |x - xs| and the unit vector's components, each (N, 1). */
    private Tensor ratio2;
    private Tensor distance;
    private Tensor[] unit;

    /**
     * @param surrogate     the network and its region and velocity
     * @param residual      the residual's form
     * @param pairs         N, collocation pairs (receiver, source)
     * @param sourcePoints  M, points (xs, xs) of the source condition
     * @param resampleEvery first-order epochs between new draws (0: never)
     * @param weights       {eikonal, source}
     * @param seed          the draws' seed
     */
    public EikonalObjective(EikonalSurrogate surrogate, Residual residual, int pairs, int sourcePoints,
            int resampleEvery, double[] weights, long seed) {
        if (pairs < 1 || sourcePoints < 0 || resampleEvery < 0 || weights.length != 2) {
            throw new IllegalArgumentException("eikonal objective: need pairs >= 1, source points >= 0,"
                    + " resample_every >= 0 and two weights");
        }
        this.surrogate = surrogate;
        this.residual = residual;
        this.pairs = pairs;
        this.sourcePoints = sourcePoints;
        this.resampleEvery = resampleEvery;
        this.weights = weights.clone();
        this.rng = new Rng(seed);
        this.parameters = surrogate.network().parameters().trainable();
        draw();
    }

    /**
     * An objective on given points, never redrawn (for checks by hand).
     *
     * @param receivers flat (N * d)
     * @param sources   flat (N * d), the pairs' sources
     * @param atSources flat (M * d), the points of the source condition
     */
    public static EikonalObjective fixed(EikonalSurrogate surrogate, Residual residual, double[] receivers,
            double[] sources, double[] atSources, double[] weights) {
        int d = surrogate.box().dimension();
        EikonalObjective o = new EikonalObjective(surrogate, residual, receivers.length / d, atSources.length / d, 0,
                weights, 0);
        o.use(receivers, sources, atSources);
        return o;
    }

    /** Draws the N pairs and M source points. */
    private void draw() {
        Box box = surrogate.box();
        use(box.sample(rng, pairs), box.sample(rng, pairs), box.sample(rng, sourcePoints));
    }

    /** Takes the points and precomputes what does not depend on the network. */
    private void use(double[] x, double[] xs, double[] s) {
        int d = surrogate.box().dimension();
        double[] v = surrogate.velocity().at(x, d);
        double[] vs = surrogate.velocity().at(xs, d);
        double[] r2 = new double[pairs];
        double[] dist = new double[pairs];
        double[][] n = new double[d][pairs];
        for (int i = 0; i < pairs; i++) {
            r2[i] = (v[i] / vs[i]) * (v[i] / vs[i]);
            double sq = 0;
            for (int a = 0; a < d; a++) {
                double dx = x[i * d + a] - xs[i * d + a];
                sq += dx * dx;
            }
            dist[i] = Math.sqrt(sq);
            for (int a = 0; a < d; a++) {
                n[a][i] = dist[i] > 0 ? (x[i * d + a] - xs[i * d + a]) / dist[i] : 0;
            }
        }
        ratio2 = Tensor.of(r2, pairs, 1);
        distance = Tensor.of(dist, pairs, 1);
        unit = new Tensor[d];
        for (int a = 0; a < d; a++) {
            unit[a] = Tensor.of(n[a], pairs, 1);
        }
        Tensor pairInputs = surrogate.inputs(x, xs);
        inputs = sourcePoints == 0 ? pairInputs : Tensor.concat(0, pairInputs, surrogate.inputs(s, s));
    }

    @Override
    public List<String> termNames() {
        return sourcePoints == 0 ? List.of("eikonal") : List.of("eikonal", "source");
    }

    @Override
    public double[] weights() {
        return sourcePoints == 0 ? new double[] {weights[0]} : weights.clone();
    }

    @Override
    public List<Tensor> parameters() {
        return parameters;
    }

    @Override
    public List<Tensor> loss() {
        Box box = surrogate.box();
        int d = box.dimension();
        Tensor[] jet = surrogate.jet(inputs, pairs);
        Tensor u = jet[0];
        Tensor uPairs = sourcePoints == 0 ? u : u.slice(0, 0, pairs);
        Tensor squared = null;
        for (int a = 0; a < d; a++) {
            Tensor q = unit[a].add(distance.mul(jet[1 + a].mul(box.scale(a))));
            squared = squared == null ? q.square() : squared.add(q.square());
        }
        Tensor h = ratio2.mul(uPairs.mul(2).exp()).mul(squared);
        Tensor eikonal = residual.of(h).square().mean();
        if (sourcePoints == 0) {
            return List.of(eikonal);
        }
        Tensor atSource = u.slice(0, pairs, pairs + sourcePoints).exp().sub(1).square().mean();
        return List.of(eikonal, atSource);
    }

    @Override
    public void beforeRound(int round, int epoch) {
        if (resampleEvery > 0) {
            draw();
        }
    }

    @Override
    public void beforeEpoch(int epoch) {
        if (resampleEvery > 0 && epoch > 1 && (epoch - 1) % resampleEvery == 0) {
            draw();
        }
    }
}
