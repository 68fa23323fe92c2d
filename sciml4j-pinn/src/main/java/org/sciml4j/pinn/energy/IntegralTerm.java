package org.sciml4j.pinn.energy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sciml4j.domain.expr.BoundExpression;
import org.sciml4j.domain.expr.Derivative;
import org.sciml4j.domain.expr.Evaluation;
import org.sciml4j.domain.expr.Expression;
import org.sciml4j.domain.expr.Vocabulary;
import org.sciml4j.domain.geometry.Box;
import org.sciml4j.domain.geometry.Geometry;
import org.sciml4j.domain.geometry.Interval;
import org.sciml4j.domain.geometry.Rectangle;
import org.sciml4j.domain.quadrature.Quadrature;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.pinn.Condition;
import org.sciml4j.pinn.Problem;
import org.sciml4j.tensor.Tensor;

/**
 * One integral of an {@link EnergyForm} made concrete for a problem: its quadrature nodes, weights and the bound
 * integrand. Its loss is {@code sum_i w_i * integrand(x_i)}, linear in the integrand (not a mean square), so it may be
 * negative.
 *
 * @param name     the loss term's name
 * @param resolved the integrand as a requirement {@code integrand = 0} at the nodes (N, variables), with the normals
 *                 as auxiliary values on a boundary
 * @param weights  the quadrature weights, shape (N, 1)
 * @param note     a remark on the weights (an estimated volume), or ""
 */
public record IntegralTerm(String name, Condition.Resolved resolved, Tensor weights, String note) {

    /** The nodes, shape (N, variables). */
    public Tensor points() {
        return resolved.points();
    }

    /** The field values and derivatives the integrand uses. */
    public Set<Derivative> derivatives() {
        return resolved.derivatives();
    }

    /**
     * The quadrature of the integrand: {@code sum_i w_i f(x_i)}, a scalar tensor recorded for differentiation.
     *
     * @param at the fields and derivatives at {@link #points()}
     */
    public Tensor loss(Evaluation at) {
        Tensor f = resolved.residual(0, at);
        if (f.rank() == 0) {
            // an integrand without fields is a constant: its integral is the constant times the measure
            return f.mul(weights.sum());
        }
        return f.mul(weights).sum();
    }

    /**
     * The energy's integrals for {@code problem}: the domain integral, and the boundary integral if the form has one.
     *
     * @param seed seeds the nodes of random rules
     * @throws IllegalArgumentException if the rule does not apply to the domain, or a space-time domain gets a
     *                                  boundary integral
     * @throws org.sciml4j.domain.expr.ExpressionException if an integrand does not bind
     */
    public static List<IntegralTerm> resolve(EnergyForm form, Problem problem, long seed) {
        Geometry domain = domainOf(problem);
        List<IntegralTerm> terms = new ArrayList<>();
        Quadrature q = form.rule().on(domain, seed);
        terms.add(new IntegralTerm(EnergyForm.INTERIOR, requirement(EnergyForm.INTERIOR, q.points(),
                form.integrand(), problem.vocabulary(), Map.of()), q.weightColumn(), q.note()));
        if (form.boundaryIntegrand() != null) {
            int n = form.boundaryPoints();
            Tensor at = domain.boundary(n, Sampler.uniform(), seed);
            Vocabulary vocabulary = problem.boundaryVocabulary();
            Map<String, Tensor> normals = new LinkedHashMap<>();
            Tensor normal = domain.normals(at);
            for (String v : vocabulary.space()) {
                normals.put(Vocabulary.NORMAL_PREFIX + v, normal.col(problem.variableIndex(v)).detach());
            }
            Tensor w = Tensor.full(domain.boundaryMeasure() / n, n, 1);
            terms.add(new IntegralTerm(EnergyForm.BOUNDARY, requirement(EnergyForm.BOUNDARY, at,
                    form.boundaryIntegrand(), vocabulary, normals), w, ""));
        }
        return terms;
    }

    /** The problem's domain, or the box of its variables' ranges. */
    public static Geometry domainOf(Problem problem) {
        if (problem.domain().isPresent()) {
            return problem.domain().get();
        }
        return box(problem.lower(), problem.upper());
    }

    /** The box [lo, hi] as an interval, rectangle or box by its dimension. */
    public static Geometry box(double[] lo, double[] hi) {
        return switch (lo.length) {
            case 1 -> new Interval(lo[0], hi[0]);
            case 2 -> new Rectangle(lo, hi);
            default -> new Box(lo, hi);
        };
    }

    private static Condition.Resolved requirement(String name, Tensor points, Expression integrand,
            Vocabulary vocabulary, Map<String, Tensor> auxiliary) {
        BoundExpression f = integrand.bind(vocabulary);
        BoundExpression zero = Expression.parse("0").bind(vocabulary);
        List<Tensor> observed = new ArrayList<>();
        observed.add(null);
        return new Condition.Resolved(name, points, List.<BoundExpression[]>of(new BoundExpression[] {f, zero}),
                observed, auxiliary, 0);
    }
}
