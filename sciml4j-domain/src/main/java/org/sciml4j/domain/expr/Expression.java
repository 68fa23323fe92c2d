package org.sciml4j.domain.expr;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A parsed expression: an immutable syntax tree plus the text it came from and where that text lies in its file.
 *
 * <p>Grammar (lowest precedence first; {@code ^} is right-associative and binds tighter than unary minus, so
 * {@code -x^2 = -(x^2)} and {@code 2^3^2 = 2^9}; {@code **} is accepted for {@code ^}):
 * <pre>
 * expr    = term (('+' | '-') term)*
 * term    = unary (('*' | '/') unary)*
 * unary   = ('-' | '+') unary | power
 * power   = primary ('^' unary)?
 * primary = number | name | name '(' expr (',' expr)* ')' | '(' expr ')'
 * number  = digits ['.' digits] [('e'|'E') ['+'|'-'] digits]  |  '.' digits [exponent]
 * name    = letter (letter | digit | '_')*
 * </pre>
 * Functions: {@code sin cos tan exp log sqrt tanh abs sigmoid softplus atan} (one argument), {@code pow min max atan2}
 * (two; {@code atan2(a, b)} is the angle of the point (b, a), its branch cut along a = 0, b < 0);
 * differential operators on fields: {@code lap(u)} (Laplacian over the space variables) and {@code div(u, v)}
 * (divergence: one field per space variable), see {@link BoundExpression}.
 * Constants: {@code pi}, {@code e}. Names are resolved later, by {@link #bind(Vocabulary)}.
 */
public final class Expression {

    /** The arity of a function that takes one or more arguments ({@code div}). */
    static final int ANY_ARITY = -1;

    /** Functions and their number of arguments. */
    static final Map<String, Integer> FUNCTIONS = Map.ofEntries(Map.entry("sin", 1), Map.entry("cos", 1),
            Map.entry("tan", 1), Map.entry("exp", 1), Map.entry("log", 1), Map.entry("sqrt", 1),
            Map.entry("tanh", 1), Map.entry("abs", 1), Map.entry("sigmoid", 1), Map.entry("softplus", 1),
            Map.entry("pow", 2), Map.entry("min", 2), Map.entry("max", 2), Map.entry("lap", 1),
            Map.entry("atan", 1), Map.entry("atan2", 2),
            Map.entry("div", ANY_ARITY));

    /** Named constants. */
    static final Map<String, Double> CONSTANTS = Map.of("pi", Math.PI, "e", Math.E);

    /** A node of the syntax tree; {@code offset} is its character position in the expression text. */
    public sealed interface Node permits Num, Name, Neg, Binary, Call {
        /** Character offset of the node in the expression text. */
        int offset();
    }

    /**
     * A number literal.
     *
     * @param value its value
     * @param offset its position
     */
    public record Num(double value, int offset) implements Node {
        @Override
        public String toString() {
            return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                    : Double.toString(value);
        }
    }

    /**
     * A name: variable, field, derivative, parameter or constant.
     *
     * @param name the name
     * @param offset its position
     */
    public record Name(String name, int offset) implements Node {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Unary minus.
     *
     * @param operand the negated expression
     * @param offset position of '-'
     */
    public record Neg(Node operand, int offset) implements Node {
        @Override
        public String toString() {
            return "(-" + operand + ")";
        }
    }

    /**
     * A binary operation.
     *
     * @param op     one of {@code + - * / ^}
     * @param left   left operand
     * @param right  right operand
     * @param offset position of the operator
     */
    public record Binary(char op, Node left, Node right, int offset) implements Node {
        @Override
        public String toString() {
            return "(" + left + " " + op + " " + right + ")";
        }
    }

    /**
     * A function call.
     *
     * @param function its name
     * @param args its arguments
     * @param offset position of the name
     */
    public record Call(String function, List<Node> args, int offset) implements Node {
        /** Copies the argument list. */
        public Call {
            args = List.copyOf(args);
        }

        @Override
        public String toString() {
            return function + args.stream().map(Node::toString).collect(Collectors.joining(", ", "(", ")"));
        }
    }

    private final String source;
    private final int line;
    private final int column;
    private final Node root;

    Expression(String source, int line, int column, Node root) {
        this.source = source;
        this.line = line;
        this.column = column;
        this.root = root;
    }

    /** Parses {@code text}; errors are reported as line 1, with columns counted from 1 at the text's start. */
    public static Expression parse(String text) {
        return parse(text, 1, 1);
    }

    /**
     * Parses {@code text} that starts at {@code line}, {@code column} (1-based) of a file, so errors name the file's
     * position. For text spanning lines, later lines are taken to start at column 1.
     *
     * @throws ExpressionException on a syntax error
     */
    public static Expression parse(String text, int line, int column) {
        return new Parser(text, line, column).parse();
    }

    /**
     * Resolves the names against a vocabulary.
     *
     * @throws ExpressionException for an unknown name, a derivative of a non-field or along a non-variable
     */
    public BoundExpression bind(Vocabulary vocabulary) {
        return new BoundExpression(this, vocabulary);
    }

    /** The syntax tree. */
    public Node root() {
        return root;
    }

    /** The text this was parsed from. */
    public String source() {
        return source;
    }

    /** Line of the text's start in its file. */
    public int line() {
        return line;
    }

    /** Column of the text's start in its file. */
    public int column() {
        return column;
    }

    /** An error at {@code offset} of the text. */
    ExpressionException error(int offset, String hint) {
        return ExpressionException.at(source, offset, line, column, hint);
    }

    /** The tree fully parenthesised, e.g. {@code ((-(x ^ 2)) + 1)}. */
    @Override
    public String toString() {
        return root.toString();
    }

    /** The Levenshtein (edit) distance between two names, for "did you mean" hints here and in problem files. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * The candidate closest to {@code name} if close enough to be a likely typo (first wins ties), else null: at most
     * a third of the letters (at least one) differ, and not all of them ('q' suggests nothing).
     */
    static String closest(String name, List<String> candidates) {
        int limit = Math.min(name.length() - 1, Math.max(1, name.length() / 3));
        return candidates.stream().filter(c -> distance(name, c) <= limit)
                .min(Comparator.comparingInt(c -> distance(name, c))).orElse(null);
    }
}
