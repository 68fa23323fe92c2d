package org.sciml4j.discovery.sindy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sciml4j.discovery.data.OdeSampler;

/**
 * A fitted SINDy model x' = Theta(x, u) Xi: prints its equations, predicts derivatives and simulates trajectories.
 * Xi has shape (p, m) row-major (feature i, target j at {@code i * m + j}).
 */
public final class SindyModel {
    private final FeatureLibrary library;
    private final List<String> features;
    private final List<String> states;
    private final List<String> controls;
    private final List<String> lhs;
    private final double[] xi;
    private final double r2;

    /**
     * @param library  the library (null for a model that cannot be evaluated, such as a PDE)
     * @param features the p feature names
     * @param states   the m state names
     * @param controls the control names
     * @param lhs      the left-hand side of each equation ({@code x'}, {@code u_t})
     * @param xi       the coefficients, shape (p, m) row-major
     * @param r2       the coefficient of determination of the fit on its own design
     */
    public SindyModel(FeatureLibrary library, List<String> features, List<String> states, List<String> controls,
            List<String> lhs, double[] xi, double r2) {
        if (xi.length != features.size() * lhs.size()) {
            throw new IllegalArgumentException("coefficients have " + xi.length + " values for " + features.size()
                    + " features x " + lhs.size() + " equations");
        }
        this.library = library;
        this.features = List.copyOf(features);
        this.states = List.copyOf(states);
        this.controls = List.copyOf(controls);
        this.lhs = List.copyOf(lhs);
        this.xi = xi.clone();
        this.r2 = r2;
    }

    /** The p feature names, in coefficient row order. */
    public List<String> featureNames() {
        return features;
    }

    /** The m state names. */
    public List<String> stateNames() {
        return states;
    }

    /** The coefficients, shape (p, m) row-major (a copy). */
    public double[] coefficients() {
        return xi.clone();
    }

    /** The coefficient of feature {@code name} in equation {@code target}; 0 if the feature is unknown. */
    public double coefficient(String name, int target) {
        int i = features.indexOf(name);
        return i < 0 ? 0 : xi[i * lhs.size() + target];
    }

    /** R^2 of the fit on its own design (averaged over the equations, as scikit-learn's r2_score). */
    public double r2() {
        return r2;
    }

    /** The equations, one per state, such as {@code x' = -10.000 x + 10.000 y}. */
    public List<String> equations(int digits) {
        List<String> out = new ArrayList<>();
        int m = lhs.size();
        for (int j = 0; j < m; j++) {
            StringBuilder b = new StringBuilder(lhs.get(j)).append(" =");
            boolean first = true;
            for (int i = 0; i < features.size(); i++) {
                double c = xi[i * m + j];
                if (c == 0) {
                    continue;
                }
                String num = String.format(Locale.ROOT, "%." + digits + "f", Math.abs(c));
                b.append(first ? (c < 0 ? " -" : " ") : (c < 0 ? " - " : " + ")).append(num);
                if (!"1".equals(features.get(i))) {
                    b.append(' ').append(features.get(i));
                }
                first = false;
            }
            if (first) {
                b.append(' ').append(String.format(Locale.ROOT, "%." + digits + "f", 0.0));
            }
            out.add(b.toString());
        }
        return out;
    }

    /**
     * The model's derivatives.
     *
     * @param x the states, shape (n, m) row-major
     * @param u the controls, shape (n, c) row-major, or null without controls
     * @param n the number of samples
     * @return x', shape (n, m) row-major
     */
    public double[] predict(double[] x, double[] u, int n) {
        if (library == null) {
            throw new IllegalStateException("this model has no library to evaluate");
        }
        int m = states.size();
        int c = controls.size();
        double[] theta = library.transform(join(x, u, n, m, c), n, m + c);
        return multiply(theta, xi, n, features.size(), m);
    }

    /**
     * Integrates the model from x0 over the times t (Dormand-Prince 8(5,3), tolerances 1e-10), with controls
     * interpolated linearly between their samples at the same times.
     *
     * @param t  the times, shape (n)
     * @param x0 the initial state, shape (m)
     * @param u  the controls at the times t, shape (n, c) row-major, or null
     * @return the trajectory, shape (n, m) row-major; NaN after a blow-up
     */
    public OdeSampler.Result simulate(double[] t, double[] x0, double[] u) {
        int m = states.size();
        int c = controls.size();
        double[] uNow = new double[c];
        OdeSampler.Rhs f = (time, state, d) -> {
            interpolate(t, u, c, time, uNow);
            double[] dx = predict(state, uNow, 1);
            System.arraycopy(dx, 0, d, 0, m);
        };
        return OdeSampler.sample(f, m, t, x0, 1e-10, 1e-10);
    }

    private static void interpolate(double[] t, double[] u, int c, double time, double[] out) {
        if (c == 0) {
            return;
        }
        int hi = java.util.Arrays.binarySearch(t, time);
        if (hi >= 0) {
            System.arraycopy(u, hi * c, out, 0, c);
            return;
        }
        hi = Math.min(Math.max(-hi - 1, 1), t.length - 1);
        double w = (time - t[hi - 1]) / (t[hi] - t[hi - 1]);
        for (int j = 0; j < c; j++) {
            out[j] = (1 - w) * u[(hi - 1) * c + j] + w * u[hi * c + j];
        }
    }

    /** [x, u] side by side, shape (n, m + c). */
    static double[] join(double[] x, double[] u, int n, int m, int c) {
        if (c == 0) {
            return x;
        }
        double[] out = new double[n * (m + c)];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x, i * m, out, i * (m + c), m);
            System.arraycopy(u, i * c, out, i * (m + c) + m, c);
        }
        return out;
    }

    /** Theta Xi for row-major (n, p) and (p, m). */
    static double[] multiply(double[] theta, double[] xi, int n, int p, int m) {
        double[] out = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < p; f++) {
                double v = theta[i * p + f];
                if (v == 0) {
                    continue;
                }
                for (int j = 0; j < m; j++) {
                    out[i * m + j] += v * xi[f * m + j];
                }
            }
        }
        return out;
    }

    /** R^2 per column, averaged (scikit-learn's uniform average); a constant column counts as 1 if fitted exactly. */
    public static double r2(double[] y, double[] yhat, int n, int m) {
        double sum = 0;
        for (int j = 0; j < m; j++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += y[i * m + j] / n;
            }
            double ssRes = 0;
            double ssTot = 0;
            for (int i = 0; i < n; i++) {
                double r = y[i * m + j] - yhat[i * m + j];
                double d = y[i * m + j] - mean;
                ssRes += r * r;
                ssTot += d * d;
            }
            sum += ssTot > 0 ? 1 - ssRes / ssTot : (ssRes == 0 ? 1 : 0);
        }
        return sum / m;
    }
}
