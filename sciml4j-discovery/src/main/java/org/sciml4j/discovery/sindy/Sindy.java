package org.sciml4j.discovery.sindy;

import java.util.ArrayList;
import java.util.List;
import org.sciml4j.discovery.derivative.Differentiator;

/**
 * Sparse identification of nonlinear dynamics (Brunton, Proctor and Kutz, PNAS 2016), as in PySINDy: x' = Theta(x, u)
 * Xi with Theta a {@link FeatureLibrary} of the states x and optional control inputs u, Xi found by a
 * {@link SparseRegressor} from derivatives estimated by a {@link Differentiator} or, for noisy data, from the
 * {@link WeakForm} of the equations.
 */
public final class Sindy {
    private final FeatureLibrary library;
    private final SparseRegressor optimizer;
    private final Differentiator differentiator;
    private final WeakForm weak;

    /**
     * @param library        the candidate terms
     * @param optimizer      the sparse regression
     * @param differentiator how x' is estimated (ignored with a weak form)
     * @param weak           the weak form, or null for the strong form
     */
    public Sindy(FeatureLibrary library, SparseRegressor optimizer, Differentiator differentiator, WeakForm weak) {
        if (weak == null && differentiator == null) {
            throw new IllegalArgumentException("SINDy needs a differentiator or a weak form");
        }
        this.library = library;
        this.optimizer = optimizer;
        this.differentiator = differentiator;
        this.weak = weak;
    }

    /**
     * Fits without control inputs.
     *
     * @param t     the times, shape (n)
     * @param x     the states, shape (n, names.size()) row-major
     * @param names the state names
     */
    public SindyModel fit(double[] t, double[] x, List<String> names) {
        return fit(t, x, names, null, List.of());
    }

    /**
     * Fits x' = Theta(x, u) Xi.
     *
     * @param t            the times, shape (n), increasing
     * @param x            the states, shape (n, m) row-major
     * @param names        the m state names
     * @param u            the control inputs, shape (n, c) row-major, or null when c = 0
     * @param controlNames the c control names
     * @return the fitted model
     */
    public SindyModel fit(double[] t, double[] x, List<String> names, double[] u, List<String> controlNames) {
        int n = t.length;
        int m = names.size();
        int c = controlNames.size();
        Differentiator.checkShapes(t, x, m);
        if (c > 0) {
            Differentiator.checkShapes(t, u, c);
        }
        List<String> inputs = new ArrayList<>(names);
        inputs.addAll(controlNames);
        double[] in = SindyModel.join(x, u, n, m, c);
        double[] theta = library.transform(in, n, m + c);
        List<String> featureNames = library.names(inputs);
        int p = featureNames.size();
        for (int a = 0; a < theta.length; a++) {
            if (!Double.isFinite(theta[a])) {
                throw new IllegalArgumentException("library term '" + featureNames.get(a % p) + "' is " + theta[a]
                        + " at sample " + a / p + " (t = " + t[a / p] + "); leave it out or keep the data in its"
                        + " domain");
            }
        }
        Design design = weak != null ? weak.design(t, x, m, theta, p)
                : new Design(theta, n, p, differentiator.apply(t, x, m), m);
        double[] xi = optimizer.fit(design);
        double r2 = SindyModel.r2(design.y(), SindyModel.multiply(design.theta(), xi, design.n(), p, m), design.n(),
                m);
        List<String> lhs = new ArrayList<>();
        for (String s : names) {
            lhs.add(s + "'");
        }
        return new SindyModel(library, library.names(inputs), names, controlNames, lhs, xi, r2);
    }

    /** The method in words, for summaries. */
    public String describe() {
        return library.describe() + "; " + optimizer.describe() + "; "
                + (weak != null ? weak.toString() : differentiator.describe());
    }
}
