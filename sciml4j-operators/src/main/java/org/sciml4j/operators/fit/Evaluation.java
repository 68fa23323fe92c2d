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
        return compare(predict(model, inputs, chunk), outputs);
    }

    /** The model's outputs for {@code inputs (N, ...)}, in chunks of {@code chunk} functions, not recorded. */
    public static Tensor predict(OperatorModel model, Tensor inputs, int chunk) {
        int n = inputs.size(0);
        Tensor[] parts = new Tensor[(n + chunk - 1) / chunk];
        try (Autodiff.Scope s = Autodiff.noGrad()) {
            for (int i = 0; i < parts.length; i++) {
                parts[i] = model.apply(inputs.slice(0, i * chunk, Math.min(n, (i + 1) * chunk)));
            }
        }
        return parts.length == 1 ? parts[0] : Tensor.concat(0, parts);
    }

    /** The figures of predictions against the truth, both {@code (N, ...)} of one shape. */
    public static Evaluation compare(Tensor predicted, Tensor truth) {
        int n = truth.size(0);
        double[] p = predicted.data();
        double[] t = truth.data();
        int per = t.length / n;
        double[] rel = new double[n];
        double sq = 0;
        double mean = 0;
        double worst = 0;
        for (int i = 0; i < n; i++) {
            double d2 = 0;
            double t2 = 0;
            for (int j = i * per; j < (i + 1) * per; j++) {
                double d = p[j] - t[j];
                d2 += d * d;
                t2 += t[j] * t[j];
            }
            rel[i] = Math.sqrt(d2 / t2);
            sq += d2;
            mean += rel[i] / n;
            worst = Math.max(worst, rel[i]);
        }
        return new Evaluation(rel, mean, worst, sq / t.length);
    }
}
