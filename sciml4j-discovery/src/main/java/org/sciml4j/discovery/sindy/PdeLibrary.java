package org.sciml4j.discovery.sindy;

import java.util.ArrayList;
import java.util.List;
import org.sciml4j.discovery.derivative.Differentiator;
import org.sciml4j.discovery.derivative.FiniteDifference;
import org.sciml4j.discovery.derivative.Spectral;

/**
 * The PDE-FIND library (Rudy et al., Sci. Adv. 2017): monomials of the fields up to a degree (with 1) times each of
 * {1, u_x, u_xx, ...}. Inputs are the fields first, then their spatial derivatives (as {@link #inputs} builds them):
 * for one field u with derivatives to order 3 the inputs are u, u_x, u_xx, u_xxx and the features 1, u, u^2, u_x,
 * u u_x, u^2 u_x, u_xx, ...
 */
public final class PdeLibrary implements FeatureLibrary {
    private final int fields;
    private final PolynomialLibrary poly;
    private final int degree;

    /**
     * @param fields the number of field columns at the front of the inputs
     * @param degree the largest degree of the field monomials, at least 1
     */
    public PdeLibrary(int fields, int degree) {
        if (fields < 1) {
            throw new IllegalArgumentException("a PDE library needs at least one field, got " + fields);
        }
        this.fields = fields;
        this.degree = degree;
        this.poly = new PolynomialLibrary(degree);
    }

    @Override
    public List<String> names(List<String> inputs) {
        List<String> p = poly.names(inputs.subList(0, fields));
        List<String> names = new ArrayList<>(p);
        for (String d : inputs.subList(fields, inputs.size())) {
            for (String a : p) {
                names.add(TensoredLibrary.product(a, d));
            }
        }
        return names;
    }

    @Override
    public double[] transform(double[] x, int n, int m) {
        double[] f = new double[n * fields];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * m, f, i * fields, fields);
        }
        double[] p = poly.transform(f, n, fields);
        int kp = n == 0 ? 0 : p.length / n;
        int derivs = m - fields;
        int k = kp * (1 + derivs);
        double[] out = new double[n * k];
        for (int i = 0; i < n; i++) {
            int c = i * k;
            System.arraycopy(p, i * kp, out, c, kp);
            c += kp;
            for (int d = 0; d < derivs; d++) {
                double dv = x[i * m + fields + d];
                for (int a = 0; a < kp; a++) {
                    out[c++] = p[i * kp + a] * dv;
                }
            }
        }
        return out;
    }

    /**
     * The inputs of this library for one field sampled on a space-time grid: u and its x-derivatives to
     * {@code order}, spectral when {@code periodic} (x must then cover one period without its end point), finite
     * differences of accuracy 4 otherwise.
     *
     * @param u        the field, shape (nt, nx) row-major (time slow)
     * @param nt       the number of times
     * @param x        the grid, shape (nx)
     * @param order    the highest derivative, at least 1
     * @param periodic whether x is periodic
     * @return the inputs, shape (nt * nx, 1 + order) row-major
     */
    public static double[] inputs(double[] u, int nt, double[] x, int order, boolean periodic) {
        int nx = x.length;
        int m = 1 + order;
        double[] out = new double[nt * nx * m];
        for (int d = 0; d <= order; d++) {
            Differentiator diff = d == 0 ? null : periodic ? new Spectral(d) : new FiniteDifference(d, 4);
            for (int s = 0; s < nt; s++) {
                double[] row = new double[nx];
                System.arraycopy(u, s * nx, row, 0, nx);
                double[] v = diff == null ? row : diff.apply(x, row, 1);
                for (int i = 0; i < nx; i++) {
                    out[(s * nx + i) * m + d] = v[i];
                }
            }
        }
        return out;
    }

    /** The input names for field {@code u} and space variable {@code x}: u, u_x, u_xx, ... */
    public static List<String> inputNames(String u, String x, int order) {
        List<String> names = new ArrayList<>();
        names.add(u);
        for (int d = 1; d <= order; d++) {
            names.add(u + "_" + x.repeat(d));
        }
        return names;
    }

    @Override
    public String describe() {
        return "pde(degree " + degree + ")";
    }
}
