package org.sciml4j.discovery.sindy;

import java.util.ArrayList;
import java.util.List;

/**
 * Monomials of the inputs up to a degree, in the order of scikit-learn's PolynomialFeatures (and PySINDy): 1, x, y,
 * z, x^2, x y, x z, y^2, y z, z^2, ... With {@code crossTerms} false only pure powers (x, x^2, y, y^2, ...) are kept.
 * Each monomial is its parent (one degree lower) times one input, so a row costs one multiplication per feature.
 */
public final class PolynomialLibrary implements FeatureLibrary {
    private final int degree;
    private final boolean crossTerms;
    private final boolean bias;

    /**
     * @param degree     the largest total degree, at least 1
     * @param crossTerms whether products of different inputs are included
     * @param bias       whether the constant feature "1" is included
     */
    public PolynomialLibrary(int degree, boolean crossTerms, boolean bias) {
        if (degree < 1) {
            throw new IllegalArgumentException("polynomial degree must be at least 1, got " + degree);
        }
        this.degree = degree;
        this.crossTerms = crossTerms;
        this.bias = bias;
    }

    /** All monomials up to {@code degree}, with the constant. */
    public PolynomialLibrary(int degree) {
        this(degree, true, true);
    }

    /** The exponent vectors as (parent index or -1 for the constant, input multiplied in) pairs, one per monomial. */
    private List<int[]> monomials(int m) {
        List<int[]> out = new ArrayList<>();
        List<int[]> powers = new ArrayList<>();
        out.add(new int[] {-1, -1});
        powers.add(new int[m]);
        int levelStart = 0;
        for (int d = 1; d <= degree; d++) {
            int levelEnd = out.size();
            for (int parent = levelStart; parent < levelEnd; parent++) {
                int[] pp = powers.get(parent);
                int last = lastInput(pp);
                for (int v = Math.max(last, 0); v < m; v++) {
                    if (!crossTerms && last >= 0 && v != last) {
                        continue;
                    }
                    int[] p = pp.clone();
                    p[v]++;
                    out.add(new int[] {parent, v});
                    powers.add(p);
                }
            }
            levelStart = levelEnd;
        }
        return out;
    }

    private static int lastInput(int[] p) {
        for (int v = p.length - 1; v >= 0; v--) {
            if (p[v] > 0) {
                return v;
            }
        }
        return -1;
    }

    @Override
    public List<String> names(List<String> inputs) {
        int m = inputs.size();
        List<int[]> mono = monomials(m);
        List<int[]> powers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int[] e : mono) {
            int[] p = e[0] < 0 ? new int[m] : powers.get(e[0]).clone();
            if (e[1] >= 0) {
                p[e[1]]++;
            }
            powers.add(p);
            names.add(name(p, inputs));
        }
        return bias ? names : names.subList(1, names.size());
    }

    static String name(int[] p, List<String> inputs) {
        StringBuilder b = new StringBuilder();
        for (int v = 0; v < p.length; v++) {
            if (p[v] > 0) {
                if (b.length() > 0) {
                    b.append(' ');
                }
                b.append(inputs.get(v));
                if (p[v] > 1) {
                    b.append('^').append(p[v]);
                }
            }
        }
        return b.length() == 0 ? "1" : b.toString();
    }

    @Override
    // numerical kernel
    public double[] transform(double[] x, int n, int m) {
        List<int[]> mono = monomials(m);
        int all = mono.size();
        int[] parent = new int[all];
        int[] input = new int[all];
        for (int f = 0; f < all; f++) {
            parent[f] = mono.get(f)[0];
            input[f] = mono.get(f)[1];
        }
        int skip = bias ? 0 : 1;
        int k = all - skip;
        double[] out = new double[n * k];
        double[] row = new double[all];
        row[0] = 1;
        for (int i = 0; i < n; i++) {
            int xo = i * m;
            for (int f = 1; f < all; f++) {
                row[f] = row[parent[f]] * x[xo + input[f]];
            }
            System.arraycopy(row, skip, out, i * k, k);
        }
        return out;
    }

    @Override
    public String describe() {
        return "polynomial(degree " + degree + (crossTerms ? "" : ", no cross terms") + (bias ? "" : ", no bias")
                + ")";
    }
}
