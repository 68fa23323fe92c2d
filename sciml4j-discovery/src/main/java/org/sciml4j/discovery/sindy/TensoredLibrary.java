package org.sciml4j.discovery.sindy;

import java.util.ArrayList;
import java.util.List;

/**
 * Every product of a feature of the first library with a feature of the second (PySINDy's {@code lib1 * lib2}),
 * named by joining the two names with a space ("1" factors are dropped from the name).
 */
public final class TensoredLibrary implements FeatureLibrary {
    private final FeatureLibrary first;
    private final FeatureLibrary second;

    /** @param first the outer library; @param second the inner library (varies fastest) */
    public TensoredLibrary(FeatureLibrary first, FeatureLibrary second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public List<String> names(List<String> inputs) {
        List<String> names = new ArrayList<>();
        for (String a : first.names(inputs)) {
            for (String b : second.names(inputs)) {
                names.add(product(a, b));
            }
        }
        return names;
    }

    static String product(String a, String b) {
        if ("1".equals(a)) {
            return b;
        }
        return "1".equals(b) ? a : a + " " + b;
    }

    @Override
    public double[] transform(double[] x, int n, int m) {
        double[] a = first.transform(x, n, m);
        double[] b = second.transform(x, n, m);
        int ka = n == 0 ? 0 : a.length / n;
        int kb = n == 0 ? 0 : b.length / n;
        double[] out = new double[n * ka * kb];
        for (int i = 0; i < n; i++) {
            int c = i * ka * kb;
            for (int p = 0; p < ka; p++) {
                double ap = a[i * ka + p];
                for (int q = 0; q < kb; q++) {
                    out[c++] = ap * b[i * kb + q];
                }
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return "(" + first.describe() + ") x (" + second.describe() + ")";
    }
}
