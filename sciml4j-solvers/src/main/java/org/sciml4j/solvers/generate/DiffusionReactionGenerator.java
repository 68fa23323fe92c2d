package org.sciml4j.solvers.generate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.sciml4j.solvers.grf.RbfGrf1d;
import org.sciml4j.solvers.pde.DiffusionReaction1d;

/**
 * DeepONet's diffusion-reaction data: f ~ RBF GRF on [0, 1], u solves {@code u_t = D u_xx + k u^2 + f(x)} with zero
 * initial and boundary values ({@link DiffusionReaction1d} on {@code fine_grid} points), read at {@code time}.
 * inputs (N, s) = f, outputs (N, s) = u(x, time), x_j = j / (s - 1); fine_grid - 1 a multiple of s - 1.
 */
final class DiffusionReactionGenerator implements Generator {
    static final Set<String> KEYS = Set.of("resolution", "fine_grid", "diffusion", "reaction", "time", "dt", "input");
    static final Fields.Rbf DEFAULT_INPUT = new Fields.Rbf(1, 0.2, 1000, 1e-13);

    private final int resolution;
    private final int fineGrid;
    private final double diffusion;
    private final double reaction;
    private final double time;
    private final double dt;
    private final Fields.Rbf input;
    private final RbfGrf1d field;

    DiffusionReactionGenerator(int resolution, int fineGrid, double diffusion, double reaction, double time, double dt,
                               Fields.Rbf input) {
        this.resolution = resolution;
        this.fineGrid = fineGrid;
        this.diffusion = diffusion;
        this.reaction = reaction;
        this.time = time;
        this.dt = dt;
        this.input = input;
        this.field = input.field();
        new DiffusionReaction1d(fineGrid, diffusion, reaction, dt);
    }

    static DiffusionReactionGenerator read(SpecReader spec) {
        int resolution = spec.positiveInt("resolution", 100);
        int fine = spec.positiveInt("fine_grid", 397);
        if (resolution < 3 || fine < 3 || (fine - 1) % (resolution - 1) != 0) {
            throw spec.error("fine_grid", "'fine_grid' - 1 must be a multiple of 'resolution' - 1 and both >= 3; got "
                    + fine + " and " + resolution);
        }
        double diffusion = spec.number("diffusion", 0.01, d -> d >= 0, "must be >= 0");
        double reaction = spec.number("reaction", 0.01, Double::isFinite, "must be a finite number");
        double time = spec.positive("time", 1);
        double dt = spec.positive("dt", 2.5e-3);
        return new DiffusionReactionGenerator(resolution, fine, diffusion, reaction, time, dt,
                Fields.rbf(spec, "input", DEFAULT_INPUT));
    }

    @Override
    public String name() {
        return "diffusion-reaction";
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
        return Map.of("x", Fields.closedGrid(resolution));
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("equation", "u_t = diffusion u_xx + reaction u^2 + f(x) on [0, 1], u = 0 at t = 0 and at x = 0, 1");
        m.put("method", "central differences, Crank-Nicolson diffusion, Adams-Bashforth 2 reaction");
        m.put("resolution", resolution);
        m.put("fine_grid", fineGrid);
        m.put("diffusion", diffusion);
        m.put("reaction", reaction);
        m.put("time", time);
        m.put("dt", dt);
        m.put("input", input.settings());
        return m;
    }

    @Override
    public Sampler newSampler() {
        DiffusionReaction1d solver = new DiffusionReaction1d(fineGrid, diffusion, reaction, dt);
        double[] fineX = Fields.closedGrid(fineGrid);
        int stride = (fineGrid - 1) / (resolution - 1);
        return (rng, in, out) -> {
            double[] f = RbfGrf1d.interpolate(field.sampleNodes(rng), fineX);
            double[] u = solver.solve(new double[fineGrid], (x, t) -> f[(int) Math.round(x * (fineGrid - 1))], time);
            for (int j = 0; j < resolution; j++) {
                in[j] = f[j * stride];
                out[j] = u[j * stride];
            }
        };
    }
}
