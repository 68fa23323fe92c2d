package org.sciml4j.pinn;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.sciml4j.domain.geometry.Geometry;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/**
 * The rules a {@link Problem} is checked by when it is built, one per concern; the only place they are written (the
 * problem-file reader calls the builder and places these complaints in the file).
 */
final class ProblemRules {
    private ProblemRules() {
    }

    /** At least one variable and one field; a domain gives all variables. */
    static void checkSymbols(List<Problem.Range> variables, List<String> fields, Geometry domain) {
        if (variables.isEmpty()) {
            throw new IllegalArgumentException("a problem needs at least one variable, e.g. variable(\"t\", 0, 10)");
        }
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a problem needs at least one field, e.g. fields(\"u\")");
        }
        if (domain != null && variables.size() != domain.dimension()) {
            throw new IllegalArgumentException("a problem with a domain takes its variables from it; declare time"
                    + " and other variables as part of the domain (e.g. SpaceTime.timeLast(space, 0, 1) with"
                    + " names x, y, t), not with variable(...)");
        }
    }

    /** An equation or a condition. */
    static void checkSomethingToTrainOn(int equations, int conditions) {
        if (equations == 0 && conditions == 0) {
            throw new IllegalArgumentException("nothing to train on: give equations, an energy or conditions (a problem needs"
                    + " at least one)");
        }
    }

    /**
     * Every loss term named once; every weight for a term.
     *
     * @param termNames the equations' names, then the conditions'
     */
    static void checkTermNames(List<Problem.Equation> eqs, List<Condition> conditions, List<String> termNames,
            Set<String> weighted) {
        Set<String> equationNames = new LinkedHashSet<>();
        eqs.forEach(e -> equationNames.add(e.name()));
        Set<String> terms = new LinkedHashSet<>();
        for (String t : termNames) {
            if (!terms.add(t)) {
                boolean takesAnEquationsName = equationNames.contains(t)
                        && conditions.stream().anyMatch(c -> c.name().equals(t));
                throw new IllegalArgumentException(takesAnEquationsName
                        ? "condition '" + t + "' has the name of an equation's loss term; name each equation and"
                                + " condition differently (equations: " + equationNames + ")"
                        : "two loss terms are called '" + t + "': name each condition and equation differently"
                                + " (Condition.named)");
            }
        }
        for (String t : weighted) {
            if (!terms.contains(t)) {
                throw new IllegalArgumentException("weight for unknown loss term '" + t + "'; the terms are " + terms);
            }
        }
    }

    /**
     * Explicit points of shape (N, {@code d}); a sampler or points when there are equations.
     *
     * @param points  the explicit collocation points, or null
     * @param sampler the collocation sampler, or null
     */
    static void checkCollocation(Tensor points, Sampler sampler, boolean hasEquations, int d) {
        if (points != null && (points.rank() != 2 || points.size(1) != d)) {
            throw new IllegalArgumentException("collocation points must have shape (N, " + d + "), one column per"
                    + " variable, got " + java.util.Arrays.toString(points.shape()));
        }
        if (hasEquations && points == null && sampler == null) {
            throw new IllegalArgumentException("equations need collocation points: give them with"
                    + " collocation(sampler, n) or collocation(points); in a problem file e.g. 'collocation:"
                    + " {points: 101, sampling: uniform}'");
        }
    }
}
