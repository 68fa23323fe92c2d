package org.sciml4j.pinn.eikonal;

import org.sciml4j.tensor.Rng;

/**
 * Locates a source from arrival times through a trained {@link EikonalSurrogate}: minimises the mean square misfit
 * between observed and predicted travel times over the source position by Adam steps (gradient by central
 * differences of the surrogate, 2d + 1 cheap evaluations at the receivers), kept inside the box, from several
 * starting points drawn in it; the best end point wins. The origin time is taken as known (the data are travel
 * times).
 */
public final class HypocentreLocator {
    private static final double LEARNING_RATE = 0.02;
    private final EikonalSurrogate surrogate;

    public HypocentreLocator(EikonalSurrogate surrogate) {
        this.surrogate = surrogate;
    }

    /** The located source and its misfit. */
    public record Located(double[] source, double rmsMisfit) {
    }

    /**
     * @param receivers flat (k * d)
     * @param observed  travel times, length k
     * @param starts    starting points
     * @param steps     Adam steps per start
     * @param seed      the starts' seed
     */
    public Located locate(double[] receivers, double[] observed, int starts, int steps, long seed) {
        Box box = surrogate.box();
        Rng rng = new Rng(seed);
        Located best = null;
        for (int s = 0; s < starts; s++) {
            Located l = descend(box.sample(rng, 1), receivers, observed, steps);
            if (best == null || l.rmsMisfit() < best.rmsMisfit()) {
                best = l;
            }
        }
        return best;
    }

    // numerical kernel: Adam on the source coordinates, step sizes relative to the box
    private Located descend(double[] start, double[] receivers, double[] observed, int steps) {
        Box box = surrogate.box();
        int d = box.dimension();
        double[] xs = start.clone();
        double[] m = new double[d];
        double[] v = new double[d];
        for (int t = 1; t <= steps; t++) {
            double[] g = new double[d];
            for (int a = 0; a < d; a++) {
                double h = 1e-5 * (box.hi()[a] - box.lo()[a]);
                double[] up = xs.clone();
                double[] down = xs.clone();
                up[a] = Math.min(box.hi()[a], up[a] + h);
                down[a] = Math.max(box.lo()[a], down[a] - h);
                g[a] = (misfit(up, receivers, observed) - misfit(down, receivers, observed)) / (up[a] - down[a]);
            }
            for (int a = 0; a < d; a++) {
                m[a] = 0.9 * m[a] + 0.1 * g[a];
                v[a] = 0.999 * v[a] + 0.001 * g[a] * g[a];
                double mh = m[a] / (1 - Math.pow(0.9, t));
                double vh = v[a] / (1 - Math.pow(0.999, t));
                double lr = LEARNING_RATE * (box.hi()[a] - box.lo()[a]) / (1 + t / (0.25 * steps));
                xs[a] -= lr * mh / (Math.sqrt(vh) + 1e-12);
            }
            xs = box.clamp(xs);
        }
        return new Located(xs, Math.sqrt(misfit(xs, receivers, observed)));
    }

    /** Mean square of observed minus predicted travel times. */
    double misfit(double[] source, double[] receivers, double[] observed) {
        double[] t = surrogate.timesFrom(source, receivers);
        double sum = 0;
        for (int i = 0; i < t.length; i++) {
            sum += (observed[i] - t[i]) * (observed[i] - t[i]);
        }
        return sum / t.length;
    }
}
