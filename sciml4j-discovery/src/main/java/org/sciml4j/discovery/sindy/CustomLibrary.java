package org.sciml4j.discovery.sindy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sciml4j.domain.expr.BoundExpression;
import org.sciml4j.domain.expr.Evaluation;
import org.sciml4j.domain.expr.Expression;
import org.sciml4j.domain.expr.Vocabulary;
import org.sciml4j.tensor.Tensor;

/**
 * Features written in the problem-file expression language ({@code sin(x) * y}, {@code exp(-x^2)}), over the inputs
 * by name. Each feature's name is its source text. Expressions are bound when the input names are known; an unknown
 * name raises the language's {@link org.sciml4j.domain.expr.ExpressionException} placed at its line and column.
 */
public final class CustomLibrary implements FeatureLibrary {
    private final List<Expression> terms;
    private final List<String> inputs;
    private final List<BoundExpression> bound;

    /**
     * @param terms  the parsed expressions, at least one
     * @param inputs the names of the input columns the terms may use, in column order
     * @throws org.sciml4j.domain.expr.ExpressionException if a term uses an unknown name (placed at its position)
     */
    public CustomLibrary(List<Expression> terms, List<String> inputs) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a custom library needs at least one term");
        }
        this.terms = List.copyOf(terms);
        this.inputs = List.copyOf(inputs);
        Vocabulary v = Vocabulary.builder().fields(inputs.toArray(String[]::new)).build();
        List<BoundExpression> b = new ArrayList<>();
        for (Expression e : terms) {
            b.add(e.bind(v));
        }
        this.bound = List.copyOf(b);
    }

    /** Parses each text (positions unknown: line and column 1). */
    public static CustomLibrary of(List<String> inputs, String... texts) {
        List<Expression> e = new ArrayList<>();
        for (String s : texts) {
            e.add(Expression.parse(s));
        }
        return new CustomLibrary(e, inputs);
    }

    @Override
    public List<String> names(List<String> inputNames) {
        List<String> names = new ArrayList<>();
        for (Expression e : terms) {
            names.add(e.source().trim());
        }
        return names;
    }

    /** Evaluates the terms; {@code m} must be the number of inputs named at construction. */
    @Override
    public double[] transform(double[] x, int n, int m) {
        if (m != inputs.size()) {
            throw new IllegalArgumentException("the custom terms were written for inputs " + inputs + " but "
                    + m + " input columns were given");
        }
        Map<String, Tensor> columns = new HashMap<>();
        for (int j = 0; j < m; j++) {
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                c[i] = x[i * m + j];
            }
            columns.put(inputs.get(j), Tensor.of(c, n, 1));
        }
        Evaluation env = Evaluation.of(List.of(), columns, Map.of());
        int k = bound.size();
        double[] out = new double[n * k];
        for (int f = 0; f < k; f++) {
            double[] v = bound.get(f).evaluate(env).toArray();
            for (int i = 0; i < n; i++) {
                out[i * k + f] = v.length == 1 ? v[0] : v[i];
            }
        }
        return out;
    }

    @Override
    public String describe() {
        return "custom" + names(inputs);
    }
}
