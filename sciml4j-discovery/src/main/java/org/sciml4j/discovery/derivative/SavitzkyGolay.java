package org.sciml4j.discovery.derivative;

/**
 * Savitzky-Golay smoothed derivative: at every sample a polynomial of degree {@code polyOrder} is fitted by least
 * squares to the {@code window} samples around it (the window is shifted inwards at the ends) and its derivative
 * there is returned. Works on non-uniform grids (each fit uses the actual times). Use it on noisy data: a wider
 * window smooths more and biases more.
 */
public final class SavitzkyGolay implements Differentiator {
    private final int window;
    private final int polyOrder;
    private final int derivative;

    /**
     * @param window     the number of samples in each fit, odd, more than {@code polyOrder}
     * @param polyOrder  the degree of the local polynomial, at least {@code derivative}
     * @param derivative the derivative order (0 smooths)
     */
    public SavitzkyGolay(int window, int polyOrder, int derivative) {
        if (window < 3 || window % 2 == 0) {
            throw new IllegalArgumentException("window must be odd and at least 3, got " + window);
        }
        if (polyOrder >= window || polyOrder < Math.max(derivative, 1)) {
            throw new IllegalArgumentException("polynomial order must be between " + Math.max(derivative, 1)
                    + " and window - 1 = " + (window - 1) + ", got " + polyOrder);
        }
        if (derivative < 0) {
            throw new IllegalArgumentException("derivative order must not be negative, got " + derivative);
        }
        this.window = window;
        this.polyOrder = polyOrder;
        this.derivative = derivative;
    }

    /** First derivative. */
    public SavitzkyGolay(int window, int polyOrder) {
        this(window, polyOrder, 1);
    }

    @Override
    public int minSamples() {
        return window;
    }

    @Override
    public double[] apply(double[] t, double[] x, int vars) {
        int n = Differentiator.checkShapes(t, x, vars);
        if (n < window) {
            throw new IllegalArgumentException("Savitzky-Golay window " + window + " is longer than the " + n
                    + " samples");
        }
        int half = window / 2;
        double[] out = new double[n * vars];
        for (int i = 0; i < n; i++) {
            int start = Math.min(Math.max(i - half, 0), n - window);
            double[] w = weights(t, i, start);
            for (int k = 0; k < window; k++) {
                int row = (start + k) * vars;
                for (int j = 0; j < vars; j++) {
                    out[i * vars + j] += w[k] * x[row + j];
                }
            }
        }
        return out;
    }

    /**
     * The linear weights of the window's samples in the derivative at t[i] of the least-squares polynomial: row
     * {@code derivative} of (V^T V)^-1 V^T, with V the Vandermonde matrix of the scaled offsets, times d!/scale^d.
     */
    // numerical kernel
    private double[] weights(double[] t, int i, int start) {
        int p = polyOrder + 1;
        double scale = (t[start + window - 1] - t[start]) / 2;
        double[] v = new double[window * p];
        for (int k = 0; k < window; k++) {
            double s = (t[start + k] - t[i]) / scale;
            double pw = 1;
            for (int q = 0; q < p; q++) {
                v[k * p + q] = pw;
                pw *= s;
            }
        }
        double[] g = new double[p * p];
        for (int k = 0; k < window; k++) {
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    g[a * p + b] += v[k * p + a] * v[k * p + b];
                }
            }
        }
        double[] e = new double[p];
        e[derivative] = 1;
        double[] row = SmallSolve.spd(g, e, p);
        double factor = 1;
        for (int q = 2; q <= derivative; q++) {
            factor *= q;
        }
        factor /= Math.pow(scale, derivative);
        double[] w = new double[window];
        for (int k = 0; k < window; k++) {
            double s = 0;
            for (int q = 0; q < p; q++) {
                s += row[q] * v[k * p + q];
            }
            w[k] = s * factor;
        }
        return w;
    }

    @Override
    public String describe() {
        return "savitzky_golay(window " + window + ", order " + polyOrder + ")";
    }
}
