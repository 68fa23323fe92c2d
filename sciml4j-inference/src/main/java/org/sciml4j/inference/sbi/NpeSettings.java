package org.sciml4j.inference.sbi;

import org.sciml4j.inference.flow.FlowSpec;

/**
 * How NPE trains (defaults as sbi's SNPE-C): the flow, mini-batch size, Adam's learning rate, the share of
 * simulations held out for validation, early stopping after {@code patience} passes over the training set without a
 * better validation loss, a cap on passes, and gradient clipping by global norm.
 *
 * @param flow               the conditional flow q(theta | x)
 * @param batchSize          pairs per Adam step (sbi: 50)
 * @param learningRate       Adam's rate (sbi: 5e-4)
 * @param validationFraction share held out, in (0, 0.5] (sbi: 0.1)
 * @param patience           passes without improvement before stopping (sbi: 20)
 * @param maxPasses          at most this many passes over the training pairs
 * @param clipNorm           gradients are scaled to this global norm at most (sbi: 5); infinity: no clipping
 */
public record NpeSettings(FlowSpec flow, int batchSize, double learningRate, double validationFraction, int patience,
                          int maxPasses, double clipNorm) {

    /** Checks every value; the message names the field. */
    public NpeSettings {
        check(batchSize >= 1, "batch_size must be >= 1, got " + batchSize);
        check(learningRate > 0 && Double.isFinite(learningRate), "learning_rate must be finite and > 0, got "
                + learningRate);
        check(validationFraction > 0 && validationFraction <= 0.5, "validation_fraction must be in (0, 0.5], got "
                + validationFraction);
        check(patience >= 1, "patience must be >= 1, got " + patience);
        check(maxPasses >= 1, "max_epochs must be >= 1, got " + maxPasses);
        check(clipNorm > 0, "clip_norm must be > 0, got " + clipNorm);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** sbi's defaults with a cap of 1000 passes. */
    public static NpeSettings sbiDefaults() {
        return new NpeSettings(FlowSpec.sbiDefault(), 50, 5e-4, 0.1, 20, 1000, 5);
    }
}
