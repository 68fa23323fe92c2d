package org.sciml4j.operators.fit;

import org.sciml4j.tensor.Tensor;

/** How a batch of predicted functions is compared with the true ones. */
public enum OperatorLoss {
    /**
     * Mean over the batch of {@code ||pred_i - true_i||_2 / ||true_i||_2} over each function's grid values
     * (neuraloperator's {@code LpLoss}, averaged instead of summed).
     */
    RELATIVE_L2("relative_l2"),
    /** Mean square error over every value of the batch. */
    MSE("mse");

    private final String term;

    OperatorLoss(String term) {
        this.term = term;
    }

    /** The loss-history column name. */
    public String term() {
        return term;
    }

    /**
     * The loss of a batch.
     *
     * @param pred  {@code (B, ...)}
     * @param truth same shape
     * @return a scalar tensor, recorded when {@code pred} is tracked
     */
    public Tensor of(Tensor pred, Tensor truth) {
        if (this == MSE) {
            return pred.sub(truth).square().mean();
        }
        int b = pred.size(0);
        Tensor diff = pred.sub(truth).reshape(b, -1).square().sum(new int[] {1}, false).sqrt();
        Tensor norm = truth.reshape(b, -1).square().sum(new int[] {1}, false).sqrt();
        return diff.div(norm).mean();
    }

    /** The loss of a name: {@code relative_l2} (alias {@code relative}) or {@code mse}; null for another. */
    public static OperatorLoss named(String name) {
        return switch (name) {
            case "relative_l2", "relative" -> RELATIVE_L2;
            case "mse" -> MSE;
            default -> null;
        };
    }
}
