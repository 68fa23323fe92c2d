package org.sciml4j.pinn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import java.util.Optional;

import org.sciml4j.nn.Module;
import org.sciml4j.nn.Variable;
import org.sciml4j.domain.expr.BoundExpression;
import org.sciml4j.domain.expr.Derivative;
import org.sciml4j.domain.expr.Evaluation;
import org.sciml4j.domain.expr.Expression;
import org.sciml4j.domain.expr.Vocabulary;
import org.sciml4j.domain.geometry.Geometry;
import org.sciml4j.domain.geometry.SpaceTime;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.pinn.energy.EnergyForm;
import org.sciml4j.pinn.energy.IntegralTerm;
import org.sciml4j.tensor.Tensor;

/**
 * A physics-informed problem: fields (the network's outputs) over a box of variables (its inputs), equations their
 * derivatives must satisfy at collocation points, {@link Condition}s (initial values, point constraints, observed
 * data), known parameters and unknown ones ({@link Variable}s trained with the network), and a weight per loss term.
 * <p>
 * The variables are the network inputs in declaration order. An ODE has one (time); a surrogate model adds a
 * parameter as a second variable over its range, so that {@code u(c, t)} is learned for every {@code c} at once:
 * <pre>{@code
 * Problem oscillator = Problem.builder()
 *         .variable("t", 0, 10)
 *         .fields("u")
 *         .parameter("m", 1).parameter("k", 1)
 *         .unknown(Variable.positive("c", 1.0))          // inverse problem: c is trained
 *         .equation("m*u_tt + c*u_t + k*u")
 *         .condition(Condition.at("t", 0, "u = 1", "u_t = 0").named("initial"))
 *         .condition(Condition.data(Path.of("data_exact.txt"), "t", "u"))
 *         .collocation(Sampler.uniform(), 101)
 *         .build();
 * }</pre>
 * Immutable once built; {@link Trainer} trains a network on it.
 */
public final class Problem {

    /**
     * An independent variable (a network input) and its range.
     *
     * @param name its name in equations
     * @param lo   lower end
     * @param hi   upper end, above {@code lo}
     */
    public record Range(String name, double lo, double hi) {
        /** Checks the range. */
        public Range {
            if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
                throw new IllegalArgumentException("the range of variable '" + name + "' must be finite with lo < hi,"
                        + " got [" + lo + ", " + hi + "]");
            }
        }

        /**
         * {@code x}, checked to lie in the range.
         *
         * @param fixedBy who fixes the variable at {@code x}, for the message, e.g. {@code "condition 'initial'"}
         * @throws IllegalArgumentException naming it, the variable, the value and the range
         */
        public double requireContains(String fixedBy, double x) {
            if (!(x >= lo && x <= hi)) {
                throw new IllegalArgumentException(fixedBy + ": " + name + " = " + x + " is outside its range [" + lo
                        + ", " + hi + "]");
            }
            return x;
        }
    }

    /**
     * An equation that must hold at the collocation points: {@code expression = rhs} ({@code rhs} is 0 for an
     * equation written as one expression, such as {@code "m*u_tt + c*u_t + k*u"}).
     *
     * @param name       the name of its loss term
     * @param expression the left side
     * @param rhs        the right side
     */
    public record Equation(String name, BoundExpression expression, BoundExpression rhs) {

        /**
         * This equation as a condition at {@code points} (the collocation points, shape (N, variables)): equations
         * and conditions are one kind of loss term, evaluated and differentiated on one path.
         */
        public Condition.Resolved atPoints(Tensor points) {
            return new Condition.Resolved(name, points, List.<BoundExpression[]>of(
                    new BoundExpression[] {expression, rhs}), java.util.Collections.singletonList(null));
        }

        /** Every field value and derivative either side uses. */
        public Set<Derivative> derivatives() {
            Set<Derivative> all = new TreeSet<>(expression.derivatives());
            all.addAll(rhs.derivatives());
            return all;
        }

        /** {@code "lhs = rhs"}. */
        @Override
        public String toString() {
            return expression.toString().strip() + " = " + rhs.toString().strip();
        }
    }

    private final List<Range> variables;
    private final List<String> fields;
    private final Map<String, Double> known;
    private final List<Variable> unknowns;
    private final Vocabulary vocabulary;
    private final List<Equation> equations;
    private final List<Condition> conditions;
    private final Sampler collocationSampler;
    private final int collocationPoints;
    private final Tensor collocation;
    private final Map<String, Double> weights;
    private final List<String> termNames;
    private final Geometry domain;
    private final Vocabulary boundaryVocabulary;
    private final Map<String, BoundExpression> transforms;
    private final EnergyForm energy;

    private Problem(Builder b) {
        ProblemRules.checkSymbols(b.variables, b.fields, b.domain);
        domain = b.domain;
        variables = List.copyOf(b.variables);
        fields = List.copyOf(b.fields);
        known = Collections.unmodifiableMap(new LinkedHashMap<>(b.known));
        unknowns = List.copyOf(b.unknowns);
        vocabulary = vocabulary(b);
        boundaryVocabulary = vocabulary.withNormals();
        transforms = Collections.unmodifiableMap(transforms(b, vocabulary));
        energy = b.energy;
        ProblemRules.checkSomethingToTrainOn(b.equations.size() + (energy != null ? 1 : 0), b.conditions.size());
        equations = equations(b, vocabulary);
        conditions = List.copyOf(b.conditions);
        List<String> names = termNames(equations, conditions);
        if (energy != null) {
            names.addAll(energy.termNames()); // the energy's integrals are loss terms after the conditions
        }
        termNames = List.copyOf(names);
        ProblemRules.checkTermNames(equations, conditions, termNames, b.weights.keySet());
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(b.weights));
        collocation = b.collocation;
        collocationSampler = b.sampler;
        collocationPoints = b.points;
        ProblemRules.checkCollocation(collocation, collocationSampler, !equations.isEmpty(), variables.size());
        for (Condition c : conditions) {
            c.resolve(this, 0); // binds its requirements now, so that a bad condition fails before training
        }
        if (energy != null) {
            IntegralTerm.resolve(energy, this, 0); // likewise binds the integrands and checks the rule fits
        }
    }

    /** The symbols of equations and conditions: variables (the space ones marked), fields, parameters. */
    private static Vocabulary vocabulary(Builder b) {
        Vocabulary.Builder vb = Vocabulary.builder();
        b.variables.forEach(r -> vb.variables(r.name()));
        if (b.space != null) {
            vb.space(b.space.toArray(new String[0]));
        }
        vb.fields(b.fields.toArray(new String[0]));
        b.known.forEach(vb::knownParameter);
        b.unknowns.forEach(v -> vb.unknownParameter(v.name(), v.current()));
        return vb.build();
    }

    /** The output transforms bound: each of a field, using the network's outputs but not their derivatives. */
    private static Map<String, BoundExpression> transforms(Builder b, Vocabulary vocabulary) {
        Map<String, BoundExpression> tr = new LinkedHashMap<>();
        b.transforms.forEach((field, text) -> {
            if (!b.fields.contains(field)) {
                throw new IllegalArgumentException("output transform for '" + field + "', which is not a field "
                        + b.fields);
            }
            BoundExpression e = text.bind(vocabulary);
            for (Derivative d : e.derivatives()) {
                if (!d.isValue()) {
                    throw new IllegalArgumentException("the output transform of '" + field + "' may use the network's"
                            + " outputs but not their derivatives; '" + d + "' is one");
                }
            }
            tr.put(field, e);
        });
        return tr;
    }

    /** The equations bound, unnamed ones named "equation" (one) or "equation_1", "equation_2", ... */
    private static List<Equation> equations(Builder b, Vocabulary vocabulary) {
        List<Equation> eqs = new ArrayList<>();
        for (int i = 0; i < b.equations.size(); i++) {
            String name = b.equationNames.get(i);
            if (name == null) {
                name = b.equations.size() == 1 ? "equation" : "equation_" + (i + 1);
            }
            Requirement r = b.equations.get(i);
            eqs.add(new Equation(name, r.lhs().bind(vocabulary), r.rhs().bind(vocabulary)));
        }
        return List.copyOf(eqs);
    }

    private static List<String> termNames(List<Equation> eqs, List<Condition> conditions) {
        List<String> names = new ArrayList<>();
        eqs.forEach(e -> names.add(e.name()));
        conditions.forEach(c -> names.add(c.name()));
        return names;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The variables (network inputs) in order. */
    public List<Range> variables() {
        return variables;
    }

    /** Names of the variables, in order. */
    public List<String> variableNames() {
        return variables.stream().map(Range::name).toList();
    }

    /** Index of variable {@code name}, or -1. */
    public int variableIndex(String name) {
        return variableNames().indexOf(name);
    }

    /** The fields (network outputs) in order. */
    public List<String> fields() {
        return fields;
    }

    /** Known parameters by name, in declaration order. */
    public Map<String, Double> knownParameters() {
        return known;
    }

    /** The unknown parameters, trained with the network. */
    public List<Variable> unknowns() {
        return unknowns;
    }

    /** The symbols equations and requirements may use. */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /** The equations. */
    public List<Equation> equations() {
        return equations;
    }

    /** The conditions. */
    public List<Condition> conditions() {
        return conditions;
    }

    /** The energy to minimise (Deep Ritz), if any; its integrals are loss terms after the conditions. */
    public Optional<EnergyForm> energy() {
        return Optional.ofNullable(energy);
    }

    /** Loss-term names: each equation, then each condition, then the energy's integrals. */
    public List<String> termNames() {
        return termNames;
    }

    /** The weight of a loss term (1 unless set). */
    public double weight(String term) {
        return weights.getOrDefault(term, 1.0);
    }

    /**
     * The domain the variables range over, when one was given ({@link Builder#domain}); else the box of their
     * ranges is the domain.
     */
    public Optional<Geometry> domain() {
        return Optional.ofNullable(domain);
    }

    /** Whether each row of {@code points} (N, variables) lies in the domain. */
    public boolean[] inside(Tensor points) {
        if (domain != null) {
            return domain.inside(points);
        }
        int d = variables.size();
        double[] p = points.data();
        boolean[] in = new boolean[points.size(0)];
        for (int i = 0; i < in.length; i++) {
            in[i] = true;
            for (int v = 0; v < d; v++) {
                Range r = variables.get(v);
                in[i] &= p[i * d + v] >= r.lo() && p[i * d + v] <= r.hi();
            }
        }
        return in;
    }

    /** The rows of {@code points} (N, variables) that lie in the domain, in order: shape (K, variables), K <= N. */
    public Tensor keepInside(Tensor points) {
        boolean[] in = inside(points);
        int d = points.size(1);
        double[] p = points.data();
        double[] out = new double[p.length];
        int k = 0;
        for (int i = 0; i < in.length; i++) {
            if (in[i]) {
                System.arraycopy(p, i * d, out, k++ * d, d);
            }
        }
        return Tensor.wrap(java.util.Arrays.copyOf(out, k * d), k, d);
    }

    /**
     * The symbols of boundary conditions: the {@link #vocabulary()} plus the outward normal's components
     * {@code normal_x}, ... and the normal derivatives {@code u_n}.
     */
    public Vocabulary boundaryVocabulary() {
        return boundaryVocabulary;
    }

    /** The output transforms by field (hard constraints); a field without one is the network's output itself. */
    public Map<String, BoundExpression> transforms() {
        return transforms;
    }

    /**
     * The fields at {@code x}: the network's outputs, each transformed by its output transform if it has one. With
     * {@code x} recorded (an autodiff input), the result is differentiable with respect to it.
     *
     * @param x shape (N, variables)
     * @return shape (N, fields)
     */
    public Tensor output(Module network, Tensor x) {
        return transform(x, network.forward(x));
    }

    /**
     * The fields from the network's outputs {@code raw} at {@code x}: each output transformed by its output transform
     * if it has one. Differentiable with respect to both (a Taylor pass seeds {@code raw} with a fused jet's
     * derivatives and propagates through the transforms alone).
     *
     * @param x   shape (N, variables)
     * @param raw the network's outputs at x, shape (N, fields)
     * @return shape (N, fields)
     */
    public Tensor transform(Tensor x, Tensor raw) {
        if (transforms.isEmpty()) {
            return raw;
        }
        List<Tensor> xs = new ArrayList<>();
        for (int v = 0; v < variables.size(); v++) {
            xs.add(x.col(v));
        }
        Map<String, Tensor> outs = new LinkedHashMap<>();
        for (int f = 0; f < fields.size(); f++) {
            outs.put(fields.get(f), raw.col(f));
        }
        Evaluation at = Evaluation.of(xs, outs, Map.of());
        Tensor[] cols = new Tensor[fields.size()];
        for (int f = 0; f < cols.length; f++) {
            BoundExpression t = transforms.get(fields.get(f));
            cols[f] = t == null ? outs.get(fields.get(f)) : t.evaluate(at);
            if (cols[f].rank() == 0) {
                cols[f] = Tensor.full(cols[f].item(), x.size(0), 1);
            }
        }
        return Tensor.concat(1, cols);
    }

    /** Lower ends of the variables' ranges. */
    public double[] lower() {
        return variables.stream().mapToDouble(Range::lo).toArray();
    }

    /** Upper ends of the variables' ranges. */
    public double[] upper() {
        return variables.stream().mapToDouble(Range::hi).toArray();
    }

    /**
     * The collocation points for a seed: the explicit points if given, else the sampler's points in the box.
     *
     * @return shape (N, variables), or (0, variables) when the problem has no equation
     */
    public Tensor collocationPoints(long seed) {
        if (collocation != null) {
            return collocation;
        }
        if (collocationSampler == null) {
            return Tensor.zeros(0, variables.size());
        }
        return domainPoints(collocationSampler, collocationPoints, seed);
    }

    /** The sampler that draws the collocation points; empty with explicit points or without equations. */
    public Optional<Sampler> collocationSampler() {
        return Optional.ofNullable(collocation == null ? collocationSampler : null);
    }

    /**
     * {@code n} points of the problem's domain drawn by {@code sampler}: the {@link #domain()}'s interior points
     * ({@link Geometry#interior}), or the box of the variables' ranges.
     *
     * @return shape (n, variables)
     * @throws IllegalArgumentException if the sampler refuses the count (uniform in d dimensions: n = m^d)
     */
    public Tensor domainPoints(Sampler sampler, int n, long seed) {
        return domain != null ? domain.interior(n, sampler, seed) : sampler.box(n, lower(), upper(), seed);
    }

    /** Builds a {@link Problem}. */
    public static final class Builder {
        private final List<Range> variables = new ArrayList<>();
        private final List<String> fields = new ArrayList<>();
        private final Map<String, Double> known = new LinkedHashMap<>();
        private final List<Variable> unknowns = new ArrayList<>();
        private final List<Requirement> equations = new ArrayList<>();
        private final List<String> equationNames = new ArrayList<>();
        private final List<Condition> conditions = new ArrayList<>();
        private final Map<String, Double> weights = new LinkedHashMap<>();
        private Sampler sampler;
        private int points;
        private Tensor collocation;
        private Geometry domain;
        private List<String> space;
        private final Map<String, Expression> transforms = new LinkedHashMap<>();
        private EnergyForm energy;

        private Builder() {
        }

        /**
         * An energy to minimise beside (or instead of) equations: its integrals ({@link EnergyForm#termNames()}) are
         * loss terms after the conditions, weighted like them (see {@link EnergyForm}).
         */
        public Builder energy(EnergyForm form) {
            this.energy = Objects.requireNonNull(form, "form");
            return this;
        }

        /**
         * The domain, whose coordinates are the variables (network inputs) {@code names}, in order: a
         * {@link Geometry} such as {@code new Disk(new double[] {0, 0}, 1)} with names x, y, or a
         * {@link SpaceTime} with names x, t. Each variable ranges over the domain's bounding box; collocation
         * points are drawn inside the domain, {@link Condition#boundary boundary conditions} on its boundary. The
         * space variables ({@code lap}, {@code div}, normals) are all the names but a SpaceTime's time.
         *
         * @throws IllegalArgumentException if there is not one name per coordinate or a domain was given already
         */
        public Builder domain(Geometry geometry, String... names) {
            Objects.requireNonNull(geometry, "geometry");
            if (domain != null) {
                throw new IllegalArgumentException("the domain is given twice; combine shapes with union,"
                        + " difference or intersection");
            }
            if (names.length != geometry.dimension()) {
                throw new IllegalArgumentException("the domain " + geometry + " has " + geometry.dimension()
                        + " coordinates but " + names.length + " variable names are given " + List.of(names));
            }
            domain = geometry;
            double[] lo = geometry.lower();
            double[] hi = geometry.upper();
            List<String> spaceNames = new ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                variable(names[i], lo[i], hi[i]);
                if (!(geometry instanceof SpaceTime st) || i != st.timeColumn()) {
                    spaceNames.add(names[i]);
                }
            }
            space = spaceNames;
            return this;
        }

        /**
         * A hard constraint: field {@code field} is the expression {@code text} of the variables and the network's
         * raw outputs (named by the fields), e.g. {@code transform("u", "x*(1 - x)*u")} so that u = 0 at x = 0 and
         * x = 1 whatever the network (DeepXDE's output transform). Derivatives in equations and conditions are
         * those of the transformed field.
         */
        public Builder transform(String field, String text) {
            transforms.put(Objects.requireNonNull(field, "field"), Expression.parse(text));
            return this;
        }

        /** {@link #transform(String, String)} with a parsed expression (which knows its place in a file). */
        public Builder transform(String field, Expression expression) {
            transforms.put(Objects.requireNonNull(field, "field"), Objects.requireNonNull(expression, "expression"));
            return this;
        }

        /** Adds a variable (the next network input) over {@code [lo, hi]}. */
        public Builder variable(String name, double lo, double hi) {
            variables.add(new Range(name, lo, hi));
            return this;
        }

        /** Adds fields (network outputs), in order. */
        public Builder fields(String... names) {
            fields.addAll(List.of(names));
            return this;
        }

        /** Adds a known parameter: a constant in equations. */
        public Builder parameter(String name, double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("parameter '" + name + "' must be a finite number, got " + value);
            }
            known.put(Objects.requireNonNull(name, "name"), value);
            return this;
        }

        /** Adds an unknown parameter, trained with the network; its name is the variable's. */
        public Builder unknown(Variable variable) {
            unknowns.add(Objects.requireNonNull(variable, "variable"));
            return this;
        }

        /**
         * Adds an equation that must hold at the collocation points: an expression that must vanish
         * ({@code "m*u_tt + c*u_t + k*u"}) or {@code "lhs = rhs"} ({@code "u_t = nu*u_xx"}).
         */
        public Builder equation(String text) {
            return equation(null, Requirement.parse(text));
        }

        /** Adds a named equation (its loss term carries the name). */
        public Builder equation(String name, String text) {
            return equation(name, Requirement.parse(text));
        }

        /** Adds a parsed equation; {@code name} may be null for the default ("equation", "equation_2", ...). */
        public Builder equation(String name, Requirement equation) {
            equationNames.add(name);
            equations.add(Objects.requireNonNull(equation, "equation"));
            return this;
        }

        /** Adds a condition. */
        public Builder condition(Condition condition) {
            conditions.add(Objects.requireNonNull(condition, "condition"));
            return this;
        }

        /** The weight of a loss term by name (equation or condition), default 1. */
        public Builder weight(String term, double weight) {
            if (!(weight >= 0) || !Double.isFinite(weight)) {
                throw new IllegalArgumentException("weight of '" + term + "': a weight must be >= 0 and finite, got "
                        + weight);
            }
            weights.put(term, weight);
            return this;
        }

        /** Collocation points drawn by {@code sampler}: {@code n} points in the variables' box. */
        public Builder collocation(Sampler sampler, int n) {
            if (n < 1) {
                throw new IllegalArgumentException("number of collocation points must be >= 1, got " + n);
            }
            this.sampler = Objects.requireNonNull(sampler, "sampler");
            this.points = n;
            this.collocation = null;
            return this;
        }

        /** Explicit collocation points, shape (N, variables). */
        public Builder collocation(Tensor points) {
            this.collocation = Objects.requireNonNull(points, "points").detach();
            this.sampler = null;
            return this;
        }

        /**
         * The problem.
         *
         * @throws IllegalArgumentException for a missing part, a duplicate name, a weight for no term
         * @throws org.sciml4j.domain.expr.ExpressionException for an equation or requirement that does not bind
         */
        public Problem build() {
            return new Problem(this);
        }
    }
}
