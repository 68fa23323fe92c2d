package org.sciml4j.discovery.sindy;

import java.util.ArrayList;
import java.util.List;

/** The features of several libraries side by side (PySINDy's {@code lib1 + lib2}). */
public final class ConcatLibrary implements FeatureLibrary {
    private final List<FeatureLibrary> parts;

    /** @param parts the libraries, at least one */
    public ConcatLibrary(List<FeatureLibrary> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a concatenation needs at least one library");
        }
        this.parts = List.copyOf(parts);
    }

    @Override
    public List<String> names(List<String> inputs) {
        List<String> names = new ArrayList<>();
        for (FeatureLibrary p : parts) {
            names.addAll(p.names(inputs));
        }
        return names;
    }

    @Override
    public double[] transform(double[] x, int n, int m) {
        List<double[]> blocks = new ArrayList<>();
        int[] widths = new int[parts.size()];
        int k = 0;
        for (int b = 0; b < parts.size(); b++) {
            double[] t = parts.get(b).transform(x, n, m);
            blocks.add(t);
            widths[b] = t.length / Math.max(n, 1);
            k += widths[b];
        }
        double[] out = new double[n * k];
        for (int i = 0; i < n; i++) {
            int c = i * k;
            for (int b = 0; b < blocks.size(); b++) {
                System.arraycopy(blocks.get(b), i * widths[b], out, c, widths[b]);
                c += widths[b];
            }
        }
        return out;
    }

    @Override
    public String describe() {
        List<String> d = new ArrayList<>();
        for (FeatureLibrary p : parts) {
            d.add(p.describe());
        }
        return String.join(" + ", d);
    }
}
