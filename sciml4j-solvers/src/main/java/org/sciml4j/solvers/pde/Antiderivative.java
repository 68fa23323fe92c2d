package org.sciml4j.solvers.pde;

/**
 * The antiderivative {@code u(x) = int_0^x v(t) dt} of the piecewise-linear function through equispaced node values
 * of v on [0, 1] (the function DeepONet's sensors sample): exact for that function, i.e. trapezoids over whole cells
 * plus the exact integral over the last partial cell.
 */
public final class Antiderivative {
    private Antiderivative() {
    }

    /**
     * @param nodeValues v at {@code t_i = i / (n - 1)}, shape (n,), n >= 2
     * @param x          points in [0, 1] to evaluate u at, shape (m,)
     * @return u at x, shape (m,)
     */
    public static double[] of(double[] nodeValues, double[] x) {
        int n = nodeValues.length;
        if (n < 2) {
            throw new IllegalArgumentException("antiderivative needs at least 2 node values, got " + n);
        }
        double h = 1.0 / (n - 1);
        double[] cumulative = new double[n];
        for (int i = 1; i < n; i++) {
            cumulative[i] = cumulative[i - 1] + 0.5 * h * (nodeValues[i - 1] + nodeValues[i]);
        }
        double[] u = new double[x.length];
        for (int q = 0; q < x.length; q++) {
            if (!(x[q] >= 0 && x[q] <= 1)) {
                throw new IllegalArgumentException("antiderivative: x must lie in [0, 1], got " + x[q]);
            }
            double p = x[q] * (n - 1);
            int i = Math.min((int) p, n - 2);
            double w = p - i; // fraction of cell i covered
            double vEnd = (1 - w) * nodeValues[i] + w * nodeValues[i + 1];
            u[q] = cumulative[i] + 0.5 * w * h * (nodeValues[i] + vEnd);
        }
        return u;
    }
}
