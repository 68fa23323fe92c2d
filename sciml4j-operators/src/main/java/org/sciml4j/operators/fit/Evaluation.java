package org.sciml4j.operators.fit;

import org.sciml4j.operators.OperatorModel;
import org.sciml4j.tensor.Autodiff;
import org.sciml4j.tensor.Tensor;

/**
 * Test figures of a trained operator: per-function relative L2 errors, their mean and worst, and the mean square
 * error over every test value.
 *
 * @param relative           per test function, {@code ||pred - true|| / ||true||}
 * @param meanRelative       mean of {@code relative}
 * @param worstRelative      largest of {@code relative}
 * @param mse                mean square error over all test values
 */
public record Evaluation(double[] relative, double meanRelative, double worstRelative, double mse) {

    /**
     * Evaluates the model on test pairs in chunks of {@code chunk} functions, without recording.
     *
     * @param inputs  {@code (N, ...)}
     * @param outputs {@code (N, ...)} as the model returns them
     */
    public static Evaluation of(OperatorModel model, Tensor inputs, Tensor outputs, int chunk) {
        int n = inputs.size(0);
        double[] rel = new double[n];
        double sq = 0;
        long count = 0;
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            for (int from = 0; from < n; from += chunk) {
                int to = Math.min(n, from + chunk);
                double[] p = model.apply(inputs.slice(0, from, to)).toArray();
                double[] t = outputs.slice(0, from, to).toArray();
                int per = t.length / (to - from);
                for (int i = 0; i < to - from; i++) {
                    double d2 = 0;
                    double t2 = 0;
                    for (int j = i * per; j < (i + 1) * per; j++) {
                        double d = p[j] - t[j];
                        d2 += d * d;
                        t2 += t[j] * t[j];
                    }
                    rel[from + i] = Math.sqrt(d2 / t2);
                    sq += d2;
                }
                count += t.length;
            }
        }
        double mean = 0;
        double worst = 0;
        for (double r : rel) {
            mean += r / n;
            worst = Math.max(worst, r);
        }
        return new Evaluation(rel, mean, worst, sq / count);
    }
}
