package org.sciml4j.pinn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.sciml4j.domain.expr.BoundExpression;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/**
 * A jump across a line (a plane, ...) {@code variable = value} inside the domain, on a segment of it: each
 * requirement {@code "lhs = rhs"} says that lhs on the side {@code variable >= value} minus lhs on the side below
 * equals rhs, e.g. the slip of a fault, {@code "w = s"} (the displacement jumps by s) and {@code "w_x = 0"}
 * (the traction {@code mu w_x} is continuous). The pairs of points have the other variables drawn over their
 * ranges, or over the sub-ranges given by {@link #along}, and the jump variable at {@code value} (the side above)
 * and at {@code Math.nextDown(value)} (the side below, one rounding unit away). The right side may use the variables
 * and parameters but no field; it is evaluated on the side above. Loss: the sum over requirements of the mean
 * square of {@code lhs(above) - lhs(below) - rhs}.
 * <pre>{@code
 * Condition.jump("x", 0, "w = s", "w_x = 0").along("y", -1, 0).named("fault")
 * }</pre>
 * Immutable.
 */
public final class JumpCondition implements Condition {
    private final String name;
    private final String variable;
    private final double value;
    private final List<Requirement> requirements;
    private final Map<String, double[]> along;
    private final Sampler sampler;
    private final int points;

    private JumpCondition(String name, String variable, double value, List<Requirement> requirements,
            Map<String, double[]> along, Sampler sampler, int points) {
        this.name = name;
        this.variable = variable;
        this.value = value;
        this.requirements = List.copyOf(requirements);
        this.along = Map.copyOf(along);
        this.sampler = sampler;
        this.points = points;
    }

    /**
     * Each requirement {@code "lhs = rhs"}: lhs jumps by rhs across {@code variable = value}; named "jump", 100
     * pairs drawn uniformly over the other variables' ranges.
     *
     * @throws IllegalArgumentException without requirements
     */
    public static JumpCondition across(String variable, double value, String... requirements) {
        if (requirements.length == 0) {
            throw new IllegalArgumentException("a jump condition needs a requirement, e.g. \"w = s\"");
        }
        List<Requirement> reqs = new ArrayList<>();
        for (String r : requirements) {
            reqs.add(Requirement.parse(r));
        }
        return new JumpCondition("jump", Objects.requireNonNull(variable, "variable"), value, reqs, Map.of(),
                Sampler.uniform(), BoundaryCondition.DEFAULT_POINTS);
    }

    /**
     * A copy whose pairs have {@code other} drawn in {@code [lo, hi]} only (the segment of the fault).
     *
     * @throws IllegalArgumentException unless lo < hi
     */
    public JumpCondition along(String other, double lo, double hi) {
        if (!(lo < hi)) {
            throw new IllegalArgumentException("condition '" + name + "': the segment along " + other + " needs lo"
                    + " < hi, got [" + lo + ", " + hi + "]");
        }
        Map<String, double[]> m = new LinkedHashMap<>(along);
        m.put(Objects.requireNonNull(other, "variable"), new double[] {lo, hi});
        return new JumpCondition(name, variable, value, requirements, m, sampler, points);
    }

    /** A copy with another loss-term name. */
    public JumpCondition named(String newName) {
        return new JumpCondition(Objects.requireNonNull(newName, "name"), variable, value, requirements, along,
                sampler, points);
    }

    /** A copy with {@code n} pairs drawn by {@code s} over the other variables. */
    public JumpCondition points(Sampler s, int n) {
        PointCondition.checkCount(name, n);
        return new JumpCondition(name, variable, value, requirements, along, Objects.requireNonNull(s, "sampler"), n);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Resolved resolve(Problem problem, long seed) {
        int v = index(problem, variable);
        problem.variables().get(v).requireContains("condition '" + name + "'", value);
        int d = problem.variables().size();
        double[] lo = new double[Math.max(d - 1, 1)];
        double[] hi = new double[lo.length];
        for (int j = 0, k = 0; j < d; j++) {
            if (j != v) {
                Problem.Range r = problem.variables().get(j);
                double[] seg = along.getOrDefault(r.name(), new double[] {r.lo(), r.hi()});
                lo[k] = seg[0];
                hi[k++] = seg[1];
            }
        }
        for (String other : along.keySet()) {
            if (index(problem, other) == v) {
                throw new IllegalArgumentException("condition '" + name + "': the segment runs along the other"
                        + " variables, not along " + other + ", the one that jumps");
            }
        }
        double[] others = d == 1 ? new double[1] : sampler.box(points, lo, hi, seed).data();
        int n = others.length / lo.length;
        double[] out = new double[2 * n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0, k = 0; j < d; j++) {
                double x = j == v ? value : others[i * lo.length + k++];
                out[i * d + j] = x;
                out[(n + i) * d + j] = j == v ? Math.nextDown(value) : x;
            }
        }
        List<BoundExpression[]> sides = new ArrayList<>();
        List<Tensor> observed = new ArrayList<>();
        for (Requirement r : requirements) {
            BoundExpression[] s = r.bind(problem.vocabulary());
            if (!s[1].derivatives().isEmpty()) {
                throw new IllegalArgumentException("condition '" + name + "': the jump '" + r.rhs().source().strip()
                        + "' may use variables and parameters but no field");
            }
            sides.add(s);
            observed.add(null);
        }
        return new Resolved(name, Tensor.wrap(out, 2 * n, d), sides, observed, Map.of(), n, true);
    }

    private int index(Problem problem, String name) {
        int v = problem.variableIndex(name);
        if (v < 0) {
            throw new IllegalArgumentException("condition '" + this.name + "': '" + name + "' is not a variable"
                    + " (variables: " + problem.variableNames() + ")");
        }
        return v;
    }

    /** {@code fault: w = s, w_x = 0 jump across x = 0}. */
    @Override
    public String toString() {
        return name + ": " + String.join(", ", requirements.stream().map(Requirement::toString).toList())
                + " jump across " + variable + " = " + value + (along.isEmpty() ? "" : " along " + along.keySet());
    }
}
