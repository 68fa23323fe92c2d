package org.sciml4j.pinn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.sciml4j.domain.expr.BoundExpression;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/**
 * Continuity across the interfaces of an XPINN's regions (Jagtap &amp; Karniadakis 2020), for a network that is one
 * network per region of a split of one variable ({@link org.sciml4j.nn.Piecewise}): each of some expressions (a
 * field {@code "u"}, a flux {@code "k*u_x"}, an equation's residual) takes the same value on both sides of every cut
 * {@code variable = s}. The loss term is the sum over expressions of the mean square jump between the two sides, at
 * pairs of points: the other variables drawn (as collocation points are), the split variable at
 * {@code Math.nextDown(s)} (the region below, one rounding unit away) and at {@code s} (the region above). The
 * value condition {@code u_below = u_above} is Jagtap's average condition {@code u_below = (u_below + u_above) / 2}
 * up to a factor 2 on the residual.
 * <pre>{@code
 * InterfaceCondition.across("x", new double[] {0.5}, "u", "k*u_x").named("interface_flux")
 * }</pre>
 * Immutable.
 */
public final class InterfaceCondition implements Condition {
    private final String name;
    private final String variable;
    private final double[] cuts;
    private final List<Requirement> expressions;
    private final Sampler sampler;
    private final int points;

    private InterfaceCondition(String name, String variable, double[] cuts, List<Requirement> expressions,
            Sampler sampler, int points) {
        this.name = name;
        this.variable = variable;
        this.cuts = cuts.clone();
        this.expressions = List.copyOf(expressions);
        this.sampler = sampler;
        this.points = points;
    }

    /**
     * Each expression continuous across each cut of {@code variable}; named "interface", 100 pairs per cut drawn
     * uniformly (one for a problem of one variable).
     */
    public static InterfaceCondition across(String variable, double[] cuts, String... expressions) {
        if (expressions.length == 0 || cuts.length == 0) {
            throw new IllegalArgumentException("an interface condition needs a cut and an expression, e.g. \"u\"");
        }
        List<Requirement> reqs = new ArrayList<>();
        for (String e : expressions) {
            reqs.add(Requirement.parse(e));
        }
        return new InterfaceCondition("interface", Objects.requireNonNull(variable, "variable"), cuts, reqs,
                Sampler.uniform(), BoundaryCondition.DEFAULT_POINTS);
    }

    /** Each of these requirements' residual {@code lhs - rhs} continuous (the equations' residuals). */
    public static InterfaceCondition across(String variable, double[] cuts, List<Requirement> residuals) {
        if (residuals.isEmpty() || cuts.length == 0) {
            throw new IllegalArgumentException("an interface condition needs a cut and a requirement");
        }
        return new InterfaceCondition("interface", Objects.requireNonNull(variable, "variable"), cuts, residuals,
                Sampler.uniform(), BoundaryCondition.DEFAULT_POINTS);
    }

    /** A copy with another loss-term name. */
    public InterfaceCondition named(String newName) {
        return new InterfaceCondition(Objects.requireNonNull(newName, "name"), variable, cuts, expressions, sampler,
                points);
    }

    /** A copy with {@code n} pairs per cut drawn by {@code s} over the other variables. */
    public InterfaceCondition points(Sampler s, int n) {
        PointCondition.checkCount(name, n);
        return new InterfaceCondition(name, variable, cuts, expressions, Objects.requireNonNull(s, "sampler"), n);
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
        Problem.Range range = problem.variables().get(v);
        for (double c : cuts) {
            if (!(c > range.lo() && c < range.hi())) {
                throw new IllegalArgumentException("condition '" + name + "': the cut " + variable + " = " + c
                        + " is not inside its range [" + range.lo() + ", " + range.hi() + "]");
            }
        }
        int d = problem.variables().size();
        double[] free = d == 1 ? new double[1] : problem.domainPoints(sampler, points, seed).data();
        int n = free.length / d;
        int pairs = n * cuts.length;
        double[] out = new double[2 * pairs * d];
        for (int c = 0; c < cuts.length; c++) {
            for (int i = 0; i < n; i++) {
                int below = (c * n + i) * d;
                int above = (pairs + c * n + i) * d;
                System.arraycopy(free, i * d, out, below, d);
                System.arraycopy(free, i * d, out, above, d);
                out[below + v] = Math.nextDown(cuts[c]);
                out[above + v] = cuts[c];
            }
        }
        List<BoundExpression[]> sides = new ArrayList<>();
        List<Tensor> observed = new ArrayList<>();
        for (Requirement e : expressions) {
            sides.add(e.bind(problem.vocabulary()));
            observed.add(null);
        }
        return new Resolved(name, Tensor.wrap(out, 2 * pairs, d), sides, observed, Map.of(), pairs);
    }

    /** {@code interface: u, k*u_x continuous across x = [0.5]}. */
    @Override
    public String toString() {
        return name + ": " + String.join(", ", expressions.stream().map(InterfaceCondition::residualText).toList())
                + " continuous across " + variable + " = " + Arrays.toString(cuts);
    }

    /** {@code lhs}, or {@code lhs - (rhs)} when the right side is not 0. */
    private static String residualText(Requirement r) {
        String rhs = r.rhs().source().strip();
        return r.lhs().source().strip() + (rhs.equals("0") ? "" : " - (" + rhs + ")");
    }
}
