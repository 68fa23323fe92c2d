package org.sciml4j.pinn.energy;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.sciml4j.domain.expr.Expression;
import org.sciml4j.domain.quadrature.QuadratureRule;

/**
 * An energy functional to minimise (the Deep Ritz method, E &amp; Yu 2018; the variational-energy PINN): the integral
 * over the domain of an energy density given as text, for Poisson
 * {@code E(u) = integral of 0.5*(u_x^2 + u_y^2) - f*u}, whose minimiser over functions with the essential boundary
 * values solves {@code -lap u = f} with the natural condition {@code u_n = 0} wherever no essential value is imposed;
 * optionally plus a boundary integral ({@code - integral over the boundary of g*u}: the Neumann data {@code u_n = g}
 * enter this way). The integrals are quadratures ({@link QuadratureRule}): Gauss-Legendre on boxes and disks, or
 * Monte Carlo and quasi-Monte Carlo points drawn anew every {@link #resampleEvery} epochs. Essential conditions come
 * from an output transform (exact) or from conditions as penalty terms beside the energy.
 * <p>
 * Each integral is one loss term: {@value #INTERIOR} and, with a boundary integrand, {@value #BOUNDARY}. The energy
 * is not a sum of squares: its terms may be negative and least-squares phases (Levenberg-Marquardt, natural
 * gradient) do not apply; use Adam then L-BFGS or a self-scaled quasi-Newton phase.
 */
public final class EnergyForm {
    /** The loss term of the domain integral. */
    public static final String INTERIOR = "energy";
    /** The loss term of the boundary integral. */
    public static final String BOUNDARY = "energy_boundary";

    private final Expression integrand;
    private final QuadratureRule rule;
    private final Expression boundaryIntegrand;
    private final int boundaryPoints;
    private final int resampleEvery;

    private EnergyForm(Expression integrand, QuadratureRule rule, Expression boundaryIntegrand,
            int boundaryPoints, int resampleEvery) {
        this.integrand = Objects.requireNonNull(integrand, "integrand");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.boundaryIntegrand = boundaryIntegrand;
        this.boundaryPoints = boundaryPoints;
        if (boundaryIntegrand != null && boundaryPoints < 1) {
            throw new IllegalArgumentException("energy: the boundary integral needs at least 1 point, got "
                    + boundaryPoints);
        }
        if (resampleEvery < 0) {
            throw new IllegalArgumentException("energy: resample_every must be >= 0, got " + resampleEvery);
        }
        this.resampleEvery = resampleEvery;
    }

    /**
     * The energy {@code integral of integrand} by {@code rule}; points of a random rule are drawn anew every epoch.
     *
     * @param integrand an expression of the variables, fields and their derivatives, parameters
     */
    public static EnergyForm of(Expression integrand, QuadratureRule rule) {
        return new EnergyForm(integrand, rule, null, 0, rule.random() ? 1 : 0);
    }

    /** {@link #of(Expression, QuadratureRule)} from text. */
    public static EnergyForm of(String integrand, QuadratureRule rule) {
        return of(Expression.parse(integrand), rule);
    }

    /**
     * This energy plus a boundary integral of {@code integrand} (which may use the outward normal {@code normal_x}
     * and normal derivatives {@code u_n}) over the domain's boundary, by {@code points} points spread by arc length
     * (area) with the uniform sampler, each of weight boundary measure / points: on a closed smooth curve the
     * trapezoid rule, which converges faster than any power for a smooth periodic integrand.
     */
    public EnergyForm boundary(Expression boundaryIntegrand, int points) {
        return new EnergyForm(integrand, rule, Objects.requireNonNull(boundaryIntegrand, "boundaryIntegrand"),
                points, resampleEvery);
    }

    /** {@link #boundary(Expression, int)} from text. */
    public EnergyForm boundary(String boundaryIntegrand, int points) {
        return boundary(Expression.parse(boundaryIntegrand), points);
    }

    /** Draws the points of random rules anew every {@code epochs} first-order epochs (0: never). */
    public EnergyForm resampleEvery(int epochs) {
        return new EnergyForm(integrand, rule, boundaryIntegrand, boundaryPoints, epochs);
    }

    /** The energy density. */
    public Expression integrand() {
        return integrand;
    }

    /** The rule of the domain integral. */
    public QuadratureRule rule() {
        return rule;
    }

    /** The boundary integrand, or null. */
    public Expression boundaryIntegrand() {
        return boundaryIntegrand;
    }

    /** The number of points of the boundary integral (0 without one). */
    public int boundaryPoints() {
        return boundaryPoints;
    }

    /** Epochs between draws of new points for random rules (0: never). */
    public int resampleEvery() {
        return resampleEvery;
    }

    /** The names of its loss terms: {@value #INTERIOR}, then {@value #BOUNDARY} with a boundary integrand. */
    public List<String> termNames() {
        List<String> names = new ArrayList<>(List.of(INTERIOR));
        if (boundaryIntegrand != null) {
            names.add(BOUNDARY);
        }
        return names;
    }

    @Override
    public String toString() {
        return "energy " + integrand + " by " + rule + (boundaryIntegrand != null ? " + boundary " + boundaryIntegrand
                : "");
    }
}
