package org.sciml4j.pinn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.sciml4j.io.TextTable;
import org.sciml4j.domain.expr.BoundExpression;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Tensor;

/**
 * The {@link Condition} of requirements imposed at points: fixed values of some variables with the others sampled
 * over their ranges (an initial condition {@code t = 0} of a surrogate {@code u(c, t)} holds for every {@code c}),
 * explicit points, or the rows of a data table. Immutable: {@link #named}, {@link #points} return modified copies.
 */
public final class PointCondition implements Condition {

    /** Points per free variable set when a fixed-value condition leaves variables free and no count is given. */
    public static final int DEFAULT_FREE_POINTS = 101;

    private final String name;
    private final Map<String, double[]> fixed;    // null for explicit points; one or several values each
    private final Tensor points;                  // null for fixed values; for a table, all its columns
    private final List<Requirement> requirements; // for data: one per observed column
    private final Tensor observed;                // (N, requirements) or null
    private final String source;                  // where the points came from, for messages
    private final Sampler sampler;
    private final int freePoints;
    private final List<String> columns;           // for tables: the names of the file's columns

    private PointCondition(String name, Map<String, double[]> fixed, Tensor points, List<Requirement> requirements,
            Tensor observed, String source, Sampler sampler, int freePoints, List<String> columns) {
        this.name = name;
        this.fixed = fixed;
        this.points = points;
        this.requirements = List.copyOf(requirements);
        this.observed = observed;
        this.source = source;
        this.sampler = sampler;
        this.freePoints = freePoints;
        this.columns = columns;
    }

    static PointCondition at(Map<String, double[]> fixed, List<Requirement> requirements) {
        if (fixed.isEmpty()) {
            throw new IllegalArgumentException("a condition at fixed values needs at least one variable and value");
        }
        Map<String, double[]> copy = new LinkedHashMap<>();
        fixed.forEach((k, v) -> {
            if (v.length == 0) {
                throw new IllegalArgumentException("a condition at fixed values needs a value for '" + k + "'");
            }
            copy.put(k, v.clone());
        });
        return new PointCondition("condition", copy, null, requirements, null, null, Sampler.uniform(),
                DEFAULT_FREE_POINTS, null);
    }

    static PointCondition explicit(String name, Tensor points, List<Requirement> requirements, Tensor observed) {
        Objects.requireNonNull(points, "points");
        if (points.rank() != 2) {
            throw new IllegalArgumentException("condition points must have shape (N, variables), got "
                    + Arrays.toString(points.shape()));
        }
        if (observed != null) {
            if (observed.rank() == 1) {
                observed = observed.reshape(observed.size(0), 1);
            }
            if (observed.rank() != 2 || observed.size(0) != points.size(0)
                    || observed.size(1) != requirements.size()) {
                throw new IllegalArgumentException("observed values must have shape (" + points.size(0) + ", "
                        + requirements.size() + "): one row per point, one column per observed expression "
                        + requirements + "; got " + Arrays.toString(observed.shape()));
            }
            observed = observed.detach();
        }
        return new PointCondition(name, null, points.detach(), requirements, observed, null, null, 0, null);
    }

    static PointCondition table(String name, String source, TextTable.Table table, List<String> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("name the columns of " + source + ", e.g. (\"t\", \"u\")");
        }
        if (table.columns().size() != columns.size()) {
            throw new IllegalArgumentException(source + " has " + table.columns().size() + " columns but "
                    + columns.size() + " names were given (" + String.join(", ", columns) + ")");
        }
        return new PointCondition(name, null, table.values(), List.of(), null, source, null, 0, List.copyOf(columns));
    }

    /** A copy with another loss-term name. */
    public PointCondition named(String newName) {
        Objects.requireNonNull(newName, "name");
        return new PointCondition(newName, fixed, points, requirements, observed, source, sampler, freePoints,
                columns);
    }

    /**
     * A copy that samples the variables a fixed-value condition leaves free with {@code sampler}, {@code n} points
     * (default: {@value #DEFAULT_FREE_POINTS} on a uniform grid). Ignored when no variable is free.
     */
    public PointCondition points(Sampler newSampler, int n) {
        if (fixed == null) {
            throw new IllegalStateException("condition '" + name + "' has explicit points; sampling applies to"
                    + " conditions at fixed values");
        }
        checkCount(name, n);
        return new PointCondition(name, fixed, points, requirements, observed, source,
                Objects.requireNonNull(newSampler, "sampler"), n, columns);
    }

    /**
     * The points drawn for each of {@code values} combinations of fixed values when a condition has {@code n} in all:
     * {@code n / values}, which must be whole.
     *
     * @throws IllegalArgumentException if {@code values} does not divide {@code n}
     */
    public static int pointsPerValue(String name, int n, int values) {
        if (n % values != 0) {
            throw new IllegalArgumentException("condition '" + name + "': " + n + " points cannot be shared evenly"
                    + " among " + values + " values; give a multiple of " + values);
        }
        return n / values;
    }

    /** Refuses a point count below 1 for condition {@code name}. */
    static void checkCount(String name, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("condition '" + name + "': number of points must be >= 1, got " + n);
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The requirements (for a data table: one per observed column, known once resolved). */
    public List<Requirement> requirements() {
        return requirements;
    }

    @Override
    public Resolved resolve(Problem problem, long seed) {
        List<String> vars = problem.variableNames();
        Tensor at;
        List<Requirement> reqs = requirements;
        Tensor obs = observed;
        if (columns != null) {
            // a table: variable columns give the points, the rest is observed
            int[] varColumn = new int[vars.size()];
            Arrays.fill(varColumn, -1);
            List<Requirement> observedReqs = new ArrayList<>();
            List<Integer> observedColumns = new ArrayList<>();
            for (int j = 0; j < columns.size(); j++) {
                int v = vars.indexOf(columns.get(j));
                if (v >= 0) {
                    varColumn[v] = j;
                } else {
                    observedReqs.add(Requirement.parse(columns.get(j)));
                    observedColumns.add(j);
                }
            }
            for (int v = 0; v < vars.size(); v++) {
                if (varColumn[v] < 0) {
                    throw new IllegalArgumentException("condition '" + name + "': no column of " + source
                            + " is named after variable '" + vars.get(v) + "' (columns: " + columns + ")");
                }
            }
            if (observedReqs.isEmpty()) {
                throw new IllegalArgumentException("condition '" + name + "': the columns of " + source + " ("
                        + columns + ") name only variables; name at least one field, e.g. 'u'");
            }
            at = selectColumns(points, varColumn);
            obs = selectColumns(points, observedColumns.stream().mapToInt(Integer::intValue).toArray());
            reqs = observedReqs;
        } else if (points != null) {
            at = points;
            if (at.size(1) != vars.size()) {
                throw new IllegalArgumentException("condition '" + name + "': points have " + at.size(1)
                        + " columns but the problem has " + vars.size() + " variables " + vars);
            }
        } else {
            at = fixedPoints(problem, seed);
        }
        List<BoundExpression[]> sides = new ArrayList<>();
        for (Requirement r : reqs) {
            sides.add(r.bind(problem.vocabulary()));
        }
        List<Tensor> observedColumns = new ArrayList<>();
        for (int i = 0; i < reqs.size(); i++) {
            observedColumns.add(obs == null ? null : obs.col(i).detach());
        }
        return new Resolved(name, at, sides, observedColumns);
    }

    private static Tensor selectColumns(Tensor t, int[] cols) {
        int n = t.size(0);
        int c = t.size(1);
        double[] src = t.data();
        double[] out = new double[n * cols.length];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < cols.length; j++) {
                out[i * cols.length + j] = src[i * c + cols[j]];
            }
        }
        return Tensor.wrap(out, n, cols.length);
    }

    /**
     * Points of a condition at fixed values: the free variables sampled, and each fixed variable at its value, or,
     * when it has several (x = -1 and x = 1 for two walls), the points split evenly among the values, each value with
     * the same sampled points of the free variables (n / count of them). Every value thus sees the sampler's whole
     * spread; handing the points of one sequence to the values in turn would not (the even and odd points of a
     * Sobol or Hammersley sequence lie in different halves of its first coordinate).
     */
    private Tensor fixedPoints(Problem problem, long seed) {
        List<Problem.Range> ranges = problem.variables();
        int most = 1;
        for (Map.Entry<String, double[]> e : fixed.entrySet()) {
            int v = problem.variableIndex(e.getKey());
            if (v < 0) {
                throw new IllegalArgumentException("condition '" + name + "': '" + e.getKey() + "' is not a variable"
                        + " (variables: " + problem.variableNames() + ")");
            }
            Problem.Range r = ranges.get(v);
            for (double x : e.getValue()) {
                r.requireContains("condition '" + name + "'", x);
            }
            most = Math.max(most, e.getValue().length);
        }
        List<Integer> free = new ArrayList<>();
        for (int v = 0; v < ranges.size(); v++) {
            if (!fixed.containsKey(ranges.get(v).name())) {
                free.add(v);
            }
        }
        int d = ranges.size();
        if (!free.isEmpty() && problem.domain().isPresent()) {
            return inDomain(problem, seed);
        }
        double[] freeValues = null;
        int per = 1;
        if (!free.isEmpty()) {
            per = pointsPerValue(name, freePoints, most);
            double[] lo = free.stream().mapToDouble(v -> ranges.get(v).lo()).toArray();
            double[] hi = free.stream().mapToDouble(v -> ranges.get(v).hi()).toArray();
            Tensor s = sampler.box(per, lo, hi, seed);
            freeValues = s.data();
            per = s.size(0);
        }
        // block b of the points (the same free points in each block) takes value b mod count of each variable
        int n = per * most;
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            int k = 0;
            int block = i / per;
            int row = i % per;
            for (int v = 0; v < d; v++) {
                double[] x = fixed.get(ranges.get(v).name());
                out[i * d + v] = x != null ? x[block % x.length] : freeValues[row * free.size() + k++];
            }
        }
        return Tensor.wrap(out, n, d);
    }

    /**
     * Points of a condition at fixed values in a problem with a domain: the domain's own points (so that at t = 0
     * of a space-time domain the space points are those of its shape), the fixed variables set to their values in
     * turn, and the rows that then lie outside the domain dropped.
     */
    private Tensor inDomain(Problem problem, long seed) {
        int d = problem.variables().size();
        int most = fixed.values().stream().mapToInt(x -> x.length).max().orElse(1);
        double[] drawn = problem.domainPoints(sampler, pointsPerValue(name, freePoints, most), seed).data();
        int per = drawn.length / d;
        int n = per * most;
        double[] p = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(drawn, (i % per) * d, p, i * d, d);
            for (Map.Entry<String, double[]> e : fixed.entrySet()) {
                double[] x = e.getValue();
                p[i * d + problem.variableIndex(e.getKey())] = x[(i / per) % x.length];
            }
        }
        Tensor in = problem.keepInside(Tensor.wrap(p, n, d));
        if (in.size(0) == 0) {
            throw new IllegalArgumentException("condition '" + name + "': no point of the domain has " + fixed.keySet()
                    + " at the given values");
        }
        return in;
    }

    /** {@code initial: u = 1, u_t = 0 at t = 0}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(name).append(": ");
        if (columns != null) {
            return b.append("data ").append(source).append(" ").append(columns).toString();
        }
        b.append(String.join(", ", requirements.stream().map(Requirement::toString).toList()));
        if (fixed != null) {
            List<String> at = new ArrayList<>();
            fixed.forEach((k, v) -> at.add(k + (v.length == 1 ? " = " + v[0] : " in " + Arrays.toString(v))));
            b.append(" at ").append(String.join(", ", at));
        } else {
            b.append(" at ").append(points.size(0)).append(" points");
        }
        return b.toString();
    }
}
