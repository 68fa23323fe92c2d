package org.sciml4j.pinn.marching;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.sciml4j.domain.geometry.Geometry;
import org.sciml4j.domain.geometry.SpaceTime;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.nn.Variable;
import org.sciml4j.pinn.Condition;
import org.sciml4j.pinn.Problem;
import org.sciml4j.pinn.Requirement;
import org.sciml4j.tensor.Tensor;

/**
 * A copy of a {@link Problem} with some things changed: one variable's range (a time window), a known parameter's
 * value (a curriculum stage), conditions replaced by name. Everything else is carried over as given: equations and
 * output transforms are bound afresh (so a changed parameter reaches them), conditions resolve against the copy (so
 * the variables they leave free are sampled over the new range), the same number of collocation points is drawn by
 * the same sampler in the new range, explicit collocation points are mapped affinely into it.
 * <pre>{@code
 * Problem window = ProblemCopy.of(problem).range("t", 0.1, 0.2).condition(initial).build();
 * }</pre>
 */
public final class ProblemCopy {
    private final Problem source;
    private final Map<String, double[]> ranges = new LinkedHashMap<>();
    private final Map<String, Double> parameters = new LinkedHashMap<>();
    private final Map<String, Condition> replaced = new LinkedHashMap<>();
    private boolean transforms = true;

    private ProblemCopy(Problem source) {
        this.source = source;
    }

    /** A copy of {@code problem} to change. */
    public static ProblemCopy of(Problem problem) {
        return new ProblemCopy(problem);
    }

    /**
     * The range of variable {@code name} becomes [lo, hi]. With a domain, only a {@link SpaceTime}'s time may change.
     *
     * @throws IllegalArgumentException for an unknown variable
     */
    public ProblemCopy range(String name, double lo, double hi) {
        if (!source.variableNames().contains(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a variable " + source.variableNames());
        }
        ranges.put(name, new double[] {lo, hi});
        return this;
    }

    /**
     * Known parameter {@code name} takes {@code value}.
     *
     * @throws IllegalArgumentException for a name that is not a known parameter
     */
    public ProblemCopy parameter(String name, double value) {
        if (!source.knownParameters().containsKey(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a known parameter "
                    + source.knownParameters().keySet());
        }
        parameters.put(name, value);
        return this;
    }

    /** The condition of {@code condition}'s name is replaced by it. */
    public ProblemCopy condition(Condition condition) {
        boolean known = source.conditions().stream().anyMatch(c -> c.name().equals(condition.name()));
        if (!known) {
            throw new IllegalArgumentException("the problem has no condition '" + condition.name() + "'");
        }
        replaced.put(condition.name(), condition);
        return this;
    }

    /** The copy leaves the output transforms out: its outputs are the network's (a network that applies them). */
    public ProblemCopy withoutTransforms() {
        transforms = false;
        return this;
    }

    /**
     * The changed copy.
     *
     * @throws IllegalArgumentException if the changes do not fit (a range of a domain's space variable, ...)
     */
    public Problem build() {
        Problem.Builder b = Problem.builder();
        domainOrVariables(b);
        b.fields(source.fields().toArray(new String[0]));
        source.knownParameters().forEach((k, v) -> b.parameter(k, parameters.getOrDefault(k, v)));
        for (Variable v : source.unknowns()) {
            b.unknown(v); // the same objects: trained on across copies
        }
        for (Problem.Equation e : source.equations()) {
            b.equation(e.name(), new Requirement(e.expression().expression(), e.rhs().expression()));
        }
        for (Condition c : source.conditions()) {
            b.condition(replaced.getOrDefault(c.name(), c));
        }
        if (transforms) {
            source.transforms().forEach((field, t) -> b.transform(field, t.expression()));
        }
        for (String term : source.termNames()) {
            b.weight(term, source.weight(term));
        }
        collocation(b);
        return b.build();
    }

    private void domainOrVariables(Problem.Builder b) {
        Optional<Geometry> domain = source.domain();
        List<String> names = source.variableNames();
        if (domain.isEmpty()) {
            for (Problem.Range r : source.variables()) {
                double[] lh = ranges.getOrDefault(r.name(), new double[] {r.lo(), r.hi()});
                b.variable(r.name(), lh[0], lh[1]);
            }
            return;
        }
        Geometry g = domain.get();
        for (String changed : ranges.keySet()) {
            if (!(g instanceof SpaceTime st) || names.indexOf(changed) != st.timeColumn()) {
                throw new IllegalArgumentException("only the time of a space-time domain can take a new range, not '"
                        + changed + "'");
            }
        }
        if (g instanceof SpaceTime st && ranges.containsKey(names.get(st.timeColumn()))) {
            double[] lh = ranges.get(names.get(st.timeColumn()));
            g = st.timeColumn() == 0 ? SpaceTime.timeFirst(st.space(), lh[0], lh[1])
                    : SpaceTime.timeLast(st.space(), lh[0], lh[1]);
        }
        b.domain(g, names.toArray(new String[0]));
    }

    /** The same sampler and count, or the explicit points mapped affinely into the changed ranges. */
    private void collocation(Problem.Builder b) {
        if (source.equations().isEmpty()) {
            return;
        }
        Tensor points = source.collocationPoints(0);
        Optional<Sampler> sampler = source.collocationSampler();
        if (sampler.isPresent()) {
            b.collocation(sampler.get(), points.size(0));
            return;
        }
        double[] p = points.toArray();
        int d = source.variables().size();
        for (int v = 0; v < d; v++) {
            Problem.Range r = source.variables().get(v);
            double[] lh = ranges.get(r.name());
            if (lh == null) {
                continue;
            }
            for (int i = v; i < p.length; i += d) {
                p[i] = lh[0] + (p[i] - r.lo()) * (lh[1] - lh[0]) / (r.hi() - r.lo());
            }
        }
        b.collocation(Tensor.of(p, points.size(0), d));
    }
}
