package org.sciml4j.discovery.derivative;

/**
 * Finite differences of any derivative order and even order of accuracy, on uniform or non-uniform grids. Interior
 * points use a centred stencil; near the ends the stencil is one-sided (shifted to stay inside the data) with
 * {@code derivative + accuracy} points so the accuracy holds there too. Weights come from Fornberg's algorithm
 * (Math. Comp. 51, 1988), which is exact for polynomials up to the stencil size minus one on any grid.
 */
public final class FiniteDifference implements Differentiator {
    private final int derivative;
    private final int accuracy;

    /**
     * @param derivative the derivative order, at least 1
     * @param accuracy   the order of accuracy, even and at least 2
     */
    public FiniteDifference(int derivative, int accuracy) {
        if (derivative < 1) {
            throw new IllegalArgumentException("derivative order must be at least 1, got " + derivative);
        }
        if (accuracy < 2 || accuracy % 2 != 0) {
            throw new IllegalArgumentException("accuracy must be even and at least 2, got " + accuracy);
        }
        this.derivative = derivative;
        this.accuracy = accuracy;
    }

    /** First derivative, second-order accurate. */
    public FiniteDifference() {
        this(1, 2);
    }

    /** Half the centred stencil's width. */
    private int half() {
        return (accuracy + 2 * ((derivative + 1) / 2) - 2) / 2;
    }

    /** The centred stencil, and the one-sided stencils of {@code derivative + accuracy} points at the ends. */
    @Override
    public int minSamples() {
        return Math.max(2 * half() + 1, derivative + accuracy);
    }

    @Override
    public double[] apply(double[] t, double[] x, int vars) {
        int n = Differentiator.checkShapes(t, x, vars);
        int half = half();
        int edge = derivative + accuracy;
        if (n < minSamples()) {
            throw new IllegalArgumentException("finite differences of order " + derivative + " with accuracy "
                    + accuracy + " need at least " + minSamples() + " samples, got " + n);
        }
        double[] out = new double[n * vars];
        boolean uniform = Differentiator.uniform(t);
        double[] centred = uniform ? weights(t, half, 0, 2 * half + 1) : null;
        for (int i = 0; i < n; i++) {
            int start;
            int size;
            boolean interior = i - half >= 0 && i + half < n;
            if (interior) {
                start = i - half;
                size = 2 * half + 1;
            } else {
                size = edge;
                start = i < half ? 0 : n - edge;
            }
            double[] w = centred != null && interior ? centred : weights(t, i, start, size);
            for (int k = 0; k < size; k++) {
                double wk = w[k];
                int row = (start + k) * vars;
                for (int j = 0; j < vars; j++) {
                    out[i * vars + j] += wk * x[row + j];
                }
            }
        }
        return out;
    }

    /** The weights of points start..start+size-1 for the derivative at point i. */
    private double[] weights(double[] t, int i, int start, int size) {
        double[][] c = fornberg(t[i], t, start, size, derivative);
        double[] w = new double[size];
        for (int k = 0; k < size; k++) {
            w[k] = c[k][derivative];
        }
        return w;
    }

    /**
     * Fornberg's weights: {@code c[k][d]} is the weight of {@code x[off + k]} in the d-th derivative at z, for d up to
     * m. Points are centred on z first, which keeps the recurrence well scaled.
     */
    // numerical kernel
    static double[][] fornberg(double z, double[] x, int off, int len, int m) {
        double[][] c = new double[len][m + 1];
        double c1 = 1;
        double c4 = x[off] - z;
        c[0][0] = 1;
        for (int i = 1; i < len; i++) {
            int mn = Math.min(i, m);
            double c2 = 1;
            double c5 = c4;
            c4 = x[off + i] - z;
            for (int j = 0; j < i; j++) {
                double c3 = x[off + i] - x[off + j];
                c2 *= c3;
                if (j == i - 1) {
                    for (int k = mn; k >= 1; k--) {
                        c[i][k] = c1 * (k * c[i - 1][k - 1] - c5 * c[i - 1][k]) / c2;
                    }
                    c[i][0] = -c1 * c5 * c[i - 1][0] / c2;
                }
                for (int k = mn; k >= 1; k--) {
                    c[j][k] = (c4 * c[j][k] - k * c[j][k - 1]) / c3;
                }
                c[j][0] = c4 * c[j][0] / c3;
            }
            c1 = c2;
        }
        return c;
    }

    @Override
    public String describe() {
        return "finite_difference(derivative " + derivative + ", accuracy " + accuracy + ")";
    }
}
