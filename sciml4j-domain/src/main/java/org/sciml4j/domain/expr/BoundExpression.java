package org.sciml4j.domain.expr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.sciml4j.domain.expr.Expression.Binary;
import org.sciml4j.domain.expr.Expression.Call;
import org.sciml4j.domain.expr.Expression.Name;
import org.sciml4j.domain.expr.Expression.Neg;
import org.sciml4j.domain.expr.Expression.Node;
import org.sciml4j.domain.expr.Expression.Num;
import org.sciml4j.tensor.Atan2;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * An expression whose names are resolved against a {@link Vocabulary}, ready to evaluate on tensors.
 *
 * <p>A name is, in this order: a parameter, a variable, a field, the constant {@code pi} or {@code e}, or a
 * derivative {@code <field>_<letters>} where every letter after the '_' is a one-letter variable, repeated by the
 * order along it: {@code u_t}, {@code u_tt}, {@code u_xy} (= {@code u_yx}), {@code u_xxyy}. Variables with longer
 * names cannot be differentiated along. Exact names win, so a field named {@code u_x} is that field; a field name
 * may contain '_' ({@code u_1_x} is d u_1/dx). In the Lorenz system (fields x, y, z over t), {@code x_t} is dx/dt.
 *
 * <p>Known parameters and constant subexpressions are folded into numbers; evaluation uses only tensor
 * operations, so the result is differentiable with respect to the network (through the derivatives supplied) and
 * the unknown parameters. An expression without fields or variables evaluates to a scalar tensor.
 */
public final class BoundExpression {

    /** Compiled form: a tensor from the per-evaluation cache. */
    private interface Code {
        Tensor eval(Cache c);
    }

    /** A folded constant. */
    private record Const(double value) implements Code {
        @Override
        public Tensor eval(Cache c) {
            return Tensor.scalar(value);
        }
    }

    /** Asks the {@link Evaluation} for each symbol once. */
    private static final class Cache {
        final Evaluation env;
        final Map<Object, Tensor> values = new HashMap<>();

        Cache(Evaluation env) {
            this.env = env;
        }

        Tensor get(Object key, Function<Evaluation, Tensor> supplier) {
            Tensor t = values.get(key);
            if (t == null) {
                t = supplier.apply(env);
                if (t == null) {
                    throw new IllegalStateException("evaluation returned no tensor for '" + key + "'");
                }
                values.put(key, t);
            }
            return t;
        }
    }

    private final Expression expression;
    private final Vocabulary vocabulary;
    private final Set<Derivative> derivatives = new TreeSet<>();
    private final Set<String> parameters = new TreeSet<>();
    private final Set<String> unknownParameters = new TreeSet<>();
    private final Set<String> variables = new TreeSet<>();
    private final Code code;

    BoundExpression(Expression expression, Vocabulary vocabulary) {
        this.expression = expression;
        this.vocabulary = vocabulary;
        this.code = compile(expression.root());
    }

    /** The distinct fields and field derivatives used, sorted by field, total order, then variable order. */
    public List<Derivative> derivatives() {
        return List.copyOf(derivatives);
    }

    /** Names of the parameters used, known and unknown, sorted. */
    public Set<String> parameters() {
        return Collections.unmodifiableSet(parameters);
    }

    /** Names of the unknown parameters used, sorted: the ones {@link Evaluation#parameter} is asked for. */
    public Set<String> unknownParameters() {
        return Collections.unmodifiableSet(unknownParameters);
    }

    /** Names of the variables used explicitly (as in {@code sin(pi*x)}), sorted. */
    public Set<String> variables() {
        return Collections.unmodifiableSet(variables);
    }

    /** The parsed expression. */
    public Expression expression() {
        return expression;
    }

    /** The vocabulary it was bound against. */
    public Vocabulary vocabulary() {
        return vocabulary;
    }

    /**
     * Evaluates on the tensors {@code env} supplies, recording the operations when autodiff records.
     *
     * @return shape (N, 1) for (N, 1) inputs; a scalar for an expression of constants only
     */
    public Tensor evaluate(Evaluation env) {
        return code.eval(new Cache(env));
    }

    /** The source text. */
    @Override
    public String toString() {
        return expression.source();
    }

    // ================================================================== compilation

    private Code compile(Node node) {
        if (node instanceof Num n) {
            return new Const(n.value());
        } else if (node instanceof Name n) {
            return resolve(n);
        } else if (node instanceof Neg n) {
            Code a = compile(n.operand());
            return fold(c -> a.eval(c).neg(), a);
        } else if (node instanceof Binary b) {
            return binary(b.op(), compile(b.left()), compile(b.right()));
        }
        Call call = (Call) node;
        if (call.function().equals("lap") || call.function().equals("div")) {
            return differential(call);
        }
        List<Code> args = new ArrayList<>();
        call.args().forEach(a -> args.add(compile(a)));
        Code a = args.get(0);
        return switch (call.function()) {
            case "sin" -> fold(c -> a.eval(c).sin(), a);
            case "cos" -> fold(c -> a.eval(c).cos(), a);
            case "tan" -> fold(c -> {
                Tensor x = a.eval(c);
                return x.sin().div(x.cos());
            }, a);
            case "exp" -> fold(c -> a.eval(c).exp(), a);
            case "log" -> fold(c -> a.eval(c).log(), a);
            case "sqrt" -> fold(c -> a.eval(c).sqrt(), a);
            case "tanh" -> fold(c -> a.eval(c).tanh(), a);
            case "abs" -> fold(c -> a.eval(c).abs(), a);
            case "sigmoid" -> fold(c -> a.eval(c).sigmoid(), a);
            case "softplus" -> fold(c -> a.eval(c).softplus(), a);
            case "atan" -> fold(c -> Atan2.of(a.eval(c), Tensor.scalar(1)), a);
            case "atan2" -> { // atan2(a, b): the angle of (b, a), its cut along a = 0, b < 0
                Code b = args.get(1);
                yield fold(c -> Atan2.of(a.eval(c), b.eval(c)), a, b);
            }
            case "pow" -> binary('^', a, args.get(1));
            case "min", "max" -> {
                Code b = args.get(1);
                boolean min = call.function().equals("min");
                yield fold(c -> {
                    Tensor x = a.eval(c);
                    Tensor y = b.eval(c);
                    return Tensor.where((min ? x.lt(y) : x.gt(y)).detach(), x, y);
                }, a, b);
            }
            default -> throw new IllegalStateException(call.function());
        };
    }

    /**
     * {@code lap(u)}: the sum of u's second derivatives along each space variable; {@code div(u, v, ...)}: the sum
     * of each argument's derivative along the space variable of its position. The arguments are fields or field
     * derivatives ({@code lap(u_t)} is allowed), written as names.
     */
    private Code differential(Call call) {
        List<String> space = vocabulary.space();
        boolean lap = call.function().equals("lap");
        if (space.isEmpty()) {
            throw expression.error(call.offset(), "'" + call.function() + "' needs space variables; this problem"
                    + " has none (variables: " + String.join(", ", vocabulary.variables()) + ")");
        }
        if (!lap && call.args().size() != space.size()) {
            throw expression.error(call.offset(), "'div' takes one field per space variable (" + String.join(", ",
                    space) + "), got " + call.args().size());
        }
        Code sum = null;
        for (int k = 0; k < space.size(); k++) {
            Node arg = call.args().get(lap ? 0 : k);
            if (!(arg instanceof Name n) || fieldOrders(n.name()) == null) {
                throw expression.error(arg.offset(), "the argument of '" + call.function() + "' must be a field or a"
                        + " field's derivative, e.g. " + call.function() + "(" + (lap ? "u" : "u, v") + ")");
            }
            Object[] fo = fieldOrders(n.name());
            int[] orders = ((int[]) fo[1]).clone();
            orders[vocabulary.variableIndex(space.get(k))] += lap ? 2 : 1;
            Code term = field((String) fo[0], orders);
            Code previous = sum;
            sum = previous == null ? term : c -> previous.eval(c).add(term.eval(c));
        }
        return sum;
    }

    /** {@code {field, orders}} for a field's or field derivative's name, or null. */
    private Object[] fieldOrders(String name) {
        if (vocabulary.fieldIndex(name) >= 0) {
            return new Object[] {name, new int[vocabulary.variables().size()]};
        }
        for (int i = name.indexOf('_'); i > 0; i = name.indexOf('_', i + 1)) {
            int[] orders = orders(name.substring(i + 1));
            if (vocabulary.fieldIndex(name.substring(0, i)) >= 0 && orders != null) {
                return new Object[] {name.substring(0, i), orders};
            }
        }
        return null;
    }

    /** {@code u_n} on a boundary: the sum over space variables of the normal's component times u's derivative. */
    private Code normalDerivative(String field) {
        Code sum = null;
        for (String v : vocabulary.space()) {
            int[] orders = new int[vocabulary.variables().size()];
            orders[vocabulary.variableIndex(v)] = 1;
            Code d = field(field, orders);
            String normal = Vocabulary.NORMAL_PREFIX + v;
            Code term = c -> c.get("aux:" + normal, env -> env.auxiliary(normal)).mul(d.eval(c));
            Code previous = sum;
            sum = previous == null ? term : c -> previous.eval(c).add(term.eval(c));
        }
        return sum;
    }

    private Code binary(char op, Code l, Code r) {
        Double lc = l instanceof Const k ? k.value() : null;
        Double rc = r instanceof Const k ? k.value() : null;
        // identities (m*u_tt with m = 1, u + 0): no operation is recorded for them in every training step
        if ((op == '*' && Objects.equals(lc, 1.0)) || (op == '+' && Objects.equals(lc, 0.0))) {
            return r;
        }
        if (((op == '*' || op == '/' || op == '^') && Objects.equals(rc, 1.0))
                || ((op == '+' || op == '-') && Objects.equals(rc, 0.0))) {
            return l;
        }
        Code code = switch (op) {
            case '+' -> rc != null ? c -> l.eval(c).add(rc) : lc != null ? c -> r.eval(c).add(lc)
                    : c -> l.eval(c).add(r.eval(c));
            case '-' -> rc != null ? c -> l.eval(c).sub(rc) : lc != null ? c -> r.eval(c).rsub(lc)
                    : c -> l.eval(c).sub(r.eval(c));
            case '*' -> rc != null ? c -> l.eval(c).mul(rc) : lc != null ? c -> r.eval(c).mul(lc)
                    : c -> l.eval(c).mul(r.eval(c));
            case '/' -> rc != null ? c -> l.eval(c).div(rc) : c -> l.eval(c).div(r.eval(c));
            case '^' -> rc != null ? c -> l.eval(c).pow(rc) : c -> l.eval(c).pow(r.eval(c));
            default -> throw new IllegalStateException("operator " + op);
        };
        return fold(code, l, r);
    }

    /** {@code code} itself, or its value when all its operands are constants. */
    private static Code fold(Code code, Code... operands) {
        for (Code o : operands) {
            if (!(o instanceof Const)) {
                return code;
            }
        }
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            return new Const(code.eval(null).item());
        }
    }

    // ================================================================== names

    private Code resolve(Name n) {
        String name = n.name();
        var parameter = vocabulary.parameter(name);
        if (parameter.isPresent()) {
            parameters.add(name);
            if (!parameter.get().unknown()) {
                return new Const(parameter.get().value());
            }
            unknownParameters.add(name);
            return c -> c.get(name, env -> env.parameter(name));
        }
        int v = vocabulary.variableIndex(name);
        if (v >= 0) {
            variables.add(name);
            return c -> c.get(v, env -> env.variable(v));
        }
        if (vocabulary.fieldIndex(name) >= 0) {
            return field(name, new int[vocabulary.variables().size()]);
        }
        if (Expression.CONSTANTS.containsKey(name)) {
            return new Const(Expression.CONSTANTS.get(name));
        }
        if (vocabulary.normalNames().contains(name)) {
            return c -> c.get("aux:" + name, env -> env.auxiliary(name));
        }
        // derivative: the first split at a '_' with a field before it and variable letters after it
        Object[] fo = fieldOrders(name);
        if (fo != null) {
            return field((String) fo[0], (int[]) fo[1]);
        }
        if (vocabulary.normals() && name.endsWith("_n") && vocabulary.fieldIndex(name.substring(0, name.length() - 2))
                >= 0) {
            return normalDerivative(name.substring(0, name.length() - 2));
        }
        throw unresolved(n);
    }

    private Code field(String field, int[] orders) {
        StringBuilder suffix = new StringBuilder();
        for (int v = 0; v < orders.length; v++) {
            suffix.append(vocabulary.variables().get(v).repeat(orders[v]));
        }
        String canonical = suffix.length() == 0 ? field : field + "_" + suffix;
        Derivative d = new Derivative(field, vocabulary.fieldIndex(field), orders, canonical);
        derivatives.add(d);
        return c -> c.get(d, env -> env.derivative(d));
    }

    /** Orders along each variable for a suffix of one-letter variable names, or null if it is not one. */
    private int[] orders(String suffix) {
        int[] orders = new int[vocabulary.variables().size()];
        for (int j = 0; j < suffix.length(); j++) {
            int v = vocabulary.variableIndex(suffix.substring(j, j + 1));
            if (v < 0) {
                return null;
            }
            orders[v]++;
        }
        return suffix.isEmpty() ? null : orders;
    }

    /** The most helpful error for a name that resolves to nothing. */
    private ExpressionException unresolved(Name n) {
        String name = n.name();
        if (name.endsWith("_n") && vocabulary.fieldIndex(name.substring(0, name.length() - 2)) >= 0) {
            return expression.error(n.offset(), "the normal derivative '" + name + "' is defined on a boundary only:"
                    + " use it in a boundary condition");
        }
        if (name.startsWith(Vocabulary.NORMAL_PREFIX)) {
            return expression.error(n.offset(), "the normal '" + name + "' is defined on a boundary only"
                    + (vocabulary.normals() ? " (space variables: " + String.join(", ", vocabulary.space()) + ")"
                    : ": use it in a boundary condition"));
        }
        int underscore = name.indexOf('_');
        for (int i = underscore; i > 0; i = name.indexOf('_', i + 1)) {
            String base = name.substring(0, i);
            String kind = vocabulary.kindOf(base);
            if ("field".equals(kind)) {
                String suffix = name.substring(i + 1);
                int j = 0;
                while (j < suffix.length() && vocabulary.variableIndex(suffix.substring(j, j + 1)) >= 0) {
                    j++;
                }
                String what = suffix.isEmpty() ? "no variable after '_' in '" + name + "'"
                        : "'" + suffix.charAt(j) + "' in '" + name + "' is not a variable";
                return expression.error(n.offset() + i + 1 + j, what + "; derivatives are written "
                        + "<field>_<variables>, one letter per variable (variables: "
                        + String.join(", ", vocabulary.variables()) + ")");
            } else if (kind != null) {
                return expression.error(n.offset(), "cannot differentiate '" + base + "': it is a " + kind
                        + ", not a field (fields: " + String.join(", ", vocabulary.fields()) + ")");
            }
        }
        String near = Expression.closest(name, vocabulary.symbols());
        if (near == null && underscore > 0) {
            String field = Expression.closest(name.substring(0, underscore), vocabulary.fields());
            near = field == null ? null : field + name.substring(underscore);
        }
        return expression.error(n.offset(), "unknown symbol '" + name + "'"
                + (near != null ? "; did you mean '" + near + "'?" : "") + " (known: " + vocabulary + ")");
    }
}
