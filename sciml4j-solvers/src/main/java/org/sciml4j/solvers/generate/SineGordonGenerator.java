package org.sciml4j.solvers.generate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.sciml4j.solvers.grf.PeriodicGrf;
import org.sciml4j.solvers.pde.SineGordon1d;

/**
 * Sine-Gordon data for Hamiltonian operator learning: u0 ~ periodic GRF (drawn on the unit interval, stretched to
 * [0, length)), v0 = {@code velocity_scale} times an independent draw, the state (u, u_t) at {@code time} by
 * {@link SineGordon1d} (Stormer-Verlet) on {@code fine_grid} points, both sub-sampled to {@code resolution}.
 * inputs (N, 2, s) = (u0, v0), outputs (N, 2, s) = (u, u_t)(time), x_j = length j / s. The discrete energy is
 * {@link SineGordon1d#energy} (on the fine grid it is conserved to O(dt^2)).
 */
final class SineGordonGenerator implements Generator {
    static final Set<String> KEYS = Set.of("resolution", "fine_grid", "length", "time", "dt", "velocity_scale",
            "input");
    static final Fields.Grf DEFAULT_INPUT = new Fields.Grf(30, 3, 2, 16);

    private final int resolution;
    private final int fineGrid;
    private final double length;
    private final double time;
    private final double dt;
    private final double velocityScale;
    private final Fields.Grf input;

    SineGordonGenerator(int resolution, int fineGrid, double length, double time, double dt, double velocityScale,
                        Fields.Grf input) {
        this.resolution = resolution;
        this.fineGrid = fineGrid;
        this.length = length;
        this.time = time;
        this.dt = dt;
        this.velocityScale = velocityScale;
        this.input = input;
        input.periodic();
        new SineGordon1d(fineGrid, length, dt);
    }

    static SineGordonGenerator read(SpecReader spec) {
        int resolution = spec.positiveInt("resolution", 128);
        int fine = spec.positiveInt("fine_grid", 1024);
        if (fine < 4 || fine % resolution != 0) {
            throw spec.error("resolution", "'resolution' " + resolution + " must divide 'fine_grid' " + fine);
        }
        double length = spec.positive("length", 10);
        double time = spec.positive("time", 1);
        double dt = spec.positive("dt", 2.5e-3);
        if (dt >= length / fine) {
            throw spec.error("dt", "'dt' " + dt + " must be below the grid spacing length / fine_grid = "
                    + length / fine + " (leapfrog's stability limit)");
        }
        double velocity = spec.number("velocity_scale", 0, v -> v >= 0, "must be >= 0");
        return new SineGordonGenerator(resolution, fine, length, time, dt, velocity,
                Fields.grf(spec, "input", DEFAULT_INPUT));
    }

    @Override
    public String name() {
        return "sine-gordon";
    }

    @Override
    public int[] inputShape() {
        return new int[] {2, resolution};
    }

    @Override
    public int[] outputShape() {
        return new int[] {2, resolution};
    }

    @Override
    public Map<String, double[]> coordinates() {
        return Map.of("x", Fields.periodicGrid(resolution, length));
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("equation", "u_tt = u_xx - sin(u), periodic on [0, length); state (u, u_t)");
        m.put("method", "central differences, Stormer-Verlet");
        m.put("energy", "H = h sum_j [u_t_j^2 / 2 + ((u_{j+1} - u_j) / h)^2 / 2 + 1 - cos(u_j)], h = length / points"
                + " (org.sciml4j.solvers.pde.SineGordon1d.energy)");
        m.put("resolution", resolution);
        m.put("fine_grid", fineGrid);
        m.put("length", length);
        m.put("time", time);
        m.put("dt", dt);
        m.put("velocity_scale", velocityScale);
        m.put("input", input.settings());
        return m;
    }

    @Override
    public Sampler newSampler() {
        PeriodicGrf grf = input.periodic();
        SineGordon1d solver = new SineGordon1d(fineGrid, length, dt);
        int stride = fineGrid / resolution;
        int s = resolution;
        return (rng, in, out) -> {
            double[] u0 = grf.sample1d(fineGrid, rng);
            double[] v0 = grf.sample1d(fineGrid, rng);
            for (int j = 0; j < fineGrid; j++) {
                v0[j] *= velocityScale;
            }
            double[][] end = solver.solve(u0, v0, time);
            for (int j = 0; j < s; j++) {
                in[j] = u0[j * stride];
                in[s + j] = v0[j * stride];
                out[j] = end[0][j * stride];
                out[s + j] = end[1][j * stride];
            }
        };
    }
}
