package org.sciml4j.discovery.sindy;

import java.util.ArrayList;
import java.util.List;

/** sin(k x) and cos(k x) of every input for k = 1..frequencies, ordered by k, then input, sine before cosine. */
public final class FourierLibrary implements FeatureLibrary {
    private final int frequencies;

    /** @param frequencies the number of harmonics, at least 1 */
    public FourierLibrary(int frequencies) {
        if (frequencies < 1) {
            throw new IllegalArgumentException("a Fourier library needs at least 1 frequency, got " + frequencies);
        }
        this.frequencies = frequencies;
    }

    @Override
    public List<String> names(List<String> inputs) {
        List<String> names = new ArrayList<>();
        for (int k = 1; k <= frequencies; k++) {
            String f = k == 1 ? "" : k + " ";
            for (String v : inputs) {
                names.add("sin(" + f + v + ")");
                names.add("cos(" + f + v + ")");
            }
        }
        return names;
    }

    @Override
    public double[] transform(double[] x, int n, int m) {
        int k = 2 * m * frequencies;
        double[] out = new double[n * k];
        for (int i = 0; i < n; i++) {
            int c = i * k;
            for (int f = 1; f <= frequencies; f++) {
                for (int j = 0; j < m; j++) {
                    double a = f * x[i * m + j];
                    out[c++] = Math.sin(a);
                    out[c++] = Math.cos(a);
                }
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return "fourier(" + frequencies + ")";
    }
}
