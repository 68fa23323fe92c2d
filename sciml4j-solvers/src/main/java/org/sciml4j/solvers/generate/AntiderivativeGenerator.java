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
 * <p>
 * With {@code queries: Q > 0} each sample also gets Q query points drawn uniformly on [0, 1] (after the field, from
 * the sample's own generator) and u there: {@code points} (N, Q) and {@code values} (N, Q), the (function, point,
 * value) triples the DeepONet repository trains on (its antiderivative demo: one random point per function).
 */
final class AntiderivativeGenerator implements Generator {
    static final Set<String> KEYS = Set.of("sensors", "queries", "input");
    static final Fields.Rbf DEFAULT_INPUT = new Fields.Rbf(1, 0.2, 1000, 1e-13);

    private final int sensors;
    private final int queries;
    private final Fields.Rbf input;
    private final RbfGrf1d field;

    AntiderivativeGenerator(int sensors, int queries, Fields.Rbf input) {
        this.sensors = sensors;
        this.queries = queries;
        this.input = input;
        this.field = input.field();
    }

    static AntiderivativeGenerator read(SpecReader spec) {
        int sensors = spec.positiveInt("sensors", 100);
        if (sensors < 2) {
            throw spec.error("sensors", "'sensors' must be >= 2, got " + sensors);
        }
        long queries = spec.integer("queries", 0);
        if (queries < 0 || queries > 1_000_000) {
            throw spec.error("queries", "'queries' (random query points per function) must be in [0, 1000000], got "
                    + queries);
        }
        return new AntiderivativeGenerator(sensors, (int) queries, Fields.rbf(spec, "input", DEFAULT_INPUT));
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
        return new int[] {sensors + 2 * queries};
    }

    @Override
    public Map<String, int[]> outputArrays() {
        if (queries == 0) {
            return Map.of("outputs", new int[] {sensors});
        }
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("outputs", new int[] {sensors});
        m.put("points", new int[] {queries});
        m.put("values", new int[] {queries});
        return m;
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
        m.put("queries", queries);
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
            if (queries > 0) {
                double[] points = new double[queries];
                for (int q = 0; q < queries; q++) {
                    points[q] = rng.uniform();
                }
                System.arraycopy(points, 0, out, sensors, queries);
                System.arraycopy(Antiderivative.of(nodes, points), 0, out, sensors + queries, queries);
            }
        };
    }
}
