package org.sciml4j.pinn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.sciml4j.io.TextTable;
import org.sciml4j.domain.expr.BoundExpression;
import org.sciml4j.domain.expr.Derivative;
import org.sciml4j.domain.expr.Evaluation;
import org.sciml4j.domain.expr.Expression;
import org.sciml4j.tensor.Tensor;

/**
 * Something the solution must satisfy at given points besides the equations: an initial value or slope, a value at
 * a point, observed data. Each is a list of {@link Requirement}s ({@code "u = 1"}, {@code "u_t = 0"}) imposed at a
 * set of points, optionally against observed values; its loss term is the sum over requirements of the mean square
 * residual {@code lhs - rhs - observed}. One interface for all of them, so the trainer treats boundary, initial and
 * data terms alike.
 * <pre>{@code
 * Condition.at("t", 0, "u = 1", "u_t = 0").named("initial")   // u(0) = 1, u'(0) = 0
 * Condition.data(Path.of("data_exact.txt"), "t", "u")          // observed u at the file's t
 * }</pre>
 */
public interface Condition {

    /** The name of its loss term. */
    String name();

    /**
     * The condition made concrete for a problem: its points and requirements bound against the problem's
     * vocabulary.
     *
     * @param seed seeds any random point sampling
     * @throws IllegalArgumentException if it does not fit the problem (a name that is not a variable, a column
     *                                  count that differs, a value outside a variable's range)
     * @throws org.sciml4j.domain.expr.ExpressionException if a requirement does not bind
     */
    Resolved resolve(Problem problem, long seed);

    /** Requirements at fixed values of some variables (e.g. {@code t = 0}); the others are sampled (see {@link PointCondition#points}). */
    static PointCondition at(Map<String, Double> fixed, String... requirements) {
        Map<String, double[]> values = new java.util.LinkedHashMap<>();
        fixed.forEach((k, v) -> values.put(k, new double[] {v}));
        return PointCondition.at(values, parse(requirements));
    }

    /** Requirements where variable {@code variable} equals {@code value}. */
    static PointCondition at(String variable, double value, String... requirements) {
        return at(Map.of(variable, value), requirements);
    }

    /**
     * Requirements where variable {@code variable} takes each of {@code values} (both walls {@code x = -1} and
     * {@code x = 1}): the points are split evenly among the values (their number must be a multiple of the number of
     * values), each value with the same points sampled for the other variables.
     */
    static PointCondition at(String variable, double[] values, String... requirements) {
        return atEach(Map.of(variable, values), requirements);
    }

    /** Requirements at one or several values of each of some variables (see {@link #at(String, double[], String...)}). */
    static PointCondition atEach(Map<String, double[]> values, String... requirements) {
        return PointCondition.at(values, parse(requirements));
    }

    /**
     * Requirements on the boundary of the problem's domain (Dirichlet {@code "u = 0"}, Neumann {@code "u_n = 1"},
     * Robin {@code "u_n + u = 0"}, any operator), at {@value BoundaryCondition#DEFAULT_POINTS} points; restrict it
     * to a part with {@link BoundaryCondition#where}. Named "boundary".
     */
    static BoundaryCondition boundary(String... requirements) {
        return BoundaryCondition.of("boundary", null, parse(requirements));
    }

    /**
     * Requirements on the boundary of {@code shape} where it lies inside the problem's domain: an interface between
     * subdomains ({@code "a = b"}, {@code "ka*a_n = kb*b_n"} with the shape's outward normals). The shape has the
     * problem's space dimension; a time variable is added as for the domain. Named "interface".
     */
    static BoundaryCondition on(org.sciml4j.domain.geometry.Geometry shape, String... requirements) {
        return BoundaryCondition.of("interface", Objects.requireNonNull(shape, "shape"), parse(requirements));
    }

    /**
     * Periodicity in {@code variable}: each of {@code expressions} ({@code "u"}, {@code "u_x"}) equal at both ends
     * of its range. Named "periodic".
     */
    static PeriodicCondition periodic(String variable, String... expressions) {
        return PeriodicCondition.of(variable, parse(expressions));
    }

    /**
     * A jump across {@code variable = value}: each requirement {@code "lhs = rhs"} says that lhs above minus lhs
     * below is rhs ({@code "w = s"}: a slip s; {@code "w_x = 0"}: w_x continuous). Named "jump"; restrict it to a
     * segment with {@link JumpCondition#along}.
     */
    static JumpCondition jump(String variable, double value, String... requirements) {
        return JumpCondition.across(variable, value, requirements);
    }

    /** Requirements at explicit points, shape (N, variables). */
    static PointCondition at(Tensor points, String... requirements) {
        return PointCondition.explicit("condition", points, parse(requirements), null);
    }

    /**
     * Observed data: at {@code points} (N, variables), each of {@code expressions} (a field such as {@code "u"}, or
     * any expression of the fields) must equal the matching column of {@code values} (N, expressions). Named "data".
     */
    static PointCondition data(Tensor points, Tensor values, String... expressions) {
        List<Requirement> reqs = new ArrayList<>();
        for (String e : expressions) {
            reqs.add(Requirement.parse(e));
        }
        return PointCondition.explicit("data", points, reqs, values);
    }

    /**
     * Observed data from a text table (whitespace, tab or comma separated; a header line is optional). The file's
     * columns are named by {@code columns}, in order: variables give the points, every other name (a field, or an
     * expression of the fields) is observed. Named "data".
     *
     * @throws UncheckedIOException if the file cannot be read, or is not a table of finite numbers with at least one
     *                              row (the message names line and column)
     */
    static PointCondition data(Path file, String... columns) {
        TextTable.Table table;
        try {
            table = TextTable.readData(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read data file " + file + ": " + e.getMessage(), e);
        }
        return PointCondition.table("data", file.toString(), table, List.of(columns));
    }

    private static List<Requirement> parse(String... requirements) {
        if (requirements.length == 0) {
            throw new IllegalArgumentException("a condition needs at least one requirement, e.g. \"u = 1\"");
        }
        List<Requirement> reqs = new ArrayList<>();
        for (String r : requirements) {
            reqs.add(Requirement.parse(r));
        }
        return reqs;
    }

    /**
     * A condition ready to evaluate.
     *
     * @param name      the loss term's name
     * @param points    where it is imposed, shape (N, variables)
     * @param sides     per requirement, its bound left and right sides
     * @param observed  per requirement, observed values (N, 1), or null where the requirement has none
     * @param auxiliary per-point quantities the requirements may use besides variables and fields, by name, each
     *                  (N, 1): a boundary's outward normal {@code normal_x}, ...
     * @param paired    0, or for a periodic condition the number P of pairs: N = 2P, and each requirement's residual
     *                  is its value at point i minus its value at point P + i
     * @param jump      for pairs: each requirement {@code lhs = rhs} says that lhs jumps by rhs, its residual is
     *                  {@code lhs(i) - lhs(P + i) - rhs(i)} ({@link JumpCondition}); false: {@code lhs - rhs} is
     *                  compared between the two points of a pair
     */
    record Resolved(String name, Tensor points, List<BoundExpression[]> sides, List<Tensor> observed,
            Map<String, Tensor> auxiliary, int paired, boolean jump) {

        /** Copies the lists and checks the pairing. */
        public Resolved {
            sides = List.copyOf(sides);
            observed = java.util.Collections.unmodifiableList(new ArrayList<>(observed));
            auxiliary = Map.copyOf(auxiliary);
            if (paired < 0 || (paired > 0 && points.size(0) != 2 * paired)) {
                throw new IllegalArgumentException("condition '" + name + "': " + paired + " pairs need "
                        + 2 * paired + " points, got " + points.size(0));
            }
        }

        /** A condition without auxiliary quantities or pairs. */
        public Resolved(String name, Tensor points, List<BoundExpression[]> sides, List<Tensor> observed) {
            this(name, points, sides, observed, Map.of(), 0, false);
        }

        /** A condition whose pairs (if any) compare {@code lhs - rhs} at their two points. */
        public Resolved(String name, Tensor points, List<BoundExpression[]> sides, List<Tensor> observed,
                Map<String, Tensor> auxiliary, int paired) {
            this(name, points, sides, observed, auxiliary, paired, false);
        }

        /** {@code at} with this condition's auxiliary quantities. */
        private Evaluation withAuxiliary(Evaluation at) {
            if (auxiliary.isEmpty()) {
                return at;
            }
            return new Evaluation() {
                @Override
                public Tensor variable(int index) {
                    return at.variable(index);
                }

                @Override
                public Tensor derivative(Derivative d) {
                    return at.derivative(d);
                }

                @Override
                public Tensor parameter(String p) {
                    return at.parameter(p);
                }

                @Override
                public Tensor auxiliary(String a) {
                    Tensor t = auxiliary.get(a);
                    return t != null ? t : at.auxiliary(a);
                }
            };
        }

        /** Every field value and derivative the requirements use. */
        public Set<Derivative> derivatives() {
            Set<Derivative> all = new TreeSet<>();
            for (BoundExpression[] s : sides) {
                all.addAll(s[0].derivatives());
                all.addAll(s[1].derivatives());
            }
            return all;
        }

        /** Residual of requirement {@code i} at the points, shape (N, 1); (P, 1) for P pairs. */
        public Tensor residual(int i, Evaluation at) {
            Evaluation env = withAuxiliary(at);
            BoundExpression[] side = sides.get(i);
            Tensor r = side[0].evaluate(env);
            if (jump) {
                return jumpResidual(r, side[1].evaluate(env));
            }
            if (!(side[1].expression().root() instanceof Expression.Num n && n.value() == 0)) {
                r = r.sub(side[1].evaluate(env)); // "... = 0" subtracts nothing: one operation less per step
            }
            if (paired > 0) {
                // a requirement without fields is the same at both ends of every pair
                return r.rank() == 0 ? r.mul(0) : r.slice(0, 0, paired).sub(r.slice(0, paired, 2 * paired));
            }
            Tensor obs = observed.get(i);
            return obs == null ? r : r.sub(obs);
        }

        /** {@code lhs(i) - lhs(P + i) - rhs(i)} over the P pairs; a scalar side is the same at every point. */
        private Tensor jumpResidual(Tensor lhs, Tensor rhs) {
            if (lhs.rank() == 0) {
                throw new IllegalArgumentException("condition '" + name + "': a jump needs a field on its left side");
            }
            Tensor across = lhs.slice(0, 0, paired).sub(lhs.slice(0, paired, 2 * paired));
            return across.sub(rhs.rank() == 0 ? rhs : rhs.slice(0, 0, paired));
        }

        /** The loss term: the sum over requirements of the mean square residual. */
        public Tensor loss(Evaluation at) {
            Tensor total = null;
            for (int i = 0; i < sides.size(); i++) {
                Tensor r = residual(i, at);
                if (r.rank() == 0) {
                    // a requirement without fields (e.g. "c = 0.1" of unknowns only) is the same at every point
                    r = r.reshape(1, 1);
                }
                Tensor m = r.square().mean();
                total = total == null ? m : total.add(m);
            }
            return total;
        }
    }
}
