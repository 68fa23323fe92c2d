package org.sciml4j.solvers.generate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.sciml4j.solvers.grf.PeriodicGrf;
import org.sciml4j.solvers.pde.Burgers1d;

/**
 * FNO's Burgers data: u0 ~ periodic GRF, u(., time) of {@code u_t = nu u_xx - (u^2/2)_x} on [0, 1) solved by
 * {@link Burgers1d} on {@code fine_grid} points, both sub-sampled to {@code resolution} points {@code x_j = j / s}.
 * inputs (N, s) = u0, outputs (N, s) = u(time). Defaults follow the FNO code (gamma 2.5, tau 7, sigma 7^2, nu 0.1,
 * T 1); the FNO paper's text gives 625 (-Laplacian + 25 I)^-2 instead: sigma 25, tau 5, alpha 2.
 */
final class BurgersGenerator implements Generator {
    static final Set<String> KEYS = Set.of("resolution", "fine_grid", "viscosity", "time", "dt", "input");
    static final Fields.Grf DEFAULT_INPUT = new Fields.Grf(49, 7, 2.5, 0);

    private final int resolution;
    private final int fineGrid;
    private final double viscosity;
    private final double time;
    private final double dt;
    private final Fields.Grf input;

    BurgersGenerator(int resolution, int fineGrid, double viscosity, double time, double dt, Fields.Grf input) {
        this.resolution = resolution;
        this.fineGrid = fineGrid;
        this.viscosity = viscosity;
        this.time = time;
        this.dt = dt;
        this.input = input;
        input.periodic(); // checks the knobs now
        new Burgers1d(fineGrid, viscosity, dt);
    }

    static BurgersGenerator read(SpecReader spec) {
        int resolution = spec.positiveInt("resolution", 256);
        int fine = spec.positiveInt("fine_grid", 8192);
        if (fine % 2 != 0 || fine < 8) {
            throw spec.error("fine_grid", "'fine_grid' must be even and >= 8, got " + fine);
        }
        if (fine % resolution != 0) {
            throw spec.error("resolution", "'resolution' " + resolution + " must divide 'fine_grid' " + fine
                    + " (the output keeps every (fine_grid / resolution)-th point)");
        }
        double viscosity = spec.number("viscosity", 0.1, v -> v >= 0, "must be >= 0");
        double time = spec.positive("time", 1.0);
        double dt = spec.positive("dt", 1e-2);
        return new BurgersGenerator(resolution, fine, viscosity, time, dt, Fields.grf(spec, "input", DEFAULT_INPUT));
    }

    @Override
    public String name() {
        return "burgers";
    }

    @Override
    public int[] inputShape() {
        return new int[] {resolution};
    }

    @Override
    public int[] outputShape() {
        return new int[] {resolution};
    }

    @Override
    public Map<String, double[]> coordinates() {
        return Map.of("x", Fields.periodicGrid(resolution, 1));
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("equation", "u_t = viscosity u_xx - (u^2/2)_x, periodic on [0, 1), x_j = j / resolution");
        m.put("method", "Fourier pseudo-spectral, 2/3 de-aliasing, ETDRK4 (Kassam-Trefethen contour coefficients)");
        m.put("resolution", resolution);
        m.put("fine_grid", fineGrid);
        m.put("viscosity", viscosity);
        m.put("time", time);
        m.put("dt", dt);
        m.put("input", input.settings());
        return m;
    }

    @Override
    public Sampler newSampler() {
        PeriodicGrf grf = input.periodic();
        Burgers1d solver = new Burgers1d(fineGrid, viscosity, dt);
        int stride = fineGrid / resolution;
        return (rng, in, out) -> {
            double[] u0 = grf.sample1d(fineGrid, rng);
            double[] u = solver.solve(u0, time);
            for (int j = 0; j < resolution; j++) {
                in[j] = u0[j * stride];
                out[j] = u[j * stride];
            }
        };
    }
}
