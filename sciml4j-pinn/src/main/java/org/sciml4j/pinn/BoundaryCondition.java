package org.sciml4j.pinn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.sciml4j.domain.expr.BoundExpression;
import org.sciml4j.domain.expr.Evaluation;
import org.sciml4j.domain.expr.Expression;
import org.sciml4j.domain.expr.Vocabulary;
import org.sciml4j.domain.geometry.Box;
import org.sciml4j.domain.geometry.Geometry;
import org.sciml4j.domain.geometry.SpaceTime;
import org.sciml4j.domain.sampling.Sampler;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * The {@link Condition} of requirements on a boundary: the problem's domain boundary ({@link Condition#boundary}),
 * or the boundary of another shape, such as an interface between two materials ({@link Condition#on}); optionally
 * only on the part where some comparisons hold ({@link #where}: {@code "x = 1"}, {@code "y > 0"}). Requirements
 * may use the outward normal's components {@code normal_x}, {@code normal_y}, ... and each field's normal derivative
 * {@code u_n} (the gradient dotted with the normal), besides everything an equation may use:
 * <pre>{@code
 * Condition.boundary("u = 0")                                  // Dirichlet on the whole boundary
 * Condition.boundary("u_n = 1").where("x = 1")                 // Neumann on the wall x = 1
 * Condition.boundary("u_n + 2*u = 0").where("y > 0")           // Robin on the upper part
 * Condition.on(new Disk(new double[] {0, 0}, 0.5), "a_n = b_n") // interface: the circle inside the domain
 * }</pre>
 * Without a {@link Problem.Builder#domain domain}, the domain is the box of the variables' ranges, and a variable
 * named {@code t} (first or last) is time: the boundary is then the box's faces in the other variables, at all
 * times, as for a {@link SpaceTime}. Immutable.
 */
public final class BoundaryCondition implements Condition {

    /** Points on the boundary (or on its part) when no count is given. */
    public static final int DEFAULT_POINTS = 100;

    /** Largest number of boundary points drawn to find enough on a small part of the boundary. */
    private static final int MAX_DRAWN = 1 << 22;

    /** Number of points drawn after which a part of the boundary with none of them is taken to be empty. */
    private static final int NONE_AFTER = 1 << 16;

    private final String name;
    private final Geometry surface;            // null: the problem's domain
    private final List<Requirement> requirements;
    private final List<String> where;
    private final Sampler sampler;
    private final int points;

    private BoundaryCondition(String name, Geometry surface, List<Requirement> requirements, List<String> where,
            Sampler sampler, int points) {
        this.name = name;
        this.surface = surface;
        this.requirements = List.copyOf(requirements);
        this.where = List.copyOf(where);
        this.sampler = sampler;
        this.points = points;
    }

    static BoundaryCondition of(String name, Geometry surface, List<Requirement> requirements) {
        return new BoundaryCondition(name, surface, requirements, List.of(), Sampler.uniform(), DEFAULT_POINTS);
    }

    /** A copy with another loss-term name. */
    public BoundaryCondition named(String newName) {
        return new BoundaryCondition(Objects.requireNonNull(newName, "name"), surface, requirements, where, sampler,
                points);
    }

    /**
     * A copy imposed only where every one of {@code comparisons} holds (in addition to any given before): each is
     * {@code lhs op rhs} with op one of {@code = < > <= >=}, both sides expressions of the variables and known
     * parameters ({@code "x = 1"}, {@code "x^2 + y^2 = 0.25"}, {@code "y >= 0"}); {@code =} holds within 1e-6 of the
     * domain's size.
     */
    public BoundaryCondition where(String... comparisons) {
        List<String> all = new ArrayList<>(where);
        for (String c : comparisons) {
            Comparison.parse(c); // fails now on bad syntax
            all.add(c);
        }
        return new BoundaryCondition(name, surface, requirements, all, sampler, points);
    }

    /**
     * A copy with {@code n} points on the boundary, or on the part {@link #where} selects, drawn by {@code s}
     * (default {@value #DEFAULT_POINTS}, uniform: equally spaced along a curve).
     */
    public BoundaryCondition points(Sampler s, int n) {
        PointCondition.checkCount(name, n);
        return new BoundaryCondition(name, surface, requirements, where, Objects.requireNonNull(s, "sampler"), n);
    }

    @Override
    public String name() {
        return name;
    }

    /** The requirements. */
    public List<Requirement> requirements() {
        return requirements;
    }

    @Override
    public Resolved resolve(Problem problem, long seed) {
        Geometry g = boundaryOf(problem);
        List<Comparison> tests = new ArrayList<>();
        for (String w : where) {
            tests.add(Comparison.parse(w).bind(problem, name));
        }
        double tol = 1e-6 * diagonal(problem);
        Tensor at = null;
        int drawn = points;
        int kept = 0;
        while (at == null) {
            Tensor all = g.boundary(drawn, sampler, seed);
            boolean[] keep = select(problem, all, tests, tol);
            int[] idx = indices(keep);
            kept = idx.length;
            if (kept >= points) {
                at = thin(all, idx, points);
            } else if (drawn >= MAX_DRAWN || (kept == 0 && drawn >= NONE_AFTER)) {
                throw new IllegalArgumentException("condition '" + name + "': no point of " + describe(g)
                        + " satisfies " + String.join(" and ", where) + (surface != null
                        ? " inside the domain" : "") + " (" + kept + " of " + drawn + " drawn)");
            } else {
                drawn = (int) Math.min(MAX_DRAWN, Math.ceil(drawn * 1.25 * points / Math.max(kept, 0.5)));
            }
        }
        List<BoundExpression[]> sides = new ArrayList<>();
        Vocabulary vocabulary = problem.boundaryVocabulary();
        for (Requirement r : requirements) {
            sides.add(r.bind(vocabulary));
        }
        Map<String, Tensor> normals = new LinkedHashMap<>();
        Tensor n = g.normals(at);
        for (String v : vocabulary.space()) {
            normals.put(Vocabulary.NORMAL_PREFIX + v, n.col(problem.variableIndex(v)).detach());
        }
        List<Tensor> observed = new ArrayList<>();
        requirements.forEach(r -> observed.add(null));
        return new Resolved(name, at, sides, observed, normals, 0);
    }

    /** The shape whose boundary points are drawn, in the problem's variables. */
    private Geometry boundaryOf(Problem problem) {
        List<String> space = problem.vocabulary().space();
        List<String> vars = problem.variableNames();
        if (surface == null && problem.domain().isPresent()) {
            return problem.domain().get();
        }
        List<String> others = vars.stream().filter(v -> !space.contains(v)).toList();
        int time = others.size() == 1 ? vars.indexOf(others.get(0)) : -1;
        if (others.size() > 1 || (time > 0 && time < vars.size() - 1) || space.isEmpty()) {
            throw new IllegalArgumentException("condition '" + name + "': boundary conditions need space variables"
                    + " and at most time besides, first or last (variables " + vars + ", space " + space + "); use"
                    + " Condition.at(...) for conditions at fixed values");
        }
        Geometry spatial = surface;
        if (spatial == null) {
            double[] lo = new double[space.size()];
            double[] hi = new double[space.size()];
            for (int i = 0; i < lo.length; i++) {
                Problem.Range r = problem.variables().get(vars.indexOf(space.get(i)));
                lo[i] = r.lo();
                hi[i] = r.hi();
            }
            spatial = new Box(lo, hi);
        } else if (spatial.dimension() != space.size()) {
            throw new IllegalArgumentException("condition '" + name + "': the shape " + spatial + " has "
                    + spatial.dimension() + " coordinates but the problem has " + space.size() + " space variables "
                    + space);
        }
        if (time < 0) {
            return spatial;
        }
        Problem.Range t = problem.variables().get(time);
        return time == 0 ? SpaceTime.timeFirst(spatial, t.lo(), t.hi()) : SpaceTime.timeLast(spatial, t.lo(), t.hi());
    }

    private boolean[] select(Problem problem, Tensor pts, List<Comparison> tests, double tol) {
        boolean[] keep = surface != null ? problem.inside(pts) : new boolean[pts.size(0)];
        if (surface == null) {
            Arrays.fill(keep, true);
        }
        for (Comparison c : tests) {
            c.apply(pts, tol, keep);
        }
        return keep;
    }

    private static int[] indices(boolean[] keep) {
        int k = 0;
        int[] idx = new int[keep.length];
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                idx[k++] = i;
            }
        }
        return Arrays.copyOf(idx, k);
    }

    /** n of the rows idx, evenly spaced by index, so that points in order along the boundary stay spread. */
    private static Tensor thin(Tensor all, int[] idx, int n) {
        int d = all.size(1);
        double[] p = all.data();
        double[] out = new double[n * d];
        for (int j = 0; j < n; j++) {
            System.arraycopy(p, idx[(int) ((long) j * idx.length / n)] * d, out, j * d, d);
        }
        return Tensor.wrap(out, n, d);
    }

    private static double diagonal(Problem problem) {
        double s = 0;
        for (Problem.Range r : problem.variables()) {
            s += (r.hi() - r.lo()) * (r.hi() - r.lo());
        }
        return Math.sqrt(s);
    }

    private String describe(Geometry g) {
        return surface != null ? "the boundary of " + surface : "the boundary of " + g;
    }

    /** {@code walls: u = 0 on the boundary where x = 1}. */
    @Override
    public String toString() {
        return name + ": " + String.join(", ", requirements.stream().map(Requirement::toString).toList()) + " on "
                + (surface != null ? "the boundary of " + surface : "the boundary")
                + (where.isEmpty() ? "" : " where " + String.join(" and ", where));
    }

    /** {@code lhs op rhs} over the variables. */
    private record Comparison(String text, Expression lhs, String op, Expression rhs, BoundExpression difference) {

        static Comparison parse(String text) {
            Objects.requireNonNull(text, "comparison");
            for (String op : new String[] {"<=", ">=", "==", "<", ">", "="}) {
                int i = text.indexOf(op);
                if (i >= 0) {
                    Expression l = Expression.parse(text.substring(0, i));
                    Expression r = Expression.parse(text.substring(i + op.length()));
                    return new Comparison(text, l, op.equals("==") ? "=" : op, r, null);
                }
            }
            throw new IllegalArgumentException("'" + text + "' is not a comparison: write lhs = rhs, lhs < rhs,"
                    + " lhs > rhs, <= or >=, e.g. x = 1");
        }

        Comparison bind(Problem problem, String condition) {
            BoundExpression d = Expression.parse("(" + lhs.source() + ") - (" + rhs.source() + ")")
                    .bind(problem.vocabulary());
            if (!d.derivatives().isEmpty() || !d.unknownParameters().isEmpty()) {
                throw new IllegalArgumentException("condition '" + condition + "': where '" + text + "' may use"
                        + " only variables, known parameters and constants");
            }
            return new Comparison(text, lhs, op, rhs, d);
        }

        /** Clears keep[i] where the comparison fails at row i. */
        void apply(Tensor pts, double tol, boolean[] keep) {
            double[] v;
            try (Autodiff.Scope s = Autodiff.noGrad()) {
                List<Tensor> cols = new ArrayList<>();
                for (int j = 0; j < pts.size(1); j++) {
                    cols.add(pts.col(j));
                }
                Tensor r = difference.evaluate(Evaluation.of(cols, Map.of(), Map.of()));
                v = r.rank() == 0 ? filled(pts.size(0), r.item()) : r.toArray();
            }
            for (int i = 0; i < keep.length; i++) {
                keep[i] &= switch (op) {
                    case "=" -> Math.abs(v[i]) <= tol;
                    case "<" -> v[i] < -tol;
                    case ">" -> v[i] > tol;
                    case "<=" -> v[i] <= tol;
                    default -> v[i] >= -tol;
                };
            }
        }

        private static double[] filled(int n, double x) {
            double[] a = new double[n];
            Arrays.fill(a, x);
            return a;
        }
    }
}
