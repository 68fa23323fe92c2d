package org.sciml4j.solvers.generate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.sciml4j.solvers.grf.NeumannGrf2d;
import org.sciml4j.solvers.pde.Darcy2d;

/**
 * FNO's Darcy data: a = {@code high} where a Neumann GRF (default {@code 3^2 (-Laplacian + 9 I)^-2}, FNO's
 * {@code tau^(2 alpha - 2) (-Laplacian + tau^2 I)^-alpha}) is >= 0, else {@code low}; {@code -div(a grad u) = source}
 * on the unit square, u = 0 on the boundary, solved by {@link Darcy2d} on {@code fine_grid} points per side and
 * sub-sampled to {@code resolution} (fine_grid - 1 must be a multiple of resolution - 1). inputs (N, s, s) = a,
 * outputs (N, s, s) = u, x = y = i / (s - 1); index [n, i, j] is the point (x_i, y_j).
 */
final class DarcyGenerator implements Generator {
    static final Set<String> KEYS = Set.of("resolution", "fine_grid", "high", "low", "source", "tolerance", "input");
    static final Fields.Grf DEFAULT_INPUT = new Fields.Grf(3, 3, 2, 0);

    private final int resolution;
    private final int fineGrid;
    private final double high;
    private final double low;
    private final double source;
    private final double tolerance;
    private final Fields.Grf input;

    DarcyGenerator(int resolution, int fineGrid, double high, double low, double source, double tolerance,
                   Fields.Grf input) {
        this.resolution = resolution;
        this.fineGrid = fineGrid;
        this.high = high;
        this.low = low;
        this.source = source;
        this.tolerance = tolerance;
        this.input = input;
        input.neumann();
        new Darcy2d(fineGrid, tolerance);
    }

    static DarcyGenerator read(SpecReader spec) {
        int resolution = spec.positiveInt("resolution", 85);
        int fine = spec.positiveInt("fine_grid", 421);
        if (resolution < 2 || fine < 3) {
            throw spec.error(resolution < 2 ? "resolution" : "fine_grid",
                    "'resolution' must be >= 2 and 'fine_grid' >= 3");
        }
        if ((fine - 1) % (resolution - 1) != 0) {
            throw spec.error("resolution", "'fine_grid' - 1 (" + (fine - 1) + ") must be a multiple of 'resolution' - 1"
                    + " (" + (resolution - 1) + "), e.g. fine_grid 421 with resolution 85, 141, 211 or 421");
        }
        double high = spec.positive("high", 12);
        double low = spec.positive("low", 3);
        double source = spec.number("source", 1, Double::isFinite, "must be a finite number");
        double tolerance = spec.number("tolerance", 1e-10, t -> t > 0 && t < 1, "must be in (0, 1)");
        return new DarcyGenerator(resolution, fine, high, low, source, tolerance,
                Fields.grf(spec, "input", DEFAULT_INPUT));
    }

    @Override
    public String name() {
        return "darcy";
    }

    @Override
    public int[] inputShape() {
        return new int[] {resolution, resolution};
    }

    @Override
    public int[] outputShape() {
        return new int[] {resolution, resolution};
    }

    @Override
    public Map<String, double[]> coordinates() {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put("x", Fields.closedGrid(resolution));
        m.put("y", Fields.closedGrid(resolution));
        return m;
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("equation", "-div(a grad u) = source on [0,1]^2, u = 0 on the boundary;"
                + " a = high where grf >= 0 else low");
        m.put("method", "5-point finite differences, harmonic-mean faces, multigrid-preconditioned CG");
        m.put("resolution", resolution);
        m.put("fine_grid", fineGrid);
        m.put("high", high);
        m.put("low", low);
        m.put("source", source);
        m.put("tolerance", tolerance);
        m.put("input", input.settings());
        return m;
    }

    @Override
    public Sampler newSampler() {
        NeumannGrf2d grf = input.neumann();
        Darcy2d solver = new Darcy2d(fineGrid, tolerance);
        int stride = (fineGrid - 1) / (resolution - 1);
        double[] f = new double[fineGrid * fineGrid];
        java.util.Arrays.fill(f, source);
        return (rng, in, out) -> {
            double[] g = grf.sample(fineGrid, rng);
            double[] a = new double[g.length];
            for (int k = 0; k < g.length; k++) {
                a[k] = g[k] >= 0 ? high : low;
            }
            double[] u = solver.solve(a, f);
            for (int i = 0; i < resolution; i++) {
                for (int j = 0; j < resolution; j++) {
                    int p = i * stride * fineGrid + j * stride;
                    in[i * resolution + j] = a[p];
                    out[i * resolution + j] = u[p];
                }
            }
        };
    }
}
