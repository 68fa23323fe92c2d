package org.sciml4j.domain.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class ErrorTest {
    private static ExpressionException parseError(String text, int line, int column) {
        return catchThrowableOfType(() -> Expression.parse(text, line, column), ExpressionException.class);
    }

    private static ExpressionException bindError(String text, Vocabulary v) {
        return catchThrowableOfType(() -> Expression.parse(text, 3, 10).bind(v), ExpressionException.class);
    }

    @Test
    void unbalancedParentheses() {
        ExpressionException e = parseError("(u_t + u", 7, 14);
        assertThat(e).hasMessage("line 7, column 22: missing ')'\n  (u_t + u\n          ^");
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.column()).isEqualTo(22);
        assertThat(e.hint()).isEqualTo("missing ')'");
        assertThat(e.sourceLine()).isEqualTo("(u_t + u");
        assertThat(parseError("sin(x + 1", 1, 1)).hasMessage("line 1, column 10: missing ')'\n  sin(x + 1\n           ^");
        assertThat(parseError("u_t + u) * 2", 1, 1))
                .hasMessage("line 1, column 8: unexpected ')': no matching '('\n  u_t + u) * 2\n         ^");
    }

    @Test
    void trailingAndMisplacedOperators() {
        assertThat(parseError("u_t + ", 2, 5))
                .hasMessage("line 2, column 10: expression expected after '+'\n  u_t +\n       ^");
        assertThat(parseError("u * * v", 1, 1)).hasMessage("line 1, column 5: unexpected '*'\n  u * * v\n      ^");
        assertThat(parseError("2 x", 1, 1)).hasMessage("line 1, column 3: missing operator before 'x'\n  2 x\n    ^");
        assertThat(parseError("", 1, 1)).hasMessage("line 1, column 1: empty expression\n  \n  ^");
        assertThat(parseError("u # 2", 1, 1)).hasMessage("line 1, column 3: unexpected character '#'\n  u # 2\n    ^");
    }

    @Test
    void badNumbers() {
        assertThat(parseError("u_t + 1e-*u", 4, 1))
                .hasMessage("line 4, column 10: number expected after 'e' in '1e-'\n  u_t + 1e-*u\n           ^");
        assertThat(parseError("1 + .", 1, 1)).hasMessage("line 1, column 5: digit expected after '.'\n  1 + .\n      ^");
    }

    @Test
    void functionsAreChecked() {
        assertThat(parseError("sinn(x)", 1, 1))
                .hasMessage("line 1, column 1: unknown function 'sinn'; did you mean 'sin'?\n  sinn(x)\n  ^");
        assertThat(parseError("2 + u(x)", 1, 1)).hasMessage(
                "line 1, column 5: 'u' is not a function; missing '*' before '('?\n  2 + u(x)\n      ^");
        assertThat(parseError("pow(x)", 1, 1)).hasMessage("line 1, column 1: 'pow' takes 2 arguments, got 1\n"
                + "  pow(x)\n  ^");
        assertThat(parseError("sin * x", 1, 1))
                .hasMessage("line 1, column 1: 'sin' is a function: write sin(...)\n  sin * x\n  ^");
    }

    @Test
    void unknownSymbolWithSuggestion() {
        assertThat(bindError("m*u_tt + cc*u_t + k*u", BindingTest.OSCILLATOR)).hasMessage(
                "line 3, column 19: unknown symbol 'cc'; did you mean 'c'? (known: variables t; fields u; "
                        + "parameters m, c, k; constants pi, e)\n  m*u_tt + cc*u_t + k*u\n           ^");
        assertThat(bindError("uu_t + u", BindingTest.OSCILLATOR).hint()).isEqualTo("unknown symbol 'uu_t'; did you "
                + "mean 'u_t'? (known: variables t; fields u; parameters m, c, k; constants pi, e)");
        assertThat(bindError("q + u", BindingTest.OSCILLATOR).hint()).isEqualTo(
                "unknown symbol 'q' (known: variables t; fields u; parameters m, c, k; constants pi, e)");
    }

    @Test
    void derivativeOfANonField() {
        assertThat(bindError("u_t + c_t", BindingTest.OSCILLATOR)).hasMessage(
                "line 3, column 16: cannot differentiate 'c': it is a parameter, not a field (fields: u)\n"
                        + "  u_t + c_t\n        ^");
        assertThat(bindError("t_t", BindingTest.OSCILLATOR).hint())
                .isEqualTo("cannot differentiate 't': it is a variable, not a field (fields: u)");
    }

    @Test
    void derivativeAlongAnUnknownVariable() {
        assertThat(bindError("u_t + u_xy", BindingTest.BURGERS)).hasMessage(
                "line 3, column 19: 'y' in 'u_xy' is not a variable; derivatives are written <field>_<variables>, "
                        + "one letter per variable (variables: t, x)\n  u_t + u_xy\n           ^");
        assertThat(bindError("u_", BindingTest.BURGERS).hint()).startsWith("no variable after '_' in 'u_';");
    }

    @Test
    void multiLineTextReportsTheLineItIsOn() {
        ExpressionException e = parseError("u_t\n  + * u", 5, 7);
        assertThat(e).hasMessage("line 6, column 5: unexpected '*'\n    + * u\n      ^");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedNotAStackOverflow() {
        // the 20000 parentheses are longer than the length limit; 4000 are not
        assertThat(parseError("(".repeat(20000) + "x" + ")".repeat(20000), 1, 1).hint())
                .startsWith("the expression is 40001 characters long");
        String deep = "(".repeat(4000) + "x" + ")".repeat(4000);
        ExpressionException e = parseError(deep, 4, 3);
        assertThat(e.hint()).isEqualTo("the expression is nested more than 200 deep (parentheses, calls, signs and"
                + " powers); hint: simplify it");
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.column()).isEqualTo(3 + 200);
        assertThat(parseError("-".repeat(5000) + "x", 1, 1).hint()).startsWith("the expression is nested more than 200");
        assertThat(parseError("x^".repeat(3000) + "x", 1, 1).hint()).startsWith("the expression is nested more than 200");
        assertThat(parseError("sin(".repeat(300) + "x" + ")".repeat(300), 1, 1).hint())
                .startsWith("the expression is nested more than 200");
        // at the limit it parses: 199 parentheses inside the top level
        assertThat(Expression.parse("(".repeat(199) + "x" + ")".repeat(199)).toString()).isNotEmpty();
    }

    @Test
    void textLongerThanTheLimitIsRefused() {
        String longest = "x" + "+x".repeat((Parser.MAX_LENGTH - 1) / 2);
        assertThat(Expression.parse(longest).toString()).isNotEmpty();
        ExpressionException e = parseError(longest + "+x", 2, 1);
        assertThat(e.hint()).isEqualTo("the expression is " + (longest.length() + 2) + " characters long, more than"
                + " the limit of 10000; hint: split it using parameters or shorter terms");
        assertThat(e.line()).isEqualTo(2);
    }

    @Test
    void theLongestChainEvaluatesAndDifferentiatesWithoutAStackOverflow() {
        // 5000 terms make a tree 5000 deep (the sums associate to the left): evaluation and backward must cope
        String chain = "u" + "+u".repeat((Parser.MAX_LENGTH - 1) / 2);
        BoundExpression b = Expression.parse(chain).bind(BindingTest.BURGERS);
        org.sciml4j.tensor.Tensor u = org.sciml4j.tensor.Tensor.vector(1.5, -2).reshape(2, 1).requireGrad();
        org.sciml4j.tensor.Tensor r = b.evaluate(Evaluation.of(java.util.List.of(), java.util.Map.of("u", u),
                java.util.Map.of()));
        assertThat(r.toArray()).containsExactly(1.5 * 5000, -2.0 * 5000);
        assertThat(org.sciml4j.tensor.Autodiff.grad(r.sum(), u)[0].toArray()).containsExactly(5000.0, 5000.0);
    }
}
