package org.sciml4j.pinn;

import java.util.Objects;

import org.sciml4j.domain.expr.BoundExpression;
import org.sciml4j.domain.expr.Expression;
import org.sciml4j.domain.expr.ExpressionException;
import org.sciml4j.domain.expr.Vocabulary;

/**
 * One equality a condition imposes at its points, written as text: {@code "u = 1"}, {@code "u_t = 0"},
 * {@code "u = cos(pi*x)"}, or an expression alone, which must vanish ({@code "u_t + u"} means
 * {@code u_t + u = 0}). Its residual is {@code lhs - rhs}.
 *
 * @param lhs the left side
 * @param rhs the right side ({@code 0} when the text has no '=')
 */
public record Requirement(Expression lhs, Expression rhs) {

    /** Checks both sides are present. */
    public Requirement {
        Objects.requireNonNull(lhs, "lhs");
        Objects.requireNonNull(rhs, "rhs");
    }

    /** Parses {@code "lhs = rhs"} or {@code "expr"}; errors point into {@code text}. */
    public static Requirement parse(String text) {
        return parse(text, 1, 1);
    }

    /**
     * Parses {@code "lhs = rhs"} or {@code "expr"} that starts at {@code line}, {@code column} of a file, so that
     * errors name that place.
     *
     * @throws ExpressionException for a syntax error or more than one '='
     */
    public static Requirement parse(String text, int line, int column) {
        Objects.requireNonNull(text, "requirement text");
        int eq = text.indexOf('=');
        if (eq < 0) {
            return new Requirement(Expression.parse(text, line, column), Expression.parse("0"));
        }
        int second = text.indexOf('=', eq + 1);
        if (second >= 0) {
            // reuse the parser's error format: a caret under the second '='
            throw ExpressionException.at(text, second, line, column,
                    "a requirement has one '=': write it as 'left = right', e.g. 'u_t = 0'");
        }
        Expression lhs = Expression.parse(text.substring(0, eq), line, column);
        Expression rhs = Expression.parse(text.substring(eq + 1), line, column + eq + 1);
        return new Requirement(lhs, rhs);
    }

    /** Both sides bound against {@code vocabulary}: {@code [lhs, rhs]}. */
    BoundExpression[] bind(Vocabulary vocabulary) {
        return new BoundExpression[] {lhs.bind(vocabulary), rhs.bind(vocabulary)};
    }

    /** {@code "lhs = rhs"}. */
    @Override
    public String toString() {
        return lhs.source().strip() + " = " + rhs.source().strip();
    }
}
