package org.sciml4j.pinn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.sciml4j.domain.expr.BoundExpression;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/**
 * The {@link Condition} that the solution is periodic in one variable: each of some expressions ({@code "u"},
 * {@code "u_x"}) takes the same value at both ends of the variable's range, at points drawn over the other
 * variables (DeepXDE's {@code PeriodicBC}). The loss term is the sum over expressions of the mean square difference
 * between the two ends:
 * <pre>{@code
 * Condition.periodic("x", "u", "u_x")    // u(-1, t) = u(1, t) and u_x(-1, t) = u_x(1, t)
 * }</pre>
 * The points of the other variables are drawn from the domain (as collocation points are) and moved to both ends.
 * Immutable.
 */
public final class PeriodicCondition implements Condition {

    private final String name;
    private final String variable;
    private final List<Requirement> expressions;
    private final Sampler sampler;
    private final int points;

    private PeriodicCondition(String name, String variable, List<Requirement> expressions, Sampler sampler,
            int points) {
        this.name = name;
        this.variable = variable;
        this.expressions = List.copyOf(expressions);
        this.sampler = sampler;
        this.points = points;
    }

    static PeriodicCondition of(String variable, List<Requirement> expressions) {
        return new PeriodicCondition("periodic", Objects.requireNonNull(variable, "variable"), expressions,
                Sampler.uniform(), BoundaryCondition.DEFAULT_POINTS);
    }

    /** A copy with another loss-term name. */
    public PeriodicCondition named(String newName) {
        return new PeriodicCondition(Objects.requireNonNull(newName, "name"), variable, expressions, sampler, points);
    }

    /** A copy with {@code n} pairs of points, drawn by {@code s} (default {@value BoundaryCondition#DEFAULT_POINTS}, uniform). */
    public PeriodicCondition points(Sampler s, int n) {
        PointCondition.checkCount(name, n);
        return new PeriodicCondition(name, variable, expressions, Objects.requireNonNull(s, "sampler"), n);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Resolved resolve(Problem problem, long seed) {
        int v = problem.variableIndex(variable);
        if (v < 0) {
            throw new IllegalArgumentException("condition '" + name + "': '" + variable + "' is not a variable"
                    + " (variables: " + problem.variableNames() + ")");
        }
        int d = problem.variables().size();
        Problem.Range r = problem.variables().get(v);
        double[] free = d == 1 ? new double[1] : otherVariables(problem, v, seed);
        int n = free.length / d;
        double[] out = new double[2 * n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(free, i * d, out, i * d, d);
            System.arraycopy(free, i * d, out, (n + i) * d, d);
            out[i * d + v] = r.lo();
            out[(n + i) * d + v] = r.hi();
        }
        List<BoundExpression[]> sides = new ArrayList<>();
        List<Tensor> observed = new ArrayList<>();
        for (Requirement e : expressions) {
            sides.add(e.bind(problem.vocabulary()));
            observed.add(null);
        }
        return new Resolved(name, Tensor.wrap(out, 2 * n, d), sides, observed, Map.of(), n);
    }

    /**
     * Points (n, d) whose other variables are drawn: from the domain's points when it has a shape, else by the
     * sampler over the other variables' box (so that a uniform grid counts only them); column {@code v} is left for
     * the ends.
     */
    private double[] otherVariables(Problem problem, int v, long seed) {
        if (problem.domain().isPresent()) {
            return problem.domainPoints(sampler, points, seed).data();
        }
        int d = problem.variables().size();
        double[] lo = new double[d - 1];
        double[] hi = new double[d - 1];
        for (int j = 0, k = 0; j < d; j++) {
            if (j != v) {
                lo[k] = problem.variables().get(j).lo();
                hi[k++] = problem.variables().get(j).hi();
            }
        }
        double[] others = sampler.box(points, lo, hi, seed).data();
        int n = others.length / (d - 1);
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0, k = 0; j < d; j++) {
                if (j != v) {
                    out[i * d + j] = others[i * (d - 1) + k++];
                }
            }
        }
        return out;
    }

    /** {@code periodic: u, u_x periodic in x}. */
    @Override
    public String toString() {
        return name + ": " + String.join(", ", expressions.stream().map(e -> e.lhs().source().strip()).toList())
                + " periodic in " + variable;
    }
}
