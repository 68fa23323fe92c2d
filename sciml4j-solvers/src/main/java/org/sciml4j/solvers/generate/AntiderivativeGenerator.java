package org.sciml4j.solvers.generate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.sciml4j.solvers.grf.RbfGrf1d;
import org.sciml4j.solvers.pde.Antiderivative;

/**
 * DeepONet's antiderivative operator: v ~ RBF GRF on [0, 1] (length scale 0.2), u(x) = int_0^x v, both at
 * {@code sensors} points {@code x_j = j / (m - 1)}. u is exact for the piecewise-linear v through the field's nodes
 * ({@link Antiderivative}). inputs (N, m) = v, outputs (N, m) = u.
 */
final class AntiderivativeGenerator implements Generator {
    static final Set<String> KEYS = Set.of("sensors", "input");
    static final Fields.Rbf DEFAULT_INPUT = new Fields.Rbf(1, 0.2, 1000, 1e-13);

    private final int sensors;
    private final Fields.Rbf input;
    private final RbfGrf1d field;

    AntiderivativeGenerator(int sensors, Fields.Rbf input) {
        this.sensors = sensors;
        this.input = input;
        this.field = input.field();
    }

    static AntiderivativeGenerator read(SpecReader spec) {
        int sensors = spec.positiveInt("sensors", 100);
        if (sensors < 2) {
            throw spec.error("sensors", "'sensors' must be >= 2, got " + sensors);
        }
        return new AntiderivativeGenerator(sensors, Fields.rbf(spec, "input", DEFAULT_INPUT));
    }

    @Override
    public String name() {
        return "antiderivative";
    }

    @Override
    public int[] inputShape() {
        return new int[] {sensors};
    }

    @Override
    public int[] outputShape() {
        return new int[] {sensors};
    }

    @Override
    public Map<String, double[]> coordinates() {
        return Map.of("x", Fields.closedGrid(sensors));
    }

    @Override
    public Map<String, Object> settings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("equation", "u(x) = int_0^x v(t) dt on [0, 1]");
        m.put("method", "exact integral of the piecewise-linear interpolant of v's nodes");
        m.put("sensors", sensors);
        m.put("input", input.settings());
        return m;
    }

    @Override
    public Sampler newSampler() {
        double[] x = Fields.closedGrid(sensors);
        return (rng, in, out) -> {
            double[] nodes = field.sampleNodes(rng);
            System.arraycopy(RbfGrf1d.interpolate(nodes, x), 0, in, 0, sensors);
            System.arraycopy(Antiderivative.of(nodes, x), 0, out, 0, sensors);
        };
    }
}
