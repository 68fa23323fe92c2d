package org.sciml4j.domain.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sciml4j.tensor.Tensor;

class ExpressionTest {
    private static final Vocabulary XY = Vocabulary.builder().variables("x", "y").build();

    /** Value of a constant expression (folded at bind time). */
    static double constant(String text) {
        return Expression.parse(text).bind(XY).evaluate(null).item();
    }

    /** Value at x = 2, y = 0.5, evaluated with tensor operations on (3, 1) points. */
    static double at(String text) {
        Tensor x = Tensor.full(2.0, 3, 1);
        Tensor y = Tensor.full(0.5, 3, 1);
        Tensor r = Expression.parse(text).bind(XY).evaluate(Evaluation.of(List.of(x, y), Map.of(), Map.of()));
        assertThat(r.shape()).containsExactly(3, 1);
        return r.get(1, 0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "1 + 2; 3", "7 - 2.5; 4.5", "3 * 4; 12", "1 / 4; 0.25", "2 ^ 10; 1024", "2 ** 3; 8", "-3; -3", "+3; 3",
        "1e-3; 0.001", ".5; 0.5", "1E+2; 100", "2.5e1; 25", "1.; 1",
        "2^3^2; 512", "-2^2; -4", "(-2)^2; 4", "1-2-3; -4", "8/2/2; 2", "2^-1; 0.5", "1 + 2*3; 7", "(1 + 2)*3; 9",
        "-2*3; -6", "2*-3; -6", "--2; 2", "6/-2^2; -1.5", "pow(2, 3); 8", "min(2, 3); 2", "max(2, 3); 3",
        "abs(-1.5); 1.5", "sqrt(16); 4", "exp(0); 1", "log(e); 1", "cos(pi); -1", "sin(pi/2); 1", "tan(pi/4); 1",
        "tanh(0); 0", "sigmoid(0); 0.5", "softplus(0); 0.6931471805599453", "2*pi; 6.283185307179586"})
    void constantsFold(String text, double expected) {
        assertThat(constant(text)).isCloseTo(expected, within(1e-12));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "x + y; 2.5", "x - y; 1.5", "y - x; -1.5", "1 - x; -1", "x * y; 1", "x / y; 4", "1 / y; 2", "x ^ 3; 8",
        "x^3^2; 512", "3^x; 9", "x^y; 1.4142135623730951", "-x^2; -4", "x-y-1; 0.5", "8/x/x; 2", "-x; -2",
        "sin(x); 0.9092974268256817", "cos(x); -0.4161468365471424", "tan(y); 0.5463024898437905",
        "exp(y); 1.6487212707001282", "log(x); 0.6931471805599453", "sqrt(x); 1.4142135623730951",
        "tanh(y); 0.46211715726000974", "abs(y - x); 1.5", "sigmoid(x); 0.8807970779778823",
        "softplus(x); 2.1269280110429727", "pow(x, y); 1.4142135623730951", "min(x, y); 0.5", "max(x, y); 2",
        "2*pi^2*sin(pi*y); 19.739208802178716"})
    void tensorEvaluation(String text, double expected) {
        assertThat(at(text)).isCloseTo(expected, within(1e-12));
    }

    @Test
    void treeShowsPrecedenceAndAssociativity() {
        assertThat(Expression.parse("-x^2 + a*b/c - d").toString()).isEqualTo("(((-(x ^ 2)) + ((a * b) / c)) - d)");
        assertThat(Expression.parse("2^3^2").toString()).isEqualTo("(2 ^ (3 ^ 2))");
        assertThat(Expression.parse("u_t + u*u_x - (0.01/pi)*u_xx").toString())
                .isEqualTo("((u_t + (u * u_x)) - ((0.01 / pi) * u_xx))");
        assertThat(Expression.parse("pow(x, 2) + sin(pi*x)").root()).isInstanceOf(Expression.Binary.class);
        assertThat(Expression.parse("pow(x, 2) + sin(pi*x)").toString()).isEqualTo("(pow(x, 2) + sin((pi * x)))");
    }

    @Test
    void parseRemembersItsPlaceInTheFile() {
        Expression e = Expression.parse("u_t + u", 12, 9);
        assertThat(e.source()).isEqualTo("u_t + u");
        assertThat(e.line()).isEqualTo(12);
        assertThat(e.column()).isEqualTo(9);
    }
}
