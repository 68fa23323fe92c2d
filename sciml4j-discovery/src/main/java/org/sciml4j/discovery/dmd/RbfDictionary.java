package org.sciml4j.discovery.dmd;

import java.util.SplittableRandom;

/**
 * The constant, the m state coordinates, and radial basis functions around centres drawn from the data: Gaussian
 * exp(-|x - c|^2 / (2 w^2)) or thin-plate spline |x - c|^2 log |x - c|. The linear terms let the modes reproduce the
 * state exactly.
 */
public final class RbfDictionary implements Dictionary {
    private final int features;
    private final double[] centres; // (m, count)
    private final int count;
    private final boolean gaussian;
    private final double width;

    /**
     * @param x        the snapshots (m, p) the centres are drawn from (without replacement)
     * @param count    the number of centres (at most p)
     * @param gaussian Gaussian when true, thin-plate spline when false
     * @param width    the Gaussian width w (ignored by thin-plate)
     */
    public RbfDictionary(double[] x, int m, int p, int count, boolean gaussian, double width, long seed) {
        this.features = m;
        this.count = Math.min(count, p);
        this.gaussian = gaussian;
        this.width = width;
        this.centres = new double[m * this.count];
        int[] pick = BopDmd.subset(p, this.count, new SplittableRandom(seed));
        for (int j = 0; j < this.count; j++) {
            System.arraycopy(x, pick[j] * m, centres, j * m, m);
        }
    }

    @Override
    public int size() {
        return 1 + features + count;
    }

    @Override
    public String name(int k) {
        if (k == 0) {
            return "1";
        }
        return k <= features ? "x" + k : (gaussian ? "gauss" : "tps") + (k - features);
    }

    @Override
    public void evaluate(double[] x, int offset, double[] out) {
        out[0] = 1;
        System.arraycopy(x, offset, out, 1, features);
        for (int j = 0; j < count; j++) {
            double r2 = 0;
            for (int i = 0; i < features; i++) {
                double d = x[offset + i] - centres[i + j * features];
                r2 += d * d;
            }
            out[1 + features + j] = gaussian ? Math.exp(-r2 / (2 * width * width))
                    : (r2 == 0 ? 0 : 0.5 * r2 * Math.log(r2));
        }
    }
}
