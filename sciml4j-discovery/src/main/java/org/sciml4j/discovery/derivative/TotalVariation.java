package org.sciml4j.discovery.derivative;

/**
 * Total-variation regularised differentiation (Chartrand, ISRN Appl. Math. 2011): the derivative u minimises
 * {@code alpha * sum_k |u[k+1] - u[k]| + 1/2 * || A u - (f - f[0]) ||^2}, where A integrates u by the trapezoid rule
 * from the first sample. The TV term is smoothed as sqrt(du^2 + epsilon) and minimised by lagged diffusivity: each
 * iteration solves the linear system {@code (alpha D^T E D + A^T A) u = A^T (f - f[0])} with E frozen at the previous
 * u, by conjugate gradients (matrix-free, O(n) per product). Gives piecewise-smooth derivatives of very noisy data;
 * alpha trades smoothness for fidelity and scales with the noise level times the signal's time span.
 */
public final class TotalVariation implements Differentiator {
    private final double alpha;
    private final int iterations;
    private final double epsilon;

    /**
     * @param alpha      the regularisation weight, positive
     * @param iterations the lagged-diffusivity iterations, at least 1 (10 to 50 is typical)
     * @param epsilon    the smoothing of |du| (a small positive number, e.g. 1e-8 times the squared derivative scale)
     */
    public TotalVariation(double alpha, int iterations, double epsilon) {
        if (!(alpha > 0) || iterations < 1 || !(epsilon > 0)) {
            throw new IllegalArgumentException("total variation needs alpha > 0, iterations >= 1 and epsilon > 0;"
                    + " got " + alpha + ", " + iterations + ", " + epsilon);
        }
        this.alpha = alpha;
        this.iterations = iterations;
        this.epsilon = epsilon;
    }

    @Override
    public double[] apply(double[] t, double[] x, int vars) {
        int n = Differentiator.checkShapes(t, x, vars);
        if (n < 3) {
            throw new IllegalArgumentException("total variation differentiation needs at least 3 samples, got " + n);
        }
        double[] start = new FiniteDifference().apply(t, x, vars);
        double[] out = new double[n * vars];
        for (int j = 0; j < vars; j++) {
            double[] f = Differentiator.column(x, n, vars, j);
            double[] u = solve(t, f, Differentiator.column(start, n, vars, j));
            for (int i = 0; i < n; i++) {
                out[i * vars + j] = u[i];
            }
        }
        return out;
    }

    private double[] solve(double[] t, double[] f, double[] u) {
        int n = t.length;
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = f[i] - f[0];
        }
        double[] rhs = integrateAdjoint(t, g);
        double[] e = new double[n - 1];
        for (int it = 0; it < iterations; it++) {
            for (int k = 0; k < n - 1; k++) {
                double d = u[k + 1] - u[k];
                e[k] = 1 / Math.sqrt(d * d + epsilon);
            }
            u = conjugateGradients(t, e, rhs, u);
        }
        return u;
    }

    /** (alpha D^T E D + A^T A) v. */
    private double[] operator(double[] t, double[] e, double[] v) {
        int n = v.length;
        double[] out = integrateAdjoint(t, integrate(t, v));
        for (int k = 0; k < n - 1; k++) {
            double flux = alpha * e[k] * (v[k + 1] - v[k]);
            out[k] -= flux;
            out[k + 1] += flux;
        }
        return out;
    }

    // numerical kernel
    private double[] conjugateGradients(double[] t, double[] e, double[] b, double[] x0) {
        int n = b.length;
        double[] x = x0.clone();
        double[] ax = operator(t, e, x);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = b[i] - ax[i];
        }
        double[] p = r.clone();
        double rr = dot(r, r);
        double stop = 1e-24 * Math.max(dot(b, b), Double.MIN_NORMAL);
        for (int k = 0; k < 4 * n && rr > stop; k++) {
            double[] ap = operator(t, e, p);
            double a = rr / dot(p, ap);
            for (int i = 0; i < n; i++) {
                x[i] += a * p[i];
                r[i] -= a * ap[i];
            }
            double next = dot(r, r);
            double beta = next / rr;
            rr = next;
            for (int i = 0; i < n; i++) {
                p[i] = r[i] + beta * p[i];
            }
        }
        return x;
    }

    /** Trapezoid integral of u from t[0] to every t[i]. */
    static double[] integrate(double[] t, double[] u) {
        double[] out = new double[u.length];
        for (int i = 1; i < u.length; i++) {
            out[i] = out[i - 1] + 0.5 * (t[i] - t[i - 1]) * (u[i - 1] + u[i]);
        }
        return out;
    }

    /** The transpose of {@link #integrate}: out[k] = sum over i of A[i][k] g[i]. */
    static double[] integrateAdjoint(double[] t, double[] g) {
        int n = g.length;
        double[] out = new double[n];
        double tail = 0;
        for (int i = n - 1; i >= 1; i--) {
            tail += g[i];
            double h = 0.5 * (t[i] - t[i - 1]);
            out[i] += h * tail;
            out[i - 1] += h * tail;
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Override
    public String describe() {
        return "total_variation(alpha " + alpha + ", iterations " + iterations + ")";
    }
}
