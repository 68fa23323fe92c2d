package org.sciml4j.discovery.dmd;

import java.util.ArrayList;
import java.util.List;

/** Every monomial x1^a1 ... xm^am of total degree at most d (the constant 1 included), ordered by degree. */
public final class PolynomialDictionary implements Dictionary {
    /** More functions than this make EDMD's least squares and eigenproblem impractically large. */
    public static final int MAX_TERMS = 2000;
    private final int features;
    private final int[][] exponents;

    /**
     * @param features the state dimension m
     * @param degree   the largest total degree d (at least 1)
     * @throws IllegalArgumentException when there would be more than {@value #MAX_TERMS} monomials
     */
    public PolynomialDictionary(int features, int degree) {
        this.features = features;
        List<int[]> out = new ArrayList<>();
        for (int d = 0; d <= degree; d++) {
            collect(new int[features], 0, d, out);
            if (out.size() > MAX_TERMS) {
                throw new IllegalArgumentException("a polynomial dictionary of degree " + degree + " in " + features
                        + " features has more than " + MAX_TERMS + " terms; lower the degree");
            }
        }
        this.exponents = out.toArray(new int[0][]);
    }

    private static void collect(int[] e, int var, int left, List<int[]> out) {
        if (var == e.length - 1) {
            e[var] = left;
            out.add(e.clone());
            return;
        }
        for (int k = left; k >= 0; k--) {
            e[var] = k;
            collect(e, var + 1, left - k, out);
        }
        e[var] = 0;
    }

    @Override
    public int size() {
        return exponents.length;
    }

    @Override
    public String name(int k) {
        StringBuilder sb = new StringBuilder();
        for (int v = 0; v < features; v++) {
            if (exponents[k][v] > 0) {
                sb.append(sb.length() > 0 ? " " : "").append('x').append(v + 1);
                if (exponents[k][v] > 1) {
                    sb.append('^').append(exponents[k][v]);
                }
            }
        }
        return sb.length() == 0 ? "1" : sb.toString();
    }

    @Override
    public void evaluate(double[] x, int offset, double[] out) {
        for (int k = 0; k < exponents.length; k++) {
            double v = 1;
            for (int j = 0; j < features; j++) {
                for (int a = 0; a < exponents[k][j]; a++) {
                    v *= x[offset + j];
                }
            }
            out[k] = v;
        }
    }
}
